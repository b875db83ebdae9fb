/**
 * Two windows of one clinic sharing a shop store (issue 20), in the browser at 1366×768: a real
 * PostgreSQL, this counter (收费窗口) in web mode and the 挂号窗口 driven through its services.
 * An outpatient bill settled at the 挂号窗口 is found on the clinic screen under 其他窗口的结算 and
 * refunded here (2208, confirm dialog, refunded amounts); the center and the shop store then hold
 * one refund, journaled at this window. The 交易流水 screen's 全店 view lists both windows' entries
 * with a 收银台 column; the other window's entries open read-only and say why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow } from '../../src-main/sandbox/store';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';
import { openCounter, settleClinicBill, type Counter } from '../helpers/reconcile-counter';
import { personsOf, typicalBasket } from '../helpers/sandbox-fixtures';
import { CLINIC } from '../helpers/sandbox-harness';
import { refundAtOtherTill } from './after-sale-checks';
import { signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';
import { misplacedWords, screenPieces } from './screen-words';

let postgres: TestPostgres;
let e: CounterE2E;
/** 挂号窗口, where the bill is settled */
let front: Counter;
let settled: { msgid: string; setlId: string };
let refundMsgid = '';

/** Only Chinese, codes and units on what the window shows now (as tests/e2e/screen-language.test.ts checks). */
async function expectChineseOnly(): Promise<void> {
  expect(misplacedWords(await screenPieces(e.page))).toEqual([]);
}

beforeAll(async () => {
  postgres = await startTestPostgres();
  e = await startCounterE2E({
    institution: CLINIC,
    shop: { postgresUrl: postgres.url, counterName: '收费窗口' },
  });
  front = await openCounter(e.h, 'front', {
    institution: { ...CLINIC, terminalSlot: 1 },
    shop: { postgresUrl: postgres.url, counterName: '挂号窗口' },
  });
  await e.page.setViewportSize({ width: 1366, height: 768 });
}, 180_000);
afterAll(async () => {
  await e?.close();
  postgres?.close();
});

describe('two windows of a clinic with a shop store', () => {
  it('refunds on the clinic screen a bill settled at the other window, once', async () => {
    const { page } = e;
    const store = e.h.sandbox.center.store;
    const person = personsOf(store, 'emp-active', 50_000)[3] as PersonRow;
    const { result } = await settleClinicBill(front, person, typicalBasket(store));
    settled = { msgid: result.settlement.msgid, setlId: result.settlement.setlId ?? '' };
    await front.app.shop?.pusher.pushAll();

    await signIn(page);
    await page.keyboard.press('F2');
    await page.keyboard.press('F8');
    await refundAtOtherTill(e, { setlId: settled.setlId, msgid: settled.msgid, counter: '挂号窗口', infno: '2208' });
    await page.getByTestId('confirm-other-window-refund').waitFor({ state: 'detached' });
    await expectChineseOnly();
    await e.shot('shop-windows-refund', { window: true });

    // The center cancelled the settlement with one 2208, journaled at this window (收费窗口), not at 挂号窗口.
    expect(store.settlements.get(settled.setlId)?.state).toBe('cancelled');
    expect(store.messages.query({ infno: '2208', outcome: 'ok', limit: 10 })).toHaveLength(1);
    const here = e.web.app.journal.list({ infno: '2208', states: ['ok'], limit: 10 });
    expect(here).toHaveLength(1);
    refundMsgid = here[0]?.msgid ?? '';
    expect(front.app.journal.list({ infno: '2208', limit: 10 })).toHaveLength(0);
    // The shop store holds that one refund, from this window.
    const shop = e.web.app.shop;
    await shop?.pusher.pushAll();
    const refunds = await shop?.store.entries({ fixmedinsCode: CLINIC.fixmedinsCode, infnos: ['2208'], states: ['ok'] });
    expect(refunds?.map((r) => [r.entry.msgid, r.counter.name])).toEqual([[refundMsgid, '收费窗口']]);
    expect(e.pageErrors).toEqual([]);
  }, 240_000);

  it('交易流水 全店 lists both windows with their names; the other window’s entries are view-only', async () => {
    const { page } = e;
    expect(refundMsgid).not.toBe('');
    await page.keyboard.press('F3');
    await page.getByTestId('journal-scope').waitFor({ timeout: UI_TIMEOUT });
    await page.keyboard.press('F7');
    await page.getByTestId('shop-read-only-note').waitFor();
    const counterOf = (msgid: string) => page.getByTestId(`counter-${msgid}`).textContent();
    await expect.poll(() => counterOf(settled.msgid), { timeout: UI_TIMEOUT }).toBe('挂号窗口');
    await expect.poll(() => counterOf(refundMsgid), { timeout: UI_TIMEOUT }).toBe('收费窗口本机');
    await expectChineseOnly();
    await e.shot('shop-journal', { window: true });

    // The other window's settlement: read-only detail, saying why, no action buttons.
    await page.getByTestId(`counter-${settled.msgid}`).click();
    const detail = page.getByTestId('journal-detail');
    await detail.waitFor();
    expect(await page.getByTestId('journal-detail-read-only').textContent()).toContain('其他收银台的流水只能查看');
    const drawer = page.locator('.ant-drawer-content');
    const buttons = await drawer.locator('button').allTextContents();
    expect(buttons.filter((b) => /冲正|重试|补录|退费/.test(b))).toEqual([]);
    await expectChineseOnly();
    await e.shot('shop-journal-read-only', { window: true });
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    // This window's own refund opens as usual (not read-only).
    await page.getByTestId(`counter-${refundMsgid}`).click();
    await detail.waitFor();
    expect(await page.getByTestId('journal-detail-read-only').count()).toBe(0);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    // One window only; then back to 本机 (F7): the 收银台 column goes, the other window's entry too.
    await page.getByTestId('journal-counter').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '挂号窗口' }).click();
    await expect.poll(() => page.getByTestId(`counter-${refundMsgid}`).count(), { timeout: UI_TIMEOUT }).toBe(0);
    expect(await counterOf(settled.msgid)).toBe('挂号窗口');
    await page.keyboard.press('F7');
    await page.getByTestId('shop-read-only-note').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('journal-rows').textContent(), { timeout: UI_TIMEOUT }).toContain(refundMsgid);
    expect(await page.getByTestId('journal-rows').textContent()).not.toContain(settled.msgid);
    expect(await page.getByTestId(`counter-${refundMsgid}`).count()).toBe(0);
    expect(e.pageErrors).toEqual([]);
  }, 240_000);
});
