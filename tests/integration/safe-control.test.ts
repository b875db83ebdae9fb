/**
 * The 安全控件 at the counter under the Sichuan profile (seed 003 第六章 / 第七章), with the compiled
 * vendor-DLL double through koffi and the sandbox center: Init at sign-in, one medium per visit for the
 * visit's last code carried as dev_safe_info by every call of the visit (checked at the center's message
 * log), a fresh read before each refund, and clear messages when the control is absent or refuses.
 * The center here is the sandbox as a 四川 center: it refuses a settlement step without a 校验介质. A person
 * read without the control (身份证号 typed) is refused by the counter before anything is journaled or sent;
 * a counter without that guard meets the center's refusal; the national profile still settles a typed ID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices, type CounterServices } from '../../src-main/counter/counter-services';
import type { CounterApp } from '../../src-main/app/counter-app';
import type { PersonRow } from '../../src-main/sandbox/store';
import { buildNativeDouble, DoubleControl, personState, type NativeBuild } from '../helpers/devices-native';
import { OPERATOR, personsOf, typicalBasket } from '../helpers/sandbox-fixtures';
import { OUTPATIENT_VISIT } from '../helpers/clinic-fixtures';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';
import { runCli } from '../helpers/cli';
import { adviceFor } from '../../src-main/counter/error-advice';
import { RejectedError } from '../../src-main/protocol/call-errors';

let h: Harness;
let native: NativeBuild;
let double: DoubleControl;

beforeAll(async () => {
  native = buildNativeDouble();
  // The sandbox as a 四川 center: settlement steps without dev_safe_info are refused there too.
  h = await startHarness({ numbering: 'sichuan' });
  double = new DoubleControl(h.dir);
  // The counter's reader host inherits the environment: this is how the double finds its state file.
  process.env['YIBAO_DOUBLE_STATE'] = double.statePath;
}, 120_000);
afterAll(async () => {
  delete process.env['YIBAO_DOUBLE_STATE'];
  await h.close();
});

const dll = (safeMediumFunction: string | null) => ({
  driver: 'dll' as const,
  dll: { path: native.reader, charset: 'gbk' as const, initUser: '510100', safeMediumFunction },
  timeoutMs: 8000,
});

async function counter(config: Parameters<Harness['openApp']>[0]) {
  const app = await h.openApp({ profile: 'sichuan', ...config });
  const services = createCounterServices(app, new CounterEvents());
  await app.sessions.signIn(app.client, OPERATOR);
  return { app, services };
}

/** dev_safe_info of the center's last accepted message of `infno`. */
function sentMedium(infno: string): string {
  const m = h.sandbox.center.store.messages.query({ infno, newest: true, limit: 1 })[0];
  if (!m) throw new Error(`center received no ${infno}`);
  return (JSON.parse(m.requestJson) as { dev_safe_info: string }).dev_safe_info;
}

const lines = () =>
  typicalBasket(h.sandbox.center.store)
    .slice(0, 2)
    .map((l) => ({ code: l.item.code, name: l.item.name, cntText: l.cnt, pricText: l.pric }));

