/**
 * 湖北's 对账 and clearing against the real sandbox center (seed 002): every 对账 also lists the
 * center's settlements by time range (5262 本地, 5267 异地) and names one only the center holds; after
 * a balanced month the counter applies with 3202a for 本地 and 1608 for 异地 groups, once; an
 * application is withdrawn with 3204a / 1618 and printed with 3205a; the CLI does the same.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatDate } from '../../src-main/core/time';
import { reconcileDay } from '../../src-main/reconcile/daily-reconcile';
import { readLedger } from '../../src-main/reconcile/local-ledger';
import { compareSettlementRange } from '../../src-main/reconcile/settlement-range-check';
import { ClearingApplicationStore, cancelClearing, printClearing } from '../../src-main/reconcile/clearing-applications';
import type { PersonRow } from '../../src-main/sandbox/store';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { personsOf, typicalBasket } from '../helpers/sandbox-fixtures';
import { openCounter, sell, type Counter } from '../helpers/reconcile-counter';
import { runCli } from '../helpers/cli';

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date(`${formatDate(new Date())}T12:00:00+08:00`));
});
afterAll(() => {
  vi.useRealTimers();
});

describe('对账 and clearing (湖北 profile, seed 002)', () => {
  /** The center's clock: in the previous month while selling, then back to now. */
  let shiftMs = 0;
  let h: Harness;
  let c: Counter;
  let other: Counter;

  beforeAll(async () => {
    // Counter and center both live in the shifted time: a sale of last month is journaled last month.
    const clock = () => new Date(Date.now() + shiftMs);
    h = await startHarness({ clock, counterClock: clock });
    c = await openCounter(h, 'hubei', { profile: 'hubei' });
    other = await openCounter(h, 'hubei-2', { profile: 'hubei' });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  /** An active employee with a balance, insured here (本地) or elsewhere (异地). */
  const employee = (local: boolean, skip = 0): PersonRow => {
    const store = h.sandbox.center.store;
    const found = personsOf(store, 'emp-active', 50_000).filter(
      (p) => (store.persons.insurance(p.psnNo)[0]?.insuplcAdmdvs === '420100') === local,
    )[skip];
    if (!found) throw new Error(`no active ${local ? '本地' : '异地'} employee in the seed`);
    return found;
  };

  it('HIS/MIS 对账 by 5262 / 5267 names the settlement only the center holds', async () => {
    const today = formatDate(new Date());
    const store = h.sandbox.center.store;
    const mine = await sell(c, personsOf(store, 'emp-active', 50_000)[0] as PersonRow, typicalBasket(store));
    const theirs = await sell(other, personsOf(store, 'emp-active', 50_000)[1] as PersonRow, typicalBasket(store));
    const outcome = await reconcileDay(c.app, { date: today });
    const queried = store.messages.query({ limit: 1000 }).filter((m) => m.infno === '5262' || m.infno === '5267');
    expect(queried.map((m) => m.infno).sort()).toEqual(['5262', '5267']);
    expect(outcome.run.result).toBe('unbalanced');
    const byQuery = outcome.run.differences.filter((d) => queried.some((q) => d.detailMsgid === q.msgid));
    expect(byQuery.map((d) => [d.kind, d.setlId])).toContainEqual(['center-only', theirs.settlement.setlId]);
    expect(outcome.run.differences.some((d) => d.setlId === mine.settlement.setlId)).toBe(false);
  }, 120_000);

  it('5262 / 5267 page through the whole range: every settlement on a later page is compared too', async () => {
    const today = formatDate(new Date());
    const store = h.sandbox.center.store;
    for (let i = 0; i < 4; i++) await sell(c, employee(true, 3 + i), typicalBasket(store));
    const ledger = readLedger(c.app.journal, c.app.loaded.config.institution.fixmedinsCode, today, today);
    const local = ledger.filter((r) => store.persons.insurance(r.psnNo)[0]?.insuplcAdmdvs === '420100');
    expect(local.length).toBeGreaterThanOrEqual(4);
    const before = store.messages.query({ infno: '5262', limit: 1000 }).length;
    // Two rows a page: the center answers ⌈n / 2⌉ pages of 本地 settlements, each with the range's total.
    const differences = await compareSettlementRange(c.app, undefined, { begndate: today, enddate: today }, ledger, 2);
    const pages = store.messages.query({ infno: '5262', limit: 1000 }).slice(before);
    expect(pages.length).toBe(Math.ceil(local.length / 2));
    const asked = pages.map((m) => (JSON.parse(m.requestJson) as { input: { data: { page_num: number } } }).input.data.page_num);
    expect(asked.sort()).toEqual(Array.from({ length: pages.length }, (_, i) => i + 1));
    // None of this counter's settlements is reported missing at the center: the later pages were read.
    expect((differences ?? []).filter((d) => d.kind === 'local-only')).toEqual([]);
    // The other counter's sale (first test) is still named, from whichever page it came on.
    expect((differences ?? []).filter((d) => d.kind === 'center-only')).toHaveLength(1);
  }, 120_000);

  it('applies for last month with 3202a (本地) and 1608 (异地) once, withdraws with 3204a / 1618, prints with 3205a', async () => {
    const today = formatDate(new Date());
    const month = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    month.setUTCMonth(month.getUTCMonth() - 1);
    const prev = month.toISOString().slice(0, 7);
    const day10 = `${prev}-10`;
    const store = h.sandbox.center.store;
    shiftMs = new Date(`${day10}T10:00:00+08:00`).getTime() - Date.now();
    await sell(c, employee(true, 2), typicalBasket(store));
    const remote = await sell(c, employee(false), typicalBasket(store));
    shiftMs = 0;
    expect(remote.settlement.time.slice(0, 10)).toBe(day10);

    const outcome = await reconcileDay(c.app, { date: day10 });
    expect(outcome.run.result).toBe('balanced');
    expect(outcome.clearing).toMatchObject({ month: prev, status: 'sent' });
    const made = outcome.clearing?.applications ?? [];
    expect(made.map((a) => `${a.personsLabel} ${a.infno}`).sort()).toEqual(['异地 1608', '本地 3202a']);
    expect(made.every((a) => a.mismatch === false)).toBe(true);
    // The center took each application with its own totals; no 3201 over the month was sent as the application.
    const applied = store.messages.query({ outcome: 'ok', limit: 1000 }).filter((m) => ['3202a', '1608'].includes(m.infno));
    expect(applied).toHaveLength(2);

    const again = await reconcileDay(c.app, { date: day10 });
    expect(again.clearing).toMatchObject({ status: 'already-sent' });
    expect(store.messages.query({ outcome: 'ok', limit: 1000 }).filter((m) => ['3202a', '1608'].includes(m.infno))).toHaveLength(
      2,
    );

    const local = made.find((a) => a.persons === 'local');
    const printed = await printClearing(c.app, local?.id ?? -1);
    expect(printed.form).toMatchObject({ clr_appy_evt_id: local?.evtId, appy_infno: '3202a', appy_stas: '1' });
    expect(Number(printed.form.fund_pay_sumamt) * 100).toBeCloseTo(local?.fundPayFen ?? -1, 6);

    const withdrawn = await cancelClearing(c.app, local?.id ?? -1);
    expect(withdrawn.standing).toBe(false);
    const remoteApp = made.find((a) => a.persons === 'remote');
    await cancelClearing(c.app, remoteApp?.id ?? -1);
    const cancels = store.messages.query({ outcome: 'ok', limit: 1000 }).filter((m) => ['3204a', '1618'].includes(m.infno));
    expect(cancels.map((m) => m.infno).sort()).toEqual(['1618', '3204a']);
    await expect(cancelClearing(c.app, local?.id ?? -1)).rejects.toThrow(/已于 .* 撤销/);

    // Withdrawn, the month can be applied for again.
    const reapplied = await reconcileDay(c.app, { date: day10 });
    expect(reapplied.clearing).toMatchObject({ status: 'sent' });
    expect(new ClearingApplicationStore(c.app).list(`${prev}-01`).filter((a) => a.standing)).toHaveLength(2);

    // The CLI lists them.
    const cli = await runCli(['clearing', 'list'], { YIBAO_CONFIG: c.configPath });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('3202a');
    expect(cli.stdout).toContain('1608');
  }, 180_000);
});
