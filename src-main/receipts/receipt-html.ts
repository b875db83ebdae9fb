/**
 * The receipt as a self-contained HTML page (inline CSS, no scripts, no external resources) for
 * every output: Electron's print window, the browser's print frame and Chromium's PDF. The page
 * is `pageWidthMm` wide; on a roll the printing side sets the page height to the content's.
 */
import type { ReceiptLayout } from './receipt-layout';
import type { ReceiptModel } from './receipt-model';
import { lineLabel, receiptSections, yuanText, type ReceiptBlock, type ReceiptOptions } from './receipt-sections';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** CJK fonts a counter PC has: Windows (YaHei, SimSun), Debian (Noto CJK, WenQuanYi). */
const FONTS = `"Microsoft YaHei", "Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", SimSun, sans-serif`;

function css(layout: ReceiptLayout): string {
  const sheet =
    layout.pageHeightMm === null ? '' : `@page { size: ${layout.pageWidthMm}mm ${layout.pageHeightMm}mm; margin: 0; }`;
  return `
${sheet}
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { width: ${layout.pageWidthMm}mm; font-family: ${FONTS}; font-size: ${layout.fontPx}px; line-height: 1.35; }
.paper { padding: ${layout.marginMm}mm; position: relative; }
h1 { font-size: ${layout.fontPx + 3}px; text-align: center; margin: 0; }
h2 { font-size: ${layout.fontPx + 1}px; text-align: center; margin: 1mm 0 0; font-weight: normal; }
h3 { font-size: ${layout.fontPx}px; margin: 2mm 0 1mm; border-bottom: 1px dashed #000; }
.marks { text-align: center; margin-top: 1mm; }
.mark { display: inline-block; border: 2px solid #000; padding: 0 2mm; margin: 0 1mm; font-weight: bold; font-size: ${layout.fontPx + 2}px; }
table { width: 100%; border-collapse: collapse; }
td, th { padding: 0.3mm 0.5mm; vertical-align: top; overflow-wrap: anywhere; }
td.wide { padding-left: 3mm; }
td.num, th.num { text-align: right; white-space: nowrap; }
.kv td:first-child { white-space: nowrap; width: 1%; padding-right: 2mm; }
.strong td { font-weight: bold; }
.item-name { font-weight: bold; }
.item-detail td { padding-bottom: 1mm; }
.sheet th, .sheet td { border: 1px solid #000; }
.sheet th { background: #eee; font-weight: normal; }
.refund { border: 2px solid #000; padding: 1mm; margin-top: 2mm; }
.footer { margin-top: 3mm; text-align: center; }
.footer p { margin: 0.5mm 0; }
${layout.roll ? '' : '.kv.two, .items.sheet { table-layout: fixed; } .footer { text-align: left; margin-top: 8mm; }'}
`;
}

/** Rough width of a text in em: CJK characters take a full em, the rest about half. */
function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\uffff]/.test(ch) ? 1 : 0.62;
  return w;
}

/** On a roll, a label and value that do not fit one line go on two, so ids are never broken. */
function fitsOneLine(label: string, value: string, layout: ReceiptLayout): boolean {
  const usableEm = ((layout.pageWidthMm - 2 * layout.marginMm) * 96) / 25.4 / layout.fontPx;
  return emWidth(label) + 1.6 + emWidth(value) <= usableEm; // 1.6: cell padding and the gap
}

function fieldsHtml(rows: readonly (readonly [string, string])[], layout: ReceiptLayout): string {
  if (layout.roll) {
    const trs = rows.map(([k, v]) =>
      fitsOneLine(k, v, layout)
        ? `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`
        : `<tr><td colspan="2">${escapeHtml(k)}</td></tr><tr><td colspan="2" class="wide">${escapeHtml(v)}</td></tr>`,
    );
    return `<table class="kv">${trs.join('')}</table>`;
  }
  // A4: two label/value pairs per row, like the printed form.
  const cells = rows.map(([k, v]) => `<td class="label">${escapeHtml(k)}</td><td>${escapeHtml(v)}</td>`);
  const trs: string[] = [];
  for (let i = 0; i < cells.length; i += 2) trs.push(`<tr>${cells[i] ?? ''}${cells[i + 1] ?? '<td></td><td></td>'}</tr>`);
  const cols =
    '<colgroup><col style="width:13%"><col style="width:37%"><col style="width:13%"><col style="width:37%"></colgroup>';
  return `<table class="kv two sheet">${cols}${trs.join('')}</table>`;
}

