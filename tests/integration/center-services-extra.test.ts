/**
 * 明细审核 (3101 / 3102 / 3103), 电子结算凭证 (4901 / 4902 / 4905 / 5501) and the reference queries
 * (1201, 5102, 100001) against the real sandbox center, through the counter's own modules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterApp } from '../../src-main/app/counter-app';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices, type CounterServices } from '../../src-main/counter/counter-services';
import { DetailAudit } from '../../src-main/audit/detail-audit';
import { auditReportView } from '../../src-main/audit/audit-api';
import { EinvoiceDesk } from '../../src-main/einvoice/einvoice-desk';
import { queryInstitutions, queryPolicies, queryPractitioners } from '../../src-main/info/center-info';
import { SANDBOX_POLICY } from '../../src-main/sandbox/policy';
import {
  formatYuan,
  lineAmount,
  parsePrice,
  parseQty,
  priceNumber,
  subFen,
  yuanNumber,
  type UnitPrice,
} from '../../src-main/core/money';
import { formatYuan as centerYuan } from '../../src-main/sandbox/amounts';
import type { CatalogueItemRow, PersonRow } from '../../src-main/sandbox/store';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personsOf, typicalBasket } from '../helpers/sandbox-fixtures';
import { OUTPATIENT_VISIT } from '../helpers/clinic-fixtures';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  await h.close();
});

async function counter(config: Parameters<Harness['openApp']>[0] = {}) {
  const app = await h.openApp(config);
  const services = createCounterServices(app, new CounterEvents());
  await app.sessions.signIn(app.client, OPERATOR);
  return { app, services };
}

describe('明细审核 3101 / 3102 / 3103 at the clinic', () => {
  let app: CounterApp;
  let services: CounterServices;
  let male: PersonRow;

  beforeAll(async () => {
    ({ app, services } = await counter({ institution: CLINIC }));
    male = personsOf(h.sandbox.center.store, 'emp-active', 0).find((p) => p.gend === '1') as PersonRow;
  });

  /** A 妇科 service item from the sandbox catalogue (female only). */
  function femaleOnlyItem(): CatalogueItemRow {
    const rows = h.sandbox.center.store.catalogue.queryHilist({
      updtTime: '2000-01-01 00:00:00',
      pageNum: 1,
      pageSize: 50,
      hilistName: '妇科',
    }).rows;
    const row = rows.find((r) => r.valiFlag === '1');
    if (!row) throw new Error('no 妇科 item in the sandbox catalogue');
    return row;
  }

  it('finds the duplicate, the over-quantity and the gender-restricted lines; 3103 records the decisions once', async () => {
    const ctx = await services.persons.read({ kind: 'id', idNumber: male.certno, name: male.psnName });
    const visit = await services.clinic.register({
      personKey: ctx.key,
      ...OUTPATIENT_VISIT,
    });
    await services.clinic.visitInfo({
      mdtrtId: visit.mdtrtId,
      medType: '11',
      diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }],
    });
    const [a, b] = typicalBasket(h.sandbox.center.store);
    const gyn = femaleOnlyItem();
    const bill = await services.clinic.uploadBill({
      mdtrtId: visit.mdtrtId,
      lines: [
        { code: a!.item.code, name: a!.item.name, cntText: '2', pricText: '12.5' },
        { code: a!.item.code, name: a!.item.name, cntText: '1', pricText: '12.5' },
        { code: b!.item.code, name: b!.item.name, cntText: '80', pricText: '1.5' },
        { code: gyn.code, name: gyn.name, cntText: '1', pricText: '90' },
      ],
    });

    const audit = new DetailAudit(app);
    // 事前 on the bill as entered, before 2204: the same hits, naming the entered lines D1 …
    const draft = auditReportView(
      await audit.checkDraft(visit.mdtrtId, [
        { code: a!.item.code, name: a!.item.name, cntText: '2', pricText: '12.5' },
        { code: a!.item.code, name: a!.item.name, cntText: '1', pricText: '12.5' },
        { code: b!.item.code, name: b!.item.name, cntText: '80', pricText: '1.5' },
        { code: gyn.code, name: gyn.name, cntText: '1', pricText: '90' },
      ]),
    );
    expect(Object.fromEntries(draft.hits.map((x) => [x.ruleName, x.lineIds]))).toEqual({
      重复收费: ['D2'],
      超量开药: ['D3'],
      性别限定: ['D4'],
    });
    expect(draft.hits.find((x) => x.ruleName === '超量开药')?.amountFen).toBe(3000);
    const report = await audit.run(visit.mdtrtId, 'pre', bill.chrgBchno);
    expect(report.infno).toBe('3101');
    const byRule = new Map(report.hits.map((hit) => [hit.rule_name, hit]));
    expect([...byRule.keys()].sort()).toEqual(['性别限定', '超量开药', '重复收费'].sort());
    // 80 units against a limit of 60 at 1.50: 20 × 1.50 = 30.00 over.
    expect(byRule.get('超量开药')?.vola_amt).toBe(30);
    expect(byRule.get('性别限定')?.vola_amt).toBe(90);
    expect(byRule.get('重复收费')?.judge_result_detail_dtos).toHaveLength(1);
    expect(byRule.get('重复收费')?.vola_amt).toBe(12.5);

    // 事中: the same visit as the center holds it; the bill's own lines are not counted twice.
    const during = await audit.run(visit.mdtrtId, 'during', bill.chrgBchno);
    expect(during.infno).toBe('3102');
    expect(during.hits.map((x) => x.rule_name).sort()).toEqual([...byRule.keys()].sort());

    const dup = byRule.get('重复收费')!;
    const qty = byRule.get('超量开药')!;
    await expect(audit.feedback('pre', [{ jrId: dup.jr_id, action: 'continue' }])).rejects.toMatchObject({
      code: 'E_AUDIT_REASON',
    });
    expect(
      await audit.feedback('pre', [
        { jrId: dup.jr_id, action: 'modify' },
        { jrId: qty.jr_id, action: 'continue', reason: '慢病长期用药' },
      ]),
    ).toBe(2);
    await expect(audit.feedback('pre', [{ jrId: dup.jr_id, action: 'modify' }])).rejects.toThrow(/已于 .* 反馈过/);
    // A 3102 warning answered as a 3101 one is refused.
    await expect(audit.feedback('pre', [{ jrId: during.hits[0]!.jr_id, action: 'modify' }])).rejects.toThrow(/来自 3102/);
  });

  it('3101 finds 超限价, 限儿童使用 and 目录外 in a submitted prescription; 3102 needs a registered visit', async () => {
    const store = h.sandbox.center.store;
    const rows = store.catalogue.queryHilist({
      updtTime: '2000-01-01 00:00:00',
      pageNum: 1,
      pageSize: 2000,
      listType: '101',
    }).rows;
    const capped = rows.find((r) => r.valiFlag === '1' && r.pricUplmtAmt !== null && r.lmtScp !== '限儿童');
    const child = rows.find((r) => r.valiFlag === '1' && r.lmtScp === '限儿童' && r.pricUplmtAmt === null);
    if (!capped || !child) throw new Error('catalogue lacks a capped or a child-only drug in its first rows');
    // One yuan over the cap, in integer 1/1000000 yuan.
    const over = priceNumber(((capped.pricUplmtAmt as number) + 1_000_000) as UnitPrice);
    const order = (rxId: string, code: string, name: string, pric: number, cnt = 1) => ({
      rx_id: rxId,
      rxno: 'RX1',
      long_drord_flag: '0',
      hilist_type: '1',
      chrg_type: '09',
      hilist_code: code,
      hilist_name: name,
      hilist_pric: pric,
      hosplist_code: code,
      hosplist_name: name,
      cnt,
      pric,
      sumamt: yuanNumber(lineAmount(parseQty(cnt), parsePrice(pric))),
      drord_begn_date: '2026-01-05 09:00:00',
    });
    const input = (mdtrtId: string) => ({
      data: {
        syscode: 'TEST',
        task_id: `T${mdtrtId}`,
        trig_scen: '1',
        patient_dtos: [
          {
            patn_id: male.psnNo,
            patn_name: male.psnName,
            gend: '1',
            brdy: '1980-01-01',
            poolarea: '420100',
            curr_mdtrt_id: mdtrtId,
            fsi_encounter_dtos: [
              {
                mdtrt_id: mdtrtId,
                medins_id: CLINIC.fixmedinsCode,
                medins_name: CLINIC.fixmedinsName,
                medins_admdvs: '420100',
                medins_type: '1',
                adm_date: '2026-01-05 09:00:00',
                med_mdtrt_type: '1',
                med_type: '11',
                medfee_sumamt: 100,
                insutype: '310',
                reim_flag: '1',
                out_setl_flag: '0',
                fsi_diagnose_dtos: [],
                fsi_order_dtos: [
                  order('L1', capped.code, capped.name, over),
                  order('L2', child.code, child.name, 10),
                  order('L3', 'XZZ9999999999999999999999', '不存在的药', 5),
                ],
              },
            ],
          },
        ],
      },
    });
    const result = await app.callAs(app.sessions.require(), '3101', input('MDPRE0001'));
    const hits = (
      result.output as { result: { rule_name: string; vola_amt: number; judge_result_detail_dtos: { rx_id: string }[] }[] }
    ).result;
    const byRule = new Map(hits.map((x) => [x.rule_name, x]));
    expect([...byRule.keys()].sort()).toEqual(['目录外项目', '超限价', '限儿童使用'].sort());
    expect(byRule.get('超限价')?.judge_result_detail_dtos[0]?.rx_id).toBe('L1');
    expect(byRule.get('超限价')?.vola_amt).toBe(
      yuanNumber(
        subFen(lineAmount(parseQty(1), parsePrice(over)), lineAmount(parseQty(1), capped.pricUplmtAmt as number as UnitPrice)),
      ),
    );
    expect(byRule.get('限儿童使用')?.vola_amt).toBe(10);
    expect(byRule.get('目录外项目')?.judge_result_detail_dtos[0]?.rx_id).toBe('L3');
    await expect(app.callAs(app.sessions.require(), '3102', input('MDNOSUCHVISIT'))).rejects.toThrow(/请先挂号/);
  });

  it('answers a clean bill with no hits', async () => {
    const other = personsOf(h.sandbox.center.store, 'emp-active', 0).filter((p) => p.gend === '2')[0] as PersonRow;
    const ctx = await services.persons.read({ kind: 'id', idNumber: other.certno, name: other.psnName });
    const visit = await services.clinic.register({
      personKey: ctx.key,
      ...OUTPATIENT_VISIT,
      doctorCode: 'D1',
    });
    await services.clinic.visitInfo({
      mdtrtId: visit.mdtrtId,
      medType: '11',
      diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }],
    });
    const [a] = typicalBasket(h.sandbox.center.store);
    await services.clinic.uploadBill({
      mdtrtId: visit.mdtrtId,
      lines: [{ code: a!.item.code, name: a!.item.name, cntText: '2', pricText: '12.5' }],
    });
    const report = await new DetailAudit(app).run(visit.mdtrtId, 'pre');
    expect(report.hits).toEqual([]);
  });
});

