/**
 * Issue 21: 湖北's 清算申请 on 对账与报表 in the browser, against the sandbox center: the applications
 * the counter made (3202a 本地 / 1608 异地) are listed, the center's form (3205a) is printed (the
 * browser's print in web mode) and an application is withdrawn (3204a / 1618) with 撤销. A 四川 or
 * national counter shows no such section (region-screen / screen-language walk those).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src-main/core/time';
import { applyForClearing } from '../../src-main/reconcile/clearing-applications';
import { readLedger } from '../../src-main/reconcile/local-ledger';
import {
  appReady,
  RECORD_PRINTS,
  recordedPrints,
  serviceSeller,
  signIn,
  startCounterE2E,
  UI_TIMEOUT,
  type CounterE2E,
} from './counter-e2e';

let e: CounterE2E;
/** The center's clock: yesterday while selling (a clearing period must have ended), then back to now. */
let shiftMs = 0;

beforeAll(async () => {
  e = await startCounterE2E({ profile: 'hubei' }, { clock: () => new Date(Date.now() + shiftMs) });
  await e.page.setViewportSize({ width: 1366, height: 768 });
  await e.page.addInitScript(RECORD_PRINTS);
  await e.page.reload();
  await appReady(e.page);
}, 180_000);
afterAll(async () => {
  await e?.close();
});

describe('清算申请 on 对账与报表 (湖北)', () => {
  it('lists the applications, prints the center form, withdraws one', async () => {
    const { page } = e;
    const store = e.h.sandbox.center.store;
    await signIn(page);
    const sell = await serviceSeller(e);
    shiftMs = -24 * 3600 * 1000;
    await sell('CLR00000001', 2);
    shiftMs = 0;
    // The application the 对账 makes after a balanced month, made here for yesterday's ledger (its own test: hubei-clearing).
    const app = e.web.app;
    const yesterday = formatDate(new Date(Date.now() - 24 * 3600 * 1000));
    const made = await applyForClearing(
      app,
      app.sessions.current(),
      { begndate: yesterday, enddate: yesterday },
      readLedger(app.journal, app.loaded.config.institution.fixmedinsCode, yesterday, yesterday),
    );
    expect(made.length).toBeGreaterThan(0);
    const first = made[0]!;

    await page.getByTestId('menu').getByText('对账与报表').click();
    const card = page.getByTestId('clearing-card');
    await expect.poll(() => card.textContent(), { timeout: UI_TIMEOUT }).toContain(first.evtId);
    expect(await card.textContent()).toContain(first.infno);

    await page.getByTestId(`clearing-print-${first.id}`).click();
    await page.getByTestId('clearing-done').waitFor();
    await expect.poll(async () => (await recordedPrints(page)).join('\n'), { timeout: UI_TIMEOUT }).toContain(first.evtId);
    const printed = (await recordedPrints(page)).at(-1) ?? '';
    expect(printed).toContain('清算申请单');
    expect(store.messages.query({ infno: '3205a', limit: 10 })).toHaveLength(1);

    await page.getByTestId(`clearing-cancel-${first.id}`).click();
    await page.getByTestId('clearing-confirm-cancel').click();
    await expect.poll(() => page.getByTestId('clearing-done').textContent(), { timeout: UI_TIMEOUT }).toContain('已撤销');
    const cancelCode = first.persons === 'local' ? '3204a' : '1618';
    expect(store.messages.query({ infno: cancelCode, outcome: 'ok', limit: 10 })).toHaveLength(1);
    await expect.poll(() => card.textContent(), { timeout: UI_TIMEOUT }).toContain('已撤销');
    expect(await page.getByTestId(`clearing-cancel-${first.id}`).count()).toBe(0);
    await card.scrollIntoViewIfNeeded();
    await e.shot('21r-clearing', { window: true });
    expect(e.pageErrors).toEqual([]);
  }, 180_000);
});
