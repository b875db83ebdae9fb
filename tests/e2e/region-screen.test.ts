/**
 * Issue 21: the 四川扩展 screen of a 四川 clinic counter in the browser, against the sandbox center —
 * 结算单 S3601 and 财政电子票据 S3301 / S3302 of a settled 门慢门特 visit, its prescription S3701 / S5201,
 * 城乡两病备案 Z1101 / Z1102 and 无密码结算 S3901 / S5901 of the person read at 读卡. Each answer is
 * compared with what the center holds; a national counter has no such screen. Screenshot at 1366×768.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow, SandboxStore } from '../../src-main/sandbox/store';
import { formatDate } from '../../src-main/core/time';
import { formatYuan, type Fen } from '../../src-main/core/money';
import { CLINIC } from '../helpers/sandbox-harness';
import { typicalBasket } from '../helpers/sandbox-fixtures';
import { OUTPATIENT_VISIT } from '../helpers/clinic-fixtures';
import { lines } from '../helpers/reconcile-counter';
import { readCard, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';
import { ControlDouble, controlDevices } from '../helpers/control-double';

let e: CounterE2E;
/** 四川: the settled visit's person is read through the 安全控件 (the DLL double). */
let control: ControlDouble;
const store = (): SandboxStore => e.h.sandbox.center.store;
const sent = (infno: string) => store().messages.query({ infno, limit: 100 });

beforeAll(async () => {
  e = await startCounterE2E({ institution: CLINIC, profile: 'sichuan', devices: controlDevices() });
  control = new ControlDouble(e.h.dir);
  await e.page.setViewportSize({ width: 1366, height: 768 });
}, 180_000);
afterAll(async () => {
  control?.close();
  await e?.close();
});

/** A person of the seed with a 门慢门特 filing, or a 城乡居民 (390) in good standing. */
function seedPerson(kind: 'chronic' | 'resident'): PersonRow {
  const found = store()
    .persons.list()
    .find((p) => {
      const ins = store().persons.insurance(p.psnNo);
      if (ins[0]?.psnInsuStas !== '1') return false;
      return kind === 'chronic'
        ? store().persons.chronicFilings(p.psnNo).length > 0
        : ins.some((i) => i.insutype === '390') && store().persons.chronicFilings(p.psnNo).length === 0;
    });
  if (!found) throw new Error(`no ${kind} person in the seed`);
  return found;
}

async function openRegion(tab: string): Promise<void> {
  await e.page.getByTestId('menu').getByText('四川扩展').click();
  await e.page.getByTestId('region-screen').waitFor();
  await e.page.getByTestId('region-tabs').getByRole('tab', { name: tab }).click();
}

