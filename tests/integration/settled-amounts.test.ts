/**
 * Settled amounts worked out by hand (issue 22): the counter settles a basket through the real
 * sandbox center and the figures it shows are compared with amounts computed here, in this file,
 * from the basket's quantity and price texts, the catalogue's class and 先自付比例, and POLICY.md's
 * rules — never with what the center computed and never with core/money.ts or sandbox/amounts.ts.
 * A rounding or split mistake on either side therefore fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices } from '../../src-main/counter/counter-services';
import type { SettlementView } from '../../src-main/counter/views';
import type { PersonRow } from '../../src-main/sandbox/store';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import { OUTPATIENT_VISIT } from '../helpers/clinic-fixtures';
import { ControlDouble } from '../helpers/control-double';

let h: Harness;
/** The 四川 clinic reads its persons through the 安全控件 (the DLL double). */
let control: ControlDouble;
beforeAll(async () => {
  h = await startHarness();
  control = new ControlDouble(h.dir);
}, 120_000);
afterAll(async () => {
  control?.close();
  await h.close();
});

// ---- arithmetic by hand, in BigInt, half away from zero ----------------------------------------

/** "21.37" at `places` decimals → 2137n (places 2). */
function scaled(text: string, places: number): bigint {
  const [whole = '0', fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(places, '0'));
}
const halfUp = (n: bigint, d: bigint): bigint => (n * 2n + d) / (2n * d);
/** cnt × pric to the fen: cnt has 4 places, pric 6, fen 2 → divide by 10^8. */
const lineFen = (cnt: string, pric: string): number => Number(halfUp(scaled(cnt, 4) * scaled(pric, 6), 10n ** 8n));
/** amount × 先自付比例 (in 1/10000) to the fen. */
const shareFen = (amount: number, tenThousandths: number): number =>
  Number(halfUp(BigInt(amount) * BigInt(tenThousandths), 10000n));

/** 甲类 2 × 12.5, 乙类 3 × 38.85, 丙类 0.5 × 21.37 (= 10.685, the half that must round up to 10.69). */
function basket() {
  const { a, b, c } = pharmacyItems(h.sandbox.center.store);
  const lines = [
    { item: a, cnt: '2', pric: '12.5' },
    { item: b, cnt: '3', pric: '38.85' },
    { item: c, cnt: '0.5', pric: '21.37' },
  ];
  const [A, B, C] = lines.map((l) => lineFen(l.cnt, l.pric)) as [number, number, number];
  expect([A, B, C]).toEqual([2500, 11655, 1069]); // the same, written out: 25.00, 116.55, 10.69
  return {
    lineInputs: lines.map((l) => ({ code: l.item.code, name: l.item.name, cntText: l.cnt, pricText: l.pric })),
    A,
    B,
    C,
    bSelfpayProp: b.selfpayProp as number,
  };
}

async function counter(clinic: boolean) {
  const app = await h.openApp(clinic ? { institution: CLINIC, profile: 'sichuan', devices: control.devices } : {});
  const services = createCounterServices(app, new CounterEvents());
  await app.sessions.signIn(app.client, OPERATOR);
  return services;
}

async function settleAtPharmacy(person: PersonRow, lineInputs: ReturnType<typeof basket>['lineInputs']) {
  const services = await counter(false);
  const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
  const req = {
    basketId: `HAND${Date.now().toString(36)}${person.psnNo.slice(-4)}`,
    personKey: ctx.key,
    acctUsed: false,
    lines: lineInputs,
  };
  await services.pharmacy.preSettle(req);
  return (await services.pharmacy.settle(req)).settlement;
}

async function settleAtClinic(person: PersonRow, lineInputs: ReturnType<typeof basket>['lineInputs']) {
  const services = await counter(true);
  const ctx = await control.readVisit(services, person);
  const { mdtrtId } = await services.clinic.register({ personKey: ctx.key, ...OUTPATIENT_VISIT });
  await services.clinic.visitInfo({ mdtrtId, medType: '11', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }] });
  const { chrgBchno } = await services.clinic.uploadBill({ mdtrtId, lines: lineInputs });
  const bill = { mdtrtId, chrgBchno, acctUsed: false };
  await services.clinic.preSettle(bill);
  return (await services.clinic.settle(bill)).result.settlement;
}

/** POLICY.md §6: 离休 — the fund pays every catalogue amount (乙类 without 先行自付); the patient pays 丙类 only. */
function expectCadreFigures(s: SettlementView, { A, B, C }: ReturnType<typeof basket>) {
  expect({
    medfee: s.medfeeFen,
    fulamtOwnpay: s.fulamtOwnpayFen,
    preselfpay: s.preselfpayFen,
    inscpScp: s.inscpScpFen,
    hifp: s.hifpPayFen,
    oth: s.othPayFen,
    fundSum: s.fundPaySumFen,
    psnPart: s.psnPartFen,
    acct: s.acctPayFen,
    cash: s.psnCashPayFen,
  }).toEqual({
    medfee: A + B + C, // 138.24
    fulamtOwnpay: C,
    preselfpay: 0,
    inscpScp: A + B,
    hifp: 0,
    oth: A + B,
    fundSum: A + B,
    psnPart: C,
    acct: 0,
    cash: C, // 10.69
  });
}

/** POLICY.md §2 and §7 for 职工 without the account: the line split is fixed by the catalogue; cash = total − funds. */
function expectEmployeeSplit(s: SettlementView, { A, B, C, bSelfpayProp }: ReturnType<typeof basket>) {
  const P = shareFen(B, bSelfpayProp);
  expect(s.medfeeFen).toBe(A + B + C);
  expect(s.fulamtOwnpayFen).toBe(C);
  expect(s.overlmtSelfpayFen).toBe(0);
  expect(s.preselfpayFen).toBe(P);
  expect(s.inscpScpFen).toBe(A + B - P);
  expect(s.acctPayFen).toBe(0);
  // the funds pay at most the in-scope part, the patient at least 丙类 + 先行自付
  expect(s.fundPaySumFen).toBeLessThanOrEqual(A + B - P);
  expect(s.psnCashPayFen).toBe(A + B + C - s.fundPaySumFen);
  expect(s.psnCashPayFen).toBeGreaterThanOrEqual(C + P);
}

describe('settled amounts against figures worked out by hand', () => {
  it('pharmacy, 离休 (340): the fund pays 甲类 + 乙类 in full, the patient 丙类 to the fen', async () => {
    const b = basket();
    const person = personsOf(h.sandbox.center.store, 'cadre-enterprise')[0] as PersonRow;
    expectCadreFigures(await settleAtPharmacy(person, b.lineInputs), b);
  });

  it('clinic, 离休 (340): the same basket as a bill gives the same figures', async () => {
    const b = basket();
    const person = personsOf(h.sandbox.center.store, 'cadre-organ')[0] as PersonRow;
    expectCadreFigures(await settleAtClinic(person, b.lineInputs), b);
  });

  it('pharmacy, 职工: 丙类 self-paid, 乙类 先行自付 = round(amount × 先自付比例), the rest in scope', async () => {
    const b = basket();
    const person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[5] as PersonRow;
    expectEmployeeSplit(await settleAtPharmacy(person, b.lineInputs), b);
  });

  it('clinic, 职工: the same split on a clinic bill', async () => {
    const b = basket();
    const person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[6] as PersonRow;
    expectEmployeeSplit(await settleAtClinic(person, b.lineInputs), b);
  });
});
