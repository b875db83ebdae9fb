/**
 * Issue 17 point 4, at 1366×768 with the local catalogue synced from the sandbox: search rows
 * show what tells items apart (规格 / 剂型 / 包装, 生产企业, 医保等级, 限价 / 先自付比例), a search
 * with no hits says so, and 拼音首字母 are found anywhere in the name ("zcf" → 普通门诊诊查费).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { centerPort } from '../../src-main/catalogue/center-port';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { syncCatalogue } from '../../src-main/catalogue/sync';
import { OPERATOR } from '../helpers/sandbox-fixtures';
import { signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let e: CounterE2E;

const TILL = { width: 1366, height: 768 };

/** The visible options of the search dropdown, as text. */
function optionTexts(page: Page): Promise<string[]> {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid="item-option"]').allTextContents();
}

async function search(page: Page, text: string): Promise<void> {
  await page.keyboard.press('F2');
  const box = page.getByTestId('item-search');
  await box.fill('');
  await box.pressSequentially(text);
}

beforeAll(async () => {
  e = await startCounterE2E();
  await e.page.setViewportSize(TILL);
}, 180_000);
afterAll(async () => {
  await e?.close();
});

describe('issue 17 point 4: a search that shows what to pick', () => {
  it('signs in and syncs drugs (1301) and services (1305) into the counter database', async () => {
    await signIn(e.page);
    const local = LocalCatalogue.open(e.web.app.db.name);
    try {
      await syncCatalogue(local, centerPort(e.web.app, OPERATOR), e.web.app.client.profile, { only: ['1301', '1305'] });
      expect(local.items.count('1301')).toBeGreaterThan(0);
    } finally {
      local.close();
    }
  }, 600_000);

  it('rows of one drug differ by 规格, 剂型, 包装 and 生产企业, and show 医保等级 and 限价 / 先自付比例', async () => {
    const { page } = e;
    await search(page, 'amxl');
    await expect.poll(async () => (await optionTexts(page)).length, { timeout: UI_TIMEOUT }).toBeGreaterThan(3);
    const rows = await optionTexts(page);
    expect(rows.every((r) => r.includes('阿莫西林'))).toBe(true);
    // No two rows read the same: the cashier can tell which one to pick.
    expect(new Set(rows).size).toBe(rows.length);
    const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    expect(await dropdown.getByTestId('item-pack').count()).toBe(rows.length);
    expect(await dropdown.getByTestId('item-maker').count()).toBe(rows.length);
    expect(rows.some((r) => /甲类|乙类|丙类/.test(r))).toBe(true);
    expect(await dropdown.locator('[data-testid="item-cap"], [data-testid="item-selfpay"]').count()).toBeGreaterThan(0);
    await e.shot('17-04-search-rows', { window: true });
  }, 120_000);

  it('拼音首字母 in the middle of the name: "zcf" finds 普通门诊诊查费', async () => {
    const { page } = e;
    await search(page, 'zcf');
    await expect.poll(async () => (await optionTexts(page)).join('|'), { timeout: UI_TIMEOUT }).toContain('普通门诊诊查费');
    await e.shot('17-04-initials-anywhere', { window: true });
  }, 120_000);

  it('a search with no hits says so', async () => {
    const { page } = e;
    await search(page, '没有这种药');
    await page.getByTestId('item-search-empty').waitFor();
    expect(await page.getByTestId('item-search-empty').textContent()).toContain('没有找到「没有这种药」');
    await e.shot('17-04-no-hits', { window: true });
    await page.getByTestId('item-search').fill('');
  }, 120_000);
});
