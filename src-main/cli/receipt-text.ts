/** The plain-text preview of a receipt for the terminal: the same blocks as the paper, in columns of the paper's width. */
import type { ReceiptLayout } from '../receipts/receipt-layout';
import type { ReceiptModel } from '../receipts/receipt-model';
import { lineLabel, receiptSections, yuanText, type ReceiptBlock, type ReceiptOptions } from '../receipts/receipt-sections';
import { displayWidth, pad } from './output';

/** Label on the left, value on the right, in `width` columns (a value too long goes on its own line). */
function spread(label: string, value: string, width: number): string {
  const gap = width - displayWidth(label) - displayWidth(value);
  return gap >= 1
    ? `${label}${' '.repeat(gap)}${value}`
    : `${label}\n${' '.repeat(Math.max(0, width - displayWidth(value)))}${value}`;
}

function center(text: string, width: number): string {
  return ' '.repeat(Math.max(0, Math.floor((width - displayWidth(text)) / 2))) + text;
}

function blockText(block: ReceiptBlock, width: number): string[] {
  const rule = '-'.repeat(width);
  switch (block.kind) {
    case 'header':
      return [center(block.institution, width), center(block.title, width), ...block.marks.map((m) => center(`【${m}】`, width))];
    case 'fields':
    case 'refund':
      return [
        rule,
        block.kind === 'refund' ? `【${block.title}】` : block.title,
        ...block.rows.map(([k, v]) => `${pad(k, 12)}${v}`),
      ];
    case 'items':
      return [
        rule,
        block.title,
        ...block.lines.flatMap((l) => [
          lineLabel(l),
          spread(
            `  ${[l.level.label, l.category.label].filter(Boolean).join(' ')} ${l.cntText} × ${l.pricText}`,
            yuanText(l.amountFen),
            width,
          ),
        ]),
      ];
    case 'amounts':
      return block.rows.length === 0 ? [] : [rule, block.title, ...block.rows.map((r) => spread(r.label, r.value, width))];
    case 'footer':
      return [rule, ...block.lines];
  }
}

export function renderReceiptText(model: ReceiptModel, layout: ReceiptLayout, options: ReceiptOptions): string {
  return receiptSections(model, layout, options)
    .flatMap((b) => blockText(b, layout.textColumns))
    .join('\n')
    .concat('\n');
}
