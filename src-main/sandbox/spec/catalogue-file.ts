/**
 * The catalogue download file as the center writes it: the sandbox's own table, built on what protocol.md says
 * (SPEC_CATALOGUE_FILE, generated from §1.3 / §2.16) — not the counter's protocol/catalogue-file-columns.ts it
 * judges, so a column moved or renamed in the counter's reader fails against this center instead of moving both.
 * The document names the first three columns and the version pair and says the real 1301 file has 92; the columns
 * it leaves open are the sandbox's own choice (OWN_MIDDLE_COLUMNS), kept to what the counter's catalogue needs.
 * tests/unit/sandbox-catalogue-file.test.ts checks this table against the document.
 */
import { SPEC_CATALOGUE_FILE } from '../../spec/spec-fields.generated';

/** Columns the document does not list (its 92 are not spelled out), in the sandbox's order. */
const OWN_MIDDLE_COLUMNS = [
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
] as const;

/** Column order of the TXT: the document's leading columns, the sandbox's own, then the document's version pair. */
export const CATALOGUE_FILE_COLUMNS = [
  ...SPEC_CATALOGUE_FILE.leadingColumns,
  ...OWN_MIDDLE_COLUMNS,
  ...SPEC_CATALOGUE_FILE.adjacentColumns.flat(),
] as const;
export type CatalogueFileColumn = (typeof CATALOGUE_FILE_COLUMNS)[number];

/** An empty value in the TXT (§1.3). */
export const NULL_TEXT = SPEC_CATALOGUE_FILE.nullText;

/**
 * Catalogues the center delivers as such a file: the document's 1301–1311, 1313–1315, and the newer editions this
 * sandbox also simulates (1306A 27位医用耗材; 1320 中药配方颗粒, which §2.16 names as newer without saying how it
 * is delivered; 1322–1327), as files in the same format.
 */
export const FILE_CATALOGUE_INFNOS = [
  ...SPEC_CATALOGUE_FILE.infnos,
  '1306A',
  '1320',
  '1322',
  '1323',
  '1324',
  '1325',
  '1326',
  '1327',
] as const;
