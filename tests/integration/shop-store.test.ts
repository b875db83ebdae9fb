/**
 * Several counters, one institution (issue 20): a real PostgreSQL shop store (tests/helpers/postgres.ts),
 * one real sandbox center, and counters that are separate `yibao` processes on their own SQLite
 * journals. Checked: each counter gets its own terminalSlot from the shop and a clashing one refuses
 * to start; concurrent sales at two tills; the shop LAN cut (PostgreSQL stopped) during sales and
 * restored; a counter killed between the shop store's commit and its outbox mark; the institution's
 * 对账 平 (where each counter alone says 不平); and, at the end, the shop store holds every settlement
 * the center's ledger has, once, and nothing else.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../src-main/api/handlers';
import type { ShopCounterView, ShopJournalDetail, ShopJournalView } from '../../src-main/api/contract';
import { openCounterApp } from '../../src-main/app/counter-app';
import type { ReconcileRunView } from '../../src-main/reconcile/views';
import { formatDate } from '../../src-main/core/time';
import { reconcileDay } from '../../src-main/reconcile/daily-reconcile';
import { createCounterServices } from '../../src-main/counter/counter-services';
import { CounterEvents } from '../../src-main/counter/events';
import { settledKeyOf } from '../../src-main/counter/settlement-history';
import type { JournalEntry } from '../../src-main/journal/journal-store';
import { dailyReport, reportSourceOf } from '../../src-main/reports/daily-report';
import type { DailyReport } from '../../src-main/reports/views';
import type { RunningSandbox } from '../../src-main/sandbox/server';
import { runCli } from '../helpers/cli';
import type { TestPostgres } from '../helpers/postgres';
import { OPERATOR, personInfoInput, pharmacySaleInput, typicalBasket } from '../helpers/sandbox-fixtures';
import { PHARMACY } from '../helpers/sandbox-harness';
import { ShopBed, type ShopCounter } from '../helpers/shop-bed';

type Counter = ShopCounter;

let bed: ShopBed;
let postgres: TestPostgres;
let sandbox: RunningSandbox;
/** The test's own view of the shop store. */
let shopDb: pg.Pool;
let a: Counter;
let b: Counter;

const writeConfig = (name: string, extra: { terminalSlot?: number } = {}) => bed.writeConfig(name, extra);

const cli = (c: Counter, args: string[], env: Record<string, string> = {}) =>
  runCli(args, { YIBAO_CONFIG: c.configPath, ...env });

