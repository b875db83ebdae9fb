/**
 * 进销存上传 and 目录对照 in the browser (web mode on the sandbox): a purchase file with a bad row
 * previewed with its row number, queued, uploaded, the center's stock shown; a mapping made by
 * picking a 医保 item and typing the shop's code, then revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pharmacyItems } from '../helpers/sandbox-fixtures';
import { signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let e: CounterE2E;

beforeAll(async () => {
  e = await startCounterE2E();
}, 180_000);
afterAll(async () => {
  await e?.close();
});

describe('进销存 and 目录对照 screens', () => {
  it('previews a file with its bad row, queues and uploads the good ones, and shows the center stock', async () => {
    const { page } = e;
    const { a } = pharmacyItems(e.h.sandbox.center.store);
    await page.getByTestId('opter').waitFor();
    await signIn(page);
    await page.getByTestId('menu').getByText('进销存上传').click();
    const today = new Date().toISOString().slice(0, 10);
    const csv = [
      '医保目录编码,本机构编码,本机构名称,批次号,供应商,生产批号,生产企业,批准文号,生产日期,有效期至,数量,入库时间,经办人',
      `${a.code},E2E-1,本店甲药,EB1,供应商甲,L1,厂家,国药准字H1,2026-01-01,2028-01-01,36,${today} 08:00:00,库管`,
      `${a.code},E2E-1,本店甲药,EB2,供应商甲,L1,厂家,国药准字H1,2026-01-01,2025-01-01,5,${today} 08:00:00,库管`,
      `${a.code},E2E-1,本店甲药,EB3,供应商甲,L1,厂家,国药准字H1,2026-01-01,2028-01-01,-4,${today} 08:00:00,库管`,
    ].join('\r\n');
    await page.getByTestId('inventory-file').setInputFiles({ name: '采购.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const errors = page.getByTestId('inventory-preview-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('[数量]');
    expect(await errors.locator('tbody tr').first().textContent()).toMatch(/^4/);
    await e.shot('40-inventory-preview');

    await page.getByTestId('inventory-enqueue').click();
    await expect.poll(() => page.getByTestId('inventory-notice').textContent(), { timeout: UI_TIMEOUT }).toContain('入队 2 行');
    await page.getByTestId('inventory-upload').click();
    await expect
      .poll(() => page.getByTestId('inventory-notice').textContent(), { timeout: UI_TIMEOUT })
      .toContain('完成 1, 被拒 1');
    // The notice comes with the upload's answer; the queue table is reloaded right after it.
    const queue = page.getByTestId('inventory-queue');
    await expect.poll(() => queue.textContent(), { timeout: UI_TIMEOUT }).toContain('已完成');
    expect(await queue.textContent()).toContain('有效期止 2025-01-01 早于生产日期');
    await e.shot('41-inventory-uploaded');

    await page.getByTestId('stock-item').fill('E2E-1');
    await page.getByTestId('stock-query').click();
    await expect.poll(() => page.getByTestId('stock-rows').textContent(), { timeout: UI_TIMEOUT }).toContain('EB1');
    expect(await page.getByTestId('stock-rows').textContent()).toContain('36');
    expect(e.pageErrors).toEqual([]);
  }, 120_000);

  it('maps a 医保 item to the shop code and barcode (3301) and revokes it (3302)', async () => {
    const { page } = e;
    const { b } = pharmacyItems(e.h.sandbox.center.store);
    await page.getByTestId('menu').getByText('目录对照').click();
    const box = page.getByTestId('mapping-screen').getByTestId('item-search');
    await box.click();
    await box.fill(b.code);
    await page.locator('.search-option').filter({ hasText: b.code }).first().waitFor();
    await box.press('Enter');
    await expect.poll(() => page.getByTestId('mapping-picked').textContent(), { timeout: UI_TIMEOUT }).toContain(b.code);
    await page.getByTestId('mapping-local-code').fill('SHOP-E2E');
    await page.getByTestId('mapping-local-name').fill('本店乙药');
    await page.getByTestId('mapping-barcode').fill('6900000000024');
    await page.getByTestId('mapping-upload').click();
    await expect.poll(() => page.getByTestId('mapping-list').textContent(), { timeout: UI_TIMEOUT }).toContain('SHOP-E2E');
    await e.shot('42-mapping');

    await page.getByTestId('mapping-revoke-SHOP-E2E').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('mapping-list').textContent(), { timeout: UI_TIMEOUT }).not.toContain('SHOP-E2E');
    expect(e.pageErrors).toEqual([]);
  }, 120_000);
});
