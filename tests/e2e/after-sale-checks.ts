/**
 * Checks shared by the pharmacy and clinic tests of issue 17 point 9: the balance the person bar
 * shows after a settlement, and a refund card's amounts, each against the center's own answer
 * as the journal kept it.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { formatYuan, parseYuan, subFen, type Fen } from '../../src-main/core/money';
import { block, outputOf } from '../../src-main/counter/journal-records';
import { fenOf } from '../../src-main/counter/settlement-view';
import { UI_TIMEOUT, type CounterE2E } from './counter-e2e';

/** The number an amount of a settlement card shows (its title left out; SettlementCard.tsx `.amount-value`). */
export function statistic(page: Page, testId: string): Promise<string> {
  return page.locator(`[data-testid="${testId}"] .amount-value`).innerText();
}

/** setlinfo of the newest successful call of this code. */
function lastSetlinfo(e: CounterE2E, infno: string) {
  const [entry] = e.web.app.journal.list({ infnos: [infno], states: ['ok'] });
  if (!entry) throw new Error(`no successful ${infno} in the journal`);
  return block(outputOf(entry), 'setlinfo');
}

/**
 * After the settlement `infno`: its balc is the balance read before minus the account payment
 * on screen, and the person bar shows that balc, labelled as the balance after this sale.
 */
export async function expectBalanceAfter(e: CounterE2E, infno: string, acctTestId: string, before: Fen): Promise<void> {
  const acct = parseYuan(await statistic(e.page, acctTestId));
  expect(acct).toBeGreaterThan(0);
  const balc = fenOf(lastSetlinfo(e, infno)['balc']);
  expect(balc).toBe(subFen(before, acct));
  const bar = e.page.getByTestId('person-compact');
  await expect.poll(() => bar.getByTestId('person-balance').textContent(), { timeout: UI_TIMEOUT }).toBe(formatYuan(balc));
  expect(await bar.textContent()).toContain('结算后个人账户余额');
}

/** The refund card `cardTestId` shows total, 基金, 个人账户 and 现金 of the refund `infno`'s answer. */
export async function expectRefundAmounts(e: CounterE2E, infno: string, cardTestId: string): Promise<void> {
  const s = lastSetlinfo(e, infno);
  const amount = (key: string) => formatYuan(Math.abs(fenOf(s[key])) as Fen);
  expect(amount('medfee_sumamt')).not.toBe('0.00');
  await e.page.getByTestId(cardTestId).waitFor();
  expect(await statistic(e.page, `${cardTestId}-total`)).toBe(amount('medfee_sumamt'));
  expect(await statistic(e.page, `${cardTestId}-fund`)).toBe(amount('fund_pay_sumamt'));
  expect(await statistic(e.page, `${cardTestId}-acct`)).toBe(amount('acct_pay'));
  expect(await statistic(e.page, `${cardTestId}-cash`)).toBe(amount('psn_cash_pay'));
}

/**
 * 其他收银台 / 其他窗口的结算: finds the settlement `setlId` (made at `counter`) in the shop-store panel, refunds it with
 * the confirmation (Enter) and checks the refund card's amounts against the center's `infno` answer and the row's 已退费.
 */
export async function refundAtOtherTill(
  e: CounterE2E,
  s: { setlId: string; msgid: string; counter: string; infno: string },
): Promise<void> {
  const { page } = e;
  await page.getByTestId('other-window').waitFor({ timeout: UI_TIMEOUT });
  const search = page.getByTestId('other-window-search').locator('input');
  await search.fill(s.setlId);
  await search.press('Enter');
  const row = page.getByTestId('other-window-rows').locator('tr', { hasText: s.setlId });
  await expect.poll(() => row.textContent(), { timeout: UI_TIMEOUT }).toContain(s.counter);
  await page.getByTestId(`other-window-refund-${s.msgid}`).click();
  await page.getByTestId('confirm-other-window-refund').waitFor();
  await page.keyboard.press('Enter');
  const done = page.getByTestId('other-window-refund');
  await done.waitFor({ timeout: UI_TIMEOUT });
  expect(await done.textContent()).toContain(`退费成功 (${s.infno})`);
  await expectRefundAmounts(e, s.infno, 'other-window-refund');
  await page.getByTestId(`other-window-refunded-${s.msgid}`).waitFor();
}
