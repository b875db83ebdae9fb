/**
 * 医保电子处方 end to end against the real sandbox center: 7201 → 7204 → 7205 → 7206 (a
 * pharmacist from 5102) → the prescription's basket settled with 2101 / 2102 → 7207 accepted;
 * 7209 / 7210 delivery; a second prescription refunded (2103) and its sale revoked (7208); an
 * expired prescription refused at 7205; 7211 from the catalogue; the center's state and the
 * counter's local record checked at each step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterApp } from '../../src-main/app/counter-app';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices, type CounterServices } from '../../src-main/counter/counter-services';
import { PrescriptionDesk } from '../../src-main/prescription/prescription-desk';
import { queryPractitioners } from '../../src-main/info/center-info';
import { ensurePrescriptions } from '../../src-main/sandbox/seed/prescriptions';
import { PrescriptionRepo, type RxPrescription } from '../../src-main/sandbox/store/prescriptions';
import { RejectedError } from '../../src-main/protocol/call-errors';
import { formatDateTime } from '../../src-main/core/time';
import { fen, priceNumber, qtyNumber, sumFen, yuanNumber } from '../../src-main/sandbox/amounts';
import type { PersonRow, SandboxStore } from '../../src-main/sandbox/store';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR } from '../helpers/sandbox-fixtures';

let h: Harness;
let app: CounterApp;
let services: CounterServices;
let desk: PrescriptionDesk;
let store: SandboxStore;
let repo: PrescriptionRepo;

beforeAll(async () => {
  h = await startHarness();
  app = await h.openApp();
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

/** Open, unexpired prescriptions of ordinary employees (职工在职), in store order. */
function openPrescriptions(): RxPrescription[] {
  return repo.all().filter((rx) => {
    const person = store.persons.getByPsnNo(rx.psnNo);
    return rx.state === 'issued' && person?.category === 'emp-active' && rx.validEndTime > nowText();
  });
}

/** Now as yyyy-MM-dd HH:mm:ss CST, as the center compares validity. */
const nowText = () => formatDateTime(new Date());

async function readPerson(psnNo: string) {
  const person = store.persons.getByPsnNo(psnNo);
  if (!person) throw new Error(`no person ${psnNo}`);
  return services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
}

async function pharmacist() {
  const [p] = await queryPractitioners(app, { type: '3' });
  if (!p) throw new Error('no pharmacist');
  return { certType: p.psn_cert_type, certno: p.certno, name: p.prac_psn_name, pracCertNo: p.prac_cert_no ?? '' };
}

/** 7201 → 7204 → 7205 → 7206 for one prescription. */
async function readyToSell(rx: RxPrescription) {
  const ctx = await readPerson(rx.psnNo);
  const authorized = await desk.authorize(ctx.key, rx.hiRxno);
  expect(authorized.map((v) => v.hiRxno)).toEqual([rx.hiRxno]);
  await desk.download(rx.hiRxno);
  await desk.verify(rx.hiRxno);
  await desk.audit(rx.hiRxno, await pharmacist(), true, '用法用量适宜');
  return ctx;
}

