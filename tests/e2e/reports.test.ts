/**
 * 对账与报表 in the browser: after two sales and a refund at this counter, the screen shows the
 * day's totals and its chart, 对账 answers 平 for every group, and 导出 Excel downloads a file whose
 * totals are the sales' (read back with read-excel-file).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatYuan, yuanNumber, type Fen } from '../../src-main/core/money';
import { OPERATOR } from '../helpers/sandbox-fixtures';
import { ARTIFACTS, serviceSeller, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let e: CounterE2E;

beforeAll(async () => {
  e = await startCounterE2E();
}, 180_000);
afterAll(async () => {
  await e?.close();
});

describe('对账与报表', () => {
  it('shows the day, reconciles it and exports it', async () => {
    const { page } = e;
    await signIn(page, OPERATOR.opter, OPERATOR.opterName);
    // The sales go through the same services the sale screen calls.
    const { services } = e.web.runtime;
    const sell = await serviceSeller(e);
    const first = await sell('E2EREPORT0001', 3);
    const second = await sell('E2EREPORT0002', 2);
    await services.pharmacy.refund(first.msgid);
    const net = second.medfeeFen as Fen;

    await page.getByTestId('menu').getByText('对账与报表').click();
    await expect.poll(() => page.getByTestId('report-settle-count').textContent(), { timeout: UI_TIMEOUT }).toBe('2');
    expect(await page.getByTestId('report-medfee').textContent()).toBe(formatYuan(net));
    expect(await page.locator('[data-testid="day-chart"] rect').count()).toBeGreaterThan(0);

    await page.getByTestId('run-reconcile').click();
    const run = page.getByTestId('reconcile-run').first();
    await expect.poll(() => run.textContent(), { timeout: UI_TIMEOUT }).toContain('全部对平');
    expect(await run.locator('.ant-tag').filter({ hasText: '不平' }).count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^结算日报_P42010000001_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = join(ARTIFACTS, 'reports-export.xlsx');
    await download.saveAs(file);
    const byOperator = await readSheet(readFileSync(file), '按操作员');
    expect(byOperator.at(-1)?.slice(0, 6)).toEqual([
      '合计',
      2,
      1,
      yuanNumber((first.medfeeFen + second.medfeeFen) as Fen),
      yuanNumber(first.medfeeFen as Fen),
      yuanNumber(net),
    ]);
    await e.shot('reports');
    expect(e.pageErrors).toEqual([]);
  }, 240_000);
});
