/**
 * Reconciliation history in the counter's database (migration 5): one run per 对账 (a day, or
 * the whole month of a clearing application), its 3201 groups and every settlement 3202 found
 * differing. Runs are never deleted: the auditor reads them back.
 */
import { formatDateTime } from '../core/time';
import type { Db } from '../storage/sqlite';
import { labelOf } from '../counter/labels';
import type { LedgerGroup } from './grouping';
import type { Difference } from './detail-file';
import type { ReconcileDifferenceView, ReconcileGroupView, ReconcileKind, ReconcileResult, ReconcileRunView } from './views';

const KIND_LABEL: Readonly<Record<ReconcileDifferenceView['kind'], string>> = {
  'center-only': '中心多 (本机无此结算)',
  'local-only': '本机多 (中心无此结算)',
  'amount-differs': '数据不一致',
};

interface RunRow {
  id: number;
  kind: ReconcileKind;
  begndate: string;
  enddate: string;
  opter: string | null;
  startedAt: string;
  finishedAt: string | null;
  result: ReconcileResult;
  note: string | null;
}

interface GroupRow {
  id: number;
  insutype: string;
  clrType: string;
  setlOptins: string;
  count: number;
  medfeeFen: number;
  fundPayFen: number;
  acctPayFen: number;
  cashFen: number;
  msgid: string | null;
  stmtRslt: string | null;
  stmtRsltDscr: string | null;
}

const RUN_SELECT = `SELECT id, kind, begndate, enddate, opter, started_at AS startedAt, finished_at AS finishedAt, result, note
  FROM reconcile_run`;

export class ReconcileStore {
  constructor(
    private readonly db: Db,
    private readonly fixmedinsCode: string,
    /** CounterApp.centerId: the center's URL, or the embedded sandbox's ledger directory. */
    private readonly centerId: string,
  ) {}

  startRun(kind: ReconcileKind, begndate: string, enddate: string, opter: string | null): number {
    const info = this.db
      .prepare(
        `INSERT INTO reconcile_run (kind, begndate, enddate, fixmedins_code, center_url, opter, started_at, result)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'running')`,
      )
      .run(kind, begndate, enddate, this.fixmedinsCode, this.centerId, opter, formatDateTime(new Date()));
    return Number(info.lastInsertRowid);
  }

