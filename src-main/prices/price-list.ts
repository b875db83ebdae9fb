/**
 * The institution's own prices (本机构价目表), kept in the counter's database so a fee line is
 * priced when the item is picked: the price list (imported from CSV / XLSX or edited on the
 * screen) first, else the price the item was last charged at. Prices are UnitPrice integers
 * (1/1000000 yuan), never floats.
 */
import { YibaoError } from '../core/errors';
import { formatPriceShort, parsePrice, type UnitPrice } from '../core/money';
import type { Db } from '../storage/sqlite';
import { readGrid, type Cell } from '../inventory/sheet-read';

/** Headers of a price list file; 医保目录编码 and 单价 are required. */
export const PRICE_COLUMNS = { code: '医保目录编码', name: '名称', price: '单价' } as const;

export interface OwnPrice {
  /** Decimal yuan text, e.g. "12.50". */
  readonly price: string;
  /** 'list': from the price list; 'last': the last price charged. */
  readonly from: 'list' | 'last';
}

export interface PriceRow {
  readonly code: string;
  readonly name: string;
  /** Price list entry ('' when none). */
  readonly listPrice: string;
  /** Last price charged ('' when never). */
  readonly lastPrice: string;
  readonly updatedAt: string;
}

export interface PriceImportResult {
  readonly imported: number;
  /** Rows not taken, with their row number and why. */
  readonly refused: readonly { readonly rowNo: number; readonly message: string }[];
}

interface Row {
  code: string;
  name: string;
  list_price: number | null;
  last_price: number | null;
  updated_at: string;
}

const CODE = /^[0-9A-Za-z.\-_]{1,50}$/;
const text = (c: Cell | undefined): string => (c === null || c === undefined || c instanceof Date ? '' : String(c).trim());
const shown = (p: number | null): string => (p === null ? '' : formatPriceShort(p as UnitPrice));

/** A positive price from what the cashier or the file wrote, or a Chinese reason. */
export function parseOwnPrice(input: string): UnitPrice {
  let p: UnitPrice;
  try {
    p = parsePrice(input.trim());
  } catch {
    throw new YibaoError('E_PRICE_INVALID', `单价「${input}」不是有效的金额`);
  }
  if (p <= 0) throw new YibaoError('E_PRICE_INVALID', '单价必须大于 0');
  return p;
}

export class PriceList {
  private readonly getOne;
  private readonly getMany;
  private readonly putList;
  private readonly clearList;
  private readonly putLast;
  private readonly all;
  private readonly charged;

  constructor(private readonly db: Db) {
    this.getOne = db.prepare<[string], Row>('SELECT * FROM item_price WHERE code = ?');
    this.getMany = db.prepare<[string], Row>('SELECT * FROM item_price WHERE code IN (SELECT value FROM json_each(?))');
    this.putList = db.prepare<[string, string, number]>(
      `INSERT INTO item_price (code, name, list_price, updated_at) VALUES (?, ?, ?, datetime('now', 'localtime'))
       ON CONFLICT(code) DO UPDATE SET name = CASE WHEN excluded.name = '' THEN item_price.name ELSE excluded.name END,
         list_price = excluded.list_price, updated_at = excluded.updated_at`,
    );
    this.clearList = db.prepare<[string]>(
      "UPDATE item_price SET list_price = NULL, updated_at = datetime('now', 'localtime') WHERE code = ?",
    );
    this.putLast = db.prepare<[string, string, number]>(
      `INSERT INTO item_price (code, name, last_price, updated_at) VALUES (?, ?, ?, datetime('now', 'localtime'))
       ON CONFLICT(code) DO UPDATE SET name = CASE WHEN excluded.name = '' THEN item_price.name ELSE excluded.name END,
         last_price = excluded.last_price, updated_at = excluded.updated_at`,
    );
    this.all = db.prepare<[{ q: string }], Row>(
      `SELECT * FROM item_price WHERE (@q = '' OR code LIKE '%' || @q || '%' OR name LIKE '%' || @q || '%')
       ORDER BY list_price IS NULL, updated_at DESC LIMIT 500`,
    );
    this.charged = db.transaction((lines: readonly { code: string; name: string; pric: UnitPrice }[]) => {
      for (const l of lines) this.putLast.run(l.code, l.name, l.pric);
    });
  }

