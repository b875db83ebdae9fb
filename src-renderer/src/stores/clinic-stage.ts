/**
 * Where a clinic visit stands and what F5 / F6 may do, from the clinic store's state. Each part of 门诊收费 reads
 * these through its own store subscription, so a part is drawn again only when what it shows changes (issue 17).
 */
import type { BillView, VisitView } from '../../../src-main/api/contract';
import { draftKey } from './draft-lines';

export type ClinicStage = 'register' | 'info' | 'fees' | 'settle' | 'done';

/** What of the clinic store these read. */
export interface StageState {
  readonly visit: VisitView | null;
  readonly activeBill: string | null;
  readonly result: object | null;
  readonly busy: string | null;
  readonly lines: readonly unknown[];
  readonly pre: object | null;
  readonly preKey: string | null;
  readonly acctUsed: boolean;
}

/** A pre-settlement holds for the bill and the 个人账户 choice it was asked with. */
export function preKeyFor(activeBill: string | null, acctUsed: boolean): string {
  return draftKey([activeBill, acctUsed]);
}

/** The visit's bill being pre-settled or settled. */
export function activeBillOf(s: Pick<StageState, 'visit' | 'activeBill'>): BillView | null {
  return s.visit?.bills.find((b) => b.chrgBchno === s.activeBill) ?? null;
}

/** To register, its 就诊信息 to upload, fees to enter, a bill to settle, or settled. */
export function clinicStage(s: Pick<StageState, 'visit' | 'activeBill' | 'result'>): ClinicStage {
  if (!s.visit) return 'register';
  if (!s.visit.medType) return 'info';
  if (s.result) return 'done';
  const bill = activeBillOf(s);
  return bill && bill.state !== 'settled' && bill.state !== 'cancelled' ? 'settle' : 'fees';
}

/** F5: new lines to upload, or the active bill to pre-settle, and nothing in flight. */
export function canPreSettleClinic(s: StageState): boolean {
  if (s.busy !== null || !s.visit || s.visit.cancelled) return false;
  const stage = clinicStage(s);
  return (stage === 'fees' && s.lines.length > 0) || stage === 'settle';
}

/** The pre-settlement on screen was asked for exactly this bill and 个人账户 choice. */
export function preIsFresh(s: Pick<StageState, 'pre' | 'preKey' | 'activeBill' | 'acctUsed'>): boolean {
  return s.pre !== null && s.preKey === preKeyFor(s.activeBill, s.acctUsed);
}

/** F6: a fresh pre-settlement of the bill to settle, and nothing in flight. */
export function canSettleClinic(s: StageState): boolean {
  return s.busy === null && clinicStage(s) === 'settle' && preIsFresh(s);
}
