/**
 * Flow driver for the levels with the counter services (migration 4 on), run with the code of
 * that commit: a pharmacy counter signs in, reads a person, settles a sale that stays and one it
 * refunds (2103), downloads a catalogue page (1307 diagnoses) and, where the commit has it, runs
 * the day's 对账; then the same data directory opens as a clinic and settles a visit's two bills,
 * refunding the second (2208 → 2205).
 * Usage (inside the commit's extracted tree): tsx scripts/db-fixtures/flow-services.ts OUT.sqlite
 */
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices } from '../../src-main/counter/counter-services';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { centerPort } from '../../src-main/catalogue/center-port';
import { syncCatalogue } from '../../src-main/catalogue/sync';
import { CLINIC, startHarness } from '../../tests/helpers/sandbox-harness';
import { OPERATOR, personsOf, typicalBasket, type SaleLine } from '../../tests/helpers/sandbox-fixtures';
import { writeFixture, type FlowSettlement } from './fixture-out';

const out = process.argv[2] as string;
const h = await startHarness();
const store = h.sandbox.center.store;
const [buyer, patient] = personsOf(store, 'emp-active', 50_000);
if (!buyer || !patient) throw new Error('not enough persons in the sandbox seed');
const lines = (basket: readonly SaleLine[]) =>
  basket.map((l) => ({ code: l.item.code, name: l.item.name, cntText: l.cnt, pricText: l.pric }));
const flows: string[] = [];
const settlements: FlowSettlement[] = [];

async function counter(config: Parameters<typeof h.openApp>[0]) {
  const app = await h.openApp(config, 'counter');
  const services = createCounterServices(app, new CounterEvents());
  await app.sessions.signIn(app.client, OPERATOR);
  return { app, services };
}

// Pharmacy.
let { app, services } = await counter({});
flows.push('9001 sign-in as pharmacy P42010000001');
let ctx = await services.persons.read({ kind: 'id', idNumber: buyer.certno, name: buyer.psnName });
for (const [i, refund] of [false, true].entries()) {
  const req = {
    basketId: `T${Date.now().toString(36)}${i}`,
    personKey: ctx.key,
    acctUsed: true,
    lines: lines(typicalBasket(store)),
  };
  await services.pharmacy.preSettle(req);
  const sale = await services.pharmacy.settle(req);
  if (refund) await services.pharmacy.refund(sale.settlement.msgid);
  const { setlId, medfeeFen } = sale.settlement;
  settlements.push({ infno: sale.settlement.infno, setlId: setlId ?? '', medfeeFen, refundedBy: refund ? '2103' : null });
  flows.push(`pharmacy sale 1101+2101+2102${refund ? ' refunded 2103' : ' kept'}`);
}
const local = LocalCatalogue.open(app.db.name);
try {
  await syncCatalogue(local, centerPort(app), app.client.profile, { only: ['1307'] });
  flows.push('catalogue download 1307');
} finally {
  local.close();
}
const reconcile = await import('../../src-main/reconcile/daily-reconcile').catch(() => null);
if (reconcile) {
  const { formatDate } = await import('../../src-main/core/time');
  await reconcile.reconcileDay(app, { date: formatDate(new Date()) });
  flows.push("day's 对账 (3201)");
}
const dataDir = app.loaded.dataDir;
await app.close();

// The same data directory as a clinic.
({ app, services } = await counter({ institution: CLINIC }));
flows.push('9001 sign-in as clinic H42010000002 (same data directory)');
ctx = await services.persons.read({ kind: 'id', idNumber: patient.certno, name: patient.psnName });
const visit = await services.clinic.register({
  personKey: ctx.key,
  medType: '11',
  deptCode: 'NK01',
  deptName: '内科',
  caty: 'A03',
  doctorCode: 'D420100000001',
  doctorName: '张医生',
});
const mdtrtId = visit.mdtrtId;
await services.clinic.visitInfo({ mdtrtId, medType: '11', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }] });
const basket = typicalBasket(store);
const bills = [
  await services.clinic.uploadBill({ mdtrtId, lines: lines(basket.slice(0, 2)) }),
  await services.clinic.uploadBill({ mdtrtId, lines: lines(basket.slice(2)) }),
];
const settled = [];
for (const bill of bills) {
  await services.clinic.preSettle({ mdtrtId, chrgBchno: bill.chrgBchno, acctUsed: true });
  settled.push((await services.clinic.settle({ mdtrtId, chrgBchno: bill.chrgBchno, acctUsed: true })).result.settlement);
}
await services.clinic.refund({ mdtrtId, chrgBchno: bills[1]?.chrgBchno, cancelFees: true, cancelRegistration: false });
settled.forEach((s, i) =>
  settlements.push({ infno: s.infno, setlId: s.setlId ?? '', medfeeFen: s.medfeeFen, refundedBy: i === 1 ? '2208' : null }),
);
flows.push('clinic visit 2201+2203+2204×2, two bills settled 2206+2207, the second refunded 2208+2205');
await app.close();

writeFixture(dataDir, out, { flows, settlements });
await h.close();
