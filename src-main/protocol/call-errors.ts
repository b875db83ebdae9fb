/**
 * The three ways a call to the center can fail. Every later module (journal, reversal,
 * UI) decides by this classification:
 *  - not-sent:  the request never left (refused, DNS, TLS, connect timeout): nothing happened at the center.
 *  - rejected:  the center answered and refused (infcode ≠ 0, or the gateway answered 4xx): nothing applied.
 *  - unknown:   it may or may not have been applied (timeout after sending, reset mid-response,
 *               HTTP 5xx, unparseable or invalid answer): reversible calls must be reversed by 2601.
 */
import { YibaoError } from '../core/errors';

export type FailureKind = 'not-sent' | 'rejected' | 'unknown';

export interface CallIdentity {
  readonly infno: string;
  readonly msgid: string;
}

export abstract class CenterCallError extends YibaoError {
  abstract readonly kind: FailureKind;
  constructor(
    code: string,
    messageZh: string,
    readonly call: CallIdentity,
    detail: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(code, messageZh, { infno: call.infno, msgid: call.msgid, ...detail }, options);
  }
}

export class NotSentError extends CenterCallError {
  readonly kind = 'not-sent' as const;
  override name = 'NotSentError';
}

export class RejectedError extends CenterCallError {
  readonly kind = 'rejected' as const;
  override name = 'RejectedError';
  constructor(
    code: string,
    messageZh: string,
    call: CallIdentity,
    readonly errMsg: string,
    readonly infcode: number | null,
    readonly infRefmsgid: string | null,
    detail: Record<string, unknown> = {},
  ) {
    super(code, messageZh, call, { errMsg, infcode, infRefmsgid, ...detail });
  }
}

export class UnknownOutcomeError extends CenterCallError {
  readonly kind = 'unknown' as const;
  override name = 'UnknownOutcomeError';
}

export function isCenterCallError(e: unknown): e is CenterCallError {
  return e instanceof CenterCallError;
}