  addGroup(runId: number, group: LedgerGroup, answer: { msgid: string; stmtRslt: string; stmtRsltDscr: string }): void {
    this.db
      .prepare(
        `INSERT INTO reconcile_group (run_id, insutype, clr_type, setl_optins, setl_cnt, medfee_sumamt, fund_pay_sumamt,
           acct_pay, cash_payamt, msgid, stmt_rslt, stmt_rslt_dscr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        runId,
        group.insutype,
        group.clrType,
        group.setlOptins,
        group.totals.count,
        group.totals.medfee,
        group.totals.fund,
        group.totals.acct,
        group.totals.cash,
        answer.msgid,
        answer.stmtRslt,
        answer.stmtRsltDscr,
      );
  }

  addDifferences(
    runId: number,
    scope: { clrType: string; setlOptins: string; detailMsgid: string },
    differences: readonly (Difference & { counter?: string })[],
  ): void {
    const insert = this.db.prepare(
      `INSERT INTO reconcile_difference (run_id, clr_type, setl_optins, detail_msgid, kind, stmt_rslt, setl_id, msgid, psn_no,
         mdtrt_id, refd_setl_flag, memo, counter) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const d of differences) {
        insert.run(
          runId,
          scope.clrType,
          scope.setlOptins,
          scope.detailMsgid,
          d.kind,
          d.stmtRslt,
          d.setlId,
          d.msgid,
          d.psnNo,
          d.mdtrtId,
          d.refdSetlFlag,
          d.memo,
          d.counter ?? null,
        );
      }
    })();
  }

  finishRun(runId: number, result: Exclude<ReconcileResult, 'running'>, note: string | null): void {
    this.db
      .prepare('UPDATE reconcile_run SET result = ?, note = ?, finished_at = ? WHERE id = ?')
      .run(result, note, formatDateTime(new Date()), runId);
  }

  run(id: number): ReconcileRunView | undefined {
    const row = this.db.prepare<[number], RunRow>(`${RUN_SELECT} WHERE id = ?`).get(id);
    return row ? this.view(row) : undefined;
  }

  /** Newest first; `date` narrows to runs whose period contains that day. */
  history(options: { date?: string; kind?: ReconcileKind; limit?: number } = {}): ReconcileRunView[] {
    const where = ['fixmedins_code = ?'];
    const params: unknown[] = [this.fixmedinsCode];
    if (options.date) {
      where.push('begndate <= ? AND enddate >= ?');
      params.push(options.date, options.date);
    }
    if (options.kind) {
      where.push('kind = ?');
      params.push(options.kind);
    }
    params.push(Math.min(Math.max(options.limit ?? 50, 1), 1000));
    return this.db
      .prepare<unknown[], RunRow>(`${RUN_SELECT} WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`)
      .all(...params)
      .map((r) => this.view(r));
  }

  /** Result of the latest finished daily run of each day in [begndate, enddate]. */
  latestDailyResults(begndate: string, enddate: string): Map<string, ReconcileResult> {
    const rows = this.db
      .prepare<[string, string, string], { begndate: string; result: ReconcileResult }>(
        `SELECT begndate, result FROM reconcile_run
         WHERE kind = 'daily' AND fixmedins_code = ? AND begndate = enddate AND begndate BETWEEN ? AND ?
           AND result <> 'running' ORDER BY id`,
      )
      .all(this.fixmedinsCode, begndate, enddate);
    const out = new Map<string, ReconcileResult>();
    for (const r of rows) out.set(r.begndate, r.result);
    return out;
  }

  /** The clearing run that balanced for this month, if the application was already made. */
  clearingDone(begndate: string, enddate: string): number | null {
    const row = this.db
      .prepare<[string, string, string], { id: number }>(
        `SELECT id FROM reconcile_run WHERE kind = 'clearing' AND fixmedins_code = ? AND begndate = ? AND enddate = ?
           AND result = 'balanced' ORDER BY id LIMIT 1`,
      )
      .get(this.fixmedinsCode, begndate, enddate);
    return row?.id ?? null;
  }

  private view(row: RunRow): ReconcileRunView {
    const groups = this.db
      .prepare<[number], GroupRow>(
        `SELECT id, insutype, clr_type AS clrType, setl_optins AS setlOptins, setl_cnt AS count, medfee_sumamt AS medfeeFen,
           fund_pay_sumamt AS fundPayFen, acct_pay AS acctPayFen, cash_payamt AS cashFen, msgid, stmt_rslt AS stmtRslt,
           stmt_rslt_dscr AS stmtRsltDscr FROM reconcile_group WHERE run_id = ? ORDER BY id`,
      )
      .all(row.id)
      .map((g): ReconcileGroupView => ({
        insutype: g.insutype,
        insutypeLabel: labelOf('insutype', g.insutype),
        clrType: g.clrType,
        setlOptins: g.setlOptins,
        count: g.count,
        medfeeFen: g.medfeeFen,
        fundPayFen: g.fundPayFen,
        acctPayFen: g.acctPayFen,
        cashFen: g.cashFen,
        msgid: g.msgid,
        stmtRslt: g.stmtRslt,
        stmtRsltDscr: g.stmtRsltDscr,
        balanced: g.stmtRslt === '0',
      }));
    const differences = this.db
      .prepare<[number], Omit<ReconcileDifferenceView, 'kindLabel'>>(
        `SELECT kind, stmt_rslt AS stmtRslt, clr_type AS clrType, setl_optins AS setlOptins, setl_id AS setlId, msgid,
           psn_no AS psnNo, mdtrt_id AS mdtrtId, refd_setl_flag AS refdSetlFlag, memo, detail_msgid AS detailMsgid,
           counter FROM reconcile_difference WHERE run_id = ? ORDER BY id`,
      )
      .all(row.id)
      .map((d) => ({ ...d, kindLabel: KIND_LABEL[d.kind] }));
    return { ...row, groups, differences };
  }
}
