/**
 * The three paper layouts as parameters of one renderer: 58 mm and 80 mm thermal rolls (page as
 * long as the receipt) and the A4 医疗收费结算单. Pure, shared with the renderer (which sizes
 * the page the same way before the browser prints).
 */
import { RECEIPT_FORMATS, type ReceiptFormat } from './receipt-model';

export interface ReceiptLayout {
  readonly format: ReceiptFormat;
  /** Roll paper: the page is exactly as long as the content. */
  readonly roll: boolean;
  readonly pageWidthMm: number;
  /** Fixed sheet height (A4); null on a roll. */
  readonly pageHeightMm: number | null;
  readonly marginMm: number;
  readonly fontPx: number;
  /** Items as a table with every split column (A4) or two lines per item (roll). */
  readonly itemTable: boolean;
  /** Print amounts that are zero (the A4 form lists every fund; a slip only what was paid). */
  readonly showZeroAmounts: boolean;
  /** Characters per line of the plain-text preview. */
  readonly textColumns: number;
}

const LAYOUTS: Readonly<Record<ReceiptFormat, ReceiptLayout>> = {
  '58': {
    format: '58',
    roll: true,
    pageWidthMm: 58,
    pageHeightMm: null,
    marginMm: 2,
    fontPx: 11,
    itemTable: false,
    showZeroAmounts: false,
    textColumns: 32,
  },
  '80': {
    format: '80',
    roll: true,
    pageWidthMm: 80,
    pageHeightMm: null,
    marginMm: 3,
    fontPx: 12,
    itemTable: false,
    showZeroAmounts: false,
    textColumns: 46,
  },
  a4: {
    format: 'a4',
    roll: false,
    pageWidthMm: 210,
    pageHeightMm: 297,
    marginMm: 12,
    fontPx: 12,
    itemTable: true,
    showZeroAmounts: true,
    textColumns: 96,
  },
};

export function isReceiptFormat(value: unknown): value is ReceiptFormat {
  return typeof value === 'string' && (RECEIPT_FORMATS as readonly string[]).includes(value);
}

export function layoutFor(format: ReceiptFormat): ReceiptLayout {
  return LAYOUTS[format];
}

/** CSS pixels (96 per inch) → whole millimetres, rounded up so nothing is cut off. */
export function pxToMm(px: number): number {
  return Math.ceil((px * 254) / 960);
}

/** The page height to print: the sheet's, or the content's on a roll (at least 40 mm). */
export function pageHeightMm(layout: ReceiptLayout, contentHeightPx: number): number {
  return layout.pageHeightMm ?? Math.max(40, pxToMm(contentHeightPx));
}

/** The @page rule for a known content height (the HTML itself cannot say "as long as the content"). */
export function pageSizeCss(layout: ReceiptLayout, contentHeightPx: number): string {
  return `@page { size: ${layout.pageWidthMm}mm ${pageHeightMm(layout, contentHeightPx)}mm; margin: 0; }`;
}
