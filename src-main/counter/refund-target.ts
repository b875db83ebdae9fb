/**
 * What a refund starts from, for a pharmacy sale (2103) and an outpatient bill (2208) alike: the
 * settlement by msgid — this counter's, or with a shop store one settled at another till or window
 * (issue 20; the refund is still this counter's call, journaled and reversed here) — and a refund
 * of it already made, here or at any counter of the shop.
 */
import type { CounterApp } from '../app/counter-app';
import type { JournalEntry } from '../journal/journal-store';
import { otherTillSettlement, shopRefundOf } from '../shop/shop-settlements';
import { envelopeField } from './journal-records';
import { priorSuccess } from './prior-attempts';
import { REFUND_CODES, SETTLE_CODES, type SettledKey, type SettlementHistory, type SettlementKind } from './settlement-history';

export interface RefundTarget {
  readonly key: SettledKey;
  /** For a settlement made elsewhere: the insured area it went to (this till may never have read the person). */
  readonly insuplcAdmdvs?: string;
  /** The counter that made the settlement, when it is not this one. */
  readonly counterName?: string;
}

export async function settlementToRefund(
  app: Pick<CounterApp, 'shop'>,
  history: SettlementHistory,
  msgid: string,
  kind: SettlementKind,
): Promise<RefundTarget | null> {
  const mine = history.settlement(msgid, kind);
  if (mine) return { key: mine.key };
  if (!app.shop) return null;
  const there = await otherTillSettlement(app.shop, msgid, SETTLE_CODES[kind]);
  if (!there) return null;
  return {
    key: there.key,
    insuplcAdmdvs: envelopeField(there.entry, 'insuplc_admdvs') || undefined,
    counterName: there.counter.name,
  };
}

/** A successful refund of this settlement made here or (with a shop store) at another counter; `what` names it in errors. */
export async function earlierRefund(
  app: Pick<CounterApp, 'shop'>,
  history: SettlementHistory,
  setlId: string,
  kind: SettlementKind,
  what: string,
): Promise<JournalEntry | null> {
  const here = priorSuccess(history.refundCalls(kind, setlId), what);
  if (here || !app.shop) return here ?? null;
  return shopRefundOf(app.shop, setlId, REFUND_CODES[kind]);
}
