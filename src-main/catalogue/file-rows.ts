/**
 * One line of a 1301–1315 download TXT as the parameters of a catalogue_item row: the checks
 * and conversions (empties as null, ratios and prices as integers, 拼音 upper case) that every
 * import applies, on the main thread for small files and in the parse workers for large ones.
 */
import { MoneyFormatError } from '../core/money';
import { fileError } from './errors';
import { CATALOGUE_TXT_COLUMNS, TXT, TXT_NULL, priceCell, ratioCell } from './file-format';
import { FILE_ITEM_COLUMNS, type ItemParams } from './item-columns';

const COLUMN_COUNT = CATALOGUE_TXT_COLUMNS.length;

/** Position of `ver` in the parameters parseLine builds. */
export const VER_PARAM = FILE_ITEM_COLUMNS.indexOf('ver');

/** One TXT line as FILE_ITEM_COLUMNS parameters; null for a blank line. */
export function parseLine(raw: string, infno: string, filename: string, lineNo: number): ItemParams | null {
  const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
  if (text === '') return null;
  const c: (string | null)[] = text.split('\t');
  if (c.length !== COLUMN_COUNT) {
    throw fileError(infno, filename, `有 ${c.length} 列, 应为 ${COLUMN_COUNT} 列 (TAB 分隔)`, lineNo);
  }
  for (let i = 0; i < COLUMN_COUNT; i++) if (c[i] === TXT_NULL || c[i] === '') c[i] = null;
  const code = c[TXT.code] as string | null;
  const name = c[TXT.name] as string | null;
  const updtTime = c[TXT.updt_time] as string | null;
  if (code === null || name === null || updtTime === null) {
    throw fileError(infno, filename, '缺少目录编码、名称或更新时间', lineNo);
  }
  const pinyin = c[TXT.pinyin] as string | null;
  let selfpay: unknown, cap: unknown, ref: unknown;
  try {
    selfpay = ratioCell(c[TXT.selfpay_prop] as string | null);
    cap = priceCell(c[TXT.pric_uplmt_amt] as string | null);
    ref = priceCell(c[TXT.ref_pric] as string | null);
  } catch (error) {
    if (!(error instanceof MoneyFormatError)) throw error;
    const column = (['selfpay_prop', 'pric_uplmt_amt', 'ref_pric'] as const).find((k) => c[TXT[k]] === String(error.input));
    throw fileError(infno, filename, `${column ?? '金额'} 不是有效的数值: ${String(error.input)}`, lineNo);
  }
  // Same order as FILE_ITEM_COLUMNS.
  return [
    infno,
    code,
    name,
    c[TXT.gennm],
    pinyin === null ? null : pinyin.toUpperCase(),
    c[TXT.barcode],
    c[TXT.spec],
    c[TXT.dosform],
    c[TXT.pacunt],
    c[TXT.prodentp_name],
    c[TXT.aprvno],
    c[TXT.list_type],
    c[TXT.chrgitm_lv],
    c[TXT.med_chrgitm_type],
    selfpay,
    cap,
    ref,
    c[TXT.lmt_used_flag],
    c[TXT.lmt_scp],
    c[TXT.bas_medn_flag],
    c[TXT.hi_nego_drug_flag],
    c[TXT.chld_medc_flag],
    c[TXT.list_sp_item_flag],
    c[TXT.drt_reim_flag],
    c[TXT.memo],
    c[TXT.begndate],
    c[TXT.enddate],
    c[TXT.vali_flag] ?? '1',
    c[TXT.ver],
    updtTime,
    infno,
  ];
}
