/**
 * Issue 17 point 6, at 1366×768: a new counter has no local catalogue. The first sign-in starts
 * the download in the background with its progress in the status bar; while it fills, the search
 * answers from what has arrived instead of asking the center (1312) for each keystroke; once it
 * is filled, no search goes to the center.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let e: CounterE2E;

/** Center catalogue queries made for a search (the fill's own 1312 pages carry no name or pinyin filter). */
function centerSearches(): number {
  const row = e.web.app.db
    .prepare(
      `SELECT count(*) AS n FROM journal WHERE infno IN ('1312', '1312a')
       AND (request_json LIKE '%"pinyin"%' OR request_json LIKE '%"hilist_name"%' OR request_json LIKE '%"hilist_code"%')`,
    )
    .get() as { n: number };
  return row.n;
}

async function search(page: Page, text: string): Promise<string[]> {
  await page.keyboard.press('F2');
  const box = page.getByTestId('item-search');
  await box.fill('');
  await box.pressSequentially(text);
  await expect.poll(() => page.getByTestId('item-search-box').getAttribute('data-answered'), { timeout: UI_TIMEOUT }).toBe(text);
  return page.locator('.search-list [data-testid="item-option"]').allTextContents();
}

beforeAll(async () => {
  e = await startCounterE2E({ catalogue: { fillAtSignIn: true } });
  await e.page.setViewportSize({ width: 1366, height: 768 });
}, 180_000);
afterAll(async () => {
  await e?.close();
});

describe('issue 17 point 6: the first sign-in fills the local catalogue', () => {
  it('shows the download with its progress in the status bar', async () => {
    const { page } = e;
    await signIn(page);
    const tag = page.getByTestId('catalogue-fill');
    await tag.waitFor({ timeout: UI_TIMEOUT });
    expect(await tag.textContent()).toMatch(/目录下载中 \d+\/\d+/);
    // The drug file (1301) comes first: once it is in, the status bar counts its items.
    await expect
      .poll(async () => Number(/已有 (\d+) 条/.exec((await tag.textContent()) ?? '')?.[1] ?? 0), {
        timeout: 300_000,
        interval: 500,
      })
      .toBeGreaterThan(1000);
    await e.shot('17-06-catalogue-filling', { window: true });
  }, 360_000);

  it('searches the part already downloaded while it fills, without asking the center', async () => {
    const { page } = e;
    const before = centerSearches();
    const rows = await search(page, 'amxl');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.includes('阿莫西林'))).toBe(true);
    expect(await page.getByTestId('item-search-box').textContent()).toContain('本地目录');
    expect(centerSearches()).toBe(before);
    await e.shot('17-06-search-while-filling', { window: true });
    await page.getByTestId('item-search').fill('');
  }, 120_000);

  it('ends with the catalogue filled: the progress leaves the status bar and no search goes to the center', async () => {
    const { page } = e;
    await expect
      .poll(async () => (await e.web.runtime.invoke('catalogue.fillStatus', {})) as unknown, {
        timeout: 400_000,
        interval: 1000,
      })
      .toMatchObject({ ok: true, value: { state: 'filled' } });
    await page.getByTestId('catalogue-fill').waitFor({ state: 'detached' });
    const before = centerSearches();
    for (const q of ['zcf', 'amxl', '阿莫']) expect((await search(page, q)).length).toBeGreaterThan(0);
    expect(centerSearches()).toBe(before);
    await page.getByTestId('item-search').fill('');
    await page.keyboard.press('F10');
    await page.getByTestId('catalogue-settings').scrollIntoViewIfNeeded();
    expect(await page.getByTestId('catalogue-state').textContent()).toMatch(/本地目录已下载, 共 \d+ 条/);
    await e.shot('17-06-catalogue-filled', { window: true });
  }, 480_000);
});
