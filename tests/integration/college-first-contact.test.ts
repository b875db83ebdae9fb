/**
 * 大学生 (seed 004 ② rows 2, 3, 6): no request field carries "this is the student's 首诊医疗机构"; the
 * center knows it from the person's 定点 record and compares it with the envelope's fixmedins_code.
 * Over the protocol, the same seeded student is refused outpatient pooling at the demo clinic (2001
 * says so, 2206 pays nothing) and reimbursed at their 首诊 institution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRatio, fen, parseRatio } from '../../src-main/core/money';
import { UNIVERSITY_FIRST_CONTACT, findInstitution } from '../../src-main/sandbox/center/institutions';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices } from '../../src-main/counter/counter-services';
import type { PersonRow } from '../../src-main/sandbox/store';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';

let h: Harness;
let student: PersonRow;
beforeAll(async () => {
  h = await startHarness();
  student = personsOf(h.sandbox.center.store, 'res-college').find(
    (p) => h.sandbox.center.store.persons.insurance(p.psnNo)[0]?.insuRegion === 'local',
  ) as PersonRow;
}, 120_000);
afterAll(async () => {
  await h.close();
});

async function visitAt(institution: { fixmedinsCode: string; fixmedinsName: string }) {
  const app = await h.openApp({ institution: { ...CLINIC, ...institution } }, `college-${institution.fixmedinsCode}`);
  const services = createCounterServices(app, new CounterEvents());
  try {
    await app.sessions.signIn(app.client, OPERATOR);
    const ctx = await services.persons.read({ kind: 'id', idNumber: student.certno, name: student.psnName });
    const pooled = ctx.treatment.rows?.find((r) => r.fundPayType.code === '390100');
    const visit = await services.clinic.register({
      personKey: ctx.key,
      medType: '11',
      deptCode: 'NK01',
      deptName: '内科',
      caty: 'A03',
      doctorCode: 'D420100000001',
      doctorName: '测试医生',
    });
    await services.clinic.visitInfo({
      mdtrtId: visit.mdtrtId,
      medType: '11',
      diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }],
    });
    const item = pharmacyItems(h.sandbox.center.store).a;
    const { chrgBchno } = await services.clinic.uploadBill({
      mdtrtId: visit.mdtrtId,
      lines: [{ code: item.code, name: item.name, cntText: '1', pricText: '100.00' }],
    });
    const { settlement } = await services.clinic.preSettle({ mdtrtId: visit.mdtrtId, chrgBchno, acctUsed: false });
    return { enjoyed: pooled?.enjoyed, hifpFen: settlement.hifpPayFen, inscpFen: settlement.inscpScpFen };
  } finally {
    await services.stop();
  }
}

describe('大学生 首诊医疗机构 over the protocol', () => {
  it('pays nothing away from the 首诊 institution and pays by the 学生儿童档 ratio there', async () => {
    expect(student).toBeDefined();
    const elsewhere = await visitAt(CLINIC);
    expect(elsewhere.enjoyed).toBe(false);
    expect(elsewhere.hifpFen).toBe(0);

    const home = findInstitution(UNIVERSITY_FIRST_CONTACT);
    if (!home) throw new Error('first-contact institution missing');
    const there = await visitAt({ fixmedinsCode: home.code, fixmedinsName: home.name });
    expect(there.enjoyed).toBe(true);
    // 学生儿童档, 一级: in-scope × 60 %, no deductible (POLICY.md §9).
    expect(there.inscpFen).toBeGreaterThan(0);
    expect(there.hifpFen).toBe(applyRatio(fen(there.inscpFen), parseRatio('0.6')));
  }, 120_000);
});
