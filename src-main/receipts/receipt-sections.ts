/**
 * What goes on the paper, in order, decided once for every output (HTML for printing and PDF,
 * plain text for the CLI preview): header, the settlement's ids, the person, the items, the
 * category totals, the amounts with every fund, the refund mark and the footer. The layout only
 * decides whether zero amounts are listed; each output decides how a block looks.
 */
import { formatYuan, type Fen } from '../core/money';
import type { ReceiptLayout } from './receipt-layout';
import type { ReceiptLine, ReceiptModel } from './receipt-model';

export interface AmountRow {
  readonly label: string;
  /** Formatted yuan ("12.34"). */
  readonly value: string;
  readonly strong?: boolean;
}

export type ReceiptBlock =
  | { readonly kind: 'header'; readonly institution: string; readonly title: string; readonly marks: readonly string[] }
  | { readonly kind: 'fields'; readonly title: string; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'items'; readonly title: string; readonly lines: readonly ReceiptLine[] }
  | { readonly kind: 'amounts'; readonly title: string; readonly rows: readonly AmountRow[] }
  | { readonly kind: 'refund'; readonly title: string; readonly rows: readonly (readonly [string, string])[] }
  | { readonly kind: 'footer'; readonly lines: readonly string[] };

export interface ReceiptOptions {
  /** When the paper is printed (yyyy-MM-dd HH:mm:ss). */
  readonly printedAt: string;
  /** A copy printed again later (重打 from the history): marked 补打. */
  readonly reprint?: boolean;
  /** The CLI preview masks the name unless asked; paper for the patient shows it. */
  readonly maskName?: (name: string) => string;
}

export const yuanText = (fen: number): string => formatYuan(fen as Fen);

export function receiptTitle(model: ReceiptModel, layout: ReceiptLayout): string {
  if (!layout.roll) return '医疗收费结算单';
  return model.kind === 'pharmacy' ? '医保购药结算小票' : '门诊医保结算小票';
}

/** The name printed for a line: its name, else its code. */
export function lineLabel(line: ReceiptLine): string {
  return line.name || line.code;
}

export function receiptSections(model: ReceiptModel, layout: ReceiptLayout, options: ReceiptOptions): ReceiptBlock[] {
  const m = model;
  const shown = (fen: number) => layout.showZeroAmounts || fen !== 0;
  const name = options.maskName ? options.maskName(m.person.name) : m.person.name;
  const marks = [...(m.refund ? ['已退费'] : []), ...(options.reprint ? ['补打'] : [])];
  const ids: [string, string][] = [
    ['机构编码', m.institution.code],
    ['结算ID', m.setlId],
    ['就诊ID', m.mdtrtId],
    ...(m.chrgBchno ? [['收费批次号', m.chrgBchno] as [string, string]] : []),
    ['报文ID', m.msgid],
    ['交易', m.infno],
    ['结算时间', m.setlTime],
    ['操作员', [m.operator.code, m.operator.name].filter(Boolean).join(' ')],
  ];
  const person: [string, string][] = [
    ['姓名', [name, m.person.gender, m.person.age ? `${m.person.age}岁` : ''].filter(Boolean).join(' ')],
    ['身份证号', m.person.certnoMasked],
    ['人员编号', m.person.psnNoMasked],
    ['险种', m.insutype.label],
    ['人员类别', m.psnType.label],
    ['医疗类别', m.medType.label],
    ...(m.visit
      ? ([
          ['门诊号', m.visit.iptOtpNo],
          ['科室 / 医生', [m.visit.deptName, m.visit.doctorName].filter(Boolean).join(' / ')],
          ['诊断', m.visit.diagnoses.join('; ')],
        ] as [string, string][])
      : []),
  ];
  const amounts: AmountRow[] = [
    { label: '医疗费总额', value: yuanText(m.medfeeFen), strong: true },
    ...m.selfpay.filter((a) => shown(a.fen)).map((a) => ({ label: a.label, value: yuanText(a.fen) })),
    { label: '基金支付合计', value: yuanText(m.fundPaySumFen), strong: true },
    ...m.fundFields.filter((a) => shown(a.fen)).map((a) => ({ label: a.label, value: yuanText(a.fen) })),
    { label: '个人负担', value: yuanText(m.psnPartFen) },
    { label: '个人账户支付', value: yuanText(m.acctPayFen) },
    ...(shown(m.acctMulaidPayFen) ? [{ label: '个人账户共济支付', value: yuanText(m.acctMulaidPayFen) }] : []),
    { label: '现金支付', value: yuanText(m.psnCashPayFen), strong: true },
    { label: '个人账户余额 (结算后)', value: yuanText(m.balanceAfterFen) },
  ];
  const blocks: ReceiptBlock[] = [
    { kind: 'header', institution: m.institution.name, title: receiptTitle(m, layout), marks },
    { kind: 'fields', title: '结算信息', rows: ids },
    { kind: 'fields', title: '参保人', rows: person.filter(([, v]) => v !== '') },
    { kind: 'items', title: `费用明细 (${m.lines.length} 项)`, lines: m.lines },
    {
      kind: 'amounts',
      title: '费用分类',
      rows: m.categories.map((c) => ({ label: c.category.label || '未分类', value: yuanText(c.fen) })),
    },
    { kind: 'amounts', title: '结算金额', rows: amounts },
    {
      kind: 'amounts',
      title: '基金支付明细',
      rows: m.funds.map((f) => ({ label: f.fundPayType.label || f.fundPayType.code, value: yuanText(f.fen) })),
    },
  ];
  if (m.refund) {
    blocks.push({
      kind: 'refund',
      title: '已退费',
      rows: [
        ['退费时间', m.refund.time],
        ['退费交易', m.refund.infno],
        ['退费报文', m.refund.msgid],
        ['退费后账户余额', yuanText(m.refund.balanceAfterFen)],
      ],
    });
  }
  blocks.push({
    kind: 'footer',
    lines: [
      `打印时间 ${options.printedAt}${options.reprint ? ' (补打)' : ''}`,
      ...(layout.roll ? ['请妥善保管, 退费时请出示本小票'] : ['收款人 (签章): ____________', '参保人 (签字): ____________']),
    ],
  });
  return blocks;
}