/** One sale in a `yibao call 2102` process of counter `c`; returns the msgid the center settled it under. */
async function sellInProcess(c: Counter): Promise<string> {
  const file = await bed.saleFile(c);
  const r = await cli(c, ['call', '2102', '--input', `@${file}`, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const settled = c.app.journal.list({ infno: '2102', states: ['ok'], limit: 1 })[0];
  return settled?.msgid ?? '';
}

/** What the shop store holds: ok settlements and refunds, one row per msgid, with the counter that pushed it. */
async function shopRecords(): Promise<{ msgid: string; counter: string; infno: string }[]> {
  const r = await shopDb.query<{ msgid: string; name: string; infno: string }>(
    `SELECT DISTINCT ON (e.msgid) e.msgid, c.name, e.infno, e.state FROM shop_event e JOIN shop_counter c USING (counter_id)
     WHERE e.infno IN ('2102', '2103') ORDER BY e.msgid, e.seq DESC`,
  );
  return r.rows.map((row) => ({ msgid: row.msgid, counter: row.name, infno: row.infno }));
}

beforeAll(async () => {
  bed = await ShopBed.start('yibao-shop-');
  ({ postgres, sandbox, shopDb } = bed);
  a = await bed.openCounter('前台一号');
  b = await bed.openCounter('前台二号');
}, 120_000);

afterAll(async () => {
  await bed?.close([a, b]);
});

describe('counter identity', () => {
  it('gives each counter its own terminalSlot, so their msgids cannot collide', async () => {
    expect(a.app.shop?.counter.slot).toBe(0);
    expect(b.app.shop?.counter.slot).toBe(1);
    const counters = await a.app.shop?.store.counters();
    expect(counters?.map((c) => [c.slot, c.name])).toEqual([
      [0, '前台一号'],
      [1, '前台二号'],
    ]);
    // The msgid's last four digits are the sequence; its thousands are the slot.
    const msgid = await sellInProcess(b);
    expect(Math.floor(Number(msgid.slice(26)) / 1000)).toBe(1);
  });

  it('refuses to start a counter whose configured slot belongs to another counter', async () => {
    const { configPath } = writeConfig('克隆机', { terminalSlot: 1 });
    await expect(openCounterApp({ configPath, env: {} })).rejects.toMatchObject({ code: 'E_SHOP_SLOT_CLASH' });
    const r = await runCli(['shop', 'status'], { YIBAO_CONFIG: configPath });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('终端序号 1 已由本店的 "前台二号" 使用');
  });
});

describe('pushing to the shop store', () => {
  it('concurrent sales at two tills each reach the shop store once', async () => {
    const before = (await shopRecords()).length;
    const msgids = await Promise.all([sellInProcess(a), sellInProcess(b)]);
    const more = await Promise.all([sellInProcess(b), sellInProcess(a)]);
    const records = await shopRecords();
    expect(records.length).toBe(before + 4);
    for (const m of [...msgids, ...more]) expect(records.filter((r) => r.msgid === m)).toHaveLength(1);
    expect(records.find((r) => r.msgid === msgids[0])?.counter).toBe('前台一号');
    expect(records.find((r) => r.msgid === msgids[1])?.counter).toBe('前台二号');
  }, 60_000);

  it('keeps selling while PostgreSQL is down and pushes everything once it is back', async () => {
    postgres.stop();
    let restarted = false;
    try {
      const offline = [await sellInProcess(a), await sellInProcess(a)];
      const status = await cli(a, ['shop', 'status', '--json']);
      expect(status.code).toBe(5);
      const shown = JSON.parse(status.stdout) as { status: { pending: number; online: boolean; lastError: string } };
      expect(shown.status).toMatchObject({ pending: 2, online: false });
      expect(shown.status.lastError).toContain('门店库');
      postgres.start();
      restarted = true;
      const after = await cli(a, ['shop', 'status', '--json']);
      expect(after.code, after.stderr).toBe(0);
      expect((JSON.parse(after.stdout) as { status: { pending: number } }).status.pending).toBe(0);
      const records = await shopRecords();
      for (const m of offline) expect(records.filter((r) => r.msgid === m)).toHaveLength(1);
    } finally {
      if (!restarted) postgres.start();
    }
  }, 90_000);

  it('a counter killed after the shop store committed a push, before its outbox knew, doubles nothing', async () => {
    postgres.stop();
    const msgid = await sellInProcess(b);
    postgres.start();
    const killed = await cli(b, ['shop', 'status'], { YIBAO_TEST_CRASH_AT: 'shop-after-append' });
    expect(killed.code).not.toBe(0); // SIGKILL
    expect(b.app.shop?.outbox.counts().pending).toBeGreaterThan(0);
    expect((await shopRecords()).filter((r) => r.msgid === msgid)).toHaveLength(1);
    const again = await cli(b, ['shop', 'status']);
    expect(again.code, again.stderr).toBe(0);
    expect(b.app.shop?.outbox.counts().pending).toBe(0);
    const events = await shopDb.query<{ n: string }>('SELECT count(*) AS n FROM shop_event WHERE msgid = $1', [msgid]);
    expect(Number(events.rows[0]?.n)).toBe(1);
  }, 60_000);

  it('refuses changes to what was pushed (append-only)', async () => {
    await expect(shopDb.query("UPDATE shop_event SET state = 'ok'")).rejects.toThrow(/append-only/);
    await expect(shopDb.query('DELETE FROM shop_event')).rejects.toThrow(/append-only/);
  });
});

describe('across counters', () => {
  it('refunds at one till a sale settled at the other; the refund is journaled where it was made', async () => {
    const saleAtB = await sellInProcess(b);
    const servicesA = createCounterServices(a.app, new CounterEvents());
    const first = await servicesA.pharmacy.refund(saleAtB);
    expect(first.repeated).toBe(false);
    const refundAtA = a.app.journal.list({ infno: '2103', states: ['ok'], limit: 1 })[0];
    expect(refundAtA?.msgid).toBe(first.refund.msgid);
    expect(b.app.journal.list({ infno: '2103', limit: 5 })).toHaveLength(0);
    await a.app.shop?.pusher.pushAll();
    expect((await shopRecords()).find((r) => r.msgid === first.refund.msgid)?.counter).toBe('前台一号');
    // Asked again at the till that made the sale: the shop store knows it was refunded already.
    const again = await createCounterServices(b.app, new CounterEvents()).pharmacy.refund(saleAtB);
    expect(again).toMatchObject({ repeated: true, refund: { msgid: first.refund.msgid } });
    expect(b.app.journal.list({ infno: '2103', limit: 5 })).toHaveLength(0);

    // 交易流水 across counters: the sale (at 前台二号) and its refund (at 前台一号), found by its setl_id.
    const setlId = settledKeyOf(b.app.journal.byMsgid(saleAtB) as JournalEntry)?.setlId ?? '';
    const search = await cli(b, ['journal', '--shop', '--text', setlId, '--json']);
    expect(search.code, search.stderr).toBe(0);
    const rows = JSON.parse(search.stdout) as { msgid: string; infno: string; counter: string }[];
    expect(rows.map((r) => [r.infno, r.counter]).sort()).toEqual([
      ['2102', '前台二号'],
      ['2103', '前台一号'],
    ]);
    // One counter's (--counter): only the refund made at 前台一号.
    const atA = await cli(b, ['journal', '--shop', '--counter', '前台一号', '--text', setlId, '--json']);
    expect(atA.code, atA.stderr).toBe(0);
    expect((JSON.parse(atA.stdout) as { infno: string; counter: string }[]).map((r) => [r.infno, r.counter])).toEqual([
      ['2103', '前台一号'],
    ]);
  }, 60_000);

  it("reports the day for the whole shop and for one counter, matching each counter's own report", async () => {
    const date = formatDate(new Date());
    const own = (c: Counter) => dailyReport(reportSourceOf(c.app), { date }).totals;
    const report = async (args: string[]) => {
      const r = await cli(a, ['report', '--date', date, '--json', ...args]);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as DailyReport).totals;
    };
    await b.app.shop?.pusher.pushAll();
    expect(await report(['--counter', '前台二号'])).toEqual(own(b));
    expect(await report(['--counter', '0'])).toEqual(own(a));
    const whole = await report(['--shop']);
    expect(whole.settleCount).toBe(own(a).settleCount + own(b).settleCount);
    expect(whole.refundCount).toBe(1);
    expect(whole.medfeeFen).toBe(own(a).medfeeFen + own(b).medfeeFen);
    const unknown = await cli(a, ['report', '--counter', '不存在']);
    expect(unknown.stderr).toContain('门店库没有收银台 "不存在"');
  }, 60_000);
});

describe('institution-level 对账', () => {
  it('balances for the whole shop where one counter alone comes out 不平', async () => {
    const today = formatDate(new Date());
    const alone = await reconcileDay({ ...a.app, shop: null }, { date: today, operator: OPERATOR });
    expect(alone.run.result).toBe('unbalanced');

    // Both counters at once: one runs it under the shop's lock, the other sees its result. "At once" is
    // made a fact, not a hope on process start-up times: the test holds the day's lock until both
    // processes are queued on it (a counter that comes after the other has finished runs again itself).
    const lock = await bed.holdShopLock(`yibao-reconcile:${PHARMACY.fixmedinsCode}:daily:${today}:${today}`);
    const both = Promise.all([cli(a, ['reconcile', '--date', today]), cli(b, ['reconcile', '--date', today])]);
    try {
      await lock.untilWaiting(2);
    } finally {
      await lock.release();
    }
    const [ra, rb] = await both;
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    expect(ra.stdout).toContain(': 平');
    expect(rb.stdout).toContain(': 平');
    expect(`${ra.stdout}${rb.stdout}`).toContain('门店对账由');
  }, 90_000);

  it('names the counter holding each record when the shop does not balance', async () => {
    // A sale at a third till whose events never reach the shop store: the center has it, the shop does not.
    const { configPath } = writeConfig('后门柜台');
    const third = await openCounterApp({ configPath, env: {} });
    try {
      await third.shop?.pusher.stop();
      await third.sessions.signIn(third.client, OPERATOR);
      const person = bed.person();
      await third.callAs(OPERATOR, '1101', personInfoInput(person));
      postgres.stop();
      try {
        await third.callAs(
          OPERATOR,
          '2102',
          pharmacySaleInput(sandbox.center.store, person, typicalBasket(sandbox.center.store)),
        );
      } finally {
        postgres.start();
      }
      const today = formatDate(new Date());
      const outcome = await reconcileDay(a.app, { date: today, operator: OPERATOR });
      expect(outcome.run.result).toBe('unbalanced');
      expect(outcome.run.differences.map((d) => [d.kind, d.counter])).toEqual([['center-only', '后门柜台']]);
    } finally {
      await third.close();
    }
  }, 90_000);
});

describe("the screens' shop views (typed API)", () => {
  it("lists the counters, reports for this counter, the shop or one counter, and shows the shop's 对账 at the other till", async () => {
    const invoke = createApiHandlers({
      app: b.app,
      services: createCounterServices(b.app, new CounterEvents()),
      version: 'test',
      applySettings: () => Promise.reject(new Error('not in this test')),
    });
    const value = async <T>(method: string, args: unknown): Promise<T> => {
      const r = await invoke(method, args);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    const counters = await value<ShopCounterView[]>('shop.counters', {});
    expect(counters.filter((c) => c.mine).map((c) => c.name)).toEqual(['前台二号']);
    expect(counters.map((c) => c.name)).toContain('前台一号');

    const date = formatDate(new Date());
    await a.app.shop?.pusher.pushAll();
    const totals = async (args: object) => (await value<DailyReport>('report.daily', { date, ...args })).totals;
    expect(await totals({})).toEqual(dailyReport(reportSourceOf(b.app), { date }).totals);
    expect(await totals({ counter: '前台一号' })).toEqual(dailyReport(reportSourceOf(a.app), { date }).totals);
    const whole = await totals({ shop: true });
    expect(whole.settleCount).toBeGreaterThanOrEqual(
      (await totals({})).settleCount + (await totals({ counter: '0' })).settleCount,
    );
    await expect(value('report.daily', { date, counter: '不存在' })).rejects.toThrow('门店库没有收银台 "不存在"');

    // The newest 对账 of the day was run at 前台一号 (the 不平 one above); 前台二号 sees it, and who ran it.
    const run = await value<ReconcileRunView | null>('reconcile.shopLatest', { date });
    expect(run).toMatchObject({ result: 'unbalanced', ranBy: { counter: '前台一号' } });
    expect(run?.ranBy?.finishedAt).toMatch(/^\d{4}-\d{2}-\d{2}/);

    // 全店 交易流水: 前台一号's settlements reach 前台二号's screen with that counter's name.
    const shopRows = await value<ShopJournalView[]>('journal.shopList', { infno: '2102', states: ['ok'] });
    const soldAtA = a.app.journal.list({ infno: '2102', states: ['ok'] }).map((e) => e.msgid);
    expect(soldAtA.length).toBeGreaterThan(0);
    const rowsOfA = shopRows.filter((r) => r.counter === '前台一号');
    expect(rowsOfA.map((r) => r.msgid).sort()).toEqual([...soldAtA].sort());
    expect(rowsOfA[0]).toMatchObject({ infno: '2102', state: 'ok' });
    expect(
      shopRows
        .filter((r) => r.counter === '前台二号')
        .map((r) => r.msgid)
        .sort(),
    ).toEqual(
      b.app.journal
        .list({ infno: '2102', states: ['ok'] })
        .map((e) => e.msgid)
        .sort(),
    );
    await expect(value('journal.shopList', { states: ['不存在'] })).rejects.toThrow();
    expect(shopRows.filter((r) => r.mine).every((r) => r.counter === '前台二号')).toBe(true);
    expect(rowsOfA.every((r) => !r.mine)).toBe(true);
    // One counter's entries only; an unknown name is refused in Chinese.
    const onlyA = await value<ShopJournalView[]>('journal.shopList', { infno: '2102', states: ['ok'], counter: '前台一号' });
    expect(onlyA.map((r) => r.msgid).sort()).toEqual([...soldAtA].sort());
    await expect(value('journal.shopList', { counter: '不存在' })).rejects.toThrow('门店库中没有名为 "不存在" 的收银台');
    // The other counter's entry opens read-only, with what that counter journaled.
    const detail = await value<ShopJournalDetail>('journal.shopDetail', { msgid: soldAtA[0] });
    expect(detail).toMatchObject({ counter: '前台一号', mine: false, row: { msgid: soldAtA[0], infno: '2102' } });
    expect(detail.requestMasked).toContain(soldAtA[0]);
  }, 60_000);
});

describe('the shop store against the center', () => {
  it('holds every settlement and refund of the center ledger once, and nothing else', async () => {
    const center = sandbox.center.store.settlements.forStatement({
      fixmedinsCode: PHARMACY.fixmedinsCode,
      begin: '2000-01-01 00:00:00',
      end: '2999-12-31 23:59:59',
    });
    const shop = await shopRecords();
    expect(shop.map((r) => r.msgid).sort()).toEqual(center.map((r) => r.msgid).sort());
    expect(new Set(shop.map((r) => r.msgid)).size).toBe(shop.length);
  });
});
