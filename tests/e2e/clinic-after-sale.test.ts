/**
 * Issue 17 point 9 at a clinic counter (四川 profile: 2206A / 2207A / 2208), 1366×768: after the
 * settlement the person bar shows the 个人账户余额 the center answered (结算后), and the refund of
 * the bill (2208) shows the refunded total, 基金, 个人账户 and 现金 from the 2208 answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYuan } from '../../src-main/core/money';
import type { PersonRow } from '../../src-main/sandbox/store';
import { CLINIC } from '../helpers/sandbox-harness';
import { personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import { addItem, readThroughControl, registerVisit, signIn, startCounterE2E, type CounterE2E } from './counter-e2e';
import { ControlDouble, controlDevices } from '../helpers/control-double';
import { expectBalanceAfter, expectRefundAmounts } from './after-sale-checks';

let e: CounterE2E;
let person: PersonRow;
/** 四川: the person is read through the 安全控件 (the DLL double), and again before the refund. */
let control: ControlDouble;

beforeAll(async () => {
  e = await startCounterE2E({ institution: CLINIC, profile: 'sichuan', devices: controlDevices() });
  control = new ControlDouble(e.h.dir);
  await e.page.setViewportSize({ width: 1366, height: 768 });
  person = personsOf(e.h.sandbox.center.store, 'emp-retired', 20_000)[1] as PersonRow;
}, 180_000);
afterAll(async () => {
  control?.close();
  await e?.close();
});

describe('issue 17 point 9 at the clinic', () => {
  let chrgBchno = '';

  it('after 2207A the person bar shows the balance the center answered, labelled 结算后', async () => {
    const { page } = e;
    const { a } = pharmacyItems(e.h.sandbox.center.store);
    await signIn(page, 'OP002', '李收费');
    await readThroughControl(page, control, person);
    await page.keyboard.press('F2');
    const before = parseYuan((await page.getByTestId('person-balance').textContent()) ?? '');
    await registerVisit(page);
    await addItem(page, a.code, a.code, '12.5', '2');
    await page.keyboard.press('F5');
    await page.getByTestId('clinic-pre-settlement').waitFor();
    await page.keyboard.press('F6');
    await page.getByTestId('clinic-done').waitFor();
    const mdtrtId = (await page.getByTestId('visit-panel').textContent())?.match(/就诊 (\w+)/)?.[1] ?? '';
    chrgBchno = (await e.web.runtime.services.clinic.visit(mdtrtId)).bills[0]?.chrgBchno ?? '';
    await expectBalanceAfter(e, '2207A', 'clinic-settlement-acct', before);
    await e.shot('17-09-clinic-balance-after', { window: true });
  }, 180_000);

  it('the refund (2208) shows the refunded amounts from its answer', async () => {
    const { page } = e;
    expect(chrgBchno).not.toBe('');
    await page.getByTestId(`refund-bill-${chrgBchno}`).click();
    await page.getByTestId('confirm-clinic-refund').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('clinic-refund-done').waitFor();
    await expectRefundAmounts(e, '2208', 'clinic-refund');
    await e.shot('17-09-clinic-refund-amounts', { window: true });
    expect(e.pageErrors).toEqual([]);
  }, 120_000);
});
