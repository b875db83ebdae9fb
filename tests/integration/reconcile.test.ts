/**
 * Daily reconciliation against the real sandbox center: real sales and a refund through the
 * counter services balance (3201 平); a sale only the center knows (made by a second counter
 * of the same institution), a journal row lost from the counter's SQLite file and an amount
 * altered in it are each listed by 3202 (via 9101 / 9102) with their setl_id and msgid; the
 * monthly clearing of the 四川 profile is sent once; the CLI's exit codes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fen, formatYuan, parseYuan, sumFen, yuanNumber, type Fen } from '../../src-main/core/money';
import { formatDate, formatDateTime } from '../../src-main/core/time';
import type { JournalEntry } from '../../src-main/journal/journal-store';
import type { SaleResult } from '../../src-main/counter/views';
import { reconcileDay } from '../../src-main/reconcile/daily-reconcile';
import { reconcileStoreOf } from '../../src-main/reconcile/reconcile-runner';
import { dailyReport } from '../../src-main/reports/daily-report';
import type { PersonRow } from '../../src-main/sandbox/store';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personsOf, typicalBasket } from '../helpers/sandbox-fixtures';
import { runCli } from '../helpers/cli';
import { openCounter, sell, type Counter } from '../helpers/reconcile-counter';
import { ControlDouble } from '../helpers/control-double';

// The whole file runs on a clock that starts at today's noon (CST) and moves with real time, so no
// run crosses midnight between selling and reconciling "today" (only Date is faked; timers and I/O are
// real). The CLI children keep the real clock, which is harmless: they get the date on their command line.
beforeAll(() => {
  const noon = new Date(`${formatDate(new Date())}T12:00:00+08:00`);
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(noon);
});
afterAll(() => {
  vi.useRealTimers();
});

describe('daily reconciliation (national profile)', () => {
  let h: Harness;
  let a: Counter;
  let today: string;
  let worker: PersonRow;
  let resident: PersonRow;
  const sales: SaleResult[] = [];
  /** A sale of the same institution through another counter: the center has it, this counter's journal does not. */
  let otherSale: SaleResult;

  beforeAll(async () => {
    h = await startHarness();
    a = await openCounter(h, 'counter-a');
    today = formatDate(new Date());
    const store = h.sandbox.center.store;
    worker = personsOf(store, 'emp-active', 50_000)[0] as PersonRow;
    resident = personsOf(store, 'res-high')[0] as PersonRow;
    expect(worker && resident).toBeTruthy();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('a day of sales and a refund balances in every group, as the center counts them', async () => {
    const basket = typicalBasket(h.sandbox.center.store);
    sales.push(await sell(a, worker, basket), await sell(a, resident, basket), await sell(a, worker, basket.slice(0, 2)));
    const firstMsgid = sales[0]?.settlement.msgid as string;
    const refund = await a.services.pharmacy.refund(firstMsgid);
    expect(refund.refund.medfeeFen).toBe(sales[0]?.settlement.medfeeFen);

    const { run, clearing } = await reconcileDay(a.app, { date: today });
    expect(clearing).toBeNull();
    expect(run).toMatchObject({ kind: 'daily', begndate: today, enddate: today, result: 'balanced', differences: [] });
    expect(run.groups.map((g) => g.insutype).sort()).toEqual(['310', '390']);
    expect(run.groups.every((g) => g.balanced && g.stmtRslt === '0' && g.msgid)).toBe(true);
    // 3 sales and the refund record; the refunded sale is counted once positive, once negative.
    expect(sumFen(run.groups.map((g) => g.count as unknown as Fen))).toBe(4);
    const net = (pick: (s: SaleResult['settlement']) => number) =>
      fen(sales.slice(1).reduce((t, s) => t + pick(s.settlement), 0));
    expect(sumFen(run.groups.map((g) => g.medfeeFen as Fen))).toBe(net((s) => s.medfeeFen));
    expect(sumFen(run.groups.map((g) => g.fundPayFen as Fen))).toBe(net((s) => s.fundPaySumFen));
    expect(sumFen(run.groups.map((g) => g.acctPayFen as Fen))).toBe(net((s) => s.acctPayFen));
    // Each group equals the center's own ledger of the day, to the fen.
    for (const g of run.groups) {
      const center = h.sandbox.center.store.settlements.statementTotals({
        fixmedinsCode: 'P42010000001',
        begin: `${today} 00:00:00`,
        end: `${today} 23:59:59`,
        insutype: g.insutype,
        clrType: g.clrType,
        clrOptins: g.setlOptins,
      });
      expect([g.count, g.medfeeFen, g.fundPayFen, g.acctPayFen]).toEqual([
        center.count,
        center.medfeeSumamt,
        center.fundPaySumamt,
        center.acctPay,
      ]);
      expect(g.clrType).toBe('41');
    }
    // Journaled: one 3201 per group, no detail reconciliation.
    const since = run.startedAt;
    expect(a.app.journal.list({ infno: '3201', states: ['ok'], since })).toHaveLength(run.groups.length);
    expect(a.app.journal.list({ infnos: ['9101', '3202', '9102'], since })).toHaveLength(0);
    expect(reconcileStoreOf(a.app).history({ date: today })[0]?.id).toBe(run.id);

    const cli = await runCli(['reconcile', '--date', today], { YIBAO_CONFIG: a.configPath });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`对账 ${today}: 平`);
  }, 120_000);

  it("the day's report and the shift report add up to the sales, on screen and in the exported files", async () => {
    const source = {
      journal: a.app.journal,
      sessions: a.app.sessions,
      fixmedinsCode: 'P42010000001',
      fixmedinsName: '沙箱演示大药房',
    };
    const report = dailyReport(source, { date: today });
    const sum = (pick: (s: SaleResult['settlement']) => number) => sales.reduce((t, s) => t + pick(s.settlement), 0);
    const refunded = sales[0]?.settlement as SaleResult['settlement'];
    expect(report.totals).toEqual({
      settleCount: 3,
      refundCount: 1,
      settledMedfeeFen: sum((s) => s.medfeeFen),
      refundedMedfeeFen: refunded.medfeeFen,
      medfeeFen: sum((s) => s.medfeeFen) - refunded.medfeeFen,
      fundPayFen: sum((s) => s.fundPaySumFen) - refunded.fundPaySumFen,
      acctPayFen: sum((s) => s.acctPayFen) - refunded.acctPayFen,
      cashFen: sum((s) => s.psnCashPayFen) - refunded.psnCashPayFen,
    });
    expect(report.byOperator.map((r) => r.key)).toEqual([OPERATOR.opter]);
    expect(report.byInsutype.map((r) => [r.key, r.totals.settleCount])).toEqual([
      ['310', 2],
      ['390', 1],
    ]);
    const fund = Object.fromEntries(report.byFund.map((f) => [f.key, f.netFen]));
    expect(fund['hifp_pay']).toBe(sum((s) => s.hifpPayFen) - refunded.hifpPayFen);
    expect(fund['acct_pay']).toBe(report.totals.acctPayFen);
    expect(sumFen(report.byFundPayType.map((f) => f.netFen as Fen))).toBe(
      sumFen(sales.slice(1).flatMap((s) => s.settlement.funds.map((f) => f.amountFen as Fen))),
    );
    expect(sumFen(report.hourly.map((p) => p.medfeeFen as Fen))).toBe(report.totals.medfeeFen);
    expect(dailyReport(source, { date: today, opter: OPERATOR.opter }).totals).toEqual(report.totals);
    expect(dailyReport(source, { date: today, opter: 'NOBODY' }).totals.settleCount).toBe(0);

    const xlsx = join(h.dir, 'day.xlsx');
    const csv = join(h.dir, 'day.csv');
    const cli = await runCli(['report', '--date', today, '--shift', OPERATOR.opter, '--xlsx', xlsx, '--csv', csv, '--json'], {
      YIBAO_CONFIG: a.configPath,
    });
    expect(cli.code).toBe(0);
    expect((JSON.parse(cli.stdout) as { totals: unknown }).totals).toEqual(report.totals);
    const byOperator = await readSheet(readFileSync(xlsx), '按操作员');
    expect(byOperator.at(-1)).toEqual([
      '合计',
      3,
      1,
      yuanNumber(fen(report.totals.settledMedfeeFen)),
      yuanNumber(fen(report.totals.refundedMedfeeFen)),
      yuanNumber(fen(report.totals.medfeeFen)),
      yuanNumber(fen(report.totals.fundPayFen)),
      yuanNumber(fen(report.totals.acctPayFen)),
      yuanNumber(fen(report.totals.cashFen)),
    ]);
    const csvText = readFileSync(csv, 'utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    expect(csvText).toContain(`合计,3,1,${formatYuan(fen(report.totals.settledMedfeeFen))}`);
    const text = await runCli(['report', '--date', today], { YIBAO_CONFIG: a.configPath });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('【按险种】');
  }, 120_000);

  it('lists exactly the settlement a second counter of the same institution made (center-only)', async () => {
    const b = await openCounter(h, 'counter-b');
    otherSale = await sell(b, worker, typicalBasket(h.sandbox.center.store).slice(1, 2));
    const other = otherSale;

    const { run } = await reconcileDay(a.app, { date: today });
    expect(run.result).toBe('unbalanced');
    expect(run.groups.find((g) => g.insutype === '310')?.balanced).toBe(false);
    expect(run.groups.find((g) => g.insutype === '390')?.balanced).toBe(true);
    expect(run.differences).toEqual([
      expect.objectContaining({
        kind: 'center-only',
        stmtRslt: '1',
        setlId: other.settlement.setlId,
        msgid: other.settlement.msgid,
        psnNo: worker.psnNo,
        refdSetlFlag: '0',
      }),
    ]);
    // 9101 upload, 3202, 9102 download, all journaled.
    for (const infno of ['9101', '3202', '9102']) {
      expect(a.app.journal.list({ infno, states: ['ok'], since: run.startedAt })).toHaveLength(1);
    }

    const cli = await runCli(['reconcile', '--date', today, '--json'], { YIBAO_CONFIG: a.configPath });
    expect(cli.code).toBe(4);
    const json = JSON.parse(cli.stdout) as { run: { result: string; differences: { setlId: string; msgid: string }[] } };
    expect(json.run.result).toBe('unbalanced');
    expect(json.run.differences.map((d) => [d.setlId, d.msgid])).toEqual([[other.settlement.setlId, other.settlement.msgid]]);
    const text = await runCli(['reconcile', '--date', today], { YIBAO_CONFIG: a.configPath });
    expect(text.code).toBe(4);
    expect(text.stdout).toContain(other.settlement.setlId as string);
    expect(text.stdout).toContain('中心多');
  }, 120_000);

  it('names a refund row lost from the journal, an amount altered in it and a settlement the center does not know', async () => {
    const refundEntry = a.app.journal.list({ infno: '2103', states: ['ok'] })[0] as JournalEntry;
    // The row is gone with everything that points at it (its search keys).
    const lose = a.app.db.transaction((id: number) => {
      a.app.db.prepare('DELETE FROM journal_key WHERE journal_id = ?').run(id);
      a.app.db.prepare('DELETE FROM journal WHERE id = ?').run(id);
    });
    lose(refundEntry.id);
    const rewrite = (msgid: string, change: (setlinfo: Record<string, unknown>) => void) => {
      const entry = a.app.journal.byMsgid(msgid) as JournalEntry;
      const response = JSON.parse(entry.responseJson as string) as { output: { setlinfo: Record<string, unknown> } };
      change(response.output.setlinfo);
      a.app.db.prepare('UPDATE journal SET response_json = ? WHERE id = ?').run(JSON.stringify(response), entry.id);
    };
    const altered = sales[1]?.settlement as SaleResult['settlement'];
    rewrite(altered.msgid, (s) => {
      s['medfee_sumamt'] = yuanNumber(fen(parseYuan(s['medfee_sumamt'] as number) + 1));
    });
    const renamed = sales[2]?.settlement as SaleResult['settlement'];
    rewrite(renamed.msgid, (s) => {
      s['setl_id'] = 'ST-NOT-AT-CENTER';
    });

    const { run } = await reconcileDay(a.app, { date: today });
    expect(run.result).toBe('unbalanced');
    expect(run.groups.every((g) => !g.balanced)).toBe(true);
    const refundSetlId = (JSON.parse(refundEntry.responseJson as string) as { output: { setlinfo: { setl_id: string } } }).output
      .setlinfo.setl_id;
    const byKind = (d: { kind: string; setlId: string }) => `${d.kind} ${d.setlId}`;
    expect(run.differences.map(byKind).sort()).toEqual(
      [
        `amount-differs ${altered.setlId}`,
        `center-only ${refundSetlId}`,
        `center-only ${otherSale.settlement.setlId}`,
        `center-only ${renamed.setlId}`,
        'local-only ST-NOT-AT-CENTER',
      ].sort(),
    );
    const find = (setlId: string | null) => run.differences.find((d) => d.setlId === setlId);
    expect(find(altered.setlId)?.memo).toContain('医疗费总额');
    expect(find(refundSetlId)).toMatchObject({ msgid: refundEntry.msgid, refdSetlFlag: '1', stmtRslt: '1' });
    expect(find(renamed.setlId)?.msgid).toBe(renamed.msgid);
    // A line only the counter has carries the counter's own msgid.
    expect(find('ST-NOT-AT-CENTER')).toMatchObject({ msgid: renamed.msgid, stmtRslt: '2' });
    // The history keeps every run with its groups and differences (the CLI's runs too).
    const history = reconcileStoreOf(a.app).history({ date: today });
    expect(history.map((r) => r.result)).toEqual([
      'unbalanced',
      'unbalanced',
      'unbalanced',
      'unbalanced',
      'balanced',
      'balanced',
    ]);
    expect(history[0]?.differences).toHaveLength(5);
    expect(history[0]?.opter).toBe(OPERATOR.opter);
    const cli = await runCli(['reconcile', 'history', '--date', today, '--json'], { YIBAO_CONFIG: a.configPath });
    expect(cli.code).toBe(0);
    const runs = JSON.parse(cli.stdout) as { id: number; differences: { setlId: string }[] }[];
    expect(runs.map((r) => r.id)).toEqual(history.map((r) => r.id));
    expect(runs[0]?.differences.map((d) => d.setlId).sort()).toEqual(history[0]?.differences.map((d) => d.setlId).sort());
  }, 120_000);

  it('refuses a malformed or future date', async () => {
    await expect(reconcileDay(a.app, { date: '2026-02-30' })).rejects.toMatchObject({ code: 'E_RECONCILE_DATE' });
    await expect(reconcileDay(a.app, { date: '2999-01-01' })).rejects.toMatchObject({ code: 'E_RECONCILE_DATE' });
    const cli = await runCli(['reconcile', '--date', '20261123'], { YIBAO_CONFIG: a.configPath });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('yyyy-MM-dd');
  }, 60_000);

  it('with nobody signed in, refuses before recording a run', async () => {
    sales.push(await sell(a, worker, typicalBasket(h.sandbox.center.store).slice(0, 1)));
    const runsBefore = reconcileStoreOf(a.app).history({ date: today }).length;
    await a.app.sessions.signOut(a.app.client);
    try {
      await expect(reconcileDay(a.app, { date: today })).rejects.toMatchObject({ code: 'E_NOT_SIGNED_IN' });
      expect(reconcileStoreOf(a.app).history({ date: today })).toHaveLength(runsBefore);
    } finally {
      await a.app.sessions.signIn(a.app.client, OPERATOR);
    }
  }, 60_000);
});

