/**
 * Issue 20's test matrix, the parts shop-store.test.ts does not cover: THREE counter processes on one
 * real PostgreSQL shop store and one real sandbox center — concurrent sales at all three, a refund of
 * one till's sale made by a separate counter process (`yibao serve`, through its HTTP API), and a
 * counter SIGKILLed in the middle of a push while the other two keep selling, restarted, its outbox
 * pushing the rest; the shop LAN cut (PostgreSQL stopped) while all three sell, then restored; and the
 * day's 对账 started at all three at once. After each step the shop store is compared with the
 * center's ledger: every settlement and refund once, nothing else.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src-main/sandbox/server';
import { formatDate } from '../../src-main/core/time';
import { runCli } from '../helpers/cli';
import { OPERATOR } from '../helpers/sandbox-fixtures';
import { PHARMACY } from '../helpers/sandbox-harness';
import { ShopBed, type ShopCounter } from '../helpers/shop-bed';

type Counter = ShopCounter;

let bed: ShopBed;
let sandbox: RunningSandbox;
let shopDb: pg.Pool;
let tills: Counter[] = [];

/** One sale in a `yibao call 2102` process of till `c`; resolves to that process's result and the basket file. */
async function sellInProcess(c: Counter, env: Record<string, string> = {}) {
  const file = await bed.saleFile(c);
  return runCli(['call', '2102', '--input', `@${file}`, '--json'], { YIBAO_CONFIG: c.configPath, ...env });
}

/** Every ok settlement (2102) and refund (2103) in the shop store: one row per event, with its counter. */
async function shopEvents(): Promise<{ msgid: string; counter: string; infno: string }[]> {
  const r = await shopDb.query<{ msgid: string; name: string; infno: string }>(
    `SELECT e.msgid, c.name, e.infno FROM shop_event e JOIN shop_counter c USING (counter_id)
     WHERE e.infno IN ('2102', '2103') AND e.state = 'ok'`,
  );
  return r.rows.map((row) => ({ msgid: row.msgid, counter: row.name, infno: row.infno }));
}

/** The shop store holds exactly the center's ledger of the institution: each msgid once, nothing else. */
async function expectShopEqualsCenter(): Promise<void> {
  const center = sandbox.center.store.settlements.forStatement({
    fixmedinsCode: PHARMACY.fixmedinsCode,
    begin: '2000-01-01 00:00:00',
    end: '2999-12-31 23:59:59',
  });
  const shop = await shopEvents();
  expect(shop.map((r) => r.msgid).sort()).toEqual(center.map((r) => r.msgid).sort());
}

const pendingPushes = (c: Counter) => c.app.shop?.outbox.counts().pending ?? -1;

const okSales = (c: Counter) => c.app.journal.list({ infno: '2102', states: ['ok'], limit: 500 }).map((e) => e.msgid);

beforeAll(async () => {
  bed = await ShopBed.start('yibao-shop-matrix-');
  ({ sandbox, shopDb } = bed);
  tills = [await bed.openCounter('一号台'), await bed.openCounter('二号台'), await bed.openCounter('三号台')];
}, 120_000);

afterAll(async () => {
  await bed?.close(tills);
});

