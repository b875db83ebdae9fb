/**
 * 日结 / 交班 report: a day's (or one operator's shift's) settlements and refunds from the
 * journal, by operator, 险种 and fund, with reversals and an hourly series for the chart. The
 * day of a settlement is the center's setl_time, as in reconciliation; a reversed call has no
 * settlement time and counts on the day the counter made it. Integer fen throughout.
 */
import { addFen, FEN_ZERO, subFen, type Fen } from '../core/money';
import { formatDateTime } from '../core/time';
import type { CounterApp } from '../app/counter-app';
import type { JournalEntry, JournalStore } from '../journal/journal-store';
import { isNotApplied } from '../journal/states';
import { journalWindow } from '../journal/day-window';
import type { OperatorSessions } from '../session/operator-sessions';
import { block, outputOf, rows, str } from '../counter/journal-records';
import { labelOf } from '../counter/labels';
import { ALL_REFUND_CODES, ALL_SETTLE_CODES } from '../counter/settlement-history';
import { fenOf } from '../counter/settlement-view';
import { shiftStart } from '../counter/shift';
import type { DailyReport, FundRow, HourPoint, ReportRow, ReportTotals, ReversalRow } from './views';

/** The setlinfo fund fields a report shows, in the order the slip lists them. */
export const FUND_FIELDS = [
  { key: 'hifp_pay', label: '统筹基金' },
  { key: 'cvlserv_pay', label: '公务员医疗补助' },
  { key: 'hifmi_pay', label: '大病保险' },
  { key: 'maf_pay', label: '医疗救助' },
  { key: 'oth_pay', label: '其他支付' },
  { key: 'acct_pay', label: '个人账户' },
  { key: 'psn_cash_pay', label: '现金' },
] as const;
type FundField = (typeof FUND_FIELDS)[number]['key'];

/** One settlement or refund, amounts positive. */
export interface ReportItem {
  readonly kind: 'settle' | 'refund';
  readonly opter: string;
  readonly opterName: string;
  readonly insutype: string;
  /** yyyy-MM-dd HH:mm:ss, the center's settlement time. */
  readonly time: string;
  readonly medfee: Fen;
  readonly fund: Fen;
  readonly funds: Readonly<Record<FundField, Fen>>;
  readonly details: readonly { code: string; label: string; amount: Fen }[];
}

const abs = (f: Fen): Fen => (f < 0 ? (-f as Fen) : f);

export function reportItemOf(entry: JournalEntry): ReportItem | null {
  const refund = ALL_REFUND_CODES.includes(entry.infno);
  if (entry.state !== 'ok' || (!refund && !ALL_SETTLE_CODES.includes(entry.infno))) return null;
  const out = outputOf(entry);
  const s = block(out, 'setlinfo');
  if (!str(s, 'setl_id')) return null;
  const amount = (key: string) => abs(fenOf(s[key]));
  return {
    kind: refund ? 'refund' : 'settle',
    opter: entry.opter,
    opterName: entry.opterName,
    insutype: str(s, 'insutype'),
    time: str(s, 'setl_time') || entry.finishedAt || entry.preparedAt,
    medfee: amount('medfee_sumamt'),
    fund: amount('fund_pay_sumamt'),
    funds: Object.fromEntries(FUND_FIELDS.map((f) => [f.key, amount(f.key)])) as Record<FundField, Fen>,
    details: rows(out, 'setldetail').map((d) => {
      const code = str(d, 'fund_pay_type');
      return {
        code,
        label: str(d, 'fund_pay_type_name') || labelOf('fund_pay_type', code),
        amount: abs(fenOf(d['fund_payamt'])),
      };
    }),
  };
}

const ZERO: ReportTotals = {
  settleCount: 0,
  refundCount: 0,
  settledMedfeeFen: 0,
  refundedMedfeeFen: 0,
  medfeeFen: 0,
  fundPayFen: 0,
  acctPayFen: 0,
  cashFen: 0,
};

