/**
 * A clinic counter in the browser: the settings screen switches the counter from the default
 * pharmacy to the sandbox clinic on the 四川 profile (2203A / 2206A / 2207A), then a visit with
 * two bills, each pre-settled and settled, a partial refund (bill two: 2208 then 2205) and 重打
 * of the refunded bill's receipt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow } from '../../src-main/sandbox/store';
import { personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import { ControlDouble, controlDevices } from '../helpers/control-double';
import {
  addItem,
  chooseInstitution,
  readThroughControl,
  saveSettingsByKeys,
  signIn,
  startCounterE2E,
  UI_TIMEOUT,
  type CounterE2E,
} from './counter-e2e';

let e: CounterE2E;
let person: PersonRow;
/** After the switch to 四川 the person is read through the 安全控件 (the DLL double). */
let control: ControlDouble;

beforeAll(async () => {
  e = await startCounterE2E({ devices: controlDevices() });
  control = new ControlDouble(e.h.dir);
  person = personsOf(e.h.sandbox.center.store, 'emp-retired', 20_000)[0] as PersonRow;
}, 180_000);
afterAll(async () => {
  control?.close();
  await e?.close();
});

describe('clinic counter in the browser', () => {
  let mdtrtId = '';

  it('switches to the sandbox clinic and the 四川 profile in 设置 (config file saved, counter reopened)', async () => {
    const { page } = e;
    await page.keyboard.press('F10');
    await chooseInstitution(page, 'H42010000002');
    await page.getByTestId('profile').locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '四川' }).click();
    await e.shot('10-settings');
    await saveSettingsByKeys(page);
    await expect.poll(() => page.getByTestId('status-bar').textContent(), { timeout: UI_TIMEOUT }).toContain('H42010000002');
    expect(e.web.app.loaded.config.institution).toMatchObject({ fixmedinsCode: 'H42010000002', kind: 'clinic' });
    expect(e.web.app.loaded.config.profile).toBe('sichuan');
    expect(e.web.app.loaded.config.institution.terminalSlot).toBe(0);
  }, 120_000);

  it('registers, uploads the diagnosis, enters and settles two bills', async () => {
    const { page } = e;
    const { a, b, c } = pharmacyItems(e.h.sandbox.center.store);
    await signIn(page, 'OP002', '李收费');
    await readThroughControl(page, control, person);
    await page.keyboard.press('F2');
    await page.getByTestId('dept-code').fill('NK01');
    await page.getByTestId('dept-name').fill('内科');
    await page.getByTestId('caty').fill('A03');
    await page.getByTestId('doctor-code').fill('D420100000001');
    await page.getByTestId('doctor-name').fill('张医生');
    await e.shot('15-clinic-register');
    await page.getByTestId('doctor-name').press('Enter');
    await page.getByTestId('diag-code-0').waitFor();
    await page.getByTestId('main-cond').fill('咳嗽三天');
    await page.getByTestId('diag-code-0').fill('J06.900');
    await page.getByTestId('diag-name-0').fill('急性上呼吸道感染');
    await e.shot('16-clinic-visit-info');
    await page.getByTestId('diag-name-0').press('Enter');
    await page.getByTestId('item-search').waitFor();
    mdtrtId = (await page.getByTestId('visit-panel').textContent())?.match(/就诊 (\w+)/)?.[1] ?? '';
    expect(mdtrtId).toMatch(/^MD/);

    // Bill one: two items; F5 uploads (2204) and pre-settles (2206A).
    await addItem(page, a.code, a.code, '12.5', '2');
    await addItem(page, b.code, b.code, '38.8');
    await page.keyboard.press('F5');
    await page.getByTestId('clinic-pre-settlement').waitFor();
    expect(await page.getByTestId('clinic-pre-settlement').textContent()).toContain('2206A');
    await e.shot('11-clinic-presettle');
    await page.keyboard.press('F6');
    await page.getByTestId('clinic-done').waitFor();
    await e.shot('12-clinic-settled');

    // Bill two: one item. Its first 2206A is refused: the bill stays uploaded, not a draft to upload again,
    // and the next F5 pre-settles it (one 2204 for it: two bills at the end).
    await page.keyboard.press('F9');
    await addItem(page, c.code, c.code, '21.37', '0.5');
    e.h.sandbox.center.addFault('2206A', 'reject:-1:沙箱注入的预结算失败', 1);
    await page.keyboard.press('F5');
    await page.getByTestId('clinic-error').filter({ hasText: '沙箱注入的预结算失败' }).waitFor();
    await page.getByTestId('active-bill').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="bills"] tbody tr[data-row-key]').count(), { timeout: UI_TIMEOUT })
      .toBe(2);
    await page.keyboard.press('F5');
    await page.getByTestId('clinic-pre-settlement').waitFor();
    await page.keyboard.press('F6');
    await page.getByTestId('clinic-done').waitFor();

    const visit = await e.web.runtime.services.clinic.visit(mdtrtId);
    expect(visit.bills.map((x) => x.state)).toEqual(['settled', 'settled']);
    expect(visit.bills.map((x) => x.settlement?.infno)).toEqual(['2207A', '2207A']);
    await expect
      .poll(() => page.locator('[data-testid="bills"] tbody tr[data-row-key]').count(), { timeout: UI_TIMEOUT })
      .toBe(2);
  }, 180_000);

  it('refunds bill two only (2208, then 2205); bill one and the registration stay', async () => {
    const { page } = e;
    const two = (await e.web.runtime.services.clinic.visit(mdtrtId)).bills[1];
    if (!two) throw new Error('second bill missing');
    await page.getByTestId(`refund-bill-${two.chrgBchno}`).click();
    await page.getByTestId('confirm-clinic-refund').waitFor();
    await e.shot('13-clinic-refund-confirm');
    await page.keyboard.press('Enter');
    await page.getByTestId('clinic-refund-done').waitFor();
    await expect
      .poll(() => page.getByTestId(`bill-state-${two.chrgBchno}`).textContent(), { timeout: UI_TIMEOUT })
      .toBe('已撤销');
    await e.shot('14-clinic-refunded');

    const visit = await e.web.runtime.services.clinic.visit(mdtrtId);
    expect(visit.bills.map((x) => x.state)).toEqual(['settled', 'cancelled']);
    expect(visit.cancelled).toBe(false);
    const store = e.h.sandbox.center.store;
    expect(store.settlements.get(visit.bills[0]?.settlement?.setlId ?? '')?.state).toBe('settled');
    expect(store.settlements.get(two.settlement?.setlId ?? '')?.state).toBe('cancelled');
    const refunds = e.web.app.journal.list({ infnos: ['2208', '2205', '2202'], states: ['ok'] }).map((x) => x.infno);
    expect(refunds.reverse()).toEqual(['2208', '2205']);
    expect(await page.getByTestId('cancel-registration').isDisabled()).toBe(true);

    // 重打 of the refunded bill: its settlement's receipt, marked as a copy and as refunded.
    await page.getByTestId(`reprint-bill-${two.chrgBchno}`).click();
    const frame = page.getByTestId('receipt-frame');
    await expect.poll(() => frame.getAttribute('srcdoc'), { timeout: UI_TIMEOUT }).toContain('补打');
    const receipt = (await frame.getAttribute('srcdoc')) ?? '';
    expect(receipt).toContain(two.settlement?.setlId ?? '?');
    expect(receipt).toContain('已退费');
    expect(receipt).toContain(mdtrtId);
    await e.shot('14b-clinic-reprint');
    await page.keyboard.press('Escape');
    await frame.waitFor({ state: 'detached' });

    await page.keyboard.press('F8');
    await page.locator('[data-testid="recent-visits"]').getByText(mdtrtId).waitFor();
    await e.shot('17-clinic-recent-visits');
    expect(e.pageErrors).toEqual([]);
  }, 120_000);
});
