/**
 * Issue 17 point 4, at 1366×768 with the local catalogue synced from the sandbox: search rows
 * show what tells items apart (规格 / 剂型 / 包装, 生产企业, 医保等级, 限价 / 先自付比例), a search
 * with no hits says so, and 拼音首字母 are found anywhere in the name ("zcf" → 普通门诊诊查费).
 * Point 5: the institution's price list (imported, edited on screen) and the last price charged
 * fill the price of a picked item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { centerPort } from '../../src-main/catalogue/center-port';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { syncCatalogue } from '../../src-main/catalogue/sync';
import { formatPriceShort, priceFromFen, type Fen, type UnitPrice } from '../../src-main/core/money';
import type { PersonRow } from '../../src-main/sandbox/store';
import { OPERATOR, personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import { readCard, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';
import { typePersonRead, waitFocus } from './till-keys';
import type { CatalogueSearchResult } from '../../src-main/api/contract';
import { ITEM_SEARCH_SHOWN } from '../../src-main/api/search-limits';

let e: CounterE2E;

const TILL = { width: 1366, height: 768 };

/** The visible options of the search dropdown, as text. */
function optionTexts(page: Page): Promise<string[]> {
  return page.locator('.search-list [data-testid="item-option"]').allTextContents();
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
      // A loaded machine can make a download time out; a sync run again goes on where it stopped.
      for (let attempt = 1; ; attempt++) {
        try {
          await syncCatalogue(local, centerPort(e.web.app, OPERATOR), e.web.app.client.profile, { only: ['1301', '1305'] });
          break;
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
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
    const dropdown = page.locator('.search-list');
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

/** Picks the item with this national code at the till; answers the price filled into its line. */
async function pickByCode(page: Page, code: string): Promise<string> {
  await search(page, code);
  await page.locator('.search-option').filter({ hasText: code }).first().waitFor();
  await page.getByTestId('item-search').press('Enter');
  const last = page.locator('[data-testid="lines"] tbody tr[data-row-key]').last();
  await expect.poll(() => last.textContent(), { timeout: UI_TIMEOUT }).toContain(code);
  return last.locator('input[data-field="pric"]').inputValue();
}

async function openPriceList(page: Page): Promise<void> {
  await page.getByTestId('menu').getByText('价目表').click();
  await page.getByTestId('price-rows').waitFor();
}

describe('issue 17 point 5: the price comes from the price list', () => {
  it('an imported price list fills the price, and shows on the search row', async () => {
    const { page } = e;
    const { a, b } = pharmacyItems(e.h.sandbox.center.store);
    await openPriceList(page);
    const csv = `医保目录编码,名称,单价\n${a.code},${a.name},12.50\n${b.code},${b.name},abc\n`;
    await page.getByTestId('price-file').setInputFiles({ name: '价目表.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('price-imported').textContent(), { timeout: UI_TIMEOUT }).toContain('已导入 1 条');
    expect(await page.getByTestId('price-imported').textContent()).toContain('第 3 行未导入');
    await e.shot('17-05-price-list', { window: true });

    await search(page, a.code);
    await page.locator('.search-list').getByTestId('item-own-price').first().waitFor();
    expect(await page.getByTestId('item-own-price').first().textContent()).toContain('12.50');
    await page.getByTestId('item-search').fill('');
    expect(await pickByCode(page, a.code)).toBe('12.50');
    // A priced line leaves the cursor in the search box for the next item.
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('item-search');
    await e.shot('17-05-priced-line', { window: true });
  }, 180_000);

  it('a price edited on screen is the one filled next', async () => {
    const { page } = e;
    const { a } = pharmacyItems(e.h.sandbox.center.store);
    await openPriceList(page);
    const edit = page.locator('[data-testid="price-rows"] tr', { hasText: a.code }).getByTestId('price-edit');
    await edit.fill('13.8');
    await edit.press('Enter');
    await expect.poll(() => edit.inputValue(), { timeout: UI_TIMEOUT }).toBe('13.80');
    await page.keyboard.press('F2');
    await page.keyboard.press('F9');
    await page.getByTestId('discard-basket').waitFor();
    await page.keyboard.press('Enter');
    expect(await pickByCode(page, a.code)).toBe('13.80');
  }, 180_000);

  it('an item not on the list is filled with the price it was last charged at', async () => {
    const { page } = e;
    const { c } = pharmacyItems(e.h.sandbox.center.store);
    const person = personsOf(e.h.sandbox.center.store, 'res-high')[0] as PersonRow;
    await readCard(page, person);
    await page.keyboard.press('F2');
    expect(await pickByCode(page, c.code)).toBe('');
    await page.keyboard.type('7.7');
    await page.keyboard.press('F5');
    await page.getByTestId('pre-settlement').waitFor();
    await page.keyboard.press('F9');
    await page.getByTestId('discard-basket').waitFor();
    await page.keyboard.press('Enter');
    expect(await pickByCode(page, c.code)).toBe('7.70');
  }, 180_000);

  it('a price above the item’s 限价 gets a warning on its line; at the 限价 none', async () => {
    const { page } = e;
    const rows = e.h.sandbox.center.store.catalogue.queryHilist({
      updtTime: '2000-01-01 00:00:00',
      pageNum: 1,
      pageSize: 500,
      listType: '101',
    }).rows;
    const capped = rows.find((r) => r.pricUplmtAmt !== null && r.valiFlag === '1');
    if (!capped?.pricUplmtAmt) throw new Error('no item with a 限价 in the first catalogue page');
    // The sandbox's own UnitPrice brand: the same 1/1000000 yuan integer.
    const capUnits = Number(capped.pricUplmtAmt) as UnitPrice;
    const cap = formatPriceShort(capUnits);
    await pickByCode(page, capped.code);
    const price = page.locator('[data-testid="lines"] tbody tr[data-row-key]').last().locator('input[data-field="pric"]');
    // One fen over the cap, as integer fen: cap + 1 fen.
    await price.fill(formatPriceShort((capUnits + priceFromFen(1 as Fen)) as UnitPrice));
    await page.getByTestId('line-over-cap').waitFor();
    expect(await page.getByTestId('line-over-cap').textContent()).toContain(`高于医保限价 ${cap} 元`);
    await e.shot('17-05-over-cap', { window: true });
    await price.fill(cap);
    await page.getByTestId('line-over-cap').waitFor({ state: 'detached' });
  }, 180_000);
});

const LINES = '[data-testid="lines"] tbody tr[data-row-key]';

/** The code Enter takes for these letters: the first hit of the counter's own search, asked as the screen asks. */
async function firstHitCode(query: string): Promise<string> {
  const r = await e.web.runtime.invoke('catalogue.search', { query, limit: ITEM_SEARCH_SHOWN });
  if (!r.ok) throw new Error(r.error.message);
  const top = (r.value as CatalogueSearchResult).hits[0];
  if (!top) throw new Error(`no hit for ${query}`);
  return top.code;
}

describe('issue 17 (bench:till): Enter typed before the list came is not lost', () => {
  it('letters and Enter typed at once, right after a read opened 收费, add the first hit for those letters', async () => {
    const { page } = e;
    const rows = page.locator(LINES);
    // An empty basket to start from (earlier tests leave lines in it).
    await page.keyboard.press('F2');
    if ((await rows.count()) > 0) {
      await page.keyboard.press('F9');
      // Enter goes to 放弃 once the dialog has given it the cursor.
      await waitFocus(page, 'discard-basket-ok');
      await page.keyboard.press('Enter');
      await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(0);
    }
    const person = personsOf(e.h.sandbox.center.store, 'emp-active', 50_000)[0] as PersonRow;
    await page.keyboard.press('F1');
    await waitFocus(page, 'id-number');
    await typePersonRead(page, person);
    await page.getByTestId('person-compact').filter({ hasText: person.psnName }).waitFor();
    await waitFocus(page, 'item-search');
    // As fast as a cashier who knows the letters: no look at the list before Enter.
    await page.keyboard.type('amx');
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(1);
    expect(await rows.last().textContent()).toContain(await firstHitCode('amx'));
    await e.shot('17-bench-enter-typed-ahead', { window: true });
  }, 180_000);
});

/** The codes of the hits the counter's own search answers for these letters, in the list's order. */
async function hitCodes(query: string): Promise<string[]> {
  const r = await e.web.runtime.invoke('catalogue.search', { query, limit: ITEM_SEARCH_SHOWN });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as CatalogueSearchResult).hits.map((h) => h.code);
}

describe('issue 17 (bench:till): the search list is a keyboard listbox', () => {
  it('↓ ↓ ↑ moves the highlight, Enter takes the highlighted row; Esc shuts the list, ↓ opens it again; a click takes a row', async () => {
    const { page } = e;
    const rows = page.locator(LINES);
    const before = await rows.count();
    const codes = await hitCodes('amx');
    expect(codes.length).toBeGreaterThan(2);
    const box = page.getByTestId('item-search');
    const list = page.locator('.search-list[role="listbox"]');
    const active = page.locator('.search-list [role="option"][aria-selected="true"]');
    await page.keyboard.press('F2');
    await box.fill('');
    await box.pressSequentially('amx');
    await page.locator('[data-testid="item-search-box"][data-answered="amx"]').waitFor();
    await list.waitFor();
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await active.textContent()).toContain(codes[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => active.textContent(), { timeout: UI_TIMEOUT }).toContain(codes[1]);
    // The input names the highlighted row for a screen reader.
    expect(await box.getAttribute('aria-activedescendant')).toBe(await active.getAttribute('id'));
    await e.shot('17-bench-listbox-arrows', { window: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(before + 1);
    expect(await rows.last().textContent()).toContain(codes[1]);
    await list.waitFor({ state: 'detached' });

    await box.pressSequentially('amx');
    await list.waitFor();
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    // Esc shut the list only: the basket and the text are still there.
    expect(await box.inputValue()).toBe('amx');
    expect(await rows.count()).toBe(before + 1);
    await page.keyboard.press('ArrowDown');
    await list.waitFor();

    await page.locator('.search-list [role="option"]').nth(2).click();
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(before + 2);
    expect(await rows.last().textContent()).toContain(codes[2]);
    expect(await box.inputValue()).toBe('');
  }, 180_000);
});