describe('monthly clearing (四川 profile, seed 003)', () => {
  /** The center's clock: in the previous month while selling, then back to now. */
  let shiftMs = 0;
  let h: Harness;
  let c: Counter;
  let control: ControlDouble;

  beforeAll(async () => {
    // Counter and center both live in the shifted time: a sale of last month is journaled last month.
    const clock = () => new Date(Date.now() + shiftMs);
    h = await startHarness({ clock, counterClock: clock });
    // A 四川 counter sells to persons read through its 安全控件 (the DLL double).
    control = new ControlDouble(h.dir);
    c = await openCounter(h, 'sichuan', { profile: 'sichuan' }, control);
  }, 120_000);
  afterAll(async () => {
    control?.close();
    await h?.close();
  });

  it('applies once, after every day of the previous month with sales balanced', async () => {
    const today = formatDate(new Date());
    const month = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    month.setUTCMonth(month.getUTCMonth() - 1);
    const prev = month.toISOString().slice(0, 7);
    const day15 = `${prev}-15`;
    shiftMs = new Date(`${day15}T10:00:00+08:00`).getTime() - Date.now();
    const store = h.sandbox.center.store;
    const person = personsOf(store, 'emp-active', 50_000)[0] as PersonRow;
    const sale = await sell(c, person, typicalBasket(store));
    expect(sale.settlement.infno).toBe('2102A');
    expect(sale.settlement.time.slice(0, 10)).toBe(day15);
    shiftMs = 0;

    // Today has nothing; the 15th of last month is not reconciled yet.
    const first = await reconcileDay(c.app, { date: today });
    expect(first.run.result).toBe('balanced');
    expect(first.clearing).toMatchObject({ month: prev, status: 'not-ready' });
    expect(first.clearing?.message).toContain(`${day15} 未对账`);

    const second = await reconcileDay(c.app, { date: day15 });
    expect(second.run.result).toBe('balanced');
    expect(second.clearing).toMatchObject({ month: prev, status: 'sent' });
    const clearingRun = reconcileStoreOf(c.app).run(second.clearing?.runId as number);
    expect(clearingRun).toMatchObject({ kind: 'clearing', begndate: `${prev}-01`, result: 'balanced' });
    expect(clearingRun?.enddate.slice(0, 7)).toBe(prev);
    expect(clearingRun?.groups[0]?.stmtRsltDscr).toContain(`已申请清算 ${prev}`);

    const third = await reconcileDay(c.app, { date: today });
    expect(third.clearing).toMatchObject({ status: 'already-sent', runId: second.clearing?.runId });
    // The center got exactly one clearing application per group.
    const applications = store.messages
      .query({ infno: '3201', outcome: 'ok', limit: 1000 })
      .filter(
        (m) =>
          (JSON.parse(m.requestJson) as { input: { data: { stmt_begndate: string } } }).input.data.stmt_begndate === `${prev}-01`,
      );
    expect(applications).toHaveLength(clearingRun?.groups.length ?? -1);
    expect(formatDateTime(new Date()).slice(0, 7)).toBe(today.slice(0, 7));
  }, 120_000);
});
