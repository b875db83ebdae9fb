/**
 * The documented file layouts of the 进销存 import: one sheet (or CSV) per kind, the first row
 * holds the Chinese column headers below (in any order; other columns are ignored), one record
 * per row after it. A column marked required must be present; an optional column may be left
 * out and then takes its default. `yibao inventory import --help` and the README show these.
 */
import { INV_CHG_TYPES } from '../protocol/transactions/inventory';
import type { InventoryKind } from './kinds';

/** How a cell is read: text, a date, a date-time, a decimal with N places, a 是/否 flag. */
export type CellType = 'text' | 'date' | 'datetime' | 'qty2' | 'qty' | 'price' | 'flag' | 'chg-type' | 'data-type';

export interface Column {
  /** The header text in the file. */
  readonly header: string;
  /** The spec field it fills. */
  readonly field: string;
  readonly type: CellType;
  readonly required: boolean;
  /** Used when the column is absent or the cell empty. */
  readonly fallback?: string | ((row: Record<string, unknown>) => unknown);
}

const col = (header: string, field: string, type: CellType, required = true, fallback?: Column['fallback']): Column => ({
  header,
  field,
  type,
  required,
  fallback,
});
const opt = (header: string, field: string, type: CellType, fallback?: Column['fallback']) =>
  col(header, field, type, false, fallback);

const ITEM: readonly Column[] = [
  col('医保目录编码', 'med_list_codg', 'text'),
  col('本机构编码', 'fixmedins_hilist_id', 'text'),
  col('本机构名称', 'fixmedins_hilist_name', 'text'),
  col('批次号', 'fixmedins_bchno', 'text'),
];
const RX = opt('处方药', 'rx_flag', 'flag', '0');
const MEMO = opt('备注', 'memo', 'text');

const SALE_PERSON: readonly Column[] = [
  opt('结算ID', 'setl_id', 'text'),
  opt('人员编号', 'psn_no', 'text'),
  opt('人员证件类型', 'psn_cert_type', 'text'),
  opt('证件号码', 'certno', 'text'),
  opt('人员姓名', 'psn_name', 'text'),
];

