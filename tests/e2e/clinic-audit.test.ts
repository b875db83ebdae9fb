/**
 * 明细审核 at the clinic in the browser: a bill with the same drug twice and a 妇科 item for a man
 * is checked (3101) before it is uploaded; the warnings name the lines; 返回修改 is reported (3103).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueItemRow, PersonRow } from '../../src-main/sandbox/store';
import { AuditWarningRepo } from '../../src-main/sandbox/store/audit-warnings';
import { CLINIC } from '../helpers/sandbox-harness';
import { personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import type { Page } from 'playwright-core';
import { readCard, registerVisit, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let e: CounterE2E;
let person: PersonRow;
let gyn: CatalogueItemRow;

beforeAll(async () => {
  e = await startCounterE2E({ institution: CLINIC });
  const store = e.h.sandbox.center.store;
  person = personsOf(store, 'emp-active', 0).filter((p) => p.gend === '1')[2] as PersonRow;
  const rows = store.catalogue.queryHilist({
    updtTime: '2000-01-01 00:00:00',
    pageNum: 1,
    pageSize: 50,
    hilistName: '妇科',
  }).rows;
  gyn = rows.find((r) => r.valiFlag === '1') as CatalogueItemRow;
}, 180_000);
afterAll(async () => {
  await e?.close();
});

/** Adds an item by code and types its price, waiting until the bill has `rows` lines (the same item twice is two lines). */
async function addLine(page: Page, code: string, pric: string, rows: number, cnt = '1'): Promise<void> {
  const box = page.getByTestId('item-search');
  const options = page.locator('.search-option:visible');
  // The previous pick's list must be gone first, or Enter would go to a list that is closing.
  await expect.poll(() => options.count(), { timeout: UI_TIMEOUT }).toBe(0);
  await box.click();
  await box.fill(code);
  await options.filter({ hasText: code }).first().waitFor();
  await box.press('Enter');
  const lines = page.locator('[data-testid="lines"] tbody tr[data-row-key]');
  await expect.poll(() => lines.count(), { timeout: UI_TIMEOUT }).toBe(rows);
  await page.keyboard.type(pric);
  if (cnt !== '1') await lines.last().locator('input[data-field="cnt"]').fill(cnt);
}

describe('明细审核 on the clinic screen', () => {
  it('checks the bill before upload and reports the decision', async () => {
    const { page } = e;
    const { a } = pharmacyItems(e.h.sandbox.center.store);
    await page.getByTestId('opter').waitFor();
    await signIn(page, 'OP003', '赵收费');
    await readCard(page, person);
    await page.keyboard.press('F2');
    await registerVisit(page);

    await addLine(page, a.code, '12.5', 1, '2');
    await addLine(page, a.code, '12.5', 2);
    await addLine(page, gyn.code, '90', 3);
    await page.getByTestId('audit-check').click();
    await page.getByTestId('audit-hits').waitFor();
    const duplicate = page.getByTestId('audit-hit-SBX-R001');
    const gender = page.getByTestId('audit-hit-SBX-R003');
    expect(await duplicate.textContent()).toContain('第 2 行');
    expect(await gender.textContent()).toContain('第 3 行');
    await e.shot('clinic-audit-01-hits');

    await gender.getByRole('button', { name: '返回修改' }).click();
    await gender.getByText('已返回修改').waitFor();
    await duplicate.getByPlaceholder('继续执行的理由').fill('两次给药, 医嘱如此');
    await duplicate.getByRole('button', { name: '继续执行' }).click();
    await duplicate.getByText('已继续执行').waitFor();
    await e.shot('clinic-audit-02-answered');

    const repo = new AuditWarningRepo(e.h.sandbox.center.store.db);
    const handled = e.h.sandbox.center.store.db
      .prepare('SELECT jr_id AS jrId FROM audit_warning WHERE handled_at IS NOT NULL')
      .all() as { jrId: string }[];
    expect(handled.map((h) => repo.get(h.jrId)?.dspoWay).sort()).toEqual(['1', '2']);
    expect(e.pageErrors).toEqual([]);
  }, 180_000);
});
