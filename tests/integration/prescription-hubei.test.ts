/**
 * 医保电子处方 with Hubei's numbering (seeds 002 l.935–970, 004 l.350–363) against the sandbox center
 * playing Hubei: 7202 查询 (lists and authorises) → 7203 下载 → 7204 审核 (核验 and 审方 in one call) →
 * the basket settled with 2101A / 2102A → 7205 配送信息上传; no 7207 / 7208 / 7210 in Hubei (the steps are
 * recorded locally only, 签收 is refused). The center's message log shows which codes went out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterApp } from '../../src-main/app/counter-app';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices, type CounterServices } from '../../src-main/counter/counter-services';
import { PrescriptionDesk } from '../../src-main/prescription/prescription-desk';
import { queryPractitioners } from '../../src-main/info/center-info';
import { ensurePrescriptions } from '../../src-main/sandbox/seed/prescriptions';
import { PrescriptionRepo, type RxPrescription } from '../../src-main/sandbox/store/prescriptions';
import { formatDateTime } from '../../src-main/core/time';
import { sumFen } from '../../src-main/sandbox/amounts';
import type { SandboxStore } from '../../src-main/sandbox/store';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR } from '../helpers/sandbox-fixtures';

let h: Harness;
let app: CounterApp;
let services: CounterServices;
let desk: PrescriptionDesk;
let store: SandboxStore;
let repo: PrescriptionRepo;

beforeAll(async () => {
  h = await startHarness({ numbering: 'hubei' });
  app = await h.openApp({ profile: 'hubei' });
  services = createCounterServices(app, new CounterEvents());
  desk = new PrescriptionDesk(app, services.persons, services.pharmacy, services.history);
  await app.sessions.signIn(app.client, OPERATOR);
  store = h.sandbox.center.store;
  ensurePrescriptions(store, new Date());
  repo = new PrescriptionRepo(store.db);
}, 120_000);
afterAll(async () => {
  await h.close();
});

const rxCodesAtCenter = () =>
  store.messages
    .query({ limit: 10_000 })
    .filter((m) => m.infno.startsWith('72'))
    .map((m) => `${m.infno}:${m.infcode === 0 ? 'ok' : 'error'}`);

function openPrescription(): RxPrescription {
  const now = formatDateTime(new Date());
  const rx = repo.all().find((r) => {
    const person = store.persons.getByPsnNo(r.psnNo);
    return r.state === 'issued' && person?.category === 'emp-active' && r.validEndTime > now;
  });
  if (!rx) throw new Error('no open prescription');
  return rx;
}

describe('electronic prescription, Hubei numbering', () => {
  it('7202 → 7203 → 7204 审核 → 2101A / 2102A → 7205 配送, and nothing Hubei does not have', async () => {
    const rx = openPrescription();
    const person = store.persons.getByPsnNo(rx.psnNo);
    if (!person) throw new Error('no person');
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });

    expect((await desk.authorize(ctx.key, rx.hiRxno)).map((v) => v.hiRxno)).toEqual([rx.hiRxno]);
    expect(repo.get(rx.hiRxno)?.state).toBe('authorized');
    const downloaded = await desk.download(rx.hiRxno);
    expect(downloaded.rx?.totalFen).toBe(sumFen(repo.lines(rx.hiRxno).map((l) => l.sumamt)));
    // 核验 travels with 审核: nothing is sent for it, the center still has the prescription downloaded.
    expect((await desk.verify(rx.hiRxno)).state).toBe('verified');
    expect(repo.get(rx.hiRxno)?.state).toBe('downloaded');

    const [p] = await queryPractitioners(app, { type: '3' });
    if (!p) throw new Error('no pharmacist');
    const pharmacist = { certType: p.psn_cert_type, certno: p.certno, name: p.prac_psn_name, pracCertNo: p.prac_cert_no ?? '' };
    // A review the center refuses leaves the prescription as it was (核验 and 审方 are one transaction there).
    const bogus = { ...pharmacist, pracCertNo: 'YS000000000000' };
    await expect(desk.audit(rx.hiRxno, bogus, true)).rejects.toThrow(/不是本药店登记的药师/);
    expect(repo.get(rx.hiRxno)?.state).toBe('downloaded');
    expect((await desk.audit(rx.hiRxno, pharmacist, true, '处方合理')).state).toBe('audited');
    expect(repo.get(rx.hiRxno)?.state).toBe('audited');

    const { basketId, lines } = desk.basket(rx.hiRxno);
    await services.pharmacy.preSettle({ basketId, personKey: ctx.key, acctUsed: true, lines });
    const outcome = await desk.settle(rx.hiRxno, ctx.key, true);
    expect(outcome.sale.settlement.infno).toBe('2102A');
    expect(outcome.uploadError).toBeNull();
    expect(desk.get(rx.hiRxno).state).toBe('sold');

    const delivery = {
      delvNo: 'PS0101',
      company: '沙箱同城配送',
      courier: '李配送',
      tel: '13800000000',
      address: '武汉市测试路1号',
    };
    await desk.deliver(rx.hiRxno, { ...delivery, status: '3' });
    expect(repo.get(rx.hiRxno)?.state).toBe('delivering');
    await expect(desk.sign(rx.hiRxno, '本人')).rejects.toMatchObject({ code: 'E_RX_STEP_NOT_USED' });

    expect(rxCodesAtCenter()).toEqual(['7202:ok', '7203:ok', '7204:error', '7204:ok', '7205:ok']);
  });

  it('the center playing Hubei does not serve the national meaning of its codes', async () => {
    const rx = openPrescription();
    const person = store.persons.getByPsnNo(rx.psnNo);
    if (!person) throw new Error('no person');
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    // 7201 is 二维码解析 in Hubei: no field list in the seeds, the counter sends it untyped and the sandbox does not simulate it.
    await expect(app.callAs(OPERATOR, '7201', { data: { psn_no: ctx.psnNo } })).rejects.toThrow(/未模拟交易 7201/);
    await expect(app.callAs(OPERATOR, '7207', { data: { hi_rxno: rx.hiRxno } })).rejects.toThrow(/未模拟交易 7207/);
  });
});