export const LAYOUTS: Readonly<Record<InventoryKind, readonly Column[]>> = {
  inventory: [
    ...ITEM,
    col('盘存日期', 'invdate', 'date'),
    col('库存数量', 'inv_cnt', 'qty2'),
    opt('生产批号', 'manu_lotnum', 'text'),
    col('生产日期', 'manu_date', 'date'),
    col('有效期至', 'expy_end', 'date'),
    RX,
    MEMO,
  ],
  'stock-change': [
    ...ITEM,
    col('变更类型', 'inv_chg_type', 'chg-type'),
    col('单价', 'pric', 'price'),
    col('数量', 'cnt', 'qty'),
    col('变更时间', 'inv_chg_time', 'datetime'),
    opt('经办人', 'inv_chg_opter_name', 'text'),
    opt('拆零', 'trdn_flag', 'flag', '0'),
    RX,
    MEMO,
  ],
  purchase: [
    ...ITEM,
    opt('随货单号', 'dynt_no', 'text'),
    col('供应商', 'spler_name', 'text'),
    opt('供应商许可证号', 'spler_pmtno', 'text'),
    col('生产批号', 'manu_lotnum', 'text'),
    col('生产企业', 'prodentp_name', 'text'),
    col('批准文号', 'aprvno', 'text'),
    col('生产日期', 'manu_date', 'date'),
    col('有效期至', 'expy_end', 'date'),
    opt('单价', 'finl_trns_pric', 'price'),
    col('数量', 'purc_retn_cnt', 'qty'),
    opt('发票代码', 'purc_invo_codg', 'text'),
    opt('发票号', 'purc_invo_no', 'text'),
    col('入库时间', 'purc_retn_stoin_time', 'datetime'),
    col('经办人', 'purc_retn_opter_name', 'text'),
    opt('赠送', 'prod_geay_flag', 'flag', '0'),
    RX,
    MEMO,
  ],
  'purchase-return': [
    ...ITEM,
    col('供应商', 'spler_name', 'text'),
    opt('供应商许可证号', 'spler_pmtno', 'text'),
    col('生产日期', 'manu_date', 'date'),
    col('有效期至', 'expy_end', 'date'),
    opt('单价', 'finl_trns_pric', 'price'),
    col('数量', 'purc_retn_cnt', 'qty'),
    opt('发票代码', 'purc_invo_codg', 'text'),
    opt('发票号', 'purc_invo_no', 'text'),
    col('退货时间', 'purc_retn_stoin_time', 'datetime'),
    col('经办人', 'purc_retn_opter_name', 'text'),
    opt('采购流水号', 'medins_prod_purc_no', 'text'),
    RX,
    MEMO,
  ],
  sale: [
    ...ITEM,
    col('零售单据号', 'rtal_docno', 'text'),
    col('销售时间', 'sel_retn_time', 'datetime'),
    col('数量', 'sel_retn_cnt', 'qty'),
    opt('单价', 'finl_trns_pric', 'price'),
    col('生产批号', 'manu_lotnum', 'text'),
    col('生产日期', 'manu_date', 'date'),
    opt('有效期至', 'expy_end', 'date'),
    col('经办人', 'sel_retn_opter_name', 'text'),
    col('医保结算类型', 'hi_feesetl_type', 'text'),
    opt('就医流水号', 'mdtrt_sn', 'text', (row) => row['rtal_docno']),
    ...SALE_PERSON,
    opt('处方号', 'rxno', 'text'),
    opt('外购处方', 'rx_circ_flag', 'flag', '0'),
    opt('拆零', 'trdn_flag', 'flag', '0'),
    opt('开方医师证件类型', 'prsc_dr_cert_type', 'text'),
    opt('开方医师证件号码', 'prsc_dr_certno', 'text'),
    opt('开方医师', 'prsc_dr_name', 'text'),
    opt('药师证件类型', 'phar_cert_type', 'text'),
    opt('药师证件号码', 'phar_certno', 'text'),
    opt('药师', 'phar_name', 'text'),
    opt('药师执业资格证号', 'phar_prac_cert_no', 'text'),
    opt('追溯码', 'drug_trac_codg', 'text'),
    opt('条形码', 'drug_prod_barc', 'text'),
    RX,
    MEMO,
  ],
  'sale-return': [
    ...ITEM,
    col('退货时间', 'sel_retn_time', 'datetime'),
    col('数量', 'sel_retn_cnt', 'qty'),
    opt('单价', 'finl_trns_pric', 'price'),
    col('生产批号', 'manu_lotnum', 'text'),
    col('生产日期', 'manu_date', 'date'),
    opt('有效期至', 'expy_end', 'date'),
    col('经办人', 'sel_retn_opter_name', 'text'),
    col('就医流水号', 'mdtrt_sn', 'text'),
    opt('销售流水号', 'medins_prod_sel_no', 'text'),
    ...SALE_PERSON,
    opt('拆零', 'trdn_flag', 'flag', '0'),
    RX,
    MEMO,
  ],
  delete: [col('批次号', 'fixmedins_bchno', 'text'), col('数据类型', 'inv_data_type', 'data-type')],
};

/** Extra column of a sale / sale return: where the person is insured (envelope insuplc_admdvs). */
export const INSURED_AREA_HEADER = '参保地区划';

/** 变更类型 may be written as the code (101) or its name (调拨入库). */
export function chgTypeCode(text: string): string | undefined {
  if (text in INV_CHG_TYPES) return text;
  return Object.entries(INV_CHG_TYPES).find(([, t]) => t.label === text)?.[0];
}

/** 数据类型 of a delete: 1–4 or 盘存 / 库存变更 / 采购 / 销售. */
export function dataTypeCode(text: string): string | undefined {
  const names: Record<string, string> = { 盘存: '1', 库存变更: '2', 采购: '3', 销售: '4' };
  return ['1', '2', '3', '4'].includes(text) ? text : names[text.replace(/信息$/, '')];
}

/** One line per column, for help texts: "医保目录编码 (必填)". */
export function describeLayout(kind: InventoryKind): string {
  return LAYOUTS[kind].map((c) => `${c.header}${c.required ? ' (必填)' : ''}`).join(', ');
}
