/**
 * What the counter knows about the catalogue transactions (protocol.md §2.16): which codes
 * deliver files, which are paged, their titles, where a 医保目录 row of 1312 belongs, and
 * the 1901 dictionary types the counter shows. Which of them a region uses is the
 * profile's `catalogueDownloads`, never decided here.
 */
import { findInterface } from '../registry/registry';
import { FILE_CATALOGUE_INFNOS } from '../protocol/catalogue-file-columns';

/** File downloads by version (1301–1311, 1313–1315). */
export const FILE_CATALOGUES = FILE_CATALOGUE_INFNOS;

/**
 * Paged queries by updt_time (1312 / 1312a 医保目录, 1316–1319 mappings, caps, ratios), and the file
 * catalogues a region queries directly instead (四川 1304, rows like 1312's): a profile marks each
 * code `file` or `paged`.
 */
export const PAGED_CATALOGUES = ['1304', '1312', '1312a', '1316', '1317', '1318', '1319'] as const;
export type PagedInfno = (typeof PAGED_CATALOGUES)[number];

/** The 1901 dictionary code: not in the profile's catalogueDownloads, always synced. */
export const DICTIONARY_INFNO = '1901';

/** 9102: the files of the version downloads come by it (center-port.ts). */
const FILE_DOWNLOAD_INFNO = '9102';

/**
 * Every code a catalogue download calls (files with their 9102, paged queries, 1901). Its calls are not a
 * cashier's business in progress: the header's 「n 笔处理中」 leaves them out while the first fill runs.
 */
export const CATALOGUE_DOWNLOAD_INFNOS: readonly string[] = [
  ...FILE_CATALOGUES,
  ...PAGED_CATALOGUES,
  DICTIONARY_INFNO,
  FILE_DOWNLOAD_INFNO,
];

/**
 * Dictionary types the counter shows (protocol.md §3). A type the center does not hold
 * answers an empty list; the counter then keeps what it had.
 */
export const COUNTER_DICTIONARY_TYPES = [
  'med_type',
  'insutype',
  'psn_type',
  'chrgitm_lv',
  'med_chrgitm_type',
  'fund_pay_type',
  'clr_type',
  'psn_cert_type',
  'gend',
  'mdtrt_cert_type',
  'list_type',
  'psn_setlway',
  'acct_used_flag',
  'clr_way',
  'naty',
  'cvlserv_flag',
  'psn_insu_stas',
  'psn_idet_type',
  'used_frqu',
  'diag_type',
  'vali_flag',
  'stmt_rslt',
] as const;

/** "西药中成药目录" from the registry's "西药中成药目录下载"; the code itself when unknown. */
export function catalogueTitle(infno: string): string {
  const name = findInterface(infno)?.name;
  return name ? name.replace(/(下载|查询)$/, '') : infno;
}

/** "1301 西药中成药目录", for messages. */
export function catalogueLabel(infno: string): string {
  return `${infno} ${catalogueTitle(infno)}`;
}

/**
 * The catalogue a 医保目录 row (1312 / 1312a) belongs to, by its list_type (§3 list_type),
 * so a row from the query and the same item from a file download are one local item.
 */
const LIST_TYPE_CATALOGUE: Readonly<Record<string, string>> = {
  '101': '1301',
  '102': '1302',
  '103': '1303',
  '104': '1304',
  '201': '1305',
  '301': '1306',
};

/** Catalogue of a 医保目录 row; the querying infno for a list_type the counter does not know. */
export function catalogueOfListType(listType: string | null, infno: string): string {
  return (listType && LIST_TYPE_CATALOGUE[listType]) ?? infno;
}
