/**
 * The day's or a shift's report for the whole shop or one of its counters (issue 20), from the
 * shop store: the same report as a counter's own (daily-report.ts), over the entries every counter
 * pushed. This counter pushes what waits first; another counter's entries are as fresh as its last push.
 */
import { YibaoError } from '../core/errors';
import type { ShopLink } from '../shop/shop-link';
import type { ShopCounter } from '../shop/shop-store';
import { reportOfEntries } from './daily-report';
import { journalWindow } from '../journal/day-window';
import type { DailyReport } from './views';

export interface ShopReportRequest {
  readonly date: string;
  /** A shift: this operator only, from their last sign-in that day at any counter. */
  readonly opter?: string;
  /** One counter, by name or terminalSlot; omitted: the whole shop. */
  readonly counter?: string;
}

function pickCounter(counters: readonly ShopCounter[], wanted: string): ShopCounter {
  const found = counters.find((c) => c.name === wanted || String(c.slot) === wanted);
  if (!found) {
    const known = counters.map((c) => `${c.slot} ${c.name}`).join(', ');
    throw new YibaoError('E_SHOP_COUNTER_UNKNOWN', `门店库没有收银台 "${wanted}" (已登记: ${known || '无'})`, { wanted });
  }
  return found;
}

export async function shopDailyReport(
  shop: Pick<ShopLink, 'store' | 'pusher' | 'counter'>,
  institution: { fixmedinsCode: string; fixmedinsName: string },
  request: ShopReportRequest,
  now: Date = new Date(),
): Promise<DailyReport> {
  await shop.pusher.pushAll();
  const counter = request.counter === undefined ? undefined : pickCounter(await shop.store.counters(), request.counter);
  const found = await shop.store.entries({
    fixmedinsCode: institution.fixmedinsCode,
    ...journalWindow(request.date),
    counterId: counter?.counterId,
    opter: request.opter,
    limit: 100_000,
  });
  const entries = found
    .map((f) => f.entry)
    .filter((e) => e.reversesId === null)
    .reverse();
  let since = `${request.date} 00:00:00`;
  let opterName = '';
  if (request.opter) {
    const signIn = entries.filter((e) => e.infno === '9001' && e.state === 'ok' && e.preparedAt.startsWith(request.date)).pop();
    if (signIn) since = signIn.preparedAt;
    opterName = signIn?.opterName ?? '';
  }
  return reportOfEntries(
    entries,
    {
      fixmedinsCode: institution.fixmedinsCode,
      fixmedinsName: `${institution.fixmedinsName} · ${counter ? counter.name : '全部收银台'}`,
      date: request.date,
      opter: request.opter,
      opterName,
      since,
    },
    now,
  );
}
