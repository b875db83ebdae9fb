/**
 * Issue 17 point 9 at a pharmacy counter (四川 profile: 2101A / 2102A / 2103), 1366×768: after a
 * settlement the person bar shows the account balance the center answered (结算后), the 历史 list
 * is driven by ↑/↓ and Enter (a confirm that Esc cancels, the cursor back on the list), the refund
 * shows its own amounts, and the 交班单 prints through the receipts' print path (F7).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseYuan } from '../../src-main/core/money';
import type { PersonRow } from '../../src-main/sandbox/store';
import { personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import {
  addItem,
  appReady,
  ARTIFACTS,
  preSettleAndSettle,
  readThroughControl,
  recordedPrints,
  RECORD_PRINTS,
  signIn,
  startCounterE2E,
  UI_TIMEOUT,
  type CounterE2E,
} from './counter-e2e';
import { expectBalanceAfter, expectRefundAmounts } from './after-sale-checks';
import { ControlDouble, controlDevices } from '../helpers/control-double';

let e: CounterE2E;
let people: PersonRow[];
/** 四川: persons are read through the 安全控件 (the DLL double), and again before a refund. */
let control: ControlDouble;

const TILL = { width: 1366, height: 768 };

function focused(page: Page): Promise<string> {
  return page.evaluate<string>("document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? ''");
}

/** The msgid of the history row shown as selected ('' for none). */
function selectedRow(page: Page): Promise<string> {
  return page.evaluate<string>(
    `document.querySelector('[data-testid="sale-history"] tr.ant-table-row[aria-selected="true"]')?.getAttribute('data-row-key') ?? ''`,
  );
}

async function sellOne(page: Page, person: PersonRow, code: string, pric: string): Promise<void> {
  await readThroughControl(page, control, person);
  await page.keyboard.press('F2');
  await addItem(page, code, code, pric);
  await preSettleAndSettle(page);
}

beforeAll(async () => {
  e = await startCounterE2E({ profile: 'sichuan', devices: controlDevices() });
  control = new ControlDouble(e.h.dir);
  await e.page.setViewportSize(TILL);
  await e.page.addInitScript(RECORD_PRINTS);
  await e.page.reload();
  await appReady(e.page);
  people = personsOf(e.h.sandbox.center.store, 'emp-active', 50_000).slice(0, 2);
}, 180_000);
afterAll(async () => {
  control?.close();
  await e?.close();
});

describe('issue 17 point 9: after the sale', () => {
  /** The history's rows (msgids), newest first. */
  let keys: string[] = [];

  it('the person bar shows the 个人账户余额 after the settlement (2102A balc), labelled as such', async () => {
    const { page } = e;
    const { a, b } = pharmacyItems(e.h.sandbox.center.store);
    await signIn(page);
    await readThroughControl(page, control, people[0] as PersonRow);
    await page.keyboard.press('F2');
    const before = parseYuan((await page.getByTestId('person-balance').textContent()) ?? '');
    await addItem(page, a.code, a.code, '12.5', '2');
    await addItem(page, b.code, b.code, '38.8');
    await preSettleAndSettle(page);
    expect(await page.getByTestId('settlement').textContent()).toContain('2102A');
    await expectBalanceAfter(e, '2102A', 'settlement-acct', before);
    await e.shot('17-09-person-balance-after', { window: true });
  }, 120_000);

  it('历史: ↑/↓ move the selection, Enter asks, Esc cancels with the cursor back on the list', async () => {
    const { page } = e;
    const { c } = pharmacyItems(e.h.sandbox.center.store);
    await sellOne(page, people[1] as PersonRow, c.code, '6');
    await page.keyboard.press('F8');
    const rows = page.locator('[data-testid="sale-history"] tbody tr.ant-table-row');
    await rows.nth(1).waitFor();
    keys = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key') ?? ''));
    await expect.poll(() => focused(page), { timeout: UI_TIMEOUT }).toBe('sale-history');
    expect(await selectedRow(page)).toBe(keys[0]);
    await page.keyboard.press('ArrowDown');
    expect(await selectedRow(page)).toBe(keys[1]);
    await page.keyboard.press('ArrowUp');
    expect(await selectedRow(page)).toBe(keys[0]);
    await page.keyboard.press('ArrowDown');
    const hints = (await page.getByTestId('history-keys').textContent()) ?? '';
    expect(hints).toContain('↑ / ↓');
    expect(hints).toContain('Enter');
    await e.shot('17-09-history-selected', { window: true });

    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-refund').waitFor();
    const record = e.web.runtime.services.history.list('pharmacy', { limit: 200 }).find((r) => r.msgid === keys[1]);
    expect(await page.locator('.ant-modal').textContent()).toContain(record?.setlId ?? '?');
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-refund').waitFor({ state: 'hidden' });
    await expect.poll(() => focused(page), { timeout: UI_TIMEOUT }).toBe('sale-history');
    expect(await selectedRow(page)).toBe(keys[1]);
    expect(e.web.app.journal.list({ infnos: ['2103'] })).toHaveLength(0);
  }, 120_000);

  it('Enter, Enter refunds the selected sale (2103) and shows the refund’s own amounts', async () => {
    const { page } = e;
    // The selected sale is the first person's: their card is on the reader for the control's read before 2103.
    control.present(people[0] as PersonRow);
    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-refund').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('refund').waitFor();
    await expectRefundAmounts(e, '2103', 'refund');
    // The selected sale was refunded, the other one not.
    const history = e.web.runtime.services.history.list('pharmacy', { limit: 200 });
    expect(history.find((r) => r.msgid === keys[1])?.refund?.infno).toBe('2103');
    expect(history.find((r) => r.msgid === keys[0])?.refund).toBeNull();
    await expect.poll(() => focused(page), { timeout: UI_TIMEOUT }).toBe('sale-history');
    await e.shot('17-09-refund-amounts', { window: true });
    await page.keyboard.press('F8');
  }, 120_000);

  it('交班单: 打印 (F7) prints the shift totals through the receipts’ print path', async () => {
    const { page } = e;
    const before = (await recordedPrints(page)).length;
    await page.keyboard.press('F4');
    await page.getByTestId('shift').waitFor();
    expect(await page.getByTestId('shift-keys').textContent()).toContain('F7');
    await expect.poll(() => page.getByTestId('shift-settle-count').textContent(), { timeout: UI_TIMEOUT }).toBe('2');
    const figures = await Promise.all(
      ['settle-total', 'refund-total', 'net-total', 'net-cash'].map((k) => page.getByTestId(`shift-${k}`).textContent()),
    );
    await page.keyboard.press('F7');
    await expect.poll(async () => (await recordedPrints(page)).length, { timeout: UI_TIMEOUT }).toBe(before + 1);
    const printed = (await recordedPrints(page)).at(-1) ?? '';
    expect(printed).toContain('交班单');
    expect(printed).toContain('OP001');
    for (const figure of figures) expect(printed).toContain(figure ?? '?');
    expect(printed).toMatch(/@page \{ size: \d+mm \d+mm; margin: 0; \}/);
    await page.getByTestId('shift-printed').waitFor();
    // The paper itself, for a person to look at.
    const paper = await e.browser.newPage({ viewport: { width: 420, height: 600 } });
    await paper.setContent(printed);
    await paper.screenshot({ path: join(ARTIFACTS, '17-09-shift-slip-paper.png'), fullPage: true });
    await paper.close();
    await e.shot('17-09-shift-printed', { window: true });
    expect(e.pageErrors).toEqual([]);
  }, 120_000);
});
