/**
 * The report as plain tables (title, typed columns, rows): one model that the CSV and the XLSX
 * exports both render, so the two files always say the same thing. Money cells stay integer fen
 * here; each renderer formats them.
 */
import type { DailyReport, FundRow, ReportRow, ReportTotals } from './views';

export type ColumnKind = 'text' | 'count' | 'money';

export interface ReportTable {
  /** Also the XLSX sheet name (≤ 31 characters). */
  readonly title: string;
  readonly columns: readonly { readonly header: string; readonly kind: ColumnKind }[];
  readonly rows: readonly (readonly (string | number)[])[];
}

const TOTAL_COLUMNS = [
  { header: '结算笔数', kind: 'count' },
  { header: '退费笔数', kind: 'count' },
  { header: '结算医疗费', kind: 'money' },
  { header: '退费医疗费', kind: 'money' },
  { header: '医疗费净额', kind: 'money' },
  { header: '基金支付', kind: 'money' },
  { header: '个人账户', kind: 'money' },
  { header: '现金', kind: 'money' },
] as const;

function totalCells(t: ReportTotals): number[] {
  return [
    t.settleCount,
    t.refundCount,
    t.settledMedfeeFen,
    t.refundedMedfeeFen,
    t.medfeeFen,
    t.fundPayFen,
    t.acctPayFen,
    t.cashFen,
  ];
}

function byTable(title: string, keyHeader: string, rows: readonly ReportRow[], totals: ReportTotals): ReportTable {
  return {
    title,
    columns: [{ header: keyHeader, kind: 'text' }, ...TOTAL_COLUMNS],
    rows: [...rows.map((r) => [r.label || r.key, ...totalCells(r.totals)]), ['合计', ...totalCells(totals)]],
  };
}

function fundTable(title: string, rows: readonly FundRow[]): ReportTable {
  return {
    title,
    columns: [
      { header: '代码', kind: 'text' },
      { header: '基金', kind: 'text' },
      { header: '结算支付', kind: 'money' },
      { header: '退费退回', kind: 'money' },
      { header: '净额', kind: 'money' },
    ],
    rows: rows.map((r) => [r.key, r.label, r.settledFen, r.refundedFen, r.netFen]),
  };
}

export function reportTables(report: DailyReport): ReportTable[] {
  const scope = report.scope.opter ? `操作员 ${report.scope.opter} ${report.scope.opterName}`.trim() : '全天';
  return [
    {
      title: '汇总',
      columns: [
        { header: '项目', kind: 'text' },
        { header: '内容', kind: 'text' },
      ],
      rows: [
        ['机构', `${report.fixmedinsCode} ${report.fixmedinsName}`],
        ['日期', report.date],
        ['范围', `${scope} (${report.scope.since} 至 ${report.scope.until})`],
        ['生成时间', report.generatedAt],
        ['已冲正', String(report.reversals.reversed)],
        ['原交易未生效', String(report.reversals.notApplied)],
        ['需人工核实', String(report.reversals.needsManual)],
      ],
    },
    byTable('按操作员', '操作员', report.byOperator, report.totals),
    byTable('按险种', '险种', report.byInsutype, report.totals),
    fundTable('按基金', report.byFund),
    fundTable('按基金类型', report.byFundPayType),
    {
      title: '分时',
      columns: [
        { header: '小时', kind: 'text' },
        { header: '结算笔数', kind: 'count' },
        { header: '退费笔数', kind: 'count' },
        { header: '医疗费净额', kind: 'money' },
      ],
      rows: report.hourly.map((p) => [`${String(p.hour).padStart(2, '0')}:00`, p.settleCount, p.refundCount, p.medfeeFen]),
    },
    {
      title: '冲正与需人工',
      columns: [
        { header: '时间', kind: 'text' },
        { header: '交易', kind: 'text' },
        { header: 'msgid', kind: 'text' },
        { header: '操作员', kind: 'text' },
        { header: '状态', kind: 'text' },
        { header: '处理结果', kind: 'text' },
      ],
      rows: report.reversals.rows.map((r) => [
        r.time,
        r.infno,
        r.msgid,
        r.opter,
        r.state === 'reversed' ? '已冲正' : r.state === 'no-effect' ? '原交易未生效' : '需人工核实',
        r.resolution,
      ]),
    },
  ];
}
