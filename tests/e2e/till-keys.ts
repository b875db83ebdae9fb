/**
 * Keyboard steps at the till shared by the e2e tests and `npm run bench:till` (no vitest here:
 * the benchmark runs outside it).
 */
import type { Page } from 'playwright-core';

/** On 读卡 with the cursor in 身份证号: types the ID number, Tab, the name and Enter, as a cashier does. */
export async function typePersonRead(page: Page, person: { certno: string; psnName: string }): Promise<void> {
  await page.keyboard.type(person.certno);
  await page.keyboard.press('Tab');
  await page.keyboard.type(person.psnName);
  await page.keyboard.press('Enter');
}

/** Waits until the element with this test id holds the keyboard focus. */
export async function waitFocus(page: Page, testId: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"]:focus`).waitFor();
}
