/**
 * The TXT inside a 1301–1315 download (protocol.md §1.3, §2.16): UTF-8, one row per line,
 * TAB-separated, empty values as the literal `null`. The column order is the one the
 * center publishes for every catalogue (protocol/catalogue-file-columns.ts); ratios carry
 * 4 decimals and unit prices 6.
 */
import { parsePrice, parseRatio, type Ratio, type UnitPrice } from '../core/money';
import { CATALOGUE_FILE_COLUMNS, NULL_TEXT, type CatalogueFileColumn } from '../protocol/catalogue-file-columns';

/** The center's column order (shared with the sandbox that writes these files). */
export const CATALOGUE_TXT_COLUMNS = CATALOGUE_FILE_COLUMNS;
export type CatalogueTxtColumn = CatalogueFileColumn;

/** Index of each column in a line, e.g. TXT.code === 0. */
export const TXT = Object.fromEntries(CATALOGUE_TXT_COLUMNS.map((c, i) => [c, i])) as Readonly<
  Record<CatalogueTxtColumn, number>
>;

/** Empty value in the TXT (protocol.md §1.3). */
export const TXT_NULL = NULL_TEXT;

/** 先自付比例 text ("0.1000") as a Ratio; null when empty. Throws MoneyFormatError when malformed. */
export function ratioCell(cell: string | null): Ratio | null {
  return cell === null ? null : parseRatio(cell);
}

/** 限价 / 参考价 text ("15.557000") as a UnitPrice; null when empty. */
export function priceCell(cell: string | null): UnitPrice | null {
  return cell === null ? null : parsePrice(cell);
}
