/**
 * 清算申请单 on paper (湖北 3205a): the center's form of one clearing application, as receipt blocks,
 * so it prints on the configured printer, or in the browser's print in web mode, like the 交班单.
 */
import { formatDateTime } from '../core/time';
import { formatYuan, parseYuan } from '../core/money';
import type { Operator } from '../protocol/center-client';
import type { HtmlPrinter } from '../receipts/html-printer';
import type { ReceiptDesk } from '../receipts/receipt-desk';
import type { ReceiptBlock } from '../receipts/receipt-sections';
import type { ShiftSlipPrintOutcome } from '../receipts/receipt-model';
import { printClearing } from './clearing-applications';
import type { ReconcileApp } from './reconcile-runner';

type Printed = Awaited<ReturnType<typeof printClearing>>;

const yuanOf = (v: number | string | null | undefined): string => (v == null ? '' : formatYuan(parseYuan(v)));

export function clearingFormSections({ application: a, form: f }: Printed, printedAt: string): ReceiptBlock[] {
  return [
    { kind: 'header', institution: f.fixmedins_name ?? '', title: '清算申请单', marks: f.appy_stas === '0' ? ['已撤销'] : [] },
    {
      kind: 'fields',
      title: '申请',
      rows: [
        ['申请号', f.clr_appy_evt_id],
        ['机构编码', f.fixmedins_code ?? ''],
        ['申请交易', `${f.appy_infno ?? a.infno} ${f.appy_name ?? ''}`.trim()],
        ['人员', a.personsLabel],
        ['申请时间', f.appy_time ?? a.appliedAt],
        ['期间', `${f.stmt_begndate ?? a.begndate} 至 ${f.stmt_enddate ?? a.enddate}`],
        ['险种', f.insutype ?? a.insutype],
        ['清算类别', f.clr_type ?? a.clrType],
        ['经办机构', f.setl_optins ?? a.setlOptins],
      ],
    },
    {
      kind: 'amounts',
      title: '金额',
      rows: [
        { label: '笔数', value: String(f.fixmedins_setl_cnt ?? a.count) },
        { label: '医疗费总额', value: yuanOf(f.medfee_sumamt) },
        { label: '基金支付', value: yuanOf(f.fund_pay_sumamt), strong: true },
        { label: '个人账户', value: yuanOf(f.acct_pay) },
      ],
    },
    { kind: 'footer', lines: [`打印时间 ${printedAt}`, '经办人签字: ____________', '机构盖章: ____________'] },
  ];
}

/** 3205a for one application, then the form on the receipt printer (or back to the browser to print). */
export async function printClearingForm(
  app: ReconcileApp,
  receipts: ReceiptDesk,
  id: number,
  shell: HtmlPrinter | null,
  operator?: Operator,
): Promise<ShiftSlipPrintOutcome> {
  const printed = await printClearing(app, id, operator);
  const title = `清算申请单 ${printed.form.clr_appy_evt_id}`;
  const page = receipts.renderBlocks(title, clearingFormSections(printed, formatDateTime(new Date())), 'a4');
  return receipts.printPage(page, shell, '清算申请单', '再打印', { id: String(id) });
}