describe('electronic prescription at the pharmacy', () => {
  it('issues prescriptions with drug lines, one per person', () => {
    const all = repo.all();
    expect(all.length).toBeGreaterThan(20);
    expect(new Set(all.map((r) => r.psnNo)).size).toBe(all.length);
    for (const rx of all.slice(0, 5)) expect(repo.lines(rx.hiRxno).length).toBeGreaterThan(0);
  });

  it('authorizes, downloads, verifies, reviews, settles and uploads the sale (7207), then delivers and signs', async () => {
    const rx = openPrescriptions()[0] as RxPrescription;
    const ctx = await readPerson(rx.psnNo);
    const views = await desk.authorize(ctx.key);
    expect(views.map((v) => v.hiRxno)).toEqual([rx.hiRxno]);
    expect(repo.get(rx.hiRxno)?.state).toBe('authorized');

    const downloaded = await desk.download(rx.hiRxno);
    const lines = repo.lines(rx.hiRxno);
    expect(downloaded.state).toBe('downloaded');
    expect(downloaded.rx?.lines.map((l) => l.code)).toEqual(lines.map((l) => l.medListCodg));
    expect(downloaded.rx?.totalFen).toBe(sumFen(lines.map((l) => l.sumamt)));
    expect(downloaded.rx?.patnNameMasked).not.toBe(store.persons.getByPsnNo(rx.psnNo)?.psnName);
    expect(downloaded.rx?.patnNameMasked.slice(0, 1)).toBe(store.persons.getByPsnNo(rx.psnNo)?.psnName.slice(0, 1));

    expect((await desk.verify(rx.hiRxno)).state).toBe('verified');

    // A pharmacist the center does not know for this pharmacy is refused, and nothing changes.
    const bogus = { certType: '01', certno: '420100199001011237', name: '王药师', pracCertNo: 'YS000000000000' };
    await expect(desk.audit(rx.hiRxno, bogus, true)).rejects.toThrow(/不是本药店登记的药师/);
    expect(repo.get(rx.hiRxno)?.state).toBe('verified');
    expect((await desk.audit(rx.hiRxno, await pharmacist(), true, '处方合理')).state).toBe('audited');

    const { basketId, lines: basket } = desk.basket(rx.hiRxno);
    expect(basket).toHaveLength(lines.length);
    await services.pharmacy.preSettle({ basketId, personKey: ctx.key, acctUsed: true, lines: basket });
    const outcome = await desk.settle(rx.hiRxno, ctx.key, true);
    expect(outcome.uploadError).toBeNull();
    expect(outcome.selNo).toMatch(/^SL/);
    const setlId = outcome.sale.settlement.setlId as string;
    expect(outcome.sale.settlement.medfeeFen).toBe(sumFen(lines.map((l) => l.sumamt)));
    const centerRx = repo.get(rx.hiRxno);
    expect(centerRx?.state).toBe('sold');
    expect(centerRx?.setlId).toBe(setlId);
    expect(repo.sale(outcome.selNo as string)?.lines.map((l) => l.medListCodg)).toEqual(lines.map((l) => l.medListCodg));
    expect(store.settlements.get(setlId)?.state).toBe('settled');
    expect(desk.get(rx.hiRxno).state).toBe('sold');

    // A second 7207 for the same prescription is refused by the center.
    await expect(desk.uploadSale(rx.hiRxno)).rejects.toMatchObject({ code: 'E_RX_STATE' });

    const delivery = {
      delvNo: 'PS0001',
      company: '沙箱同城配送',
      courier: '李配送',
      tel: '13800000000',
      address: '武汉市测试路1号',
    };
    await expect(desk.sign(rx.hiRxno, '本人')).rejects.toMatchObject({ code: 'E_RX_STATE' });
    await desk.deliver(rx.hiRxno, { ...delivery, status: '2' });
    await expect(desk.sign(rx.hiRxno, '本人')).rejects.toThrow(/尚未送达/);
    await desk.deliver(rx.hiRxno, { ...delivery, status: '3' });
    await expect(desk.deliver(rx.hiRxno, { ...delivery, status: '2' })).rejects.toThrow(/不能回退/);
    await expect(desk.deliver(rx.hiRxno, { ...delivery, delvNo: 'PS0002', status: '3' })).rejects.toThrow(
      /配送业务编号是 PS0001/,
    );
    expect((await desk.sign(rx.hiRxno, '本人')).state).toBe('signed');
    expect(repo.events(rx.hiRxno).map((e) => e.infno)).toEqual(['7201', '7204', '7205', '7206', '7207', '7209', '7209', '7210']);
  });

  it('refunds a prescription sale: 7208 is refused while the settlement stands, accepted after 2103', async () => {
    const rx = openPrescriptions()[0] as RxPrescription;
    const ctx = await readyToSell(rx);
    const { basketId, lines } = desk.basket(rx.hiRxno);
    await services.pharmacy.preSettle({ basketId, personKey: ctx.key, acctUsed: false, lines });
    const outcome = await desk.settle(rx.hiRxno, ctx.key, false);
    const setlId = outcome.sale.settlement.setlId as string;
    expect(repo.get(rx.hiRxno)?.state).toBe('sold');

    const trace = repo.get(rx.hiRxno)?.rxTraceCode as string;
    const early = app.callAs(app.sessions.require(), '7208', {
      data: { hi_rxno: rx.hiRxno, rx_trace_code: trace, sel_no: outcome.selNo, setl_id: setlId, revs_rea: '顾客退药' },
    });
    await expect(early).rejects.toBeInstanceOf(RejectedError);
    await expect(early).rejects.toThrow(/尚未撤销/);

    const after = await desk.refund(rx.hiRxno, '顾客退药');
    expect(after.state).toBe('audited');
    expect(store.settlements.get(setlId)?.state).toBe('cancelled');
    const center = repo.get(rx.hiRxno);
    expect(center?.state).toBe('audited');
    expect(center?.selNo).toBeNull();
    expect(repo.sale(outcome.selNo as string)?.revokedAt).not.toBeNull();
    // 7208 repeated (its answer lost): answered as before, nothing changes.
    const repeated = await app.callAs(app.sessions.require(), '7208', {
      data: { hi_rxno: rx.hiRxno, rx_trace_code: trace, sel_no: outcome.selNo, setl_id: setlId, revs_rea: '顾客退药' },
    });
    expect((repeated.output as { rx_stas_codg: string }).rx_stas_codg).toBe('5');
    expect(repo.events(rx.hiRxno).filter((e) => e.infno === '7208')).toHaveLength(1);

    // The prescription can be sold again, under a new basket.
    const again = desk.basket(rx.hiRxno);
    expect(again.basketId).not.toBe(basketId);
    await services.pharmacy.preSettle({ basketId: again.basketId, personKey: ctx.key, acctUsed: false, lines: again.lines });
    const second = await desk.settle(rx.hiRxno, ctx.key, false);
    expect(second.selNo).not.toBe(outcome.selNo);
    expect(repo.get(rx.hiRxno)?.state).toBe('sold');
  });

  it('keeps the settlement when the 7207 answer is lost, and a re-send gets the sale the center recorded', async () => {
    const rx = openPrescriptions()[0] as RxPrescription;
    const ctx = await readyToSell(rx);
    const { basketId, lines } = desk.basket(rx.hiRxno);
    await services.pharmacy.preSettle({ basketId, personKey: ctx.key, acctUsed: true, lines });
    h.sandbox.center.addFault('7207', 'commit-then-drop', 1);
    const outcome = await desk.settle(rx.hiRxno, ctx.key, true);
    expect(outcome.selNo).toBeNull();
    expect(outcome.uploadError).toBeTruthy();
    expect(outcome.view.state).toBe('settled');
    expect(store.settlements.get(outcome.sale.settlement.setlId as string)?.state).toBe('settled');
    const centerSale = repo.get(rx.hiRxno);
    expect(centerSale?.state).toBe('sold');
    // The lost call is resolved as no effect (safe to send again), not left to a person.
    await app.resolver.resolveAll({ ignoreBackoff: true });
    const lost = app.journal.list({ infnos: ['7207'], limit: 5 }).find((e) => e.state !== 'ok');
    expect(lost?.state).toBe('no-effect');

    const resent = await desk.uploadSale(rx.hiRxno);
    expect(resent.state).toBe('sold');
    expect(resent.selNo).toBe(centerSale?.selNo);
  });

  it('refuses an expired prescription at 7205', async () => {
    const expired = repo.all().find((r) => r.validEndTime < nowText());
    expect(expired).toBeDefined();
    const rx = expired as RxPrescription;
    const ctx = await readPerson(rx.psnNo);
    await desk.authorize(ctx.key, rx.hiRxno);
    await desk.download(rx.hiRxno);
    await expect(desk.verify(rx.hiRxno)).rejects.toThrow(/已于 .* 过期/);
    expect(desk.get(rx.hiRxno).state).toBe('downloaded');
  });

  it('refuses 7207 with amounts that differ from the settlement', async () => {
    const rx = openPrescriptions()[0] as RxPrescription;
    const ctx = await readyToSell(rx);
    const { basketId, lines } = desk.basket(rx.hiRxno);
    await services.pharmacy.preSettle({ basketId, personKey: ctx.key, acctUsed: false, lines });
    const sale = await services.pharmacy.settle({ basketId, personKey: ctx.key, acctUsed: false, lines });
    const s = sale.settlement;
    const rxLines = repo.lines(rx.hiRxno);
    const input = (medfeeFen: number) => ({
      data: {
        hi_rxno: rx.hiRxno,
        rx_trace_code: rx.rxTraceCode,
        psn_no: rx.psnNo,
        setl_id: s.setlId,
        mdtrt_id: s.mdtrtId,
        sel_retn_time: s.time,
        medfee_sumamt: yuanNumber(fen(medfeeFen)),
        fund_pay_sumamt: yuanNumber(fen(s.fundPaySumFen)),
        psn_part_amt: yuanNumber(fen(s.psnPartFen)),
        acct_pay: yuanNumber(fen(s.acctPayFen)),
        psn_cash_pay: yuanNumber(fen(s.psnCashPayFen)),
      },
      selinfo: rxLines.map((l) => ({
        rx_detl_no: l.rxDetlNo,
        med_list_codg: l.medListCodg,
        fixmedins_hilist_id: l.medListCodg,
        fixmedins_hilist_name: l.drugGenname,
        sel_retn_cnt: qtyNumber(l.cnt),
        finl_trns_pric: priceNumber(l.pric),
        sumamt: yuanNumber(l.sumamt),
      })),
    });
    await expect(app.callAs(app.sessions.require(), '7207', input(s.medfeeFen + 1))).rejects.toThrow(/medfee_sumamt/);
    expect(repo.get(rx.hiRxno)?.state).toBe('audited');
    const first = await app.callAs(app.sessions.require(), '7207', input(s.medfeeFen));
    expect(repo.get(rx.hiRxno)?.state).toBe('sold');
    // Sent again (an answer lost on the way): the same sale, nothing recorded twice.
    const again = await app.callAs(app.sessions.require(), '7207', input(s.medfeeFen));
    expect((again.output as { sel_no: string }).sel_no).toBe((first.output as { sel_no: string }).sel_no);
    expect(repo.events(rx.hiRxno).filter((e) => e.infno === '7207')).toHaveLength(1);
  });

  it('refuses 72xx from a clinic and a download with a wrong authorisation number', async () => {
    const clinic = await h.openApp({ institution: CLINIC }, 'clinic');
    await clinic.sessions.signIn(clinic.client, OPERATOR);
    const rx = openPrescriptions()[0] as RxPrescription;
    const person = store.persons.getByPsnNo(rx.psnNo) as PersonRow;
    const authorize = clinic.callAs(
      clinic.sessions.require(),
      '7201',
      {
        data: {
          psn_no: person.psnNo,
          mdtrt_cert_type: '02',
          mdtrt_cert_no: person.certno,
          psn_cert_type: '01',
          certno: person.certno,
          psn_name: person.psnName,
        },
      },
      { insuplcAdmdvs: person.insuAdmdvs },
    );
    await expect(authorize).rejects.toThrow(/只能由定点零售药店办理/);
    const download = app.callAs(
      app.sessions.require(),
      '7204',
      {
        data: { hi_rxno: rx.hiRxno, auth_rxno: 'AU2026010100000001', psn_no: rx.psnNo },
      },
      { insuplcAdmdvs: person.insuAdmdvs },
    );
    await expect(download).rejects.toThrow(/授权编号 auth_rxno 与处方编号/);
    expect(repo.get(rx.hiRxno)?.state).toBe('issued');
  });

  it('answers 7211 from the 医保目录', async () => {
    const item = repo.lines(repo.all()[0]?.hiRxno as string)[0];
    const result = await app.callAs(app.sessions.require(), '7211', {
      data: { med_list_codg: item?.medListCodg, page_num: 1, page_size: 10 },
    });
    const out = result.output as { total: number; list: { med_list_codg: string }[] };
    expect(out.total).toBe(1);
    expect(out.list[0]?.med_list_codg).toBe(item?.medListCodg);
  });
});
