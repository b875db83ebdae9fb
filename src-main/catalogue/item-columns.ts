/**
 * The columns each kind of download writes into catalogue_item, in bind order: the file
 * parser (on any thread), the staging table of a large import and the item store all bind
 * or copy in this order.
 */
/** Columns a file row (1301–1315) writes, in bind order. */
export const FILE_ITEM_COLUMNS = [
  'catalogue',
  'code',
  'name',
  'gennm',
  'pinyin',
  'barcode',
  'spec',
  'dosform',
  'pacunt',
  'prodentp_name',
  'aprvno',
  'list_type',
  'chrgitm_lv',
  'med_chrgitm_type',
  'selfpay_prop',
  'pric_uplmt_amt',
  'ref_pric',
  'lmt_used_flag',
  'lmt_scp',
  'bas_medn_flag',
  'hi_nego_drug_flag',
  'chld_medc_flag',
  'list_sp_item_flag',
  'drt_reim_flag',
  'memo',
  'begndate',
  'enddate',
  'vali_flag',
  'ver',
  'updt_time',
  'source_infno',
] as const;

/** Columns a 医保目录 query row (1312 / 1312a) carries, in bind order. */
export const QUERY_ITEM_COLUMNS = [
  'catalogue',
  'code',
  'name',
  'pinyin',
  'list_type',
  'chrgitm_lv',
  'med_chrgitm_type',
  'lmt_used_flag',
  'memo',
  'begndate',
  'enddate',
  'vali_flag',
  'updt_time',
  'source_infno',
] as const;

/** A row's values in FILE_ITEM_COLUMNS / QUERY_ITEM_COLUMNS order. */
export type ItemParams = unknown[];