describe('pharmacy (2101A → 2102A, refund 2103)', () => {
  let app: CounterApp;
  let services: CounterServices;
  let person: PersonRow;

  beforeAll(async () => {
    ({ app, services } = await counter({ devices: dll('GetSafeMedium') }));
    person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[2] as PersonRow;
    double.set({ mode: 'present', charset: 'gbk', ...personState(person) });
  });

  it('initialises the control at sign-in (Init before any read)', async () => {
    double.clearLog();
    expect(await services.safeControl.initialise()).toEqual({ required: true, ready: true, message: null });
    expect(double.calls().map((c) => c.call.split(' ')[0])).toEqual(['Init']);
  });

  it('reads once for the visit with 2102A and sends that medium on 1101, 2101A and 2102A; 2103 gets a new one', async () => {
    double.clearLog();
    const ctx = await services.safeControl.readVisit('card');
    expect(ctx.psnNo).toBe(person.psnNo);
    expect(services.persons.view(ctx).safeMedium).toMatchObject({ obtained: true });
    // The host stayed up from sign-in: no second Init.
    expect(double.calls().map((c) => c.call)).toEqual([
      'ReadCardBas buffers=1024/1024',
      expect.stringMatching(/^GetSafeMedium infno=2102A/),
    ]);
    const medium = sentMedium('1101');
    expect(medium).toMatch(/^SM1\.2102A\.[0-9A-F]+$/);

    const basketId = `SC${Date.now().toString(36)}`;
    const sale = { basketId, personKey: ctx.key, acctUsed: true, lines: lines() };
    await services.pharmacy.preSettle(sale);
    const settled = await services.pharmacy.settle(sale);
    expect(settled.settlement.infno).toBe('2102A');
    expect(sentMedium('2101A')).toBe(medium);
    expect(sentMedium('2102A')).toBe(medium);
    // 2001 is not a step of the visit: the medium is not spent on it.
    expect(sentMedium('2001')).toBe('');

    double.clearLog();
    const refund = await services.pharmacy.refund(settled.settlement.msgid);
    expect(refund.refund.infno).toBe('2103');
    expect(double.calls().map((c) => c.call)).toEqual([
      expect.stringMatching(/^ReadCardBas/),
      expect.stringMatching(/^GetSafeMedium infno=2103/),
    ]);
    const again = sentMedium('2103');
    expect(again).toMatch(/^SM1\.2103\./);
    expect(again).not.toBe(medium);
  });

  it('a refund refuses another person on the reader, before 2103', async () => {
    const ctx = await services.safeControl.readVisit('card');
    const basketId = `SD${Date.now().toString(36)}`;
    const sale = { basketId, personKey: ctx.key, acctUsed: false, lines: lines() };
    await services.pharmacy.preSettle(sale);
    const settled = await services.pharmacy.settle(sale);
    const other = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[3] as PersonRow;
    double.set({ mode: 'present', charset: 'gbk', ...personState(other) });
    const before = h.sandbox.center.store.messages.query({ infno: '2103', limit: 1000 }).length;
    await expect(services.pharmacy.refund(settled.settlement.msgid)).rejects.toMatchObject({
      code: 'E_SAFE_CONTROL_OTHER_PERSON',
    });
    expect(h.sandbox.center.store.messages.query({ infno: '2103', limit: 1000 })).toHaveLength(before);
    double.set({ mode: 'present', charset: 'gbk', ...personState(person) });
  });

  it('the sale medium is refused for a refund call (the control must be read again)', async () => {
    const ctx = await services.safeControl.readVisit('card');
    expect(() => app.safeMedia.devSafeInfo(ctx.psnNo, '2103')).toThrow(/2102A.*2103/);
  });

  it('the control refusing is a clear error and nothing reaches the center', async () => {
    double.set({ mode: 'present', safe_rc: -7, safe_msg: '终端未授权', ...personState(person) });
    const before = h.sandbox.center.store.messages.query({ infno: '1101', limit: 10_000 }).length;
    const refused = services.safeControl.readVisit('card');
    await expect(refused).rejects.toMatchObject({ code: 'E_DEVICE_SAFE_CONTROL_REFUSED' });
    await expect(refused).rejects.toThrow(/安全控件.*2102A.*-7.*终端未授权/);
    expect(h.sandbox.center.store.messages.query({ infno: '1101', limit: 10_000 })).toHaveLength(before);
    double.set({ mode: 'present', charset: 'gbk', ...personState(person) });
  });
});

describe('clinic (2201 → 2203A → 2204 → 2206A → 2207A, refund 2208)', () => {
  let services: CounterServices;
  let person: PersonRow;

  beforeAll(async () => {
    ({ services } = await counter({ institution: CLINIC, devices: dll('GetSafeMedium') }));
    person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[4] as PersonRow;
    double.set({ mode: 'present', charset: 'gbk', ...personState(person) });
    await services.safeControl.initialise();
  });

  it('one medium for 2207A covers registration, upload and settlement; the refund reads again for 2208', async () => {
    const ctx = await services.safeControl.readVisit('card');
    const medium = sentMedium('1101');
    expect(medium).toMatch(/^SM1\.2207A\./);
    const { mdtrtId } = await services.clinic.register({ personKey: ctx.key, ...OUTPATIENT_VISIT });
    await services.clinic.visitInfo({ mdtrtId, medType: '11', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }] });
    const bill = await services.clinic.uploadBill({ mdtrtId, lines: lines() });
    await services.clinic.preSettle({ mdtrtId, chrgBchno: bill.chrgBchno, acctUsed: true });
    await services.clinic.settle({ mdtrtId, chrgBchno: bill.chrgBchno, acctUsed: true });
    for (const infno of ['2201', '2203A', '2204', '2206A', '2207A']) expect(sentMedium(infno), infno).toBe(medium);

    await services.clinic.refund({ mdtrtId, chrgBchno: bill.chrgBchno, cancelFees: false, cancelRegistration: false });
    expect(sentMedium('2208')).toMatch(/^SM1\.2208\./);
  });
});

