/**
 * The monthly clearing of a shop with two counters (issue 20, 四川 profile, seed 003): 3201 over
 * the month is the institution's, so with a shop store it counts the settlements of every counter,
 * takes the days balanced by any counter's 对账, and is sent once for the shop, whichever counter
 * asks first. Real sandbox center, real PostgreSQL (tests/helpers/postgres.ts), two counter apps
 * on their own SQLite journals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src-main/core/time';
import { reconcileDay } from '../../src-main/reconcile/daily-reconcile';
import { reconcileStoreOf, runReconciliation } from '../../src-main/reconcile/reconcile-runner';
import type { PersonRow } from '../../src-main/sandbox/store';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';
import { openCounter, sell, type Counter } from '../helpers/reconcile-counter';
import { ControlDouble } from '../helpers/control-double';
import { personsOf, typicalBasket } from '../helpers/sandbox-fixtures';
import { startHarness, type Harness } from '../helpers/sandbox-harness';

/** The center's clock: in the previous month while selling, then back to now. */
let shiftMs = 0;
let h: Harness;
let postgres: TestPostgres;
let a: Counter;
let b: Counter;
let control: ControlDouble;

beforeAll(async () => {
  postgres = await startTestPostgres();
  // Both clocks move: the counter's journal dates its entries by its own clock, and the month's ledger is read by them.
  const clock = () => new Date(Date.now() + shiftMs);
  h = await startHarness({ clock, counterClock: clock });
  const shop = (counterName: string) => ({ profile: 'sichuan' as const, shop: { postgresUrl: postgres.url, counterName } });
  // 四川 counters sell to persons read through their 安全控件 (the DLL double).
  control = new ControlDouble(h.dir);
  a = await openCounter(h, 'till-1', shop('一号台'), control);
  b = await openCounter(h, 'till-2', shop('二号台'), control);
}, 120_000);

afterAll(async () => {
  control?.close();
  await h?.close();
  postgres?.close();
});

/** 3201 calls the center answered for a statement period starting at `begndate`. */
function centerStatements(begndate: string): { count: number }[] {
  return h.sandbox.center.store.messages
    .query({ infno: '3201', outcome: 'ok', limit: 1000 })
    .map((m) => (JSON.parse(m.requestJson) as { input: { data: Record<string, unknown> } }).input.data)
    .filter((d) => d['stmt_begndate'] === begndate)
    .map((d) => ({ count: Number(d['fixmedins_setl_cnt']) }));
}

describe('monthly clearing of a two-counter shop', () => {
  it("counts every counter's settlements and is sent once for the shop", async () => {
    const today = formatDate(new Date());
    const month = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    month.setUTCMonth(month.getUTCMonth() - 1);
    const prev = month.toISOString().slice(0, 7);
    const day15 = `${prev}-15`;
    const store = h.sandbox.center.store;
    const [p1, p2] = personsOf(store, 'emp-active', 50_000) as [PersonRow, PersonRow];
    shiftMs = new Date(`${day15}T10:00:00+08:00`).getTime() - Date.now();
    try {
      expect((await sell(a, p1, typicalBasket(store))).settlement.time.slice(0, 10)).toBe(day15);
      expect((await sell(b, p2, typicalBasket(store))).settlement.time.slice(0, 10)).toBe(day15);
    } finally {
      shiftMs = 0;
    }
    // Each counter's pusher sends its sale in the background; wait for till 2's to land.
    await b.app.shop?.pusher.pushAll();

    // The 15th is reconciled at till 1 for the shop (both sales), without the clearing step.
    const day = await runReconciliation(a.app, { kind: 'daily', begndate: day15, enddate: day15 });
    expect(day.result).toBe('balanced');
    expect(day.groups.reduce((n, g) => n + g.count, 0)).toBe(2);

    // Till 2 never ran the 15th itself: the shop's result counts, and the month's 3201 has both sales.
    const atB = await reconcileDay(b.app, { date: today });
    expect(atB.clearing).toMatchObject({ month: prev, status: 'sent' });
    const clearingRun = reconcileStoreOf(b.app).run(atB.clearing?.runId as number);
    expect(clearingRun).toMatchObject({ kind: 'clearing', begndate: `${prev}-01`, result: 'balanced' });
    expect(clearingRun?.groups.reduce((n, g) => n + g.count, 0)).toBe(2);

    // Till 1 asks again: the shop's application stands, nothing more goes to the center.
    const atA = await reconcileDay(a.app, { date: today });
    expect(atA.clearing).toMatchObject({ month: prev, status: 'already-sent', runId: null });
    expect(atA.clearing?.message).toContain('已由 "二号台" 申请过清算');
    const statements = centerStatements(`${prev}-01`);
    expect(statements).toHaveLength(clearingRun?.groups.length ?? -1);
    expect(statements.reduce((n, s) => n + s.count, 0)).toBe(2);
  }, 180_000);
});
