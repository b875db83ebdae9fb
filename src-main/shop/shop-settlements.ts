/**
 * Settlements made at another counter of the shop (issue 20), for a refund at this one: the
 * settlement is read from the shop store; the refund itself is this counter's call, journaled
 * (and reversed by 2601 if its outcome is lost) here like any other.
 */
import { block, inputOf, str } from '../counter/journal-records';
import { journalRow } from '../counter/journal-view';
import { REFUND_CODES, SETTLE_CODES, settledKeyOf, type SettledKey, type SettlementKind } from '../counter/settlement-history';
import type { JournalEntry } from '../journal/journal-store';
import type { ShopJournalView } from './shop-journal';
import type { ShopLink } from './shop-link';
import type { ShopCounter } from './shop-store';

export interface OtherTillSettlement {
  readonly entry: JournalEntry;
  readonly key: SettledKey;
  readonly counter: ShopCounter;
}

/** A successful settlement (one of `codes`) of this institution made at another counter, by msgid. */
export async function otherTillSettlement(
  shop: Pick<ShopLink, 'store' | 'counter'>,
  msgid: string,
  codes: readonly string[],
): Promise<OtherTillSettlement | null> {
  const [found] = await shop.store.entries({
    fixmedinsCode: shop.counter.fixmedinsCode,
    msgid,
    infnos: codes,
    states: ['ok'],
    limit: 1,
  });
  if (!found || found.counter.counterId === shop.counter.counterId) return null;
  const key = settledKeyOf(found.entry);
  return key ? { entry: found.entry, key, counter: found.counter } : null;
}

/**
 * A successful refund of this settlement made at any counter of the shop, or null (also when the
 * shop store cannot be reached: the center refuses a second refund of one settlement anyway).
 */
export async function shopRefundOf(
  shop: Pick<ShopLink, 'store' | 'counter'>,
  setlId: string,
  codes: readonly string[],
): Promise<JournalEntry | null> {
  const found = await shop.store
    .entries({ fixmedinsCode: shop.counter.fixmedinsCode, infnos: codes, states: ['ok'], textContains: setlId, limit: 20 })
    .catch(() => []);
  return found.map((f) => f.entry).find((e) => str(block(inputOf(e), 'data'), 'setl_id') === setlId) ?? null;
}

/**
 * Successful refunds (`codes`) made at other counters of the shop for the visit `mdtrtId`, oldest
 * first; none when the shop store cannot be reached (the visit then shows what this counter knows).
 */
export async function shopRefundsOfVisit(
  shop: Pick<ShopLink, 'store' | 'counter'>,
  mdtrtId: string,
  codes: readonly string[],
): Promise<JournalEntry[]> {
  const found = await shop.store
    .entries({ fixmedinsCode: shop.counter.fixmedinsCode, infnos: codes, states: ['ok'], textContains: mdtrtId, limit: 100 })
    .catch(() => []);
  return found
    .filter((f) => f.counter.counterId !== shop.counter.counterId && str(block(inputOf(f.entry), 'data'), 'mdtrt_id') === mdtrtId)
    .map((f) => f.entry)
    .reverse();
}

/** A settlement made at another counter, as the refund lookup lists it. */
export type OtherTillSettlementView = ShopJournalView & {
  readonly setlId: string;
  /** Refunded already, at any counter of the shop. */
  readonly refunded: boolean;
};

/**
 * Successful settlements of `kind` made at other counters of the shop whose record contains `text`
 * (name, 人员编号, 结算ID, msgid; all when empty), newest first, each marked when it was refunded
 * (this counter's refunds are pushed first, so its own are counted).
 */
export async function otherTillSettlements(
  shop: Pick<ShopLink, 'store' | 'counter' | 'pusher'>,
  kind: SettlementKind,
  text: string | undefined,
  limit = 100,
): Promise<OtherTillSettlementView[]> {
  await shop.pusher.pushAll();
  const fixmedinsCode = shop.counter.fixmedinsCode;
  const found = await shop.store.entries({
    fixmedinsCode,
    infnos: SETTLE_CODES[kind],
    states: ['ok'],
    textContains: text?.trim() || undefined,
    limit,
  });
  const others = found.filter((f) => f.counter.counterId !== shop.counter.counterId);
  if (others.length === 0) return [];
  const since = others.reduce(
    (min, f) => (f.entry.preparedAt < min ? f.entry.preparedAt : min),
    others[0]?.entry.preparedAt ?? '',
  );
  const refunds = await shop.store.entries({ fixmedinsCode, infnos: REFUND_CODES[kind], states: ['ok'], since, limit: 100_000 });
  const refunded = new Set(refunds.map((r) => str(block(inputOf(r.entry), 'data'), 'setl_id')));
  return others.flatMap((f) => {
    const key = settledKeyOf(f.entry);
    if (!key) return [];
    return [
      { ...journalRow(f.entry), counter: f.counter.name, mine: false, setlId: key.setlId, refunded: refunded.has(key.setlId) },
    ];
  });
}
