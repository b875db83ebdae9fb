/**
 * Settlements made at another counter of the shop (issue 20), for a refund at this one: the
 * settlement is read from the shop store; the refund itself is this counter's call, journaled
 * (and reversed by 2601 if its outcome is lost) here like any other.
 */
import { block, inputOf, str } from '../counter/journal-records';
import { settledKeyOf, type SettledKey } from '../counter/settlement-history';
import type { JournalEntry } from '../journal/journal-store';
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
