/**
 * A cashier's pharmacy day in the browser (web mode on the sandbox): sign in, read a card, enter
 * two drugs, pre-settle, settle (a double press pays once), refund from the history (2103), and
 * the hand-over slip at sign-out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineAmount, parsePrice, parseQty, formatYuan, sumFen } from '../../src-main/core/money';
import type { PersonRow } from '../../src-main/sandbox/store';
import { personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import { addItem, readCard, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let e: CounterE2E;
let person: PersonRow;

beforeAll(async () => {
  e = await startCounterE2E();
  person = personsOf(e.h.sandbox.center.store, 'res-high')[0] as PersonRow;
}, 180_000);
afterAll(async () => {
  await e?.close();
});

describe('pharmacy counter in the browser', () => {
  let setlId = '';

  it('signs in, reads the card and shows the person with masked ID, balance and the 2001 check', async () => {
    const { page } = e;
    await page.getByTestId('opter').waitFor();
    await e.shot('01-signin');
    await signIn(page);
    // Enter with the name missing: said beside the field, the cursor there, nothing read.
    await page.keyboard.press('F1');
    await page.getByTestId('id-number').fill(person.certno);
    await page.getByTestId('id-number').press('Enter');
    await page.getByRole('alert').filter({ hasText: '请输入姓名' }).waitFor();
    await page.locator('[data-testid="id-name"]:focus').waitFor();
    expect(await page.getByTestId('person-name').count()).toBe(0);
    await readCard(page, person);
    expect(await page.getByRole('alert').filter({ hasText: '请输入姓名' }).count()).toBe(0);
    // The read went on to 药店购药 by itself (nothing to choose); F1 shows the full card again.
    await page.getByTestId('person-compact').waitFor();
    await page.keyboard.press('F1');
    const certno = await page.getByTestId('person-certno').textContent();
    expect(certno).toContain('****');
    expect(certno).not.toContain(person.certno.slice(6, 14));
    await page.getByTestId('treatment').waitFor();
    await e.shot('02-read-card');
  }, 120_000);

  it('enters two drugs, pre-settles (F5) and settles once (F6 pressed twice and a click)', async () => {
    const { page } = e;
    const { a, b } = pharmacyItems(e.h.sandbox.center.store);
    // Every call of the sale goes on the page's API socket (socket-channel.ts), none as an HTTP request: a CSP or
    // host that refused the socket would fall back to /api/invoke unseen, and each keystroke would be slower again.
    const httpCalls: string[] = [];
    const onRequest = (r: { url(): string }) => void (r.url().includes('/api/invoke') && httpCalls.push(r.url()));
    page.on('request', onRequest);
    await page.keyboard.press('F2');
    await addItem(page, a.code, a.code, '12.5', '2');
    await addItem(page, b.name, b.code, '38.8');
    const expected = sumFen([lineAmount(parseQty('2'), parsePrice('12.5')), lineAmount(parseQty('1'), parsePrice('38.8'))]);
    await expect.poll(() => page.getByTestId('lines-total').textContent(), { timeout: UI_TIMEOUT }).toBe(formatYuan(expected));

    await page.keyboard.press('F5');
    await page.getByTestId('pre-settlement').waitFor();
    expect(await page.getByTestId('pre-settlement-total').textContent()).toContain(formatYuan(expected));
    await e.shot('03-pharmacy-presettle');

    await page.keyboard.press('F6');
    await page.keyboard.press('F6');
    await page
      .getByTestId('settle')
      .click({ force: true })
      .catch(() => {});
    await page.getByTestId('sale-done').waitFor();
    await e.shot('04-pharmacy-settled');
    const settled = e.web.app.journal.list({ infnos: ['2102'], states: ['ok'] });
    expect(settled).toHaveLength(1);
    setlId = (await page.getByTestId('settlement').textContent())?.match(/结算ID (\w+)/)?.[1] ?? '';
    expect(e.h.sandbox.center.store.settlements.get(setlId)?.state).toBe('settled');
    expect(await page.getByTestId('settle').isDisabled()).toBe(true);
    page.off('request', onRequest);
    expect(httpCalls).toEqual([]);
  }, 120_000);

  it('refunds the sale from the history (2103)', async () => {
    const { page } = e;
    await page.keyboard.press('F8');
    await page.getByTestId(`refund-${setlId}`).click();
    await page.getByTestId('confirm-refund').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('refund').waitFor();
    await page.locator('[data-testid="sale-history"]').getByText('已退费').waitFor();
    await e.shot('05-pharmacy-refund');
    expect(e.h.sandbox.center.store.settlements.get(setlId)?.state).toBe('cancelled');
  }, 120_000);

  it('shows the shift at sign-out and keeps the hand-over slip', async () => {
    const { page } = e;
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByTestId('shift-settle-count').textContent(), { timeout: UI_TIMEOUT }).toBe('1');
    await page.keyboard.press('F8');
    await page.getByTestId('signout-slip').waitFor();
    expect(await page.getByTestId('signout-slip-settle-count').textContent()).toBe('1');
    expect(await page.getByTestId('signout-slip-refund-count').textContent()).toBe('1');
    expect(await page.getByTestId('signout-slip-net-total').textContent()).toBe('0.00');
    await e.shot('06-signout-summary');
    await page.keyboard.press('Enter');
    await page.getByTestId('handover-slip').waitFor();
    expect(await page.getByTestId('operator').textContent()).toBe('未签到');
    expect(await page.getByTestId('handover-slip-settle-count').textContent()).toBe('1');
    await e.shot('07-handover');
    expect(e.pageErrors).toEqual([]);
  }, 120_000);
});