describe('电子结算凭证 4901 / 4902 / 4905 / 5501 after a pharmacy sale', () => {
  it('uploads, reports a failed check, re-uploads, shows the standing and 已冲红 after the refund', async () => {
    const { app, services } = await counter();
    const person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[3] as PersonRow;
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const lines = typicalBasket(h.sandbox.center.store).map((l) => ({
      code: l.item.code,
      name: l.item.name,
      cntText: l.cnt,
      pricText: l.pric,
    }));
    const basketId = `EV${Date.now().toString(36)}`.slice(0, 20);
    await services.pharmacy.preSettle({ basketId, personKey: ctx.key, acctUsed: true, lines });
    const sale = await services.pharmacy.settle({ basketId, personKey: ctx.key, acctUsed: true, lines });
    const setlId = sale.settlement.setlId as string;
    const desk = new EinvoiceDesk(app, services.history);

    expect((await desk.status(setlId)).einv_stas).toBe('0');
    await expect(desk.result(setlId)).rejects.toThrow(/尚未上传/);
    await expect(desk.reupload(setlId, { code: '42010126', number: '0000000001', checkCode: 'ab12cd' })).rejects.toThrow(
      /请用 4901/,
    );

    const first = await desk.upload(setlId, { code: '42010126', number: '0000000001', checkCode: 'ab12cd', amountText: '1.00' });
    expect(first.upldNo).toMatch(/^EV/);
    const failed = await desk.result(setlId);
    expect(failed.upld_stas).toBe('2');
    expect(failed.upld_stas_dscr).toContain(formatYuan(sale.settlement.medfeeFen as never));
    expect((await desk.status(setlId)).einv_stas).toBe('2');
    await expect(desk.upload(setlId, { code: '42010126', number: '0000000001', checkCode: 'ab12cd' })).rejects.toThrow(/4905/);

    const second = await desk.reupload(setlId, { code: '42010126', number: '0000000002', checkCode: 'ef34gh' });
    expect(second.amountFen).toBe(sale.settlement.medfeeFen);
    const ok = await desk.result(setlId);
    expect(ok).toMatchObject({ upld_stas: '1', upld_cnt: 2, upld_no: second.upldNo });
    expect(await desk.status(setlId)).toMatchObject({ einv_stas: '1', einv_no: '0000000002', label: '正常' });

    await services.pharmacy.refund(sale.settlement.msgid);
    expect(await desk.status(setlId)).toMatchObject({ einv_stas: '3', label: '已冲红' });
  });
});

