/**
 * Fee lines as the cashier enters them (item, quantity and unit price as decimal text) → the
 * protocol's line fields, with exact integer arithmetic: det_item_fee_sumamt = cnt × pric rounded
 * to the fen, the total = Σ lines (the center checks both to the fen).
 */
import { YibaoError } from '../core/errors';
import {
  lineAmount,
  parsePrice,
  parseQty,
  priceNumber,
  qtyNumber,
  sumFen,
  yuanNumber,
  type Fen,
  type Qty,
  type UnitPrice,
} from '../core/money';
import type { SentLine } from './settlement-view';

export interface LineEntry {
  /** 医保目录编码 (med_list_codg). */
  readonly code: string;
  readonly name: string;
  /** The institution's own code for the item (medins_list_codg); default: the 医保 code. */
  readonly medinsCode?: string;
  readonly cntText: string;
  readonly pricText: string;
}

export interface PricedLine {
  readonly entry: LineEntry;
  readonly cnt: Qty;
  readonly pric: UnitPrice;
  readonly amount: Fen;
}

export const MAX_LINES = 200;

function parsePositive<T extends number>(text: string, parse: (t: string) => T, what: string, row: number): T {
  let value: T;
  try {
    value = parse(text);
  } catch {
    throw new YibaoError('E_LINE_INVALID', `第 ${row} 行${what}「${text}」不是有效的数字`, { row });
  }
  if (value <= 0) throw new YibaoError('E_LINE_INVALID', `第 ${row} 行${what}必须大于 0`, { row });
  return value;
}

export function priceLines(entries: readonly LineEntry[]): PricedLine[] {
  if (entries.length === 0) throw new YibaoError('E_LINE_INVALID', '至少录入一条明细');
  if (entries.length > MAX_LINES) throw new YibaoError('E_LINE_INVALID', `一次最多 ${MAX_LINES} 条明细, 请分单`);
  return entries.map((entry, i) => {
    const cnt = parsePositive(entry.cntText, parseQty, '数量', i + 1);
    const pric = parsePositive(entry.pricText, parsePrice, '单价', i + 1);
    const amount = lineAmount(cnt, pric);
    if (amount <= 0) throw new YibaoError('E_LINE_INVALID', `第 ${i + 1} 行金额不足 0.01 元, 请检查数量和单价`, { row: i + 1 });
    return { entry, cnt, pric, amount };
  });
}

export function totalOf(lines: readonly PricedLine[]): Fen {
  return sumFen(lines.map((l) => l.amount));
}

/** The fields 2101 / 2102 drugdetail and 2204 feedetail share. */
export function wireLine(line: PricedLine, sn: string, time: string) {
  return {
    feedetl_sn: sn,
    rx_circ_flag: '0' as const,
    fee_ocur_time: time,
    med_list_codg: line.entry.code,
    medins_list_codg: line.entry.medinsCode || line.entry.code,
    det_item_fee_sumamt: yuanNumber(line.amount),
    cnt: qtyNumber(line.cnt),
    pric: priceNumber(line.pric),
  };
}

export function sentLine(line: PricedLine, sn: string): SentLine {
  return { sn, code: line.entry.code, name: line.entry.name, cntText: line.entry.cntText, pricText: line.entry.pricText };
}
