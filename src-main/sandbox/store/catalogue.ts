/**
 * The published catalogues (1301–1315) and the 医保目录 query (1312). A catalogue is
 * published in versions; each version carries the rows it adds or changes, so the rows a
 * client lacks are "rows with ver > its local max ver". A changed item appears once per
 * version that touched it: the current state of a code is its row with the highest ver.
 * ver strings are fixed-width digits (yyyyMMddHHmmss), so text order is version order.
 */
import type { Ratio, UnitPrice } from '../amounts';
import { insertSql, selectList, toParams } from './columns';
import type { Db } from './db';
import { FILE_CATALOGUE_INFNOS } from '../spec/catalogue-file';

/** Download infnos that deliver a catalogue file. */
export const CATALOGUE_INFNOS = FILE_CATALOGUE_INFNOS;
export type CatalogueInfno = (typeof CATALOGUE_INFNOS)[number];

export interface CatalogueVersion {
  catalogue: CatalogueInfno;
  ver: string;
  verName: string;
  publishedAt: string;
  rowCount: number;
}

export interface CatalogueItem {
  catalogue: CatalogueInfno;
  /** list_type 101 / 102 / 201 / 301 for 医保目录 items; null for 1307–1315. */
  listType: string | null;
  /** National code (med_list_codg / hilist_code / diagnosis code). */
  code: string;
  name: string;
  /** 通用名 */
  gennm: string | null;
  /** 拼音首字母 of `name`, upper case. */
  pinyin: string;
  spec: string | null;
  dosform: string | null;
  pacunt: string | null;
  prodentpName: string | null;
  aprvno: string | null;
  /** EAN-13 */
  barcode: string | null;
  chrgitmLv: string | null;
  medChrgitmType: string | null;
  /** 先自付比例 (1319): 0 for 甲类, e.g. 0.1 for 乙类, 1 for 丙类. */
  selfpayProp: Ratio | null;
  /** 限价 (1318) per unit, or null. */
  pricUplmtAmt: UnitPrice | null;
  /** Reference retail price per unit. */
  refPric: UnitPrice | null;
  basMednFlag: string | null;
  hiNegoDrugFlag: string | null;
  chldMedcFlag: string | null;
  listSpItemFlag: string | null;
  lmtUsedFlag: string | null;
  drtReimFlag: string | null;
  /** 限制使用范围 text. */
  lmtScp: string | null;
  memo: string | null;
  begndate: string;
  enddate: string | null;
  valiFlag: '0' | '1';
  ver: string;
  updtTime: string;
}

export interface CatalogueItemRow extends CatalogueItem {
  rid: number;
  verName: string;
}

/** 1312 filters (all optional but the paging), matching the input field names in camelCase. */
export interface HilistQuery {
  /** Rows updated at or after this time (yyyy-MM-dd HH:mm:ss). */
  updtTime: string;
  pageNum: number;
  pageSize: number;
  hilistCode?: string;
  hilistName?: string;
  pinyin?: string;
  listType?: string;
  chrgitmLv?: string;
  medChrgitmType?: string;
  lmtUsedFlag?: string;
  valiFlag?: string;
  /** Only rows where this column is set (1318: rows with a price cap, 1319: with a self-pay ratio). */
  present?: 'pric_uplmt_amt' | 'selfpay_prop';
}

export interface HilistPage {
  rows: CatalogueItemRow[];
  total: number;
}

export const CATALOGUE_ITEM_COLUMNS = [
  'catalogue',
  'list_type',
  'code',
  'name',
  'gennm',
  'pinyin',
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
  'ver',
  'updt_time',
] as const;
const VERSION_COLUMNS = ['catalogue', 'ver', 'ver_name', 'published_at', 'row_count'] as const;

const ITEM_SELECT = `SELECT i.rid AS rid, ${selectList(CATALOGUE_ITEM_COLUMNS, 'i')}, v.ver_name AS verName
  FROM catalogue_item i JOIN catalogue_version v ON v.catalogue = i.catalogue AND v.ver = i.ver`;

export class CatalogueRepo {
  private readonly insertItemStmt;
  private readonly insertVersionStmt;
  private readonly versionsStmt;
  private readonly currentStmt;
  private readonly countStmt;
  private readonly countByListTypeStmt;

