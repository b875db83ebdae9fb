/**
 * The TXT inside a 1301–1315 download (protocol.md §1.3, §2.16): UTF-8, one row per line,
 * TAB-separated, empty values as the literal `null`. The column order is the one the
 * center publishes for every catalogue (the sandbox's CATALOGUE_FILE_COLUMNS; a unit test
 * keeps the two equal); ratios carry 4 decimals and unit prices 6.
 */
import { parsePrice, parseRatio, type Ratio, type UnitPrice } from '../core/money';

export const CATALOGUE_TXT_COLUMNS = [
  'code',
  'name',
  'pinyin',
  'gennm',
  'list_type',
  'spec',
  'dosform',
  'pacunt',
  'prodentp_name',
  'aprvno',
  'barcode',
  'chrgitm_lv',
  'med_chrgitm_type',
  'selfpay_prop',
  'pric_uplmt_amt',
  'ref_pric',
  'bas_medn_flag',
  'hi_nego_drug_flag',
  'chld_medc_flag',
  'list_sp_item_flag',
  'lmt_used_flag',
  'drt_reim_flag',
  'lmt_scp',
  'memo',
  'begndate',
  'enddate',
  'vali_flag',
  'rid',
  'updt_time',
  'ver',
  'ver_name',
] as const;
export type CatalogueTxtColumn = (typeof CATALOGUE_TXT_COLUMNS)[number];

/** Index of each column in a line, e.g. TXT.code === 0. */
export const TXT = Object.fromEntries(CATALOGUE_TXT_COLUMNS.map((c, i) => [c, i])) as Readonly<
  Record<CatalogueTxtColumn, number>
>;

export const TXT_NULL = 'null';

/** 先自付比例 text ("0.1000") as a Ratio; null when empty. Throws MoneyFormatError when malformed. */
export function ratioCell(cell: string | null): Ratio | null {
  return cell === null ? null : parseRatio(cell);
}

/** 限价 / 参考价 text ("15.557000") as a UnitPrice; null when empty. */
export function priceCell(cell: string | null): UnitPrice | null {
  return cell === null ? null : parsePrice(cell);
}