function addItem(t: ReportTotals, item: ReportItem): ReportTotals {
  const move = item.kind === 'settle' ? addFen : subFen;
  return {
    settleCount: t.settleCount + (item.kind === 'settle' ? 1 : 0),
    refundCount: t.refundCount + (item.kind === 'refund' ? 1 : 0),
    settledMedfeeFen: item.kind === 'settle' ? addFen(t.settledMedfeeFen as Fen, item.medfee) : t.settledMedfeeFen,
    refundedMedfeeFen: item.kind === 'refund' ? addFen(t.refundedMedfeeFen as Fen, item.medfee) : t.refundedMedfeeFen,
    medfeeFen: move(t.medfeeFen as Fen, item.medfee),
    fundPayFen: move(t.fundPayFen as Fen, item.fund),
    acctPayFen: move(t.acctPayFen as Fen, item.funds.acct_pay),
    cashFen: move(t.cashFen as Fen, item.funds.psn_cash_pay),
  };
}

export function totalsOfItems(items: readonly ReportItem[]): ReportTotals {
  return items.reduce(addItem, ZERO);
}

function groupBy(
  items: readonly ReportItem[],
  keyOf: (i: ReportItem) => string,
  labelOfKey: (k: string, i: ReportItem) => string,
) {
  const groups = new Map<string, { label: string; items: ReportItem[] }>();
  for (const item of items) {
    const key = keyOf(item);
    const g = groups.get(key) ?? { label: labelOfKey(key, item), items: [] };
    g.items.push(item);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]): ReportRow => ({ key, label: g.label, totals: totalsOfItems(g.items) }));
}

function fundRow(key: string, label: string): { key: string; label: string; settled: Fen; refunded: Fen } {
  return { key, label, settled: FEN_ZERO, refunded: FEN_ZERO };
}

function finishFund(r: ReturnType<typeof fundRow>): FundRow {
  return { key: r.key, label: r.label, settledFen: r.settled, refundedFen: r.refunded, netFen: subFen(r.settled, r.refunded) };
}

export function fundRows(items: readonly ReportItem[]): FundRow[] {
  const out = FUND_FIELDS.map((f) => fundRow(f.key, f.label));
  for (const item of items) {
    for (const r of out) {
      const amount = item.funds[r.key as FundField];
      if (item.kind === 'settle') r.settled = addFen(r.settled, amount);
      else r.refunded = addFen(r.refunded, amount);
    }
  }
  return out.map(finishFund);
}

export function fundPayTypeRows(items: readonly ReportItem[]): FundRow[] {
  const byCode = new Map<string, ReturnType<typeof fundRow>>();
  for (const item of items) {
    for (const d of item.details) {
      const r = byCode.get(d.code) ?? fundRow(d.code, d.label);
      if (item.kind === 'settle') r.settled = addFen(r.settled, d.amount);
      else r.refunded = addFen(r.refunded, d.amount);
      byCode.set(d.code, r);
    }
  }
  return [...byCode.values()].sort((a, b) => a.key.localeCompare(b.key)).map(finishFund);
}

export function hourlySeries(items: readonly ReportItem[]): HourPoint[] {
  const points = Array.from({ length: 24 }, (_, hour) => ({ hour, settleCount: 0, refundCount: 0, medfeeFen: FEN_ZERO }));
  for (const item of items) {
    const p = points[Number(item.time.slice(11, 13))];
    if (!p) continue;
    if (item.kind === 'settle') {
      p.settleCount += 1;
      p.medfeeFen = addFen(p.medfeeFen, item.medfee);
    } else {
      p.refundCount += 1;
      p.medfeeFen = subFen(p.medfeeFen, item.medfee);
    }
  }
  return points;
}

export interface ReportSource {
  readonly journal: JournalStore;
  readonly sessions: OperatorSessions;
  readonly fixmedinsCode: string;
  readonly fixmedinsName: string;
}

/** The report's source in a running counter. */
export function reportSourceOf(app: Pick<CounterApp, 'journal' | 'sessions' | 'loaded'>): ReportSource {
  const { institution } = app.loaded.config;
  return {
    journal: app.journal,
    sessions: app.sessions,
    fixmedinsCode: institution.fixmedinsCode,
    fixmedinsName: institution.fixmedinsName,
  };
}

