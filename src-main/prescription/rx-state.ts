/**
 * The counter's view of one electronic prescription, step by step. The center enforces its
 * own machine; this one stops the cashier from calling a step that cannot succeed and says
 * what to do next. Pure, so it is tested without a center.
 */
import { YibaoError } from '../core/errors';
import type { RxCode, RxCodeStep } from '../registry/profile';

export const RX_LOCAL_STATES = [
  'authorized',
  'downloaded',
  'verified',
  'audited',
  'refused',
  /** Settled (2102) but 7207 not yet accepted. */
  'settled',
  'sold',
  /** Refunded (2103) after 7207; 7208 not yet accepted. */
  'refunded',
  'delivering',
  'signed',
] as const;
export type RxLocalState = (typeof RX_LOCAL_STATES)[number];

export const RX_STEPS = [
  'authorize',
  'download',
  'verify',
  'auditPass',
  'auditFail',
  'settle',
  'saleUpload',
  'refund',
  'saleRevoke',
  'deliver',
  'sign',
] as const;
export type RxStep = (typeof RX_STEPS)[number];

/**
 * Each step's code: the region's for the 电子处方 steps (profile rxCodes: 湖北 downloads with 7203,
 * audits with 7204), the settlement's own for 结算 / 退费.
 */
const STEP_CODE: Readonly<Record<RxStep, RxCodeStep | '2102' | '2103'>> = {
  authorize: 'authorize',
  download: 'download',
  verify: 'verify',
  auditPass: 'audit',
  auditFail: 'audit',
  settle: '2102',
  saleUpload: 'saleUpload',
  refund: '2103',
  saleRevoke: 'saleRevoke',
  deliver: 'deliver',
  sign: 'sign',
};

const RULES: Readonly<Record<RxStep, { from: readonly (RxLocalState | 'new')[]; to: RxLocalState; label: string }>> = {
  authorize: { from: ['new', 'authorized'], to: 'authorized', label: '授权' },
  download: { from: ['authorized', 'downloaded'], to: 'downloaded', label: '下载' },
  verify: { from: ['downloaded', 'verified'], to: 'verified', label: '核验' },
  auditPass: { from: ['verified'], to: 'audited', label: '审方' },
  auditFail: { from: ['verified'], to: 'refused', label: '审方' },
  settle: { from: ['audited'], to: 'settled', label: '结算' },
  saleUpload: { from: ['settled'], to: 'sold', label: '销售出库上传' },
  // A settlement refunded before 7207 leaves nothing at the center to revoke: back to audited.
  refund: { from: ['sold', 'settled'], to: 'refunded', label: '退费' },
  saleRevoke: { from: ['refunded'], to: 'audited', label: '撤销出库' },
  deliver: { from: ['sold', 'delivering'], to: 'delivering', label: '配送同步' },
  sign: { from: ['delivering'], to: 'signed', label: '签收确认' },
};

export const RX_STATE_LABELS: Readonly<Record<RxLocalState, string>> = {
  authorized: '已授权',
  downloaded: '已下载',
  verified: '已核验',
  audited: '已审方',
  refused: '审方未通过',
  settled: '已结算, 待上传出库',
  sold: '已销售出库',
  refunded: '已退费, 待撤销出库',
  delivering: '配送中',
  signed: '已签收',
};

/** What the cashier should do next in each state, and the step whose code it names. */
const NEXT: Readonly<Record<RxLocalState, { readonly text: string; readonly step?: RxStep }>> = {
  authorized: { text: '下载处方', step: 'download' },
  downloaded: { text: '核验处方', step: 'verify' },
  verified: { text: '药师审方', step: 'auditPass' },
  audited: { text: '转入购药并结算' },
  refused: { text: '审方未通过, 不能配药; 请参保人回医院修改处方' },
  settled: { text: '上传销售出库明细', step: 'saleUpload' },
  sold: { text: '如需配送, 同步配送信息', step: 'deliver' },
  refunded: { text: '撤销销售出库', step: 'saleRevoke' },
  delivering: { text: '送达后签收确认', step: 'sign' },
  signed: { text: '流程结束' },
};

/** The step's code as the region sends it, in brackets: 「(7203)」, 「(随审核 7204)」, 「(本地区无此交易)」. */
export function rxStepCode(step: RxStep, codes: Readonly<Record<RxCodeStep, RxCode>>): string {
  const key = STEP_CODE[step];
  if (key === '2102' || key === '2103') return `(${key})`;
  const code = codes[key];
  if (code === 'with-audit') return `(随审核 ${codes.audit})`;
  if (code === 'not-used') return '(本地区无此交易)';
  return `(${code})`;
}

/** What to do next in `state`, naming the region's code. */
export function rxNextHint(state: RxLocalState, codes: Readonly<Record<RxCodeStep, RxCode>>): string {
  const next = NEXT[state];
  return next.step ? `${next.text} ${rxStepCode(next.step, codes)}` : next.text;
}

export function canStep(state: RxLocalState | 'new', step: RxStep): boolean {
  return RULES[step].from.includes(state);
}

/** The state after `step`, or E_RX_STATE naming the current state and the next step (with the region's codes). */
export function nextState(
  state: RxLocalState | 'new',
  step: RxStep,
  hiRxno: string,
  codes: Readonly<Record<RxCodeStep, RxCode>>,
): RxLocalState {
  const rule = RULES[step];
  if (!rule.from.includes(state)) {
    const now = state === 'new' ? '未授权' : RX_STATE_LABELS[state];
    const hint = state === 'new' ? `先授权 ${rxStepCode('authorize', codes)}` : rxNextHint(state, codes);
    const what = `${rule.label} ${rxStepCode(step, codes)}`;
    throw new YibaoError('E_RX_STATE', `处方 ${hiRxno} 当前${now}, 不能${what}; 下一步: ${hint}`, { state, step });
  }
  // A refund before 7207 was accepted has no sale at the center to revoke.
  if (step === 'refund' && state === 'settled') return 'audited';
  return rule.to;
}
