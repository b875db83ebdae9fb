/**
 * The 四川 安全控件 in the browser (seed 003 第六章 / 第七章), with the compiled vendor-DLL double as the
 * reader and control: sign-in initialises it, 读卡器读卡 obtains the visit's medium, and the sandbox
 * center's message log shows that medium as dev_safe_info on 2101A / 2102A (pharmacy), a new one on the
 * refund 2103 after the control is read again, then on 2201 / 2207A after 设置 switches the counter to
 * the clinic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow } from '../../src-main/sandbox/store';
import { personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import { buildNativeDouble, DoubleControl, personState } from '../helpers/devices-native';
import { addItem, registerByHand, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';
import type { Page } from 'playwright-core';

let e: CounterE2E;
let person: PersonRow;
let double: DoubleControl;

beforeAll(async () => {
  const native = buildNativeDouble();
  e = await startCounterE2E({
    profile: 'sichuan',
    devices: {
      driver: 'dll',
      timeoutMs: 10_000,
      dll: { path: native.reader, charset: 'gbk', initUser: '510100', read: 'card', safeMediumFunction: 'GetSafeMedium' },
    },
  });
  double = new DoubleControl(e.h.dir);
  // The counter's DLL host inherits this process's environment: that is how the double finds its state.
  process.env['YIBAO_DOUBLE_STATE'] = double.statePath;
  person = personsOf(e.h.sandbox.center.store, 'emp-active', 50_000)[0] as PersonRow;
  double.set({ mode: 'present', charset: 'gbk', ...personState(person) });
}, 180_000);
afterAll(async () => {
  delete process.env['YIBAO_DOUBLE_STATE'];
  await e?.close();
});

/** dev_safe_info of every message of `infno` the center received, oldest first. */
function mediaAtCenter(infno: string): string[] {
  return e.h.sandbox.center.store.messages
    .query({ infno, limit: 1000 })
    .map((m) => (JSON.parse(m.requestJson) as { dev_safe_info: string }).dev_safe_info);
}

async function readWithDevice(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  await page.getByTestId('read-device').click();
  await page.getByTestId('person-name').filter({ hasText: person.psnName }).waitFor();
  await page.getByTestId('safe-medium').waitFor();
}

describe('安全控件 on every counter flow (四川)', () => {
  let saleMedium = '';

  it('initialises the control at sign-in and reads the visit medium for 2102A', async () => {
    const { page } = e;
    double.clearLog();
    await signIn(page);
    await expect.poll(() => double.calls().map((c) => c.call.split(' ')[0]), { timeout: UI_TIMEOUT }).toContain('Init');
    expect(await page.getByTestId('safe-control-notice').count()).toBe(0);
    await readWithDevice(page);
    expect(await page.getByTestId('safe-medium').textContent()).toContain('2102A');
    await e.shot('40-safe-control-read');
    expect(double.calls().filter((c) => c.call.startsWith('Init'))).toHaveLength(1);
    saleMedium = mediaAtCenter('1101').at(-1) ?? '';
    expect(saleMedium).toMatch(/^SM1\.2102A\./);
  }, 120_000);

  it('sends the medium on 2101A and 2102A, and a new one on 2103 after reading the control again', async () => {
    const { page } = e;
    const { a, b } = pharmacyItems(e.h.sandbox.center.store);
    await page.keyboard.press('F2');
    await addItem(page, a.code, a.code, '12.5', '2');
    await addItem(page, b.code, b.code, '38.8');
    await page.keyboard.press('F5');
    await page.getByTestId('pre-settlement').waitFor();
    await page.keyboard.press('F6');
    await page.getByTestId('sale-done').waitFor();
    expect(mediaAtCenter('2101A')).toEqual([saleMedium]);
    expect(mediaAtCenter('2102A')).toEqual([saleMedium]);
    const setlId = (await page.getByTestId('settlement').textContent())?.match(/结算ID (\w+)/)?.[1] ?? '';

    double.clearLog();
    await page.keyboard.press('F8');
    await page.getByTestId(`refund-${setlId}`).click();
    await page.getByTestId('confirm-refund').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('refund').waitFor();
    expect(double.calls().map((c) => c.call)).toEqual([
      expect.stringMatching(/^ReadCardBas/),
      expect.stringMatching(/^GetSafeMedium infno=2103/),
    ]);
    const [refundMedium] = mediaAtCenter('2103');
    expect(refundMedium).toMatch(/^SM1\.2103\./);
    expect(e.h.sandbox.center.store.settlements.get(setlId)?.state).toBe('cancelled');
    await e.shot('41-safe-control-refund');
  }, 120_000);

  it('as the clinic: one medium for 2207A on 2201, 2203A, 2204, 2206A and 2207A', async () => {
    const { page } = e;
    await page.keyboard.press('F10');
    await page.getByTestId('institution-preset').locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'H42010000002' }).click();
    await page.keyboard.press('F6');
    await page.getByTestId('confirm-save').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-saved').waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('status-bar').textContent(), { timeout: UI_TIMEOUT }).toContain('H42010000002');
    expect(e.web.app.loaded.config.devices.dll.safeMediumFunction).toBe('GetSafeMedium');

    await signIn(page, 'OP002', '李收费');
    await readWithDevice(page);
    expect(await page.getByTestId('safe-medium').textContent()).toContain('2207A');
    const visitMedium = mediaAtCenter('1101').at(-1) ?? '';
    expect(visitMedium).toMatch(/^SM1\.2207A\./);

    const { c } = pharmacyItems(e.h.sandbox.center.store);
    await page.keyboard.press('F2');
    await registerByHand(page);
    await page.getByTestId('diag-code-0').fill('J06.900');
    await page.getByTestId('diag-name-0').fill('急性上呼吸道感染');
    await page.getByTestId('diag-name-0').press('Enter');
    await page.getByTestId('item-search').waitFor();
    await addItem(page, c.code, c.code, '21.37', '2');
    await page.keyboard.press('F5');
    await page.getByTestId('clinic-pre-settlement').waitFor();
    await page.keyboard.press('F6');
    await page.getByTestId('clinic-done').waitFor();
    await e.shot('42-safe-control-clinic');
    for (const infno of ['2201', '2203A', '2204', '2206A', '2207A']) {
      expect(mediaAtCenter(infno), infno).toEqual([visitMedium]);
    }
    expect(e.pageErrors).toEqual([]);
  }, 180_000);
});