describe('四川扩展 screen', () => {
  let mdtrtId = '';
  let setlId = '';
  let chrgBchno = '';
  let filing = { opspDiseCode: '', opspDiseName: '' };

  it('settled 门慢门特 visit: 结算单, 财政票据 upload and query, prescription upload and list', async () => {
    const { page } = e;
    await signIn(page);
    // The visit is made through the services the clinic screen calls (its own e2e tests cover the typing).
    const { services } = e.web.runtime;
    const chronic = seedPerson('chronic');
    filing = store().persons.chronicFilings(chronic.psnNo)[0]!;
    const ctx = await control.readVisit(services, chronic);
    const visit = await services.clinic.register({ personKey: ctx.key, ...OUTPATIENT_VISIT, medType: '14' });
    mdtrtId = visit.mdtrtId;
    await services.clinic.visitInfo({
      mdtrtId,
      medType: '14',
      diagnoses: [{ code: filing.opspDiseCode, name: filing.opspDiseName }],
    });
    const bill = await services.clinic.uploadBill({ mdtrtId, lines: lines(typicalBasket(store())) });
    chrgBchno = bill.chrgBchno;
    await services.clinic.preSettle({ mdtrtId, chrgBchno, acctUsed: true });
    const settled = await services.clinic.settle({ mdtrtId, chrgBchno, acctUsed: true });
    setlId = settled.result.settlement.setlId ?? '';
    expect(setlId).not.toBe('');
    const medfee = formatYuan(Number(store().settlements.get(setlId)?.medfeeSumamt) as Fen);

    await openRegion('结算单与财政票据');
    await page.getByTestId('region-setl-id').fill(setlId);
    await page.getByTestId('region-sheet').click();
    const sheet = page.getByTestId('region-sheet-view');
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain(medfee);
    expect(await sheet.textContent()).toContain('S3601');

    // Nothing uploaded yet: the center says so, in Chinese, with the code for the log.
    await page.getByTestId('region-fiscal-query').click();
    await page.getByTestId('region-error').waitFor();
    expect(sent('S3302')).toHaveLength(1);

    await page.getByTestId('region-einv-code').fill('51060123');
    await page.getByTestId('region-einv-no').fill('0000123456');
    await page.getByTestId('region-einv-chk').fill('a1b2c3');
    await page.getByTestId('region-fiscal-upload').click();
    await page.getByTestId('region-fiscal-done').waitFor();
    expect(await page.getByTestId('region-fiscal-done').textContent()).toContain(medfee);
    await page.getByTestId('region-fiscal-query').click();
    await expect.poll(() => page.getByTestId('region-voucher').textContent(), { timeout: UI_TIMEOUT }).toContain('0000123456');
    expect(await page.getByTestId('region-error').count()).toBe(0);
    await e.shot('21r-region-settlement', { window: true });

    await page.getByTestId('region-tabs').getByRole('tab', { name: '门慢门特处方' }).click();
    await page.getByTestId('region-mdtrt-id').fill(mdtrtId);
    await page.getByTestId('region-rx-dise-code').fill(filing.opspDiseCode);
    await page.getByTestId('region-rx-dise-name').fill(filing.opspDiseName);
    await page.getByTestId('region-rx-upload').click();
    await page.getByTestId('region-rx-done').waitFor();
    expect(await page.getByTestId('region-rx-done').textContent()).toContain(chrgBchno);
    await page.getByTestId('region-rx-list').click();
    const rows = page.getByTestId('region-rx-rows');
    await expect.poll(() => rows.textContent(), { timeout: UI_TIMEOUT }).toContain(chrgBchno);
    expect(await rows.textContent()).toContain(filing.opspDiseCode);
    expect(sent('S3701')).toHaveLength(1);
    await e.shot('21r-region-chronic', { window: true });
    expect(e.pageErrors).toEqual([]);
  }, 180_000);

  it('person read at 读卡: 两病备案 and its revoke, 无密码结算 apply and list', async () => {
    const { page } = e;
    const resident = seedPerson('resident');
    await openRegion('城乡两病备案');
    await page.getByTestId('region-need-person').waitFor();

    await readCard(page, resident);
    await openRegion('城乡两病备案');
    await page.getByTestId('region-person').filter({ hasText: resident.psnName }).waitFor();
    await page.getByTestId('region-two-code').fill('M03900');
    await page.getByTestId('region-two-name').fill('高血压');
    await page.getByTestId('region-two-file').click();
    await page.getByTestId('region-two-done').waitFor();
    const [filed] = sent('Z1101');
    const serial = (JSON.parse(filed!.responseJson ?? '{}') as { output: { result: { trt_dcla_detl_sn: string } } }).output.result
      .trt_dcla_detl_sn;
    expect(JSON.parse(filed!.requestJson).input.data.psn_no).toBe(resident.psnNo);
    expect(await page.getByTestId('region-two-done').textContent()).toContain(serial);
    // A second filing for the same 病种 is refused by the center; the screen shows why.
    await page.getByTestId('region-two-file').click();
    await expect.poll(() => page.getByTestId('region-error').textContent(), { timeout: UI_TIMEOUT }).toContain('不能重复备案');
    await page.getByTestId('region-two-serial').fill(serial);
    await page.getByTestId('region-two-revoke').click();
    await expect.poll(() => page.getByTestId('region-two-done').textContent(), { timeout: UI_TIMEOUT }).toContain('已撤销');
    expect(sent('Z1102')).toHaveLength(1);

    await page.getByTestId('region-tabs').getByRole('tab', { name: '无密码结算' }).click();
    const today = formatDate(new Date());
    const year = Number(today.slice(0, 4));
    await page.getByTestId('region-np-reason').fill('年老行动不便');
    await page.getByTestId('region-np-begin').fill(today);
    await page.getByTestId('region-np-end').fill(`${year + 1}${today.slice(4)}`);
    await page.getByTestId('region-np-apply').click();
    await page.getByTestId('region-np-done').waitFor();
    const rows = page.getByTestId('region-np-rows');
    await expect.poll(() => rows.textContent(), { timeout: UI_TIMEOUT }).toContain('年老行动不便');
    expect(await rows.textContent()).toContain('有效');
    expect(sent('S3901')).toHaveLength(1);
    expect(sent('S5901').length).toBeGreaterThanOrEqual(1);
    await e.shot('21r-region-no-password', { window: true });
    expect(e.pageErrors).toEqual([]);
  }, 180_000);
});