  constructor(private readonly db: Db) {
    this.insertItemStmt = db.prepare(insertSql('catalogue_item', CATALOGUE_ITEM_COLUMNS));
    this.insertVersionStmt = db.prepare(insertSql('catalogue_version', VERSION_COLUMNS));
    this.versionsStmt = db.prepare<[string], CatalogueVersion>(
      `SELECT ${selectList(VERSION_COLUMNS)} FROM catalogue_version WHERE catalogue = ? ORDER BY ver`,
    );
    this.currentStmt = db.prepare<[string], CatalogueItemRow>(`${ITEM_SELECT} WHERE i.code = ? ORDER BY i.ver DESC LIMIT 1`);
    this.countStmt = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM catalogue_item WHERE catalogue = ?');
    this.countByListTypeStmt = db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM catalogue_item WHERE list_type = ?',
    );
  }

  /** Publishes a version's header; insert its rows with `insertItems`. */
  insertVersion(version: CatalogueVersion): void {
    this.insertVersionStmt.run(toParams(VERSION_COLUMNS, version));
  }

  /** Bulk insert; call inside a transaction for speed. */
  insertItems(items: Iterable<CatalogueItem>): number {
    let n = 0;
    for (const item of items) {
      this.insertItemStmt.run(toParams(CATALOGUE_ITEM_COLUMNS, item));
      n++;
    }
    return n;
  }

  /** Published versions of a catalogue, oldest first. */
  versions(catalogue: CatalogueInfno): CatalogueVersion[] {
    return this.versionsStmt.all(catalogue);
  }

  /** Versions after `ver` (the client's local max), oldest first. */
  versionsAfter(catalogue: CatalogueInfno, ver: string): CatalogueVersion[] {
    return this.versions(catalogue).filter((v) => v.ver > ver);
  }

  /** The current row of a national code (highest version), in any catalogue. */
  current(code: string): CatalogueItemRow | undefined {
    return this.currentStmt.get(code);
  }

  count(catalogue: CatalogueInfno): number {
    return this.countStmt.get(catalogue)?.n ?? 0;
  }

  countByListType(listType: string): number {
    return this.countByListTypeStmt.get(listType)?.n ?? 0;
  }

  /** Rows with after < ver <= upTo, in (ver, rid) order, one at a time (a catalogue can be 100k rows). */
  *iterateVersions(catalogue: CatalogueInfno, after: string, upTo: string): IterableIterator<CatalogueItemRow> {
    const stmt = this.db.prepare<[string, string, string], CatalogueItemRow>(
      `${ITEM_SELECT} WHERE i.catalogue = ? AND i.ver > ? AND i.ver <= ? ORDER BY i.ver, i.rid`,
    );
    yield* stmt.iterate(catalogue, after, upTo);
  }

  /**
   * Like iterateVersions but as plain arrays of the named columns (catalogue_item columns,
   * `rid` or `ver_name`): building objects for 100k rows costs more than reading them.
   */
  *iterateColumns(
    catalogue: CatalogueInfno,
    after: string,
    upTo: string,
    columns: readonly string[],
  ): IterableIterator<unknown[]> {
    const known = new Set<string>([...CATALOGUE_ITEM_COLUMNS, 'rid']);
    const select = columns.map((c) => {
      if (c === 'ver_name') return 'v.ver_name';
      if (!known.has(c)) throw new Error(`unknown catalogue column ${c}`);
      return `i.${c}`;
    });
    const stmt = this.db
      .prepare<[string, string, string], unknown[]>(
        `SELECT ${select.join(', ')} FROM catalogue_item i
         JOIN catalogue_version v ON v.catalogue = i.catalogue AND v.ver = i.ver
         WHERE i.catalogue = ? AND i.ver > ? AND i.ver <= ? ORDER BY i.ver, i.rid`,
      )
      .raw(true);
    yield* stmt.iterate(catalogue, after, upTo);
  }

  /** Rows with ver > `after`, ordered by (ver, rid); `limit` caps the result (default all). */
  rowsAfter(catalogue: CatalogueInfno, after: string, limit = -1): CatalogueItemRow[] {
    return this.db
      .prepare<[string, string, number], CatalogueItemRow>(
        `${ITEM_SELECT} WHERE i.catalogue = ? AND i.ver > ? ORDER BY i.ver, i.rid LIMIT ?`,
      )
      .all(catalogue, after, limit);
  }

  /** 1312 医保目录信息查询: 医保目录 items (list_type set) updated since `updtTime`, paged, by (updt_time, rid). */
  queryHilist(q: HilistQuery): HilistPage {
    const where = ['i.list_type IS NOT NULL', 'i.updt_time >= @updt_time'];
    const params: Record<string, unknown> = { updt_time: q.updtTime };
    const eq = (column: string, value: string | undefined): void => {
      if (value === undefined || value === '') return;
      where.push(`i.${column} = @${column}`);
      params[column] = value;
    };
    eq('code', q.hilistCode);
    eq('list_type', q.listType);
    eq('chrgitm_lv', q.chrgitmLv);
    eq('med_chrgitm_type', q.medChrgitmType);
    eq('lmt_used_flag', q.lmtUsedFlag);
    eq('vali_flag', q.valiFlag);
    if (q.present) where.push(`i.${q.present} IS NOT NULL`);
    if (q.hilistName) {
      where.push("i.name LIKE @name ESCAPE '\\'");
      params['name'] = `%${escapeLike(q.hilistName)}%`;
    }
    if (q.pinyin) {
      where.push("i.pinyin LIKE @pinyin ESCAPE '\\'");
      params['pinyin'] = `${escapeLike(q.pinyin.toUpperCase())}%`;
    }
    const whereSql = where.join(' AND ');
    const pageSize = Math.max(1, Math.floor(q.pageSize));
    const pageNum = Math.max(1, Math.floor(q.pageNum));
    const total = (this.db.prepare(`SELECT count(*) AS n FROM catalogue_item i WHERE ${whereSql}`).get(params) as { n: number })
      .n;
    const rows = this.db
      .prepare(`${ITEM_SELECT} WHERE ${whereSql} ORDER BY i.updt_time, i.rid LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: pageSize, offset: (pageNum - 1) * pageSize }) as CatalogueItemRow[];
    return { rows, total };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}