describe('absent control', () => {
  it('sign-in says what is missing when the profile needs a control and none is configured', async () => {
    const { services } = await counter({ devices: { driver: 'manual' } });
    const status = await services.safeControl.initialise();
    expect(status).toMatchObject({ required: true, ready: false });
    expect(status.message).toContain('安全控件');
    expect(status.message).toContain('safeMediumFunction');
  });

  it('a DLL without the control export: the read names the missing control', async () => {
    const { services } = await counter({ devices: dll('NoSuchControl') });
    const person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[2] as PersonRow;
    double.set({ mode: 'present', charset: 'gbk', ...personState(person) });
    await expect(services.safeControl.readVisit('card')).rejects.toMatchObject({ code: 'E_DEVICE_SAFE_CONTROL_ABSENT' });
  });

  it('the national profile sends no dev_safe_info even with a control configured', async () => {
    const { services } = await counter({ profile: 'national', devices: dll('GetSafeMedium') });
    const person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[5] as PersonRow;
    double.set({ mode: 'present', charset: 'gbk', ...personState(person) });
    expect(await services.safeControl.initialise()).toMatchObject({ required: false });
    const ctx = await services.safeControl.readVisit('card');
    expect(ctx.safeMediumFor).toBeNull();
    expect(sentMedium('1101')).toBe('');
  });
});

describe('yibao signin (CLI) initialises the control as the screen does', () => {
  it('Init after 9001, and the status in the output; without the control configured, says so', async () => {
    const withControl = await h.openApp({ profile: 'sichuan', devices: dll('GetSafeMedium') }, 'cli-signin');
    double.set({ mode: 'present', charset: 'gbk', ...personState(personsOf(h.sandbox.center.store, 'emp-active', 0)[0]!) });
    double.clearLog();
    const env = { YIBAO_CONFIG: withControl.loaded.path, YIBAO_DOUBLE_STATE: double.statePath };
    const r = await runCli(['signin', '--opter', 'OP009', '--name', '王收费', '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ opter: 'OP009', safeControl: { required: true, ready: true } });
    expect(double.calls().map((c) => c.call.split(' ')[0])).toEqual(['Init']);

    const without = await h.openApp({ profile: 'sichuan' }, 'cli-signin-none');
    const text = await runCli(['signin', '--opter', 'OP010', '--name', '李收费'], { YIBAO_CONFIG: without.loaded.path });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('安全控件: 四川医保要求安全控件, 但本机未配置');
  }, 120_000);
});

/** Everything that reached the center, and the settlements it keeps. */
function centerCounts(harness: Harness) {
  const store = harness.sandbox.center.store;
  return {
    messages: store.messages.query({ limit: 1_000_000 }).length,
    settlements: (store.db.prepare('SELECT COUNT(*) AS n FROM settlement').get() as { n: number }).n,
  };
}

const journalCount = (app: CounterApp) => app.journal.list({ limit: 1_000_000 }).length;

describe('a person read without the control (四川: 身份证号 typed)', () => {
  const REFUSAL =
    /四川医保要求通过安全控件读取电子凭证或社保卡后再结算.*请按 F5 读卡器读卡; 手工输入身份证号或扫码读取的不能结算/;

  it('1101 by the typed ID is a query; 2101A is refused before anything is journaled or sent', async () => {
    const { app, services } = await counter({ devices: { driver: 'manual' } });
    const person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[6] as PersonRow;
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    expect(ctx.psnNo).toBe(person.psnNo);
    expect(sentMedium('1101')).toBe('');
    const note = services.persons.view(ctx).safeMedium;
    expect(note).toMatchObject({ obtained: false });
    expect(note?.text).toContain('只能查询, 不能医保结算');

    const journal = journalCount(app);
    const center = centerCounts(h);
    const sale = { basketId: `SN${Date.now().toString(36)}`, personKey: ctx.key, acctUsed: true, lines: lines() };
    const refused = await services.pharmacy.preSettle(sale).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'E_SAFE_MEDIUM_REQUIRED', messageZh: expect.stringMatching(REFUSAL) });
    expect((refused as Error).message).toContain('交易 2101A 没有校验介质, 未发送');
    expect(adviceFor(refused)).toContain('按 F5 用读卡器通过安全控件读取');
    expect(journalCount(app)).toBe(journal);
    expect(centerCounts(h)).toEqual(center);
  });

  it('every settlement, registration and refund step of that person is refused; 1101, 2001 and 2601 are not', async () => {
    const { app, services } = await counter({ devices: { driver: 'manual' } });
    const person = personsOf(h.sandbox.center.store, 'emp-active', 0)[7] as PersonRow;
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const steps = ['2101', '2101A', '2102', '2102A', '2103', '2201', '2203', '2203A', '2204', '2205', '2206', '2206A'];
    for (const infno of [...steps, '2207', '2207A', '2208', '2202']) {
      expect(() => app.safeMedia.devSafeInfo(ctx.psnNo, infno), infno).toThrow(
        expect.objectContaining({ code: 'E_SAFE_MEDIUM_REQUIRED' }),
      );
    }
    for (const infno of ['1101', '2001', '2601', '5204']) expect(app.safeMedia.devSafeInfo(ctx.psnNo, infno), infno).toBe('');
  });

  it('a read through the control makes the same person settle again (the typed read gave no medium)', async () => {
    const { app, services } = await counter({ devices: dll('GetSafeMedium') });
    await services.safeControl.initialise();
    const person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[8] as PersonRow;
    double.set({ mode: 'present', charset: 'gbk', ...personState(person) });
    // Typed at a counter that has the control: still no medium, still refused.
    const typed = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const sale = { basketId: `SR${Date.now().toString(36)}`, personKey: typed.key, acctUsed: false, lines: lines() };
    const journal = journalCount(app);
    await expect(services.pharmacy.preSettle(sale)).rejects.toMatchObject({ code: 'E_SAFE_MEDIUM_REQUIRED' });
    expect(journalCount(app)).toBe(journal);
    const read = await services.safeControl.readVisit('card');
    const again = { ...sale, basketId: `${sale.basketId}R`, personKey: read.key };
    await services.pharmacy.preSettle(again);
    expect((await services.pharmacy.settle(again)).settlement.infno).toBe('2102A');
    expect(sentMedium('2102A')).toMatch(/^SM1\.2102A\./);
  });

  it('a clinic registration (2201) of a typed ID is refused before anything is sent', async () => {
    const { app, services } = await counter({ institution: CLINIC, devices: { driver: 'manual' } });
    const person = personsOf(h.sandbox.center.store, 'emp-active', 0)[9] as PersonRow;
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const journal = journalCount(app);
    const center = centerCounts(h);
    await expect(services.clinic.register({ personKey: ctx.key, ...OUTPATIENT_VISIT })).rejects.toMatchObject({
      code: 'E_SAFE_MEDIUM_REQUIRED',
      messageZh: expect.stringMatching(REFUSAL),
    });
    expect(journalCount(app)).toBe(journal);
    expect(centerCounts(h)).toEqual(center);
  });
});