export interface ReportRequest {
  /** yyyy-MM-dd */
  readonly date: string;
  /** A shift report: this operator only, from the start of the running shift when it began that day. */
  readonly opter?: string;
}

/** The day's (or the shift's) report from the journal. */
export function dailyReport(source: ReportSource, request: ReportRequest, now: Date = new Date()): DailyReport {
  const { journal, fixmedinsCode } = source;
  let since = `${request.date} 00:00:00`;
  let opterName = '';
  if (request.opter) {
    const session = source.sessions.get(request.opter);
    if (session?.signNo) {
      const start = shiftStart(journal, session, fixmedinsCode);
      if (start.slice(0, 10) === request.date) since = start;
    }
    opterName = session?.opterName ?? '';
  }
  // The journal's clock and the center's may differ a little: read a day either side, keep by time.
  // Only what the report counts (settlements, refunds, reversal outcomes): a day's catalogue
  // download answers are megabytes the report never looks at.
  const window = { fixmedinsCode, opter: request.opter, ...journalWindow(request.date), originalsOnly: true };
  const byId = new Map<number, JournalEntry>();
  for (const e of journal.listAll({ ...window, infnos: [...ALL_SETTLE_CODES, ...ALL_REFUND_CODES], states: ['ok'] })) byId.set(e.id, e);
  for (const e of journal.listAll({ ...window, states: ['reversed', 'needs-manual', 'no-effect'] })) byId.set(e.id, e);
  const entries = [...byId.values()].sort((x, y) => x.id - y.id);
  return reportOfEntries(entries, { ...source, date: request.date, opter: request.opter, opterName, since }, now);
}

export interface ReportScope {
  readonly fixmedinsCode: string;
  readonly fixmedinsName: string;
  readonly date: string;
  readonly opter?: string;
  readonly opterName: string;
  /** yyyy-MM-dd HH:mm:ss: the day's start, or the shift's when it began that day. */
  readonly since: string;
}

/** The report of these journal entries (oldest first; a counter's, or the shop store's of all counters). */
export function reportOfEntries(entries: readonly JournalEntry[], scope: ReportScope, now: Date = new Date()): DailyReport {
  const { since } = scope;
  const until = `${scope.date} 23:59:59`;
  const inScope = (time: string) => time >= since && time <= until;
  const items = entries
    .map(reportItemOf)
    .filter((i): i is ReportItem => i !== null && inScope(i.time))
    .sort((a, b) => a.time.localeCompare(b.time));
  const reversalRows: ReversalRow[] = entries
    .filter((e) => (e.state === 'reversed' || e.state === 'needs-manual' || isNotApplied(e)) && inScope(e.preparedAt))
    .map((e) => ({
      msgid: e.msgid,
      infno: e.infno,
      opter: e.opter,
      time: e.preparedAt,
      state: e.state,
      resolution: e.resolution ?? '',
    }));
  const opterName = scope.opterName || items[0]?.opterName || '';
  return {
    date: scope.date,
    fixmedinsCode: scope.fixmedinsCode,
    fixmedinsName: scope.fixmedinsName,
    scope: { opter: scope.opter ?? null, opterName, since, until },
    generatedAt: formatDateTime(now),
    totals: totalsOfItems(items),
    byOperator: groupBy(
      items,
      (i) => i.opter,
      (k, i) => `${k} ${i.opterName}`.trim(),
    ),
    byInsutype: groupBy(
      items,
      (i) => i.insutype,
      (k) => labelOf('insutype', k),
    ),
    byFund: fundRows(items),
    byFundPayType: fundPayTypeRows(items),
    reversals: {
      reversed: reversalRows.filter((r) => r.state === 'reversed').length,
      notApplied: reversalRows.filter((r) => r.state === 'no-effect').length,
      needsManual: reversalRows.filter((r) => r.state === 'needs-manual').length,
      rows: reversalRows,
    },
    hourly: hourlySeries(items),
  };
}