  /** The price to fill for an item: the price list's, else the last charged; null when neither. */
  priceOf(code: string): OwnPrice | null {
    const r = this.getOne.get(code);
    return r ? ownPrice(r) : null;
  }

  /** priceOf for several codes at once (a page of search hits). */
  pricesOf(codes: readonly string[]): Map<string, OwnPrice> {
    const out = new Map<string, OwnPrice>();
    if (codes.length === 0) return out;
    for (const r of this.getMany.all(JSON.stringify(codes))) {
      const p = ownPrice(r);
      if (p) out.set(r.code, p);
    }
    return out;
  }

  /** Sets (or with priceText '' removes) an item's price list entry. */
  set(code: string, name: string, priceText: string): PriceRow {
    const c = code.trim();
    if (!CODE.test(c)) throw new YibaoError('E_PRICE_INVALID', `医保目录编码「${code}」无效`);
    if (priceText.trim() === '') this.clearList.run(c);
    else this.putList.run(c, name.trim(), parseOwnPrice(priceText));
    const r = this.getOne.get(c);
    if (!r) throw new YibaoError('E_PRICE_INVALID', `价目表中没有 ${c}`);
    return rowView(r);
  }

  /** Remembers what each line was charged at (the fallback when the price list has no entry). */
  rememberCharged(lines: readonly { code: string; name: string; pric: UnitPrice }[]): void {
    this.charged(lines);
  }

  /** Entries whose code or name contains `query` (all when empty), price list entries first. */
  list(query = ''): PriceRow[] {
    const q = query.trim();
    return this.all.all({ q }).map(rowView);
  }

  /** Imports a CSV / XLSX price list (first row the headers 医保目录编码, 名称, 单价); bad rows are reported, the rest kept. */
  async importFile(filename: string, bytes: Uint8Array): Promise<PriceImportResult> {
    const grid = await readGrid(filename, bytes);
    const header = (grid[0] ?? []).map((c) => text(c));
    const at = {
      code: header.indexOf(PRICE_COLUMNS.code),
      name: header.indexOf(PRICE_COLUMNS.name),
      price: header.indexOf(PRICE_COLUMNS.price),
    };
    const missing = [at.code < 0 ? PRICE_COLUMNS.code : '', at.price < 0 ? PRICE_COLUMNS.price : ''].filter(Boolean);
    if (missing.length > 0) {
      throw new YibaoError('E_PRICE_FILE', `价目表第 1 行缺少列: ${missing.join(', ')}`, { filename });
    }
    const refused: { rowNo: number; message: string }[] = [];
    let imported = 0;
    this.db.transaction(() => {
      for (const [i, cells] of grid.slice(1).entries()) {
        if (cells.every((c) => text(c) === '')) continue;
        try {
          this.set(text(cells[at.code]), at.name >= 0 ? text(cells[at.name]) : '', text(cells[at.price]) || ' ');
          imported++;
        } catch (error) {
          if (!(error instanceof YibaoError)) throw error;
          refused.push({ rowNo: i + 2, message: error.messageZh });
        }
      }
    })();
    return { imported, refused };
  }
}

function ownPrice(r: Row): OwnPrice | null {
  if (r.list_price !== null) return { price: shown(r.list_price), from: 'list' };
  if (r.last_price !== null) return { price: shown(r.last_price), from: 'last' };
  return null;
}

function rowView(r: Row): PriceRow {
  return { code: r.code, name: r.name, listPrice: shown(r.list_price), lastPrice: shown(r.last_price), updatedAt: r.updated_at };
}