describe('the 四川 center refuses a settlement step without a medium (the counter guard bypassed)', () => {
  it('a counter without the guard (national profile) meets infcode -1 naming the 校验介质; nothing is settled', async () => {
    const { services } = await counter({ profile: 'national', devices: { driver: 'manual' } });
    const person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[10] as PersonRow;
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const settlements = centerCounts(h).settlements;
    const sale = { basketId: `SB${Date.now().toString(36)}`, personKey: ctx.key, acctUsed: false, lines: lines() };
    const refused = await services.pharmacy.preSettle(sale).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(RejectedError);
    expect((refused as RejectedError).errMsg).toMatch(/交易 2101 缺少安全控件校验介质 \(dev_safe_info\)/);
    const logged = h.sandbox.center.store.messages.query({ infno: '2101', newest: true, limit: 1 })[0];
    expect(logged?.infcode).toBe(-1);
    expect(centerCounts(h).settlements).toBe(settlements);
  });

  it('the national center and profile still settle a typed ID without a medium', async () => {
    const national = await startHarness();
    try {
      const app = await national.openApp({ devices: { driver: 'manual' } });
      const services = createCounterServices(app, new CounterEvents());
      await app.sessions.signIn(app.client, OPERATOR);
      const person = personsOf(national.sandbox.center.store, 'emp-active', 50_000)[2] as PersonRow;
      const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
      expect(services.persons.view(ctx).safeMedium).toBeNull();
      const basket = typicalBasket(national.sandbox.center.store)
        .slice(0, 2)
        .map((l) => ({ code: l.item.code, name: l.item.name, cntText: l.cnt, pricText: l.pric }));
      const sale = { basketId: `SX${Date.now().toString(36)}`, personKey: ctx.key, acctUsed: true, lines: basket };
      await services.pharmacy.preSettle(sale);
      const settled = await services.pharmacy.settle(sale);
      expect(settled.settlement.infno).toBe('2102');
      const sent = national.sandbox.center.store.messages.query({ infno: '2102', newest: true, limit: 1 })[0];
      expect(sent?.infcode).toBe(0);
      expect((JSON.parse(sent?.requestJson ?? '{}') as { dev_safe_info: string }).dev_safe_info).toBe('');
    } finally {
      await national.close();
    }
  });
});
