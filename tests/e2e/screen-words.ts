/**
 * Issue 17 point 8: what a cashier may read on screen. Chinese text, plus Latin letters only where
 * they are a code or a unit. The walker (screen-language.test.ts) collects what the window shows and
 * asks `foreignWords` which Latin words have no business there.
 */
import type { Page } from 'playwright-core';

/**
 * Latin words a cashier meets without a Chinese word for them. Kept short on purpose: every entry
 * says why a Chinese word would not serve better.
 */
const ALLOWED: ReadonlySet<string> = new Set([
  // Units on packages and prescriptions: printed this way on the box the cashier holds.
  ...['mg', 'g', 'kg', 'ug', 'ml', 'mL', 'L', 'IU', 'U', 'cm', 'mm'],
  // Keys as printed on the keyboard the hints refer to (F1..F12 carry digits and pass as codes).
  ...['Esc', 'Enter', 'Tab', 'Ctrl', 'Shift', 'Alt'],
  // File types as the file dialog shows them when the cashier picks a price list or a report.
  ...['CSV', 'XLSX'],
  // The national spec's own Chinese names: 就诊ID, 结算ID, 报文ID. The center's staff and its printed
  // 结算单 use them; a word of our own would part the cashier from the center on the phone.
  'ID',
]);

/** Allowed by shape: a code or identifier (2101A, XA01…, H42…, msgids) carries a digit. */
const HAS_DIGIT = /\d/;
/** An error code the cashier reads out to the IT person (shown small, as 「代码 E_…」). */
const ERROR_CODE = /^E_[A-Z0-9_]+$/;

/** Each Latin word in the text that is neither a code, a unit nor on the short list; once each, in order. */
export function foreignWords(text: string): string[] {
  const found = new Set<string>();
  for (const token of text.match(/[A-Za-z0-9_]+/g) ?? []) {
    if (!/[A-Za-z]/.test(token)) continue;
    if (HAS_DIGIT.test(token) || ERROR_CODE.test(token) || ALLOWED.has(token)) continue;
    found.add(token);
  }
  return [...found];
}

/** Marks the one element whose text may be anything: the raw request / answer of 交易流水. */
export const RAW_MESSAGE_SELECTOR = '[data-raw-message]';

/** A piece of text on screen and where it is (nearest data-testid, else the element's tag and class). */
export interface ScreenPiece {
  readonly text: string;
  readonly where: string;
}

/**
 * What the window shows the cashier now: every text drawn on the page (open antd modals, drawers,
 * dropdowns and tooltips are part of the body), the tooltips hovering would show (`title`) and the
 * placeholders of empty fields. Text that is not drawn (display none, visibility hidden, or inside a
 * box of no size, like antd's screen-reader copy of a list's values) is not on screen. The
 * raw-message element is left out, and nothing else.
 */
export async function screenPieces(page: Page): Promise<ScreenPiece[]> {
  return page.evaluate<ScreenPiece[]>(`(${PIECES_IN_PAGE})(${JSON.stringify(RAW_MESSAGE_SELECTOR)})`);
}

/** Runs in the page (plain script: the test's tsconfig has no DOM types). */
const PIECES_IN_PAGE = String.raw`(rawSelector) => {
  const where = (el) => {
    const marked = el.closest('[data-testid]');
    if (marked) return marked.getAttribute('data-testid');
    return el.tagName.toLowerCase() + '.' + (String(el.className).split(' ')[0] || '');
  };
  const drawn = (el) => {
    if (el.getClientRects().length === 0) return false;
    if (getComputedStyle(el).visibility === 'hidden') return false;
    for (let up = el; up; up = up.parentElement) {
      const box = up.getBoundingClientRect();
      const style = getComputedStyle(up);
      if ((box.width < 1 || box.height < 1) && style.overflow !== 'visible') return false;
      if (style.opacity === '0') return false;
    }
    return true;
  };
  const pieces = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = (node.textContent || '').trim();
    if (!el || text === '' || el.closest(rawSelector) || el.tagName === 'SCRIPT' || el.tagName === 'STYLE') continue;
    if (drawn(el)) pieces.push({ text, where: where(el) });
  }
  for (const el of document.querySelectorAll('[title]')) {
    if (!el.closest(rawSelector) && drawn(el)) pieces.push({ text: el.getAttribute('title') || '', where: where(el) + ' (title)' });
  }
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (el.value === '' && drawn(el)) pieces.push({ text: el.placeholder, where: where(el) + ' (placeholder)' });
  }
  return pieces;
}`;

/** Each word not allowed on screen, with where it was first seen: "psn_name @ read-error". */
export function misplacedWords(pieces: readonly ScreenPiece[]): string[] {
  const found = new Map<string, string>();
  for (const piece of pieces) {
    for (const word of foreignWords(piece.text)) if (!found.has(word)) found.set(word, `${word} @ ${piece.where}`);
  }
  return [...found.values()];
}
