/**
 * Issue 17 point 12 (1366×768): switching the counter to another institution in 设置 says that
 * nobody is signed in there and that the sign-in left behind is kept; switching back says the
 * earlier sign-in is used again, instead of restoring it without a word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC, PHARMACY } from '../helpers/sandbox-harness';
import { chooseInstitution, saveSettingsByKeys, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let e: CounterE2E;

beforeAll(async () => {
  e = await startCounterE2E();
  await e.page.setViewportSize({ width: 1366, height: 768 });
}, 180_000);
afterAll(async () => {
  await e?.close();
});

const saved = () => e.page.getByTestId('settings-saved').textContent();
const operator = () => e.page.getByTestId('operator').textContent();

describe('switching institution says what happened to the sign-in, each way', () => {
  it('away: nobody is signed in at the clinic, the pharmacy sign-in is kept', async () => {
    const { page } = e;
    await signIn(page, 'OP001', '张收费');
    await page.keyboard.press('F10');
    await chooseInstitution(page, CLINIC.fixmedinsCode);
    await saveSettingsByKeys(page);
    await expect.poll(operator, { timeout: UI_TIMEOUT }).toContain('未签到');
    const text = await saved();
    expect(text).toContain(`已切换到 ${CLINIC.fixmedinsName} (${CLINIC.fixmedinsCode})`);
    expect(text).toContain('这里没有已签到的操作员, 请按 F4 重新签到');
    expect(text).toContain(`操作员 OP001 张收费 在 ${PHARMACY.fixmedinsName} (${PHARMACY.fixmedinsCode}) 的签到仍保留`);
    await e.shot('17-12-switch-away', { window: true });
  }, 120_000);

  it('back: the earlier pharmacy sign-in is used again, and the screen says so', async () => {
    const { page } = e;
    await chooseInstitution(page, PHARMACY.fixmedinsCode);
    await saveSettingsByKeys(page);
    await expect.poll(operator, { timeout: UI_TIMEOUT }).toContain('OP001');
    const text = await saved();
    expect(text).toContain(`已切换到 ${PHARMACY.fixmedinsName} (${PHARMACY.fixmedinsCode})`);
    expect(text).toContain('沿用了 操作员 OP001 张收费 之前在这里的签到');
    expect(text).toContain('无需重新签到');
    await e.shot('17-12-switch-back', { window: true });
  }, 120_000);
});