describe('1201 / 5102 / 100001', () => {
  it('lists the sandbox institutions, the pharmacy staff and the policy values the sandbox settles with', async () => {
    const { app } = await counter();
    const pharmacies = await queryInstitutions(app, { type: '2' });
    expect(pharmacies.map((p) => p.fixmedins_code)).toEqual(['P42010000001']);
    const clinics = await queryInstitutions(app, { type: '1', name: '诊所' });
    expect(clinics.map((c) => c.fixmedins_name)).toEqual(['沙箱演示诊所']);

    const pharmacists = await queryPractitioners(app, { type: '3' });
    expect(pharmacists).toHaveLength(3);
    expect(new Set(pharmacists.map((p) => p.prac_psn_code)).size).toBe(3);
    expect(await queryPractitioners(app, { type: '1' })).toEqual([]);
    // Deterministic: the same seed lists the same people.
    expect(await queryPractitioners(app, { type: '3' })).toEqual(pharmacists);

    const items = await queryPolicies(app, { insutype: '310', medType: '11' });
    const employee = SANDBOX_POLICY.schemes.employee.pools.outpatient;
    expect(items.find((i) => i.poli_item_code === 'E310-OP-CAP')?.poli_val).toBe(centerYuan(employee.annualCap));
    const pharmacyDeductible = employee.deductible.pharmacy;
    if (pharmacyDeductible !== null) {
      expect(items.find((i) => i.poli_item_code === 'E310-OP-DED-PH')?.poli_val).toBe(centerYuan(pharmacyDeductible));
    }
    expect(items.every((i) => i.insutype === '310' && i.med_type === '11')).toBe(true);
    // Every item of the table, all schemes and pools, passes the answer's schema (codes within C30).
    const all = await queryPolicies(app, {});
    expect(all.length).toBeGreaterThan(items.length);
    expect(new Set(all.map((i) => i.poli_item_code)).size).toBe(all.length);
  });
});
