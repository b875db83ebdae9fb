/**
 * A business refusal from the sandbox center: answered as infcode -1 (or the given code)
 * with err_msg, and nothing the handler did is kept (its transaction rolls back).
 */
export class CenterReject extends Error {
  constructor(
    readonly errMsg: string,
    readonly infcode = -1,
  ) {
    super(errMsg);
    this.name = 'CenterReject';
  }
}

export function reject(errMsg: string): never {
  throw new CenterReject(errMsg);
}

/** Stable err_msg texts the client relies on for 2601 outcomes (documented in the README). */
export const REVERSAL_MESSAGES = {
  originalNotFound: '原交易不存在: 中心未收到该报文, 无需冲正',
  originalFailed: '原交易未成功, 无需冲正',
  notReversible: '原交易不允许冲正',
  alreadyReversed: '原交易已冲正, 不能重复冲正',
} as const;
