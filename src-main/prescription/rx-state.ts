/**
 * The counter's view of one electronic prescription, step by step. The center enforces its
 * own machine; this one stops the cashier from calling a step that cannot succeed and says
 * what to do next. Pure, so it is tested without a center.
 */
import { YibaoError } from '../core/errors';

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

const RULES: Readonly<Record<RxStep, { from: readonly (RxLocalState | 'new')[]; to: RxLocalState; label: string }>> = {
  authorize: { from: ['new', 'authorized'], to: 'authorized', label: '授权 (7201)' },
  download: { from: ['authorized', 'downloaded'], to: 'downloaded', label: '下载 (7204)' },
  verify: { from: ['downloaded', 'verified'], to: 'verified', label: '核验 (7205)' },
  auditPass: { from: ['verified'], to: 'audited', label: '审方 (7206)' },
  auditFail: { from: ['verified'], to: 'refused', label: '审方 (7206)' },
  settle: { from: ['audited'], to: 'settled', label: '结算 (2102)' },
  saleUpload: { from: ['settled'], to: 'sold', label: '销售出库上传 (7207)' },
  // A settlement refunded before 7207 leaves nothing at the center to revoke: back to audited.
  refund: { from: ['sold', 'settled'], to: 'refunded', label: '退费 (2103)' },
  saleRevoke: { from: ['refunded'], to: 'audited', label: '撤销出库 (7208)' },
  deliver: { from: ['sold', 'delivering'], to: 'delivering', label: '配送同步 (7209)' },
  sign: { from: ['delivering'], to: 'signed', label: '签收确认 (7210)' },
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

/** What the cashier should do next in each state. */
export const RX_NEXT_HINT: Readonly<Record<RxLocalState, string>> = {
  authorized: '下载处方 (7204)',
  downloaded: '核验处方 (7205)',
  verified: '药师审方 (7206)',
  audited: '转入购药并结算',
  refused: '审方未通过, 不能配药; 请参保人回医院修改处方',
  settled: '上传销售出库明细 (7207)',
  sold: '如需配送, 同步配送信息 (7209)',
  refunded: '撤销销售出库 (7208)',
  delivering: '送达后签收确认 (7210)',
  signed: '流程结束',
};

export function canStep(state: RxLocalState | 'new', step: RxStep): boolean {
  return RULES[step].from.includes(state);
}

/** The state after `step`, or E_RX_STATE naming the current state and the next step. */
export function nextState(state: RxLocalState | 'new', step: RxStep, hiRxno = ''): RxLocalState {
  const rule = RULES[step];
  if (!rule.from.includes(state)) {
    const now = state === 'new' ? '未授权' : RX_STATE_LABELS[state];
    const hint = state === 'new' ? '先授权 (7201)' : RX_NEXT_HINT[state];
    throw new YibaoError('E_RX_STATE', `处方 ${hiRxno} 当前${now}, 不能${rule.label}; 下一步: ${hint}`, { state, step });
  }
  // A refund before 7207 was accepted has no sale at the center to revoke.
  if (step === 'refund' && state === 'settled') return 'audited';
  return rule.to;
}
