/**
 * 交易流水 across the counters of a shop (issue 20): every counter's entries from the shop store, each
 * with the name of the counter holding it. Read-only: resolving and refunding stay with that counter.
 * The CLI (`yibao journal --shop`) asks here; the screen's 全店 view is meant to as well.
 */
import { YibaoError } from '../core/errors';
import type { CounterApp } from '../app/counter-app';
import type { JournalEntry, JournalState } from '../journal/journal-store';
import { journalRow } from '../counter/journal-view';
import type { JournalRow } from '../counter/views';

export interface ShopJournalFilter {
  readonly states?: readonly JournalState[];
  readonly since?: string;
  readonly infno?: string;
  readonly textContains?: string;
  readonly limit?: number;
}

export type ShopJournalRow = JournalEntry & { readonly counter: string };

/** This counter's pending pushes go first, so its own newest entries are in the answer. */
export async function shopJournalRows(app: CounterApp, filter: ShopJournalFilter): Promise<ShopJournalRow[]> {
  if (!app.shop) throw new YibaoError('E_SHOP_NOT_CONFIGURED', '本机没有配置门店库 (shop.postgresUrl), 只能查看本机流水');
  await app.shop.pusher.pushAll();
  const found = await app.shop.store.entries({
    fixmedinsCode: app.loaded.config.institution.fixmedinsCode,
    states: filter.states,
    since: filter.since,
    infnos: filter.infno ? [filter.infno] : undefined,
    textContains: filter.textContains,
    limit: filter.limit,
  });
  return found.map((f) => ({ ...f.entry, counter: f.counter.name }));
}

/** A row of the screen's 全店 交易流水: the screen's row shape plus the counter holding the entry. */
export type ShopJournalView = JournalRow & { readonly counter: string };

export async function shopJournalView(app: CounterApp, filter: ShopJournalFilter): Promise<ShopJournalView[]> {
  return (await shopJournalRows(app, filter)).map((r) => ({ ...journalRow(r), counter: r.counter }));
}
