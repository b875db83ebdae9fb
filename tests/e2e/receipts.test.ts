/**
 * Receipts in the browser (web mode on the sandbox): 设置 sets the printer to 58 mm with printing
 * after each settlement; a sale then prints by itself through the page's hidden print frame (the
 * page is 58 mm wide and as long as the receipt); 打印小票 opens the preview, which switches to A4
 * and prints again; 重打 in the history prints a copy marked 补打. The browser's print dialog is
 * replaced by a recorder (headless Chromium has none to show).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow } from '../../src-main/sandbox/store';
import { personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import {
  addItem,
  appReady,
  readCard,
  recordedPrints,
  RECORD_PRINTS,
  signIn,
  startCounterE2E,
  UI_TIMEOUT,
  type CounterE2E,
} from './counter-e2e';

let e: CounterE2E;
let person: PersonRow;

const prints = (): Promise<string[]> => recordedPrints(e.page);

beforeAll(async () => {
  e = await startCounterE2E();
  person = personsOf(e.h.sandbox.center.store, 'emp-active', 50_000)[3] as PersonRow;
  await e.page.addInitScript(RECORD_PRINTS);
  await e.page.reload();
  await appReady(e.page);
}, 180_000);
afterAll(async () => {
  await e?.close();
});

describe('receipts in the browser', () => {
  let setlId = '';

  it('设置: 58 mm paper and printing after each settlement are saved to the config file', async () => {
    const { page } = e;
    await page.getByTestId('opter').waitFor();
    await page.keyboard.press('F10');
    await page.getByTestId('printer-settings').waitFor();
    await page.getByTestId('printer-paper').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '58 mm' }).click();
    await page.getByTestId('printer-auto').click();
    await e.shot('30-settings-printer');
    await page.keyboard.press('F6');
    await page.getByTestId('confirm-save').waitFor();
    expect(await page.locator('.ant-modal').textContent()).toContain('结算后自动打印');
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-saved').waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    expect(e.web.app.loaded.config.printer).toEqual({ deviceName: '', paper: '58', silent: false, autoPrint: true });
  }, 120_000);

  it('a settlement prints its 58 mm receipt by itself', async () => {
    const { page } = e;
    const { a, b } = pharmacyItems(e.h.sandbox.center.store);
    await signIn(page);
    await readCard(page, person);
    await page.keyboard.press('F2');
    await addItem(page, a.code, a.code, '12.5', '2');
    await addItem(page, b.code, b.code, '38.8');
    await page.keyboard.press('F5');
    await page.getByTestId('pre-settlement').waitFor();
    await page.keyboard.press('F6');
    await page.getByTestId('sale-done').waitFor();
    setlId = (await page.getByTestId('settlement').textContent())?.match(/结算ID (\w+)/)?.[1] ?? '';
    expect(setlId).not.toBe('');
    await expect.poll(async () => (await prints()).length, { timeout: UI_TIMEOUT }).toBe(1);
    const [printed] = await prints();
    expect(printed).toContain(setlId);
    expect(printed).toContain('医保购药结算小票');
    expect(printed).toContain(person.psnName);
    expect(printed).not.toContain(person.certno);
    expect(printed).toMatch(/@page \{ size: 58mm \d+mm; margin: 0; \}/);
    // The print frame is gone after printing (it is removed on afterprint or after a minute).
    await e.shot('31-sale-auto-printed');
  }, 120_000);

  it('打印小票 previews the receipt, switches to the A4 结算单 and prints it', async () => {
    const { page } = e;
    await page.getByTestId('print-receipt').click();
    const frame = page.getByTestId('receipt-frame');
    await expect.poll(() => frame.getAttribute('srcdoc'), { timeout: UI_TIMEOUT }).toContain(setlId);
    expect(await frame.getAttribute('srcdoc')).toContain('医保购药结算小票');
    await e.shot('32-receipt-preview-58');
    await page.getByTestId('receipt-format').getByText('A4 结算单').click();
    await expect.poll(() => frame.getAttribute('srcdoc'), { timeout: UI_TIMEOUT }).toContain('医疗收费结算单');
    await e.shot('33-receipt-preview-a4');
    await page.getByTestId('receipt-print').click();
    await page.getByTestId('receipt-printed').waitFor();
    expect(await page.getByTestId('receipt-printed').textContent()).toContain('浏览器打印');
    const all = await prints();
    expect(all).toHaveLength(2);
    expect(all[1]).toContain('医疗收费结算单');
    expect(all[1]).toContain('@page { size: 210mm 297mm');
    await page.keyboard.press('Escape');
    await page.getByTestId('receipt-frame').waitFor({ state: 'detached' });
  }, 120_000);

  it('重打 in the history prints a copy marked 补打', async () => {
    const { page } = e;
    await page.keyboard.press('F8');
    await page.getByTestId(`reprint-${setlId}`).click();
    const frame = page.getByTestId('receipt-frame');
    await expect.poll(() => frame.getAttribute('srcdoc'), { timeout: UI_TIMEOUT }).toContain('补打');
    await e.shot('34-receipt-reprint');
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt-printed').waitFor();
    const all = await prints();
    expect(all).toHaveLength(3);
    expect(all[2]).toContain('补打');
    expect(all[2]).toContain(setlId);
    expect(e.pageErrors).toEqual([]);
  }, 120_000);
});
