/**
 * The local catalogue: one row per (code, catalogue) holding the item's current state, kept
 * by upserts that only ever move an item forward in time, and the name index that goes with
 * it. Everything that writes items goes through here, so the index cannot drift.
 *
 * Forward only: a row replaces the stored one when its updt_time is later, or (file rows)
 * when it is as late but of a higher version. Re-importing a file or a page after an
 * interruption therefore changes nothing and adds no duplicates, and an old row arriving
 * after a newer one (1312 pages go from the oldest change) cannot undo it.
 */
import type { Db } from '../storage/sqlite';
import { nameTokens } from './name-tokens';

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

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Indexes a large import rebuilds at its end instead of updating row by row (building an
 * index from sorted keys is several times faster than a million random inserts). The
 * statements are the ones of migration 3; `ensureSearchIndexes` runs on every open, so an
 * import killed while they were dropped leaves nothing missing.
 */
const SEARCH_INDEXES: readonly (readonly [string, string])[] = [
  ['catalogue_item_by_pinyin', 'ON catalogue_item(pinyin) WHERE pinyin IS NOT NULL'],
  ['catalogue_item_by_barcode', 'ON catalogue_item(barcode) WHERE barcode IS NOT NULL'],
];

const FILE_NEWER = `excluded.updt_time > catalogue_item.updt_time
  OR (excluded.updt_time = catalogue_item.updt_time AND coalesce(excluded.ver, '') > coalesce(catalogue_item.ver, ''))`;
const QUERY_NEWER = 'excluded.updt_time > catalogue_item.updt_time';

function upsertSql(columns: readonly string[], newer: string): string {
  const keys = new Set(['code', 'catalogue']);
  const set = columns
    .filter((c) => !keys.has(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return `INSERT INTO catalogue_item (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
    ON CONFLICT(code, catalogue) DO UPDATE SET ${set} WHERE ${newer}
    RETURNING id`;
}

export class CatalogueItemStore {
  private readonly upsertFile;
  private readonly upsertQuery;
  private readonly maxId;
  private readonly indexRange;
  private readonly unindex;
  private readonly indexOne;
  private readonly countAll;
  private readonly countByCatalogue;

  constructor(readonly db: Db) {
    // The name index calls back into JS for the tokens; registered on every connection that writes items.
    db.function('catalogue_name_tokens', { deterministic: true }, (name: unknown) => nameTokens(String(name ?? '')));
    this.ensureSearchIndexes();
    this.upsertFile = db.prepare<unknown[], { id: number }>(upsertSql(FILE_ITEM_COLUMNS, FILE_NEWER));
    this.upsertQuery = db.prepare<unknown[], { id: number }>(upsertSql(QUERY_ITEM_COLUMNS, QUERY_NEWER));
    this.maxId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM catalogue_item');
    this.indexRange = db.prepare<[number, number]>(
      `INSERT INTO catalogue_name_fts (rowid, chars)
       SELECT id, catalogue_name_tokens(name) FROM catalogue_item WHERE id BETWEEN ? AND ?`,
    );
    this.unindex = db.prepare<[number]>('DELETE FROM catalogue_name_fts WHERE rowid = ?');
    this.indexOne = db.prepare<[number]>(
      `INSERT INTO catalogue_name_fts (rowid, chars)
       SELECT id, catalogue_name_tokens(name) FROM catalogue_item WHERE id = ?`,
    );
    this.countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM catalogue_item');
    this.countByCatalogue = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM catalogue_item WHERE catalogue = ?');
  }

  /** Creates the search indexes when missing (after an interrupted bulk import). */
  ensureSearchIndexes(): void {
    for (const [name, on] of SEARCH_INDEXES) this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ${on}`);
  }

  /**
   * Runs a large import with the search indexes dropped and rebuilt afterwards, also when
   * the import fails. Searches meanwhile still work, by scanning.
   */
  async withoutSearchIndexes<T>(fn: () => Promise<T>): Promise<T> {
    for (const [name] of SEARCH_INDEXES) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
    try {
      return await fn();
    } finally {
      this.ensureSearchIndexes();
    }
  }

  /** Upserts file rows (FILE_ITEM_COLUMNS order). Call inside a transaction. */
  upsertFileRows(rows: readonly ItemParams[]): UpsertCounts {
    return this.upsertWith(this.upsertFile, rows);
  }

  /** Upserts 医保目录 query rows (QUERY_ITEM_COLUMNS order). Call inside a transaction. */
  upsertQueryRows(rows: readonly ItemParams[]): UpsertCounts {
    return this.upsertWith(this.upsertQuery, rows);
  }

  /** Items stored, in all catalogues or in one. */
  count(catalogue?: string): number {
    return (catalogue === undefined ? this.countAll.get() : this.countByCatalogue.get(catalogue))?.n ?? 0;
  }

  private upsertWith(stmt: typeof this.upsertFile, rows: readonly ItemParams[]): UpsertCounts {
    // Rowids of new rows are above every id stored before the batch (INTEGER PRIMARY KEY).
    const before = this.maxId.get()?.id ?? 0;
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    let lastNew = before;
    const changed: number[] = [];
    for (const row of rows) {
      const hit = stmt.get(row);
      if (hit === undefined) counts.unchanged++;
      else if (hit.id > lastNew) {
        counts.inserted++;
        lastNew = hit.id;
      } else {
        counts.updated++;
        // A row inserted earlier in this batch is indexed with the range below.
        if (hit.id <= before) changed.push(hit.id);
      }
    }
    // New rows got consecutive ids inside this transaction: index them in one statement.
    if (lastNew > before) this.indexRange.run(before + 1, lastNew);
    for (const id of new Set(changed)) {
      this.unindex.run(id);
      this.indexOne.run(id);
    }
    return counts;
  }
}
