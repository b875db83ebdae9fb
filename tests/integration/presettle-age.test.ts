/**
 * A settlement needs a pre-settlement at most 30 minutes old (README "Paying once"): after that
 * the account balance and the year's totals may have moved. The clock is injected (only Date is
 * faked, timers and I/O stay real) and starts at a fixed noon, so no run crosses midnight.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices } from '../../src-main/counter/counter-services';
import type { PersonRow } from '../../src-main/sandbox/store';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personsOf, typicalBasket } from '../helpers/sandbox-fixtures';
import { OUTPATIENT_VISIT } from '../helpers/clinic-fixtures';
import { ControlDouble } from '../helpers/control-double';

const NOON_CST = new Date('2026-11-23T12:00:00+08:00');
const MINUTE = 60_000;

let h: Harness;
/** The 四川 clinic reads its person through the 安全控件 (the DLL double). */
let control: ControlDouble;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOON_CST);
  h = await startHarness();
  control = new ControlDouble(h.dir);
}, 120_000);
afterAll(async () => {
  control?.close();
  await h.close();
  vi.useRealTimers();
});

async function counter(config: Parameters<Harness['openApp']>[0] = {}) {
  const app = await h.openApp(config);
  const services = createCounterServices(app, new CounterEvents());
  await app.sessions.signIn(app.client, OPERATOR);
  return { app, services };
}

const lineInputs = () =>
  typicalBasket(h.sandbox.center.store).map((l) => ({ code: l.item.code, name: l.item.name, cntText: l.cnt, pricText: l.pric }));

/** What the center received of these codes, all counters together. */
const received = (infnos: readonly string[]) =>
  h.sandbox.center.store.messages.query({ limit: 100_000 }).filter((m) => infnos.includes(m.infno)).length;

function advance(ms: number) {
  vi.setSystemTime(Date.now() + ms);
}

describe('a pre-settlement older than 30 minutes', () => {
  let person: PersonRow;
  beforeAll(() => {
    person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[2] as PersonRow;
  });

  // The clock moves in whole seconds only (Date is frozen between advances), so "exactly 30 minutes" is exact: the
  // limit is inclusive (`>` in settleOnce; `>=` would refuse it).
  it('pharmacy: refused with nothing sent after 30 min 1 s; the same basket settles at exactly 30 min of a new one', async () => {
    const { app, services } = await counter();
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const req = { basketId: `AGE${Date.now().toString(36)}P`, personKey: ctx.key, acctUsed: true, lines: lineInputs() };
    await services.pharmacy.preSettle(req);
    advance(30 * MINUTE + 1_000);
    const sentBefore = received(['2102', '2102A']);
    await expect(services.pharmacy.settle(req)).rejects.toMatchObject({
      code: 'E_PRESETTLE_STALE',
      messageZh: '预结算已超过 30 分钟, 账户余额可能已变化, 请重新预结算 (F5)',
    });
    expect(received(['2102', '2102A'])).toBe(sentBefore);
    expect(app.journal.list({ infnos: ['2102', '2102A'] }).filter((e) => e.requestJson.includes(req.basketId))).toEqual([]);

    await services.pharmacy.preSettle(req);
    advance(30 * MINUTE);
    const done = await services.pharmacy.settle(req);
    expect(h.sandbox.center.store.settlements.get(done.settlement.setlId ?? '')?.state).toBe('settled');
  });

  it('clinic: refused with nothing sent after 30 min 1 s; settles at exactly 30 min of a new one', async () => {
    const { app, services } = await counter({ institution: CLINIC, profile: 'sichuan', devices: control.devices });
    const ctx = await control.readVisit(services, person);
    const { mdtrtId } = await services.clinic.register({ personKey: ctx.key, ...OUTPATIENT_VISIT });
    await services.clinic.visitInfo({ mdtrtId, medType: '11', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }] });
    const { chrgBchno } = await services.clinic.uploadBill({ mdtrtId, lines: lineInputs() });
    const bill = { mdtrtId, chrgBchno, acctUsed: false };
    await services.clinic.preSettle(bill);
    advance(30 * MINUTE + 1_000);
    const sentBefore = received(['2207', '2207A']);
    await expect(services.clinic.settle(bill)).rejects.toMatchObject({
      code: 'E_PRESETTLE_STALE',
      messageZh: '预结算已超过 30 分钟, 请重新预结算 (F5)',
    });
    expect(received(['2207', '2207A'])).toBe(sentBefore);
    expect(app.journal.list({ infnos: ['2207', '2207A'] }).filter((e) => e.requestJson.includes(chrgBchno))).toEqual([]);

    await services.clinic.preSettle(bill);
    advance(30 * MINUTE);
    const done = await services.clinic.settle(bill);
    expect(h.sandbox.center.store.settlements.get(done.result.settlement.setlId ?? '')?.state).toBe('settled');
  });
});
