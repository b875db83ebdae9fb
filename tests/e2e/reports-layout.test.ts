/**
 * Issue 17 point 9, 对账与报表 at 1366×768: the day chart's labels read as times and counts (no
 * "1/-1"), no heading is broken inside a word, every date reads yyyy-MM-dd (the date field too,
 * not the browser's locale format), and the menu stays in view while the long page scrolls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../helpers/sandbox-fixtures';
import { serviceSeller, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let e: CounterE2E;
const TILL = { width: 1366, height: 768 };

/**
 * Texts of headings (table headers, description labels, card titles) that take more than one
 * line: measured with a Range over the heading's text, whose client rects give one box per line.
 */
const BROKEN_HEADINGS = `(() => {
  const root = document.querySelector('[data-testid="reports-screen"]');
  const heads = root.querySelectorAll('th, .ant-descriptions-item-label, .ant-card-head-title');
  const broken = [];
  for (const el of heads) {
    const text = el.textContent.trim();
    if (!text) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    if (tops.size > 1) broken.push(text);
  }
  return broken;
})()`;

beforeAll(async () => {
  e = await startCounterE2E();
  await e.page.setViewportSize(TILL);
}, 180_000);
afterAll(async () => {
  await e?.close();
});

describe('对账与报表 at 1366×768', () => {
  it('shows a day with two sales and a refund, reconciled', async () => {
    const { page } = e;
    await signIn(page, OPERATOR.opter, OPERATOR.opterName);
    const sell = await serviceSeller(e);
    const first = await sell('E2ELAYOUT0001', 3);
    await sell('E2ELAYOUT0002', 3);
    await e.web.runtime.services.pharmacy.refund(first.msgid);

    await page.getByTestId('menu').getByText('对账与报表').click();
    await expect.poll(() => page.getByTestId('report-settle-count').textContent(), { timeout: UI_TIMEOUT }).toBe('2');
    await page.getByTestId('run-reconcile').click();
    await page.getByTestId('reconcile-run').first().waitFor();
  }, 240_000);

  it('the chart reads as hours and counts, not "2/-1"', async () => {
    const { page } = e;

    // The chart: hours as HH:00, counts as words; nothing like "2/-1".
    const chartTexts = await page.locator('[data-testid="day-chart"] text').allTextContents();
    expect(chartTexts.filter((t) => /\d+\s*\/\s*-\d+/.test(t))).toEqual([]);
    const hours = chartTexts.filter((t) => /^\d{1,2}(:00)?$/.test(t.trim()) && t.trim() !== '0');
    expect(hours.length).toBeGreaterThan(0);
    for (const h of hours) expect(h).toMatch(/^\d{2}:00$/);
    // The hour of the two sales and the refund: its settlements over the bar, its refund in red.
    expect(chartTexts).toContain('2 笔');
    expect(chartTexts).toContain('退 1 笔');
  }, 60_000);

  it('no heading is broken inside a word', async () => {
    const { page } = e;
    expect(await page.evaluate<string[]>(BROKEN_HEADINGS)).toEqual([]);
  }, 60_000);

  it('every date reads yyyy-MM-dd, the date field too', async () => {
    const { page } = e;
    // A native date field shows the browser's locale format (mm/dd/yyyy on an en-US system),
    // which the page cannot set: the field must be the counter's own, showing yyyy-MM-dd.
    const field = page.locator('[data-testid="report-date"] input, input[data-testid="report-date"]').first();
    expect(await field.getAttribute('type')).not.toBe('date');
    expect(await field.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const screenText = await page.getByTestId('reports-screen').innerText();
    expect(screenText).not.toMatch(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/);
    await page.evaluate('window.scrollTo(0, 0)');
    await e.shot('17-09-reports-top', { window: true });
  }, 60_000);

  it('the menu stays in view while the long page scrolls to its end', async () => {
    const { page } = e;
    // The menu stays put while the page scrolls to its end.
    const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
    expect(height).toBeGreaterThan(TILL.height + 200);
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    await page.waitForTimeout(200);
    for (const item of ['F4 签到 / 交班', 'F10 设置', '对账与报表']) {
      const box = await page.getByTestId('menu').getByText(item).boundingBox();
      expect(box, item).not.toBeNull();
      expect(box?.y ?? -1, item).toBeGreaterThanOrEqual(0);
      expect((box?.y ?? TILL.height) + (box?.height ?? 0), item).toBeLessThanOrEqual(TILL.height);
    }
    await e.shot('17-09-reports-scrolled', { window: true });
    expect(e.pageErrors).toEqual([]);
  }, 60_000);
});
