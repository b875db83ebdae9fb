/**
 * 交班单 on paper: an operator's shift (settlements, refunds, net; reversals and open work) as
 * receipt blocks, so it prints in the configured paper through the same page renderer, printer
 * and browser frame as a receipt.
 */
import type { MoneyTotals, ShiftSummary } from '../counter/views';
import { yuanText, type ReceiptBlock } from './receipt-sections';

function totalsBlock(title: string, t: MoneyTotals, strong = false): ReceiptBlock {
  return {
    kind: 'amounts',
    title,
    rows: [
      { label: '笔数', value: String(t.count) },
      { label: '医疗费总额', value: yuanText(t.medfeeFen) },
      { label: '基金支付', value: yuanText(t.fundPayFen) },
      { label: '个人账户', value: yuanText(t.acctPayFen) },
      { label: '现金', value: yuanText(t.cashFen), strong },
    ],
  };
}

export function shiftSlipSections(
  summary: ShiftSummary,
  institution: { readonly code: string; readonly name: string },
  options: { readonly printedAt: string },
): ReceiptBlock[] {
  const open = summary.pending + summary.needsManual;
  return [
    { kind: 'header', institution: institution.name, title: '交班单', marks: [] },
    {
      kind: 'fields',
      title: '本班',
      rows: [
        ['机构编码', institution.code],
        ['操作员', `${summary.opter} ${summary.opterName}`.trim()],
        ['签到时间', summary.since],
        ['截至', summary.until],
        ['交易笔数 (全部)', String(summary.calls)],
      ],
    },
    totalsBlock('结算', summary.settlements),
    totalsBlock('退费', summary.refunds),
    totalsBlock('净额 (结算 - 退费)', summary.net, true),
    {
      kind: 'fields',
      title: '冲正与未结事项',
      rows: [
        ['已自动冲正', String(summary.reversed)],
        ['原交易未生效', String(summary.notApplied)],
        ['处理中', String(summary.pending)],
        ['需人工核实', String(summary.needsManual)],
      ],
    },
    {
      kind: 'footer',
      lines: [
        ...(open > 0 ? ['还有结果未明或需人工核实的交易, 请告知接班人'] : []),
        `打印时间 ${options.printedAt}`,
        '交班人签字: ____________',
        '接班人签字: ____________',
      ],
    },
  ];
}

/** The page title (the print job's name). */
export function shiftSlipTitle(summary: ShiftSummary): string {
  return `交班单 ${summary.opter} ${summary.since}`;
}
