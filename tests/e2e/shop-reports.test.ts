/**
 * 对账与报表 of a two-till shop in the browser (issue 20): a real PostgreSQL shop store, this counter
 * in web mode and a second till of the same shop driven through its services. The report offers
 * 本机 / 全店 / the other till and shows each one's sales; the day's 对账 run at the other till
 * shows here with who ran it and when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileDay } from '../../src-main/reconcile/daily-reconcile';
import { formatDate } from '../../src-main/core/time';
import type { PersonRow } from '../../src-main/sandbox/store';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';
import { openCounter, sell, type Counter } from '../helpers/reconcile-counter';
import { OPERATOR, personsOf, typicalBasket } from '../helpers/sandbox-fixtures';
import { PHARMACY } from '../helpers/sandbox-harness';
import { refundAtOtherTill } from './after-sale-checks';
import { serviceSeller, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let postgres: TestPostgres;
let e: CounterE2E;
let other: Counter;

beforeAll(async () => {
  postgres = await startTestPostgres();
  e = await startCounterE2E({ shop: { postgresUrl: postgres.url, counterName: '一号台' } });
  other = await openCounter(e.h, 'till-2', {
    institution: { ...PHARMACY, terminalSlot: 1 },
    shop: { postgresUrl: postgres.url, counterName: '二号台' },
  });
}, 180_000);
afterAll(async () => {
  await e?.close();
  postgres?.close();
});

async function pickScope(e: CounterE2E, label: string): Promise<void> {
  await e.page.getByTestId('report-scope').click();
  await e.page.locator('.ant-select-item-option').filter({ hasText: label }).click();
}

describe('对账与报表 of a shop', () => {
  it('reports 本机 / 全店 / the other till and shows the 对账 the other till ran', async () => {
    const { page } = e;
    await signIn(page, OPERATOR.opter, OPERATOR.opterName);
    const sellHere = await serviceSeller(e);
    await sellHere('E2ESHOP00001', 2);
    const store = e.h.sandbox.center.store;
    await sell(other, personsOf(store, 'emp-active', 50_000)[5] as PersonRow, typicalBasket(store));
    await sell(other, personsOf(store, 'emp-active', 50_000)[6] as PersonRow, typicalBasket(store));
    await other.app.shop?.pusher.pushAll();

    await page.getByTestId('menu').getByText('对账与报表').click();
    const count = () => page.getByTestId('report-settle-count').textContent();
    await expect.poll(count, { timeout: UI_TIMEOUT }).toBe('1');
    await pickScope(e, '全店');
    await expect.poll(count, { timeout: UI_TIMEOUT }).toBe('3');
    await pickScope(e, '收银台: 二号台');
    await expect.poll(count, { timeout: UI_TIMEOUT }).toBe('2');

    // The other till runs the day's 对账 for the shop; this screen shows it after a refresh.
    const run = await reconcileDay(other.app, { date: formatDate(new Date()) });
    expect(run.run.result).toBe('balanced');
    await page.getByTestId('report-refresh').click();
    await expect
      .poll(() => page.getByTestId('reconcile-ran-by').first().textContent(), { timeout: UI_TIMEOUT })
      .toContain('由 二号台 于');
    await page.setViewportSize({ width: 1366, height: 768 });
    await e.shot('shop-reports', { window: true });
    await e.shot('shop-reports-full');
    expect(e.pageErrors).toEqual([]);
  }, 240_000);

  it('refunds on the pharmacy screen (历史 · 退费) a sale settled at the other till, once', async () => {
    const { page } = e;
    const store = e.h.sandbox.center.store;
    const sale = await sell(other, personsOf(store, 'emp-active', 50_000)[7] as PersonRow, typicalBasket(store));
    const setlId = sale.settlement.setlId ?? '';
    await other.app.shop?.pusher.pushAll();
    const refundsAtCenter = () => store.messages.query({ infno: '2103', outcome: 'ok', limit: 10 }).length;
    const before = refundsAtCenter();

    await page.keyboard.press('F2');
    await page.keyboard.press('F8');
    await page.getByTestId('other-window').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('other-window').textContent()).toContain('其他收银台的结算');
    await refundAtOtherTill(e, { setlId, msgid: sale.settlement.msgid, counter: '二号台', infno: '2103' });
    await e.shot('shop-pharmacy-other-till-refund', { window: true });

    // One 2103 at the center, journaled at this till (一号台), none at the till that sold.
    expect(store.settlements.get(setlId)?.state).toBe('cancelled');
    expect(refundsAtCenter()).toBe(before + 1);
    const here = e.web.app.journal.list({ infno: '2103', states: ['ok'], limit: 10 });
    expect(here.map((r) => JSON.parse(r.requestJson).input.data.setl_id)).toEqual([setlId]);
    expect(other.app.journal.list({ infno: '2103', limit: 10 })).toHaveLength(0);
    expect(e.pageErrors).toEqual([]);
  }, 240_000);
});
