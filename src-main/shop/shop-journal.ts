/**
 * 交易流水 across the counters of a shop (issue 20): every counter's entries from the shop store, each
 * with the name of the counter holding it. Read-only: resolving and refunding stay with that counter.
 * The CLI (`yibao journal --shop`) and the screen's 全店 view ask here.
 */
import { YibaoError } from '../core/errors';
import type { CounterApp } from '../app/counter-app';
import type { JournalEntry, JournalState } from '../journal/journal-store';
import { journalDetailOf, journalRow } from '../counter/journal-view';
import type { JournalDetail, JournalRow } from '../counter/views';
import type { ShopLink } from './shop-link';

export interface ShopJournalFilter {
  readonly states?: readonly JournalState[];
  readonly since?: string;
  readonly infno?: string;
  readonly textContains?: string;
  /** One counter's entries only, by its name. */
  readonly counter?: string;
  readonly limit?: number;
}

export type ShopJournalRow = JournalEntry & { readonly counter: string; readonly mine: boolean };

function requireShop(app: CounterApp): ShopLink {
  if (!app.shop) throw new YibaoError('E_SHOP_NOT_CONFIGURED', '本机没有配置门店库 (shop.postgresUrl), 只能查看本机流水');
  return app.shop;
}

/** This counter's pending pushes go first, so its own newest entries are in the answer. */
export async function shopJournalRows(app: CounterApp, filter: ShopJournalFilter): Promise<ShopJournalRow[]> {
  const shop = requireShop(app);
  await shop.pusher.pushAll();
  let counterId: string | undefined;
  if (filter.counter) {
    counterId = (await shop.store.counters()).find((c) => c.name === filter.counter)?.counterId;
    if (!counterId) throw new YibaoError('E_SHOP_COUNTER_UNKNOWN', `门店库中没有名为 "${filter.counter}" 的收银台`);
  }
  const found = await shop.store.entries({
    fixmedinsCode: app.loaded.config.institution.fixmedinsCode,
    states: filter.states,
    since: filter.since,
    infnos: filter.infno ? [filter.infno] : undefined,
    textContains: filter.textContains,
    counterId,
    limit: filter.limit,
  });
  return found.map((f) => ({ ...f.entry, counter: f.counter.name, mine: f.counter.counterId === shop.counter.counterId }));
}

/**
 * A row of the screen's 全店 交易流水: the screen's row shape plus the counter holding the entry and
 * whether that is this counter (only this counter's rows can be acted on).
 */
export type ShopJournalView = JournalRow & { readonly counter: string; readonly mine: boolean };

export async function shopJournalView(app: CounterApp, filter: ShopJournalFilter): Promise<ShopJournalView[]> {
  return (await shopJournalRows(app, filter)).map((r) => ({ ...journalRow(r), counter: r.counter, mine: r.mine }));
}

/** The detail of a shop entry, as read-only as the row: what the holding counter journaled, with its 2601s. */
export type ShopJournalDetail = JournalDetail & { readonly counter: string; readonly mine: boolean };

export async function shopJournalDetail(app: CounterApp, msgid: string): Promise<ShopJournalDetail> {
  const shop = requireShop(app);
  const fixmedinsCode = app.loaded.config.institution.fixmedinsCode;
  const [found] = await shop.store.entries({ fixmedinsCode, msgid, limit: 1 });
  if (!found) throw new YibaoError('E_JOURNAL_NOT_FOUND', `门店库中没有报文ID为 ${msgid} 的流水`);
  const reversals = (await shop.store.entries({ fixmedinsCode, infnos: ['2601'], textContains: msgid, limit: 100 }))
    .filter((r) => r.reversesMsgid === msgid)
    .map((r) => r.entry)
    .reverse();
  const original = found.reversesMsgid
    ? ((await shop.store.entries({ fixmedinsCode, msgid: found.reversesMsgid, limit: 1 }))[0]?.entry ?? null)
    : null;
  return {
    ...journalDetailOf(found.entry, reversals, original),
    counter: found.counter.name,
    mine: found.counter.counterId === shop.counter.counterId,
  };
}
