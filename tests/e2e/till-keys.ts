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

/** F4, 操作员编号 and name, Enter; waits until the header shows the operator signed in. */
export async function signInByKeys(page: Page, opter: string, name: string): Promise<void> {
  await page.keyboard.press('F4');
  await page.getByTestId('opter').fill(opter);
  await page.getByTestId('opter-name').fill(name);
  await page.getByTestId('opter-name').press('Enter');
  await page.getByTestId('operator').filter({ hasText: opter }).waitFor();
}

/** In 设置: picks a sandbox institution preset by its code. */
export async function chooseInstitution(page: Page, code: string): Promise<void> {
  await page.getByTestId('institution-preset').locator('.ant-select').click();
  await page.locator('.ant-select-item-option').filter({ hasText: code }).click();
}

/** In 设置: F6, Enter on the confirmation; waits until the counter reopened with the saved file. */
export async function saveSettingsByKeys(page: Page): Promise<void> {
  await page.keyboard.press('F6');
  await page.getByTestId('confirm-save').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('settings-saved').waitFor();
  await page.locator('.ant-modal').waitFor({ state: 'detached' });
}
