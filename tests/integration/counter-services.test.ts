/**
 * The counter services (src-main/counter/) against the real sandbox center: a pharmacy sale that
 * settles exactly once and refunds once, a clinic visit with two bills and refunds in order, the
 * shift summary, the journal view with an automatic reversal, and the region profile deciding the
 * transaction variants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineAmount, parsePrice, parseQty, sumFen } from '../../src-main/core/money';
import type { CounterApp } from '../../src-main/app/counter-app';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices, type CounterServices } from '../../src-main/counter/counter-services';
import { shiftSummary } from '../../src-main/counter/shift';
import { JournalWatcher, ReversalDriver } from '../../src-main/counter/live';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { centerPort } from '../../src-main/catalogue/center-port';
import { syncCatalogue } from '../../src-main/catalogue/sync';
import type { CounterEvent } from '../../src-main/counter/views';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personsOf, typicalBasket, type SaleLine } from '../helpers/sandbox-fixtures';
import type { PersonRow } from '../../src-main/sandbox/store';
import { OUTPATIENT_VISIT } from '../helpers/clinic-fixtures';
import { waitFor } from '../helpers/wait-for';
import { ControlDouble } from '../helpers/control-double';
import { adviceFor } from '../../src-main/counter/error-advice';
import { maskName } from '../../src-main/core/mask';
import { block, inputOf } from '../../src-main/counter/journal-records';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  await h.close();
});

async function counter(config: Parameters<Harness['openApp']>[0] = {}) {
  const app = await h.openApp(config);
  const events = new CounterEvents();
  const services = createCounterServices(app, events);
  await app.sessions.signIn(app.client, OPERATOR);
  return { app, services, events };
}

const lines = (basket: readonly SaleLine[]) =>
  basket.map((l) => ({ code: l.item.code, name: l.item.name, cntText: l.cnt, pricText: l.pric }));

const totalFen = (basket: readonly SaleLine[]) => sumFen(basket.map((l) => lineAmount(parseQty(l.cnt), parsePrice(l.pric))));

let basketSerial = 0;
const newBasket = () => `T${Date.now().toString(36)}${(basketSerial++).toString().padStart(3, '0')}`.slice(0, 24);

describe('pharmacy sale', () => {
  let app: CounterApp;
  let services: CounterServices;
  let events: CounterEvents;
  let person: PersonRow;

  beforeAll(async () => {
    ({ app, services, events } = await counter());
    person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[0] as PersonRow;
  });

  it('reads the person (1101 + 2001) and masks the ID number', async () => {
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const view = services.persons.view(ctx);
    expect(view.name).toBe(person.psnName);
    expect(view.certnoMasked).not.toContain(person.certno.slice(6, 14));
    expect(view.certnoMasked.slice(0, 6)).toBe(person.certno.slice(0, 6));
    expect(view.insurances[view.chosen]?.active).toBe(true);
    expect(view.insurances[view.chosen]?.insutype.label).toBe('职工基本医疗保险');
    expect(view.treatment.medType.code).toBe('41');
    expect(view.treatment.rows?.length ?? 0).toBeGreaterThan(0);
    // A pharmacy's journal holds no registration: its visit list is empty.
    expect(services.clinic.recent()).toEqual([]);
  });

  it('reads a 医疗救助 person whose identity rows carry 4-digit psn_idet_type codes', async () => {
    const aid = personsOf(h.sandbox.center.store, 'aid-tekun')[0] as PersonRow;
    const ctx = await services.persons.read({ kind: 'id', idNumber: aid.certno, name: aid.psnName });
    expect(ctx.psnNo).toBe(aid.psnNo);
  });

  it('refuses an invalid ID number before calling the center', async () => {
    await expect(services.persons.read({ kind: 'id', idNumber: '420100199001011234', name: '张三' })).rejects.toMatchObject({
      code: expect.stringMatching(/^E_DEVICE_/),
    });
  });

  it('pre-settles, settles exactly once for a basket, and refunds once', async () => {
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const basket = typicalBasket(h.sandbox.center.store);
    const req = { basketId: newBasket(), personKey: ctx.key, acctUsed: true, lines: lines(basket) };

    await expect(services.pharmacy.settle(req)).rejects.toMatchObject({ code: 'E_PRESETTLE_REQUIRED' });
    const progress: CounterEvent[] = [];
    // What the quit guard and the settings switch read (services.busy): true while a settlement or a refund runs.
    const busyAt: [string, boolean, boolean, boolean][] = [];
    const off = events.subscribe((e) => {
      progress.push(e);
      if (e.type === 'progress') busyAt.push([e.op, e.done, services.pharmacy.busy, services.busy()]);
    });
    expect(services.busy()).toBe(false);
    const pre = await services.pharmacy.preSettle(req);
    expect(pre.infno).toBe('2101');
    expect(pre.medfeeFen).toBe(totalFen(basket));
    expect(pre.fundPaySumFen + pre.psnPartFen).toBe(pre.medfeeFen);
    expect(pre.lines.map((l) => l.name)).toEqual(basket.map((l) => l.item.name));

    // A double click: both requests in flight at once, one payment.
    const [a, b] = await Promise.all([services.pharmacy.settle(req), services.pharmacy.settle(req)]);
    expect(a.settlement.setlId).toBeTruthy();
    expect(b.settlement.setlId).toBe(a.settlement.setlId);
    expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    const again = await services.pharmacy.settle(req);
    expect(again).toMatchObject({ repeated: true, settlement: { setlId: a.settlement.setlId } });
    const settled = h.sandbox.center.store.settlements.get(a.settlement.setlId ?? '');
    expect(settled?.state).toBe('settled');
    expect(
      app.journal.list({ infnos: ['2102'], states: ['ok'] }).filter((e) => e.requestJson.includes(req.basketId)),
    ).toHaveLength(1);

    const history = services.history.list('pharmacy');
    const record = history.find((r) => r.setlId === a.settlement.setlId);
    expect(record).toMatchObject({ medfeeFen: totalFen(basket), refund: null });

    const [r1, r2] = await Promise.all([services.pharmacy.refund(record!.msgid), services.pharmacy.refund(record!.msgid)]);
    expect(r1.refund.setlId).toBe(r2.refund.setlId);
    expect(r1.refund.medfeeFen).toBe(totalFen(basket));
    expect(h.sandbox.center.store.settlements.get(a.settlement.setlId ?? '')?.state).toBe('cancelled');
    expect(services.history.list('pharmacy').find((r) => r.setlId === a.settlement.setlId)?.refund?.infno).toBe('2103');
    expect((await services.pharmacy.refund(record!.msgid)).repeated).toBe(true);
    off();
    // A pre-settlement moves no money and does not hold the counter; a settlement and a refund do, to their end.
    expect(busyAt).toEqual([
      ['pharmacy.preSettle', false, false, false],
      ['pharmacy.preSettle', true, false, false],
      ['pharmacy.settle', false, true, true],
      ['pharmacy.settle', true, true, true],
      ['pharmacy.refund', false, true, true],
      ['pharmacy.refund', true, true, true],
    ]);
    expect([services.pharmacy.busy, services.busy()]).toEqual([false, false]);
    // The status bar: each operation once (the double click and the repeats add none), and each one ends.
    expect(progress.flatMap((e) => (e.type === 'progress' ? [[e.op, e.step, e.done]] : []))).toEqual([
      ['pharmacy.preSettle', '正在预结算 (2101)', false],
      ['pharmacy.preSettle', '预结算结束', true],
      ['pharmacy.settle', '正在结算 (2102), 请勿重复操作', false],
      ['pharmacy.settle', '结算结束', true],
      ['pharmacy.refund', '正在退费 (2103)', false],
      ['pharmacy.refund', '退费结束', true],
    ]);
  });

  it('two baskets settled at once both pay once: the second waits instead of taking the first in flight for lost', async () => {
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const basket = typicalBasket(h.sandbox.center.store);
    const one = { basketId: newBasket(), personKey: ctx.key, acctUsed: true, lines: lines(basket.slice(0, 1)) };
    const two = { basketId: newBasket(), personKey: ctx.key, acctUsed: true, lines: lines(basket.slice(1)) };
    await services.pharmacy.preSettle(one);
    await services.pharmacy.preSettle(two);
    const reversalsBefore = app.journal.list({ infno: '2601', limit: 10_000 }).length;
    h.sandbox.center.addFault('2102', 'delay:600', 1);
    const first = services.pharmacy.settle(one);
    // The first 2102 has reached the center and waits there for its delayed answer.
    await waitFor('the first 2102 at the center', () =>
      h.sandbox.center.store.messages
        .query({ limit: 100_000 })
        .some((m) => m.infno === '2102' && m.requestJson.includes(`"${one.basketId}-1"`)),
    );
    const [a, b] = await Promise.all([first, services.pharmacy.settle(two)]);
    expect(a.settlement.setlId).not.toBe(b.settlement.setlId);
    for (const s of [a, b]) expect(h.sandbox.center.store.settlements.get(s.settlement.setlId ?? '')?.state).toBe('settled');
    expect(app.journal.list({ infno: '2601', limit: 10_000 })).toHaveLength(reversalsBefore);
    for (const s of [a, b]) await services.pharmacy.refund(s.settlement.msgid);
  });

  it('refuses a settlement whose basket changed after the pre-settlement', async () => {
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const basket = typicalBasket(h.sandbox.center.store);
    const req = { basketId: newBasket(), personKey: ctx.key, acctUsed: true, lines: lines(basket) };
    await services.pharmacy.preSettle(req);
    await expect(services.pharmacy.settle({ ...req, acctUsed: false })).rejects.toMatchObject({ code: 'E_PRESETTLE_STALE' });
    await expect(
      services.pharmacy.settle({ ...req, lines: lines(basket).map((l, i) => (i === 0 ? { ...l, cntText: '3' } : l)) }),
    ).rejects.toMatchObject({ code: 'E_PRESETTLE_STALE' });
  });

  it('says why it refuses before calling the center: a malformed basket id, no pre-settlement, a changed basket, an unknown settlement', async () => {
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const basket = typicalBasket(h.sandbox.center.store);
    const req = { basketId: newBasket(), personKey: ctx.key, acctUsed: true, lines: lines(basket) };
    const badId = { code: 'E_BASKET_ID', messageZh: '购物单编号无效, 请新建一单' };
    // 8–24 letters or digits, the whole id: too short, too long, a sign before or after.
    for (const basketId of ['T1234', 'T'.repeat(25), '-T1234567', 'T1234567-']) {
      await expect(services.pharmacy.preSettle({ ...req, basketId })).rejects.toMatchObject(badId);
      await expect(services.pharmacy.settle({ ...req, basketId })).rejects.toMatchObject(badId);
    }
    await expect(services.pharmacy.settle(req)).rejects.toMatchObject({
      code: 'E_PRESETTLE_REQUIRED',
      messageZh: '请先预结算 (F5), 与参保人确认金额后再结算',
    });
    await services.pharmacy.preSettle(req);
    await expect(services.pharmacy.settle({ ...req, acctUsed: false })).rejects.toMatchObject({
      code: 'E_PRESETTLE_STALE',
      messageZh: '预结算之后明细、参保信息或个人账户选项有改动, 请重新预结算 (F5)',
    });
    await expect(services.pharmacy.refund('H42010000001202612060300000001')).rejects.toMatchObject({
      code: 'E_SETTLEMENT_NOT_FOUND',
      messageZh: '找不到这笔成功的药店结算, 不能退费; 请在历史中重新选择',
    });
  });

  it('compares every line, not only the total: a swapped quantity or price with the same total, or another person, is stale', async () => {
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const other = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[1] as PersonRow;
    const otherCtx = await services.persons.read({ kind: 'id', idNumber: other.certno, name: other.psnName });
    const [a, b] = typicalBasket(h.sandbox.center.store).map((l) => l.item);
    const line = (item: typeof a, cntText: string, pricText: string) => ({
      code: item!.code,
      name: item!.name,
      cntText,
      pricText,
    });
    // 1 × 10 + 2 × 10 = 2 × 10 + 1 × 10; 1 × 10 + 1 × 20 = 1 × 20 + 1 × 10: the totals do not tell them apart.
    const cases = [
      [[line(a, '1', '10'), line(b, '2', '10')], [line(a, '2', '10'), line(b, '1', '10')], ctx.key],
      [[line(a, '1', '10'), line(b, '1', '20')], [line(a, '1', '20'), line(b, '1', '10')], ctx.key],
      [[line(a, '1', '10')], [line(a, '1', '10')], otherCtx.key],
    ] as const;
    for (const [agreed, settled, personKey] of cases) {
      const req = { basketId: newBasket(), personKey: ctx.key, acctUsed: true, lines: [...agreed] };
      await services.pharmacy.preSettle(req);
      await expect(services.pharmacy.settle({ ...req, personKey, lines: [...settled] })).rejects.toMatchObject({
        code: 'E_PRESETTLE_STALE',
      });
    }
  });

  it('after a restart (new services, same journal) a settled basket and its refund are answered from the journal, not sent again', async () => {
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const basket = typicalBasket(h.sandbox.center.store);
    const req = { basketId: newBasket(), personKey: ctx.key, acctUsed: true, lines: lines(basket) };
    await services.pharmacy.preSettle(req);
    const first = await services.pharmacy.settle(req);
    expect(first.repeated).toBe(false);
    const sent = (infno: string) => h.sandbox.center.messages({ infno, limit: 10_000 }).length;
    const settles = sent('2102');

    // The cashier reads the card again after the restart and presses settle on the same basket.
    const restarted = createCounterServices(app, new CounterEvents());
    const reread = await restarted.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const again = await restarted.pharmacy.settle({ ...req, personKey: reread.key });
    expect(again.repeated).toBe(true);
    // The view rebuilt from the journal: the same settlement, lines named from what was sent.
    expect(again.settlement).toEqual(first.settlement);
    expect(again.settlement.lines.map((l) => l.name)).toEqual(basket.map((l) => l.item.name));
    expect(sent('2102')).toBe(settles);

    const refund = await restarted.pharmacy.refund(first.settlement.msgid);
    expect(refund.repeated).toBe(false);
    const refunds = sent('2103');
    const refundAgain = await createCounterServices(app, new CounterEvents()).pharmacy.refund(first.settlement.msgid);
    expect(refundAgain).toEqual({ refund: refund.refund, repeated: true });
    expect(sent('2103')).toBe(refunds);
  });

  it('a settlement whose answer is lost is reversed and shows in the journal view; the basket can settle after', async () => {
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const basket = typicalBasket(h.sandbox.center.store);
    const req = { basketId: newBasket(), personKey: ctx.key, acctUsed: true, lines: lines(basket) };
    await services.pharmacy.preSettle(req);
    h.sandbox.center.addFault('2102', 'commit-then-drop', 1);
    await expect(services.pharmacy.settle(req)).rejects.toMatchObject({ kind: 'unknown', detail: { journalState: 'reversed' } });
    const row = services.journal.rows({ infno: '2102' })[0];
    expect(row).toMatchObject({ state: 'reversed', stateLabel: '已冲正', amountFen: totalFen(basket) });
    expect(row?.psnNameMasked).toMatch(/^.\*+$/);
    const detail = services.journal.detail(row!.id);
    expect(detail.reversals.map((r) => r.infno)).toEqual(['2601']);
    expect(detail.requestMasked).not.toContain(person.certno);
    const again = await services.pharmacy.settle(req);
    expect(again.repeated).toBe(false);
    expect(h.sandbox.center.store.settlements.get(again.settlement.setlId ?? '')?.state).toBe('settled');
  });

  it('a reversal the center refuses at first blocks new settlements and is finished by the driver after the backoff', async () => {
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const req = {
      basketId: newBasket(),
      personKey: ctx.key,
      acctUsed: true,
      lines: lines(typicalBasket(h.sandbox.center.store)),
    };
    await services.pharmacy.preSettle(req);
    h.sandbox.center.addFault('2102', 'commit-then-drop', 1);
    h.sandbox.center.addFault('2601', 'reject:-1:中心系统繁忙', 1);
    await expect(services.pharmacy.settle(req)).rejects.toMatchObject({ detail: { journalState: 'reversing' } });
    const entry = app.journal.list({ infno: '2102' })[0];
    expect(entry).toMatchObject({ state: 'reversing', attempts: 1 });
    expect(services.journal.pending().pending.map((r) => r.msgid)).toContain(entry?.msgid);
    // The same basket and any other settlement wait for the reversal.
    await expect(services.pharmacy.settle(req)).rejects.toMatchObject({
      code: 'E_PENDING_REVERSAL',
      messageZh: `本单结算上一次提交 (2102, 报文 ${entry?.msgid}) 结果未明, 正在自动冲正; 冲正完成前不能再次提交`,
    });

    const watched = new CounterEvents();
    const seen: CounterEvent[] = [];
    watched.subscribe((e) => seen.push(e));
    const watcher = new JournalWatcher(app.journal, watched, 60_000);
    watcher.start();
    watcher.tick();
    expect(seen).toHaveLength(0);

    const driver = new ReversalDriver(app.journal, app.resolver, null, 60_000);
    await driver.tick();
    expect(app.journal.byMsgid(entry!.msgid)?.state).toBe('reversing'); // not due yet: backoff 1 s
    // Stays: the driver runs the app's resolver on the real clock, whose next attempt is 1 s away (whole
    // seconds); the backoff itself is tested on an injected clock in resolver-end-states.test.ts.
    await new Promise((r) => setTimeout(r, 1100));
    await driver.tick();
    expect(app.journal.byMsgid(entry!.msgid)).toMatchObject({ state: 'reversed', attempts: 2 });
    watcher.tick();
    watcher.stop();
    expect(seen).toEqual([expect.objectContaining({ type: 'journal', open: 0 })]);
    expect((await services.pharmacy.settle(req)).repeated).toBe(false);
  });

  it('sums the shift of the operator: settlements, refunds, reversals', async () => {
    // Its own counter (own journal), so the counts do not depend on what the tests above did.
    const own = await counter();
    const ctx = await own.services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const basket = typicalBasket(h.sandbox.center.store);
    const sell = async () => {
      const req = { basketId: newBasket(), personKey: ctx.key, acctUsed: true, lines: lines(basket) };
      await own.services.pharmacy.preSettle(req);
      return { req, sale: await own.services.pharmacy.settle(req) };
    };
    await sell();
    const refunded = await sell();
    await own.services.pharmacy.refund(refunded.sale.settlement.msgid);
    const lostReq = { basketId: newBasket(), personKey: ctx.key, acctUsed: true, lines: lines(basket) };
    await own.services.pharmacy.preSettle(lostReq);
    h.sandbox.center.addFault('2102', 'commit-then-drop', 1);
    await expect(own.services.pharmacy.settle(lostReq)).rejects.toMatchObject({ detail: { journalState: 'reversed' } });
    await own.services.pharmacy.settle(lostReq); // the same basket, settled after its reversal

    const summary = shiftSummary(own.app.journal, own.app.sessions.require(OPERATOR.opter), 'P42010000001');
    // 2 × 12.50 + 1 × 38.80 + 0.5 × 21.37 (10.685 → 10.69) = 74.49 per basket, worked out by hand
    const basketFen = 7449;
    expect(summary.settlements).toMatchObject({ count: 3, medfeeFen: 3 * basketFen });
    expect(summary.refunds).toMatchObject({ count: 1, medfeeFen: basketFen });
    expect(summary.reversed).toBe(1);
    expect(summary.net).toMatchObject({ count: 2, medfeeFen: 2 * basketFen });
    expect(summary.settlements.fundPayFen + summary.settlements.acctPayFen + summary.settlements.cashFen).toBe(
      summary.settlements.medfeeFen,
    );
  });

  it('searches the catalogue through the profile’s query (1312) by name, pinyin and code', async () => {
    const item = typicalBasket(h.sandbox.center.store)[0]!.item;
    const byCode = await services.items.search(item.code, 10);
    expect(byCode.hits[0]).toMatchObject({ code: item.code, name: item.name });
    expect(byCode.source).toContain('1312');
    const byPinyin = await services.items.search(item.pinyin.slice(0, 3).toLowerCase(), 10);
    expect(byPinyin.hits.every((hit) => hit.pinyin.startsWith(item.pinyin.slice(0, 3)))).toBe(true);
    const byName = await services.items.search(item.name.slice(0, 2), 10);
    expect(byName.hits.every((hit) => hit.name.includes(item.name.slice(0, 2)))).toBe(true);
    await expect(services.items.search('6901234567892', 10)).rejects.toMatchObject({ code: 'E_SEARCH_BARCODE' });
  });
});

describe('search through the local catalogue once it is synced', () => {
  it('finds consumables locally (also by barcode) and diagnoses of 1307; without them it says what to do', async () => {
    const { app, services } = await counter();
    await expect(services.diagnoses.search('J06', 5)).rejects.toMatchObject({ code: 'E_SEARCH_NO_DIAGNOSES' });
    const local = LocalCatalogue.open(app.db.name);
    try {
      await syncCatalogue(local, centerPort(app), app.client.profile, { only: ['1306', '1307'] });
      const row = local.db
        .prepare("SELECT code FROM catalogue_item WHERE catalogue = '1306' AND vali_flag = '1' LIMIT 1")
        .get() as { code: string } | undefined;
      const consumable = row ? local.details(row.code)[0]?.item : undefined;
      expect(consumable).toBeDefined();
      const fresh = createCounterServices(app, new CounterEvents());
      const byName = await fresh.items.search(consumable!.name, 5);
      expect(byName.source).toBe('本地目录');
      expect(byName.hits.length).toBeGreaterThan(0);
      expect(byName.hits.every((hit) => hit.name.includes(consumable!.name))).toBe(true);
      expect((await fresh.items.search(consumable!.code, 5)).hits[0]).toMatchObject({
        code: consumable!.code,
        name: consumable!.name,
      });
      if (consumable!.barcode) expect((await fresh.items.search(consumable!.barcode, 5)).hits[0]?.code).toBe(consumable!.code);
      const diagnoses = await fresh.diagnoses.search('上呼吸道', 10);
      expect(diagnoses.length).toBeGreaterThan(0);
      expect(diagnoses.every((d) => d.name.includes('上呼吸道'))).toBe(true);
      await fresh.stop();
    } finally {
      local.close();
    }
  }, 120_000);
});

describe('pharmacy sale on the hubei profile', () => {
  it('uses 2101A / 2102A as the profile says', async () => {
    const { services } = await counter({ profile: 'hubei' });
    const person = personsOf(h.sandbox.center.store, 'emp-retired', 50_000)[0] as PersonRow;
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const req = {
      basketId: newBasket(),
      personKey: ctx.key,
      acctUsed: false,
      lines: lines(typicalBasket(h.sandbox.center.store)),
    };
    expect((await services.pharmacy.preSettle(req)).infno).toBe('2101A');
    expect((await services.pharmacy.settle(req)).settlement.infno).toBe('2102A');
  });

  it('registers a clinic visit with 2201A, which carries med_type (2201 takes it at 2203)', async () => {
    const { app, services } = await counter({ institution: CLINIC, profile: 'hubei' });
    const person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[2] as PersonRow;
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const visit = await services.clinic.register({ personKey: ctx.key, ...OUTPATIENT_VISIT });
    expect(visit.registerInfno).toBe('2201A');
    expect(h.sandbox.center.store.visits.get(visit.mdtrtId)?.medType).toBe('11');
    // Read by ID number (mdtrt_cert_type 02): 2206 carries no card_sn (only a 社保卡 read has one).
    const { mdtrtId } = visit;
    await services.clinic.visitInfo({ mdtrtId, medType: '11', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }] });
    const { chrgBchno } = await services.clinic.uploadBill({ mdtrtId, lines: lines(typicalBasket(h.sandbox.center.store)) });
    const pre = await services.clinic.preSettle({ mdtrtId, chrgBchno, acctUsed: false });
    const sent = block(inputOf(app.journal.byMsgid(pre.settlement.msgid)!), 'data');
    expect(sent).toMatchObject({ mdtrt_cert_type: '02', mdtrt_cert_no: person.certno, med_type: '11', acct_used_flag: '0' });
    expect(sent).not.toHaveProperty('card_sn');
  });
});

describe('clinic visit', () => {
  let app: CounterApp;
  let services: CounterServices;
  let events: CounterEvents;
  let person: PersonRow;
  /** A 四川 clinic reads its persons through the 安全控件 (the DLL double), and again before a refund. */
  let control: ControlDouble;

  beforeAll(async () => {
    control = new ControlDouble(h.dir);
    ({ app, services, events } = await counter({ institution: CLINIC, profile: 'sichuan', devices: control.devices }));
    person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[1] as PersonRow;
  });
  afterAll(() => control.close());

  it('registers, uploads two bills, settles each once, refunds in the order 2208 → 2205 → 2202', async () => {
    const ctx = await control.readVisit(services, person);
    expect(services.persons.view(ctx).treatment.medType.code).toBe('11');
    // services.busy (the quit guard, the settings switch) when each call has been answered (the step's end event,
    // inside the guarded run): held by a registration, a bill upload, a settlement and its refund (2208); not by the
    // visit info or a pre-settlement; the fee-line (2205) and registration (2202) cancels of a refund too.
    const busyAt: [string, string, boolean][] = [];
    const off = events.subscribe((e) => {
      if (e.type === 'progress' && e.done) busyAt.push([e.op, e.step, services.clinic.busy && services.busy()]);
    });
    let visit = await services.clinic.register({
      personKey: ctx.key,
      ...OUTPATIENT_VISIT,
    });
    expect(visit.registerInfno).toBe('2201');
    const mdtrtId = visit.mdtrtId;
    await expect(services.clinic.uploadBill({ mdtrtId, lines: [] as never })).rejects.toBeTruthy();
    visit = await services.clinic.visitInfo({
      mdtrtId,
      medType: '11',
      diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }],
    });
    expect(visit.medType?.code).toBe('11');

    const basket = typicalBasket(h.sandbox.center.store);
    const one = await services.clinic.uploadBill({ mdtrtId, lines: lines(basket.slice(0, 2)) });
    const two = await services.clinic.uploadBill({ mdtrtId, lines: lines(basket.slice(2)) });
    expect(two.visit.bills.map((b) => b.state)).toEqual(['uploaded', 'uploaded']);
    expect(two.visit.bills[0]?.medfeeFen).toBe(totalFen(basket.slice(0, 2)));

    await expect(services.clinic.settle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: true })).rejects.toMatchObject({
      code: 'E_PRESETTLE_REQUIRED',
    });
    const pre1 = await services.clinic.preSettle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: true });
    expect(pre1.settlement.infno).toBe('2206A');
    const [s1, s1b] = await Promise.all([
      services.clinic.settle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: true }),
      services.clinic.settle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: true }),
    ]);
    expect(s1.result.settlement.infno).toBe('2207A');
    expect(s1b.result.settlement.setlId).toBe(s1.result.settlement.setlId);
    // The second click joined the first: its answer says so.
    expect([s1.result.repeated, s1b.result.repeated]).toEqual([false, true]);
    expect(s1.result.settlement.medfeeFen).toBe(totalFen(basket.slice(0, 2)));
    await services.clinic.preSettle({ mdtrtId, chrgBchno: two.chrgBchno, acctUsed: false });
    const s2 = await services.clinic.settle({ mdtrtId, chrgBchno: two.chrgBchno, acctUsed: false });
    expect(s2.visit.bills.map((b) => b.state)).toEqual(['settled', 'settled']);
    expect(services.history.list('clinic').filter((r) => r.mdtrtId === mdtrtId)).toHaveLength(2);

    // Partial refund: bill two only, with its fee lines.
    const refund = await services.clinic.refund({
      mdtrtId,
      chrgBchno: two.chrgBchno,
      cancelFees: true,
      cancelRegistration: false,
    });
    expect(refund.steps.map((s) => s.infno)).toEqual(['2208', '2205']);
    expect(refund.visit.bills.map((b) => b.state)).toEqual(['settled', 'cancelled']);
    expect(h.sandbox.center.store.settlements.get(s2.result.settlement.setlId ?? '')?.state).toBe('cancelled');
    expect(h.sandbox.center.store.settlements.get(s1.result.settlement.setlId ?? '')?.state).toBe('settled');

    // The registration cannot go while bill one is settled; the counter says so before asking the center.
    await expect(
      services.clinic.refund({ mdtrtId, chrgBchno: undefined, cancelFees: false, cancelRegistration: true }),
    ).rejects.toMatchObject({ code: 'E_REGISTRATION_IN_USE' });

    const all = await services.clinic.refund({ mdtrtId, chrgBchno: one.chrgBchno, cancelFees: true, cancelRegistration: true });
    expect(all.steps.map((s) => s.infno)).toEqual(['2208', '2205', '2202']);
    off();
    expect(busyAt).toEqual([
      ['clinic.register', '正在挂号 (2201) 结束', true],
      ['clinic.visitInfo', '正在上传就诊信息 (2203A) 结束', false],
      ['clinic.uploadBill', '正在上传费用明细 (2204) 结束', true],
      ['clinic.uploadBill', '正在上传费用明细 (2204) 结束', true],
      ['clinic.preSettle', '正在预结算 (2206A) 结束', false],
      ['clinic.settle', '正在结算 (2207A), 请勿重复操作 结束', true],
      ['clinic.preSettle', '正在预结算 (2206A) 结束', false],
      ['clinic.settle', '正在结算 (2207A), 请勿重复操作 结束', true],
      ['clinic.refund', '正在撤销结算 (2208) 结束', true],
      ['clinic.refund', '正在撤销费用明细 (2205) 结束', true],
      ['clinic.refund', '正在撤销结算 (2208) 结束', true],
      ['clinic.refund', '正在撤销费用明细 (2205) 结束', true],
      ['clinic.refund', '正在撤销挂号 (2202) 结束', true],
    ]);
    expect(services.busy()).toBe(false);
    expect(all.visit.cancelled).toBe(true);
    // The first list of these services: the name comes from the journal's 1101 (masked), then from memory.
    expect(services.clinic.recent().find((v) => v.mdtrtId === mdtrtId)).toMatchObject({
      cancelled: true,
      psnNameMasked: maskName(person.psnName),
    });
  });

  it('rebuilds a visit from the journal after a restart (new services, same data)', async () => {
    const ctx = await control.readVisit(services, person);
    const visit = await services.clinic.register({
      personKey: ctx.key,
      ...OUTPATIENT_VISIT,
    });
    await services.clinic.visitInfo({
      mdtrtId: visit.mdtrtId,
      medType: '11',
      diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }],
    });
    const bill = await services.clinic.uploadBill({
      mdtrtId: visit.mdtrtId,
      lines: lines(typicalBasket(h.sandbox.center.store)),
    });
    await services.clinic.preSettle({ mdtrtId: visit.mdtrtId, chrgBchno: bill.chrgBchno, acctUsed: true });
    const settled = await services.clinic.settle({ mdtrtId: visit.mdtrtId, chrgBchno: bill.chrgBchno, acctUsed: true });

    const fresh = createCounterServices(app, new CounterEvents());
    const again = await fresh.clinic.settle({ mdtrtId: visit.mdtrtId, chrgBchno: bill.chrgBchno, acctUsed: true });
    expect(again.result).toMatchObject({ repeated: true, settlement: { setlId: settled.result.settlement.setlId } });
    expect((await fresh.clinic.visit(visit.mdtrtId)).bills[0]?.state).toBe('settled');
    expect((await fresh.clinic.visit(visit.mdtrtId)).psnNameMasked).toMatch(/^.\*+$/);
    // Fee lines carry codes only; the names come back from the counter's own table, not from memory.
    const basketNames = typicalBasket(h.sandbox.center.store).map((l) => l.item.name);
    expect((await fresh.clinic.visit(visit.mdtrtId)).bills[0]?.lines.map((l) => l.name)).toEqual(basketNames);

    // 只撤销结算重新结算: 2208 without 2205, then the same bill is pre-settled and settled again.
    const undo = await fresh.clinic.refund({
      mdtrtId: visit.mdtrtId,
      chrgBchno: bill.chrgBchno,
      cancelFees: false,
      cancelRegistration: false,
    });
    expect(undo.steps.map((x) => [x.infno, x.what])).toEqual([['2208', `单据 ${bill.chrgBchno} 结算已撤销 (退费)`]]);
    expect(undo.visit.bills[0]?.state).toBe('refunded');
    // Its old pre-settlement does not count any more: settling needs a new one.
    await expect(
      fresh.clinic.settle({ mdtrtId: visit.mdtrtId, chrgBchno: bill.chrgBchno, acctUsed: true }),
    ).rejects.toMatchObject({
      code: 'E_PRESETTLE_REQUIRED',
      messageZh: `单据 ${bill.chrgBchno} 请先预结算 (F5), 与患者确认金额后再结算`,
    });
    // The 2208 medium covers 2208 only (seed 003 第六章): settling again needs the control read for 2207A first.
    const stale = await fresh.clinic.preSettle({ mdtrtId: visit.mdtrtId, chrgBchno: bill.chrgBchno, acctUsed: false }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(stale).toMatchObject({ code: 'E_DEVICE_SAFE_MEDIUM_MISMATCH' });
    expect(adviceFor(stale)).toContain('按 F5 读卡器读卡');
    await control.readVisit(fresh, person);
    const again2206 = await fresh.clinic.preSettle({ mdtrtId: visit.mdtrtId, chrgBchno: bill.chrgBchno, acctUsed: false });
    // Pre-settled again: the refunded settlement is not shown as the bill's settlement any more.
    expect(again2206.visit.bills[0]).toMatchObject({ state: 'pre-settled', settlement: null });
    const resettled = await fresh.clinic.settle({ mdtrtId: visit.mdtrtId, chrgBchno: bill.chrgBchno, acctUsed: false });
    expect(resettled.result.repeated).toBe(false);
    expect(resettled.result.settlement.setlId).not.toBe(settled.result.settlement.setlId);
    expect(resettled.visit.bills[0]?.state).toBe('settled');
    expect(h.sandbox.center.store.settlements.get(resettled.result.settlement.setlId ?? '')?.state).toBe('settled');
  });

  it('two bills settled at once pay once each; a bill whose settlement is being reversed is held with its own text', async () => {
    // Another counter of the clinic (its own journal), so the reversal left open here holds up no other test.
    const other = await counter({ institution: CLINIC, profile: 'sichuan', devices: control.devices });
    const ctx = await control.readVisit(other.services, person);
    const { mdtrtId } = await other.services.clinic.register({ personKey: ctx.key, ...OUTPATIENT_VISIT });
    await other.services.clinic.visitInfo({ mdtrtId, medType: '11', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }] });
    const basket = typicalBasket(h.sandbox.center.store);
    const one = await other.services.clinic.uploadBill({ mdtrtId, lines: lines(basket.slice(0, 2)) });
    const two = await other.services.clinic.uploadBill({ mdtrtId, lines: lines(basket.slice(2)) });
    await other.services.clinic.preSettle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: false });
    await other.services.clinic.preSettle({ mdtrtId, chrgBchno: two.chrgBchno, acctUsed: false });
    const [s1, s2] = await Promise.all([
      other.services.clinic.settle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: false }),
      other.services.clinic.settle({ mdtrtId, chrgBchno: two.chrgBchno, acctUsed: false }),
    ]);
    expect([s1.result.repeated, s2.result.repeated]).toEqual([false, false]);
    expect(s2.result.settlement.setlId).not.toBe(s1.result.settlement.setlId);
    expect(s2.result.settlement.medfeeFen).toBe(totalFen(basket.slice(2)));

    // A third bill whose 2207A is lost and whose reversal the center refuses at first: settling it again is refused
    // by the bill's own check, naming the open call, before anything is sent.
    const three = await other.services.clinic.uploadBill({ mdtrtId, lines: lines(basket.slice(0, 1)) });
    await other.services.clinic.preSettle({ mdtrtId, chrgBchno: three.chrgBchno, acctUsed: false });
    h.sandbox.center.addFault('2207A', 'commit-then-drop', 1);
    h.sandbox.center.addFault('2601', 'reject:-1:中心系统繁忙', 1);
    const bill = { mdtrtId, chrgBchno: three.chrgBchno, acctUsed: false };
    await expect(other.services.clinic.settle(bill)).rejects.toMatchObject({ detail: { journalState: 'reversing' } });
    const lost = other.app.journal.list({ infno: '2207A', limit: 1 })[0];
    expect(lost).toMatchObject({ state: 'reversing' });
    await expect(other.services.clinic.settle(bill)).rejects.toMatchObject({
      code: 'E_PENDING_REVERSAL',
      messageZh: `单据 ${three.chrgBchno} 的结算上一次提交 (2207A, 报文 ${lost?.msgid}) 结果未明, 正在自动冲正; 冲正完成前不能再次提交`,
    });
    expect(other.app.journal.list({ infno: '2207A', limit: 10 })).toHaveLength(3);
  });

  it('sends the visit as entered, shows it as the journal holds it, and says why it refuses before calling the center', async () => {
    const store = h.sandbox.center.store;
    /** The codes journaled after entry `id`: none after a refusal means nothing was sent. */
    const lastCall = () => app.journal.list({ limit: 1 })[0]?.id ?? 0;
    const sentAfter = (id: number) =>
      app.journal
        .list({ limit: 50 })
        .filter((e) => e.id > id)
        .map((e) => e.infno);
    const refused = async (work: Promise<unknown>, code: string, message?: string) => {
      const before = lastCall();
      const error = await work.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject(message === undefined ? { code } : { code, messageZh: message });
      // A refund reads the 安全控件 again first (1101 + 2001 with the card), then refuses.
      expect(sentAfter(before).filter((infno) => infno !== '1101' && infno !== '2001')).toEqual([]);
    };
    const ctx = await control.readVisit(services, person);
    // A double click registers once: the second request joins the first and answers its visit.
    const sent2201 = () => app.journal.list({ infno: '2201', limit: 100_000 }).length;
    const registeredBefore = sent2201();
    const [firstClick, secondClick] = await Promise.all([
      services.clinic.register({ personKey: ctx.key, ...OUTPATIENT_VISIT }),
      services.clinic.register({ personKey: ctx.key, ...OUTPATIENT_VISIT }),
    ]);
    let visit = firstClick;
    const { mdtrtId } = visit;
    expect(secondClick.mdtrtId).toBe(mdtrtId);
    expect(sent2201()).toBe(registeredBefore + 1);
    // 门诊号: MZ + the second + a 4-digit serial; what the center registered, with the doctor and department entered.
    expect(visit.iptOtpNo).toMatch(/^MZ\d{18}$/);
    const registered = store.visits.get(mdtrtId);
    expect(registered).toMatchObject({
      psnNo: person.psnNo,
      iptOtpNo: visit.iptOtpNo,
      atddrNo: OUTPATIENT_VISIT.doctorCode,
      drName: OUTPATIENT_VISIT.doctorName,
      deptCode: OUTPATIENT_VISIT.deptCode,
      deptName: OUTPATIENT_VISIT.deptName,
      caty: OUTPATIENT_VISIT.caty,
      // 2201 (四川) takes med_type at 2203 only.
      medType: null,
    });
    expect(registered?.begntime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(visit).toMatchObject({
      registerInfno: '2201',
      insutype: { code: registered?.insutype },
      medType: null,
      diagnoses: [],
      doctorName: OUTPATIENT_VISIT.doctorName,
      deptName: OUTPATIENT_VISIT.deptName,
      bills: [],
      cancelled: false,
      canCancelRegistration: true,
    });
    expect(visit.psnNameMasked).toBe(maskName(person.psnName));
    // Registrations only, each with its 门诊号.
    expect(services.clinic.recent().every((v) => /^MZ\d{18}$/.test(v.iptOtpNo))).toBe(true);
    expect(services.clinic.recent().find((v) => v.mdtrtId === mdtrtId)).toEqual({
      mdtrtId,
      iptOtpNo: visit.iptOtpNo,
      psnNameMasked: maskName(person.psnName),
      registeredAt: visit.registeredAt,
      cancelled: false,
    });

    const basket = typicalBasket(store);
    await refused(
      services.clinic.uploadBill({ mdtrtId, lines: lines(basket) }),
      'E_VISIT_INFO_REQUIRED',
      '请先上传就诊信息和诊断 (2203), 再录入费用',
    );
    await refused(
      services.clinic.visitInfo({ mdtrtId, medType: '11', diagnoses: [] }),
      'E_DIAGNOSIS_REQUIRED',
      '至少录入一条诊断',
    );
    // Without a 主要病情描述 the center gets none; then again with one and two diagnoses, numbered in order.
    await services.clinic.visitInfo({ mdtrtId, medType: '11', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }] });
    expect(store.visits.get(mdtrtId)?.mainCondDscr).toBeNull();
    const diagnoses = [
      { code: 'J06.900', name: '急性上呼吸道感染' },
      { code: 'R50.900', name: '发热' },
    ];
    visit = await services.clinic.visitInfo({ mdtrtId, medType: '11', mainCondDscr: '咳嗽三天', diagnoses });
    expect(visit.medType).toEqual({ code: '11', label: '普通门诊' });
    expect(visit.insutype.label).toBe('职工基本医疗保险');
    expect(visit.diagnoses).toEqual(diagnoses);
    const info = store.visits.get(mdtrtId);
    expect(info).toMatchObject({ medType: '11', mainCondDscr: '咳嗽三天', diseCodg: 'J06.900', diseName: '急性上呼吸道感染' });
    expect(info?.diagnoses).toMatchObject(
      diagnoses.map((d, i) => ({
        diag_type: '1',
        diag_srt_no: i + 1,
        diag_code: d.code,
        diag_name: d.name,
        diag_dept: OUTPATIENT_VISIT.deptName,
        dise_dor_no: OUTPATIENT_VISIT.doctorCode,
        dise_dor_name: OUTPATIENT_VISIT.doctorName,
        vali_flag: '1',
      })),
    );

    // Two bills: numbered CB + the second + the next serial; each line under its bill's number, the department and
    // doctor of the registration.
    // A double click uploads once (one bill, one 2204).
    const [one, oneAgain] = await Promise.all([
      services.clinic.uploadBill({ mdtrtId, lines: lines(basket.slice(0, 2)) }),
      services.clinic.uploadBill({ mdtrtId, lines: lines(basket.slice(0, 2)) }),
    ]);
    expect(oneAgain.chrgBchno).toBe(one.chrgBchno);
    const two = await services.clinic.uploadBill({ mdtrtId, lines: lines(basket.slice(2)) });
    expect(two.visit.bills.map((b) => b.chrgBchno)).toEqual([one.chrgBchno, two.chrgBchno]);
    expect(one.chrgBchno).toMatch(/^CB\d{18}$/);
    expect(two.chrgBchno).toMatch(/^CB\d{18}$/);
    expect(Number(two.chrgBchno.slice(-4))).toBe((Number(one.chrgBchno.slice(-4)) + 1) % 10000);
    const sentLines = store.visits.linesOfBatch(mdtrtId, one.chrgBchno);
    expect(sentLines.map((l) => l.feedetlSn)).toEqual([`${one.chrgBchno}-1`, `${one.chrgBchno}-2`]);
    for (const l of sentLines)
      expect(l).toMatchObject({
        psnNo: person.psnNo,
        chrgBchno: one.chrgBchno,
        bilgDeptCodg: OUTPATIENT_VISIT.deptCode,
        bilgDeptName: OUTPATIENT_VISIT.deptName,
        bilgDrCodg: OUTPATIENT_VISIT.doctorCode,
        bilgDrName: OUTPATIENT_VISIT.doctorName,
        hospApprFlag: '0',
      });
    const billOne = two.visit.bills[0];
    expect(billOne).toMatchObject({
      chrgBchno: one.chrgBchno,
      state: 'uploaded',
      stateLabel: '已上传',
      preSettlement: null,
      settlement: null,
      refund: null,
    });
    expect(billOne?.uploadedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(billOne?.lines.map((l) => [l.sn, l.code])).toEqual(
      basket.slice(0, 2).map((l, i) => [`${one.chrgBchno}-${i + 1}`, l.item.code]),
    );
    expect(two.visit.canCancelRegistration).toBe(false);

    await refused(
      services.clinic.preSettle({ mdtrtId, chrgBchno: 'CB000', acctUsed: false }),
      'E_BILL_NOT_FOUND',
      '本次就诊没有单据 CB000',
    );
    const pre = await services.clinic.preSettle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: true });
    expect(pre.visit.bills[0]).toMatchObject({
      state: 'pre-settled',
      stateLabel: '已预结算',
      preSettlement: { msgid: pre.settlement.msgid, setlId: null },
      settlement: null,
    });
    // The account choice changed after the pre-settlement: refused, nothing sent.
    await refused(
      services.clinic.settle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: false }),
      'E_PRESETTLE_STALE',
      '个人账户选项在预结算后有改动, 请重新预结算 (F5)',
    );
    const settled = await services.clinic.settle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: true });
    // Settled (2207A names the visit too) is not cancelled: only a 2202 cancels.
    expect(services.clinic.recent().find((v) => v.mdtrtId === mdtrtId)?.cancelled).toBe(false);
    expect(settled.result.repeated).toBe(false);
    expect(settled.visit.bills[0]).toMatchObject({
      state: 'settled',
      stateLabel: '已结算',
      settlement: { msgid: settled.result.settlement.msgid, setlId: settled.result.settlement.setlId },
      refund: null,
    });
    // Bill two pre-settled now (a refund's 安全控件 read below covers 2208 only).
    await services.clinic.preSettle({ mdtrtId, chrgBchno: two.chrgBchno, acctUsed: false });
    await refused(
      services.clinic.preSettle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: true }),
      'E_BILL_SETTLED',
      `单据 ${one.chrgBchno} 已结算, 不需要再预结算`,
    );
    await refused(
      services.clinic.refund({ mdtrtId, chrgBchno: two.chrgBchno, cancelFees: false, cancelRegistration: false }),
      'E_NOTHING_TO_REFUND',
    );
    await refused(
      services.clinic.refund({ mdtrtId, cancelFees: false, cancelRegistration: true }),
      'E_REGISTRATION_IN_USE',
      `还有单据未撤销: ${one.chrgBchno} (已结算)、${two.chrgBchno} (已预结算); 请先对这些单据退费并撤销明细, 再撤销挂号`,
    );

    // 2208 by the settlement's msgid (the journal screen's refund): once; a second request answers the first.
    await refused(
      services.clinic.refundByMsgid('NO-SUCH-MSGID'),
      'E_SETTLEMENT_NOT_FOUND',
      '找不到这笔成功的门诊结算, 不能退费; 请在交易流水中重新选择',
    );
    const byMsgid = await services.clinic.refundByMsgid(settled.result.settlement.msgid);
    expect(byMsgid.repeated).toBe(false);
    expect(byMsgid.refund.infno).toBe('2208');
    expect(store.settlements.get(settled.result.settlement.setlId ?? '')?.state).toBe('cancelled');
    const again = await services.clinic.refundByMsgid(settled.result.settlement.msgid);
    expect(again).toMatchObject({ repeated: true, refund: { msgid: byMsgid.refund.msgid } });
    // After a restart (nothing in memory) the journal's 2208 answers it: no second 2208.
    const before2208 = app.journal.list({ infno: '2208', limit: 100 }).length;
    const afterRestart = await createCounterServices(app, new CounterEvents()).clinic.refundByMsgid(
      settled.result.settlement.msgid,
    );
    expect(afterRestart).toMatchObject({ repeated: true, refund: { infno: '2208', msgid: byMsgid.refund.msgid } });
    expect(app.journal.list({ infno: '2208', limit: 100 })).toHaveLength(before2208);
    visit = await services.clinic.visit(mdtrtId);
    expect(visit.bills[0]).toMatchObject({
      state: 'refunded',
      stateLabel: '已退费 (明细待撤销)',
      settlement: { setlId: settled.result.settlement.setlId },
      refund: { msgid: byMsgid.refund.msgid },
    });

    // Fee lines of both bills cancelled, then the registration; a cancelled bill is not pre-settled, a cancelled
    // visit takes nothing more.
    // A double Enter joins the run in flight: one 2205, the same steps answered twice.
    const cancelFees = { mdtrtId, chrgBchno: one.chrgBchno, cancelFees: true, cancelRegistration: false };
    const [cancelOne, cancelAgain] = await Promise.all([services.clinic.refund(cancelFees), services.clinic.refund(cancelFees)]);
    expect(cancelAgain.steps).toEqual(cancelOne.steps);
    expect(cancelOne.steps.map((s) => [s.infno, s.what])).toEqual([['2205', `单据 ${one.chrgBchno} 费用明细已撤销`]]);
    expect(cancelOne.visit.bills[0]).toMatchObject({ state: 'cancelled', stateLabel: '已撤销' });
    // Its lines are gone: asking again sends no second 2205.
    await refused(
      services.clinic.refund({ mdtrtId, chrgBchno: one.chrgBchno, cancelFees: true, cancelRegistration: false }),
      'E_NOTHING_TO_REFUND',
      '没有需要撤销的内容 (单据未结算, 也未选择撤销明细或挂号)',
    );
    await refused(
      services.clinic.preSettle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: true }),
      'E_BILL_CANCELLED',
      `单据 ${one.chrgBchno} 的明细已撤销, 请重新录入费用`,
    );
    const cancelTwo = await services.clinic.refund({
      mdtrtId,
      chrgBchno: two.chrgBchno,
      cancelFees: true,
      cancelRegistration: false,
    });
    expect(cancelTwo.steps.map((s) => [s.infno, s.what])).toEqual([['2205', `单据 ${two.chrgBchno} 费用明细已撤销`]]);
    // Bill two was pre-settled, then its lines cancelled: that pre-settlement does not count any more.
    await refused(
      services.clinic.settle({ mdtrtId, chrgBchno: two.chrgBchno, acctUsed: false }),
      'E_PRESETTLE_REQUIRED',
      `单据 ${two.chrgBchno} 请先预结算 (F5), 与患者确认金额后再结算`,
    );
    const last = await services.clinic.refund({ mdtrtId, cancelFees: false, cancelRegistration: true });
    expect(last.steps.map((s) => [s.infno, s.what])).toEqual([['2202', '挂号已撤销']]);
    expect(last.visit).toMatchObject({ cancelled: true, canCancelRegistration: false });
    expect(store.visits.get(mdtrtId)?.state).toBe('cancelled');
    await refused(
      services.clinic.visitInfo({ mdtrtId, medType: '11', diagnoses }),
      'E_VISIT_CANCELLED',
      `就诊 ${mdtrtId} 的挂号已撤销, 请重新挂号`,
    );
    await refused(
      services.clinic.refund({ mdtrtId, cancelFees: false, cancelRegistration: true }),
      'E_VISIT_CANCELLED',
      `就诊 ${mdtrtId} 的挂号已撤销`,
    );
  });
});
