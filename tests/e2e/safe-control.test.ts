/**
 * The 四川 安全控件 in the browser (seed 003 第六章 / 第七章), with the compiled vendor-DLL double as the
 * reader and control: sign-in initialises it, 读卡器读卡 obtains the visit's medium, and the sandbox
 * center's message log shows that medium as dev_safe_info on 2101A / 2102A (pharmacy), a new one on the
 * refund 2103 after the control is read again, then on 2201 / 2207A after 设置 switches the counter to
 * the clinic. The center is the sandbox as a 四川 center (it refuses settlement steps without a medium). A
 * person whose ID number is typed is shown as not settleable at 读卡, and registering the visit is refused
 * with the Chinese message before anything reaches the center.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow } from '../../src-main/sandbox/store';
import { personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import { buildNativeDouble, DoubleControl, personState } from '../helpers/devices-native';
import {
  addItem,
  preSettleAndSettle,
  readCard,
  registerVisit,
  signIn,
  submitRegistration,
  startCounterE2E,
  UI_TIMEOUT,
  type CounterE2E,
} from './counter-e2e';
import type { Page } from 'playwright-core';

let e: CounterE2E;
let person: PersonRow;
let double: DoubleControl;

beforeAll(async () => {
  const native = buildNativeDouble();
  e = await startCounterE2E(
    {
      profile: 'sichuan',
      devices: {
        driver: 'dll',
        timeoutMs: 10_000,
        dll: { path: native.reader, charset: 'gbk', initUser: '510100', read: 'card', safeMediumFunction: 'GetSafeMedium' },
      },
    },
    { numbering: 'sichuan' },
  );
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
    await preSettleAndSettle(page);
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
    await registerVisit(page);
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

  it('a typed ID: 读卡 says the person cannot be settled, and 挂号 is refused on screen; nothing reaches the center', async () => {
    const { page } = e;
    const typed = personsOf(e.h.sandbox.center.store, 'emp-active', 50_000)[1] as PersonRow;
    await readCard(page, typed);
    // The read does not go on to 收费 by itself: the warning is to be read here.
    const note = page.getByTestId('safe-medium');
    await note.waitFor();
    expect(await note.textContent()).toContain(
      '该参保人现在只能查询, 不能医保结算: 请按 F5 读卡器读卡; 手工输入身份证号不能结算',
    );
    expect(await page.getByTestId('go-sale').isVisible()).toBe(true);
    await e.shot('43-safe-control-typed-id');

    const before = e.h.sandbox.center.store.messages.query({ limit: 100_000 }).length;
    await page.keyboard.press('F2');
    await page.getByTestId('safe-medium-missing').waitFor();
    await submitRegistration(page);
    const refusal = page.getByText('四川医保要求通过安全控件读取电子凭证或社保卡后再结算或退费 (交易 2201 没有校验介质, 未发送)');
    await refusal.waitFor();
    await page.getByText('下一步: 按 F1 回到「读卡」页, 按 F5 用读卡器通过安全控件读取').waitFor();
    await page.getByText('代码 E_SAFE_MEDIUM_REQUIRED').waitFor();
    await e.shot('44-safe-control-typed-id-refused');
    expect(e.h.sandbox.center.store.messages.query({ limit: 100_000 })).toHaveLength(before);
    expect(e.pageErrors).toEqual([]);
  }, 120_000);
});
