/** Display helpers: money from integer fen, errors with what to do next, new basket ids. */
import { formatYuan, lineAmount, parsePrice, parseQty, type Fen } from '../../src-main/core/money';
import { ApiFailure } from './api/client';

/** Every date on screen and in date fields (the center's D format), whatever the browser's locale. */
export const DATE_FORMAT = 'YYYY-MM-DD';

/** Integer fen → "12.34" (never float arithmetic). */
export function yuan(fen: number): string {
  return formatYuan(fen as Fen);
}

/** Line amount for the preview of what is being typed; null while the text is not a valid number. */
export function previewLineFen(cntText: string, pricText: string): number | null {
  try {
    return lineAmount(parseQty(cntText.trim()), parsePrice(pricText.trim()));
  } catch {
    return null;
  }
}

/**
 * The typed unit price is above the item's 医保限价: compared as integers (1/1000000 yuan, finer
 * than fen, so 12.005 over a cap of 12.00 counts), never as floats. False while either is not a
 * valid price.
 */
export function aboveCap(pricText: string, capText: string | undefined): boolean {
  if (!capText) return false;
  try {
    return parsePrice(pricText.trim()) > parsePrice(capText.trim());
  } catch {
    return false;
  }
}

/** An hour of the day as the axis shows it: 8 → "08:00". */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** What a bar of the day chart says: settlements over the bar, refunds (when any) in red. */
export function hourCountLabels(p: { settleCount: number; refundCount: number }): { settled: string; refunded: string } {
  return {
    settled: p.settleCount > 0 ? `${p.settleCount} 笔` : '',
    refunded: p.refundCount > 0 ? `退 ${p.refundCount} 笔` : '',
  };
}

export interface UiError {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
}

export function uiError(e: unknown): UiError {
  if (e instanceof ApiFailure) return { code: e.code, message: e.message, hint: e.hint };
  return { code: 'E_UI', message: e instanceof Error ? e.message : String(e) };
}

/** A basket / request id: letters and digits, unique enough per counter (time + randomness). */
export function newBasketId(): string {
  const random = new Uint32Array(2);
  crypto.getRandomValues(random);
  const text = `B${Date.now().toString(36)}${random[0]?.toString(36) ?? ''}${random[1]?.toString(36) ?? ''}`;
  return text.toUpperCase().slice(0, 24);
}
