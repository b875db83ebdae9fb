/**
 * The TXT inside a 1301–1315 catalogue download (protocol.md §1.3, §2.16): UTF-8, one row per
 * line, TAB-separated, empty values as the literal `null`. The center writes it (sandbox), the
 * counter reads it (catalogue sync): one column list for both.
 */
/**
 * Column order of the TXT. protocol.md §2.16 names the first three — "catalogue code, trade name, generic name" —
 * and the sandbox center writes its files by that (sandbox/spec/catalogue-file.ts, its own table), so the order
 * here must follow the document, not the other way round.
 */
export const CATALOGUE_FILE_COLUMNS = [
  'code',
  'name',
  'gennm',
  'pinyin',
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
export type CatalogueFileColumn = (typeof CATALOGUE_FILE_COLUMNS)[number];

export const NULL_TEXT = 'null';

/** Catalogues delivered as such a file, by version (1301–1311, 1313–1315, 1306A, 1320, 1322–1327; 1312 is a paged query). */
export const FILE_CATALOGUE_INFNOS = [
  '1301',
  '1302',
  '1303',
  '1304',
  '1305',
  '1306',
  '1307',
  '1308',
  '1309',
  '1310',
  '1311',
  '1313',
  '1314',
  '1315',
  // Newer editions: 27位医用耗材, 中药配方颗粒, 体外诊断试剂 (same file format).
  '1306A',
  '1320',
  '1322',
  '1323',
  '1324',
  '1325',
  '1326',
  '1327',
] as const;