function itemsHtml(block: Extract<ReceiptBlock, { kind: 'items' }>, layout: ReceiptLayout): string {
  if (layout.itemTable) {
    const head = ['序号', '项目名称', '医保编码', '收费类别', '医保等级', '数量', '单价', '金额', '全自费', '超限价', '先行自付'];
    // Percent widths: the 20-odd character 医保编码 stays on one line.
    const widths = [4, 22, 25, 7, 6, 5, 6, 7, 6, 6, 6];
    const cols = `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;
    const body = block.lines
      .map(
        (l, i) =>
          `<tr><td class="num">${i + 1}</td><td>${escapeHtml(lineLabel(l))}</td><td>${escapeHtml(l.code)}</td>` +
          `<td>${escapeHtml(l.category.label)}</td><td>${escapeHtml(l.level.label)}</td>` +
          `<td class="num">${escapeHtml(l.cntText)}</td><td class="num">${escapeHtml(l.pricText)}</td>` +
          `<td class="num">${yuanText(l.amountFen)}</td><td class="num">${yuanText(l.fulamtOwnpayFen)}</td>` +
          `<td class="num">${yuanText(l.overlmtFen)}</td><td class="num">${yuanText(l.preselfpayFen)}</td></tr>`,
      )
      .join('');
    return `<table class="sheet items">${cols}<tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${body}</table>`;
  }
  const body = block.lines
    .map(
      (l) =>
        `<tr><td colspan="2" class="item-name">${escapeHtml(lineLabel(l))}</td></tr>` +
        `<tr class="item-detail"><td>${escapeHtml([l.level.label, l.category.label].filter(Boolean).join(' '))} ` +
        `${escapeHtml(l.cntText)} × ${escapeHtml(l.pricText)}</td><td class="num">${yuanText(l.amountFen)}</td></tr>`,
    )
    .join('');
  return `<table class="items">${body}</table>`;
}

function amountsHtml(block: Extract<ReceiptBlock, { kind: 'amounts' }>, layout: ReceiptLayout): string {
  const rows = block.rows
    .map(
      (r) =>
        `<tr${r.strong ? ' class="strong"' : ''}><td>${escapeHtml(r.label)}</td><td class="num">${escapeHtml(r.value)}</td></tr>`,
    )
    .join('');
  return `<table class="amounts${layout.roll ? '' : ' sheet'}">${rows}</table>`;
}

function blockHtml(block: ReceiptBlock, layout: ReceiptLayout): string {
  switch (block.kind) {
    case 'header':
      return (
        `<h1>${escapeHtml(block.institution)}</h1><h2>${escapeHtml(block.title)}</h2>` +
        (block.marks.length > 0
          ? `<div class="marks">${block.marks.map((m) => `<span class="mark">${escapeHtml(m)}</span>`).join('')}</div>`
          : '')
      );
    case 'fields':
      return `<h3>${escapeHtml(block.title)}</h3>${fieldsHtml(block.rows, layout)}`;
    case 'items':
      return `<h3>${escapeHtml(block.title)}</h3>${itemsHtml(block, layout)}`;
    case 'amounts':
      return block.rows.length === 0 ? '' : `<h3>${escapeHtml(block.title)}</h3>${amountsHtml(block, layout)}`;
    case 'refund':
      return `<div class="refund"><h3>${escapeHtml(block.title)}</h3>${fieldsHtml(block.rows, { ...layout, roll: true, marginMm: layout.marginMm + 2 })}</div>`;
    case 'footer':
      return `<div class="footer">${block.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>`;
  }
}

/** A page of receipt blocks in this paper (the receipt, the 交班单). */
export function renderBlocksHtml(title: string, blocks: readonly ReceiptBlock[], layout: ReceiptLayout): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${css(layout)}</style></head>
<body data-format="${layout.format}"><div class="paper">${blocks.map((b) => blockHtml(b, layout)).join('\n')}</div></body></html>`;
}

export function renderReceiptHtml(model: ReceiptModel, layout: ReceiptLayout, options: ReceiptOptions): string {
  return renderBlocksHtml(`${model.institution.name} ${model.setlId}`, receiptSections(model, layout, options), layout);
}