describe('three counter processes, one shop store', () => {
  it('concurrent sales at three tills each reach the shop store once, from the till that made them', async () => {
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all(tills.map((t) => sellInProcess(t)));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
    }
    const events = await shopEvents();
    for (const t of tills) {
      const mine = okSales(t);
      expect(mine).toHaveLength(2);
      for (const m of mine) expect(events.filter((e) => e.msgid === m).map((e) => e.counter)).toEqual([t.name]);
    }
    await expectShopEqualsCenter();
  }, 120_000);

  it('a separate counter process (yibao serve, HTTP API) refunds a sale settled at another till', async () => {
    const [one, , three] = tills as [Counter, Counter, Counter];
    const sale = okSales(one)[0] ?? '';
    const serve = await startServe(three);
    try {
      const signIn = await serve.invoke('session.signIn', OPERATOR);
      expect(signIn.ok, JSON.stringify(signIn)).toBe(true);
      const refund = await serve.invoke('pharmacy.refund', { msgid: sale });
      expect(refund, JSON.stringify(refund)).toMatchObject({ ok: true, value: { repeated: false } });
      const refundMsgid = (refund as { value: { refund: { msgid: string } } }).value.refund.msgid;
      // Journaled at the till that made it (三号台), not at the one that sold.
      expect(three.app.journal.byMsgid(refundMsgid)?.infno).toBe('2103');
      expect(one.app.journal.list({ infno: '2103', limit: 5 })).toHaveLength(0);
      // The serve process's own pusher delivers it: wait for that state in the shop store.
      await until(async () => (await shopEvents()).some((e) => e.msgid === refundMsgid));
      expect((await shopEvents()).filter((e) => e.msgid === refundMsgid).map((e) => e.counter)).toEqual(['三号台']);
      // Asked again (same process): the first refund, not a second 2103.
      const again = await serve.invoke('pharmacy.refund', { msgid: sale });
      expect(again).toMatchObject({ ok: true, value: { repeated: true, refund: { msgid: refundMsgid } } });
    } finally {
      await serve.stop();
    }
    await expectShopEqualsCenter();
  }, 120_000);

  it('a till killed during its push while the other two keep selling: restarted, its outbox pushes the rest once', async () => {
    const [one, two, three] = tills as [Counter, Counter, Counter];
    // 三号台's sale process is SIGKILLed right after the shop store committed its push, before its
    // outbox marked it; 一号台 and 二号台 sell at the same time.
    const [killed, s1, s2] = await Promise.all([
      sellInProcess(three, { YIBAO_TEST_CRASH_AT: 'shop-after-append', YIBAO_TEST_CRASH_INFNO: '2102' }),
      sellInProcess(one),
      sellInProcess(two),
    ]);
    expect(killed.code, killed.stderr).not.toBe(0);
    expect(s1.code, s1.stderr).toBe(0);
    expect(s2.code, s2.stderr).toBe(0);
    expect(three.app.shop?.outbox.counts().pending).toBeGreaterThan(0);
    // The others went on selling meanwhile.
    const more = await Promise.all([sellInProcess(one), sellInProcess(two)]);
    for (const r of more) expect(r.code, r.stderr).toBe(0);

    const restarted = await runCli(['shop', 'status', '--json'], { YIBAO_CONFIG: three.configPath });
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(three.app.shop?.outbox.counts().pending).toBe(0);
    const events = await shopEvents();
    for (const m of okSales(three)) expect(events.filter((e) => e.msgid === m)).toHaveLength(1);
    await expectShopEqualsCenter();
    // And the sales counted per till match each till's own journal.
    for (const t of tills) {
      expect(
        events
          .filter((e) => e.infno === '2102' && e.counter === t.name)
          .map((e) => e.msgid)
          .sort(),
      ).toEqual(okSales(t).sort());
    }
  }, 180_000);

  it('the shop LAN cut while all three tills sell: restored, every outbox drains, nothing lost or doubled', async () => {
    const before = new Map(tills.map((t) => [t.name, okSales(t).length]));
    bed.postgres.stop();
    let restarted = false;
    try {
      for (let round = 0; round < 2; round++) {
        const results = await Promise.all(tills.map((t) => sellInProcess(t)));
        for (const r of results) expect(r.code, r.stderr).toBe(0);
      }
      // Sold and journaled at each till; what the shop store did not get waits in each outbox.
      for (const t of tills) {
        expect(okSales(t)).toHaveLength((before.get(t.name) ?? 0) + 2);
        expect(pendingPushes(t)).toBeGreaterThanOrEqual(2);
      }
      bed.postgres.start();
      restarted = true;
      // The link is back: the next process of each till (all three at once) pushes its outbox.
      const statuses = await Promise.all(tills.map((t) => runCli(['shop', 'status', '--json'], { YIBAO_CONFIG: t.configPath })));
      for (const s of statuses) {
        expect(s.code, s.stderr).toBe(0);
        expect((JSON.parse(s.stdout) as { status: { pending: number } }).status.pending).toBe(0);
      }
    } finally {
      if (!restarted) bed.postgres.start();
    }
    for (const t of tills) expect(pendingPushes(t)).toBe(0);
    const events = await shopEvents();
    for (const t of tills) {
      for (const m of okSales(t)) expect(events.filter((e) => e.msgid === m).map((e) => e.counter)).toEqual([t.name]);
    }
    await expectShopEqualsCenter();
  }, 180_000);

  it("the day's 对账 started at three tills at once: one runs 3201 under the shop's lock, the others show its result, 平", async () => {
    const today = formatDate(new Date());
    const center3201 = () => sandbox.center.store.messages.query({ infno: '3201', limit: 10_000 }).length;
    const own3201 = (c: Counter) => c.app.journal.list({ infno: '3201', limit: 10_000 }).length;
    const centerBefore = center3201();
    const ownBefore = tills.map(own3201);
    // "At once" is made a fact: the test holds the day's lock until all three processes are queued on it.
    const lock = await bed.holdShopLock(`yibao-reconcile:${PHARMACY.fixmedinsCode}:daily:${today}:${today}`);
    const all = Promise.all(tills.map((t) => runCli(['reconcile', '--date', today], { YIBAO_CONFIG: t.configPath })));
    try {
      await lock.untilWaiting(3);
    } finally {
      await lock.release();
    }
    const results = await all;
    for (const r of results) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(': 平');
    }
    // Exactly one till sent 3201 (all the center got), and the other two name it as the one that ran it.
    const sent = tills.map((t, i) => own3201(t) - (ownBefore[i] ?? 0));
    const ran = sent.flatMap((n, i) => (n > 0 ? [i] : []));
    expect(ran).toHaveLength(1);
    const runner = ran[0] ?? -1;
    expect(center3201() - centerBefore).toBe(sent[runner]);
    expect(results[runner]?.stdout).not.toContain('门店对账由');
    for (const [i, r] of results.entries()) {
      if (i !== runner) expect(r.stdout).toContain(`门店对账由 "${tills[runner]?.name}"`);
    }
  }, 180_000);
});

/** Resolves once `check` holds (polled); the test's own timeout bounds it. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 100));
}

/** What POST /api/invoke answers (src-main/api/contract.ts ApiResponse, unchecked here). */
interface InvokeAnswer {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { readonly code: string; readonly message: string };
}

/** `yibao serve --port 0` for till `c`, with the API token read from its page. */
async function startServe(c: Counter): Promise<{
  invoke(method: string, args: unknown): Promise<InvokeAnswer>;
  stop(): Promise<void>;
}> {
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve('scripts/yibao.mjs'), '--config', c.configPath, 'serve', '--port', '0'],
    { env: { PATH: process.env['PATH'], HOME: process.env['HOME'] }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /打开: (\S+)/.exec(out);
      if (m?.[1]) done(m[1]);
    });
    child.once('exit', () => fail(new Error(`yibao serve exited: ${stderr}`)));
  });
  const page = await (await fetch(url)).text();
  const token = /name="yibao-token" content="([0-9a-f]+)"/.exec(page)?.[1] ?? '';
  const base = new URL(url);
  return {
    async invoke(method, args) {
      const r = await fetch(new URL('/api/invoke', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-yibao-token': token },
        body: JSON.stringify({ method, args }),
      });
      return (await r.json()) as InvokeAnswer;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
