/**
 * The side menu (issue 17): plain items drawn like antd's inline light Menu, each following only whether its
 * screen is shown. It marks the screen shown (also when an F-key changed it), opens a screen by click, and by
 * keyboard: one Tab stop on the item shown, the arrows to the others, Enter to open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../helpers/sandbox-fixtures';
import { signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let e: CounterE2E;

beforeAll(async () => {
  e = await startCounterE2E();
  await e.page.setViewportSize({ width: 1366, height: 768 });
}, 180_000);
afterAll(async () => {
  await e?.close();
});

/** The look of the item shown and of one other: background, text colour, height. */
const LOOK = `(() => {
  const menu = document.querySelector('[data-testid="menu"]');
  const shown = getComputedStyle(menu.querySelector('[aria-current="page"]'));
  const other = getComputedStyle(menu.querySelector('[role="menuitem"]:not([aria-current])'));
  return [shown.backgroundColor, shown.color, shown.height, other.backgroundColor, other.height];
})()`;

describe('the side menu', () => {
  it('marks the screen shown and follows the F-keys', async () => {
    const { page } = e;
    await signIn(page, OPERATOR.opter, OPERATOR.opterName);
    const menu = page.getByTestId('menu');
    const shown = () => menu.locator('[aria-current="page"]').allTextContents();
    await expect.poll(shown, { timeout: UI_TIMEOUT }).toEqual(['F1 读卡']);
    expect(await page.evaluate(LOOK)).toEqual(['rgb(230, 244, 255)', 'rgb(22, 119, 255)', '40px', 'rgba(0, 0, 0, 0)', '40px']);
    await page.keyboard.press('F2');
    await expect.poll(shown, { timeout: UI_TIMEOUT }).toEqual(['F2 药店购药']);
    await e.shot('17-side-menu-sale', { window: true });
    await page.keyboard.press('F1');
    await expect.poll(shown, { timeout: UI_TIMEOUT }).toEqual(['F1 读卡']);
  }, 120_000);

  it('opens a screen by click and by keyboard, with one Tab stop', async () => {
    const { page } = e;
    const menu = page.getByTestId('menu');
    const shown = () => menu.locator('[aria-current="page"]').allTextContents();
    await menu.getByText('F3 交易流水').click();
    await expect.poll(shown, { timeout: UI_TIMEOUT }).toEqual(['F3 交易流水']);
    expect(await menu.locator('[tabindex="0"]').allTextContents()).toEqual(['F3 交易流水']);

    // From the item shown: down past 电子处方 to 对账与报表, Enter opens it; up wraps from the first to the last.
    await menu.locator('[aria-current="page"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('对账与报表');
    await page.keyboard.press('Enter');
    await expect.poll(shown, { timeout: UI_TIMEOUT }).toEqual(['对账与报表']);
    await page.getByTestId('reports-screen').waitFor();
    await menu.getByText('F4 签到 / 交班').focus();
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('接口清单');
    await page.keyboard.press(' ');
    await expect.poll(shown, { timeout: UI_TIMEOUT }).toEqual(['接口清单']);
    await e.shot('17-side-menu-interfaces', { window: true });
    expect(e.pageErrors).toEqual([]);
  }, 120_000);
});
