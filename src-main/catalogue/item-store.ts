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
import { FILE_ITEM_COLUMNS, QUERY_ITEM_COLUMNS, type ItemParams } from './item-columns';
import { ItemIndexes, type DuplicateCounts } from './item-indexes';
import { searchTokens } from './name-tokens';
import { STAGED_ITEMS, STAGED_NAMES } from './stage-file';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

const FILE_NEWER = `excluded.updt_time > catalogue_item.updt_time
  OR (excluded.updt_time = catalogue_item.updt_time AND coalesce(excluded.ver, '') > coalesce(catalogue_item.ver, ''))`;
const QUERY_NEWER = 'excluded.updt_time > catalogue_item.updt_time';

/** The upsert of rows coming from `source`: a VALUES list or a SELECT (file order). */
function upsertSql(columns: readonly string[], newer: string, source: string): string {
  const keys = new Set(['code', 'catalogue']);
  const set = columns
    .filter((c) => !keys.has(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return `INSERT INTO catalogue_item (${columns.join(', ')}) ${source}
    ON CONFLICT(code, catalogue) DO UPDATE SET ${set} WHERE ${newer}
    RETURNING id`;
}

const valuesOf = (columns: readonly string[]): string => `VALUES (${columns.map(() => '?').join(', ')})`;
// "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
const STAGED_ROWS = `SELECT ${FILE_ITEM_COLUMNS.join(', ')} FROM ${STAGED_ITEMS} WHERE true ORDER BY id`;

/**
 * The name index calls back into JS for the tokens (name characters and 拼音首字母, see
 * name-tokens.ts); registered on every connection that writes items.
 */
export function registerNameTokens(db: Db): void {
  db.function('catalogue_name_tokens', { deterministic: true }, (name: unknown, pinyin: unknown) =>
    searchTokens(String(name ?? ''), typeof pinyin === 'string' ? pinyin : null),
  );
}

export class CatalogueItemStore {
  private readonly upsertFile;
  private readonly upsertQuery;
  private readonly maxId;
  private readonly tableSql;
  private readonly indexRange;
  private readonly unindex;
  private readonly indexOne;
  private readonly countAll;
  private readonly countByCatalogue;
  private readonly indexes;

  constructor(readonly db: Db) {
    registerNameTokens(db);
    this.indexes = new ItemIndexes(db);
    this.indexes.ensure();
    this.upsertFile = db.prepare<unknown[], { id: number }>(
      upsertSql(FILE_ITEM_COLUMNS, FILE_NEWER, valuesOf(FILE_ITEM_COLUMNS)),
    );
    this.upsertQuery = db.prepare<unknown[], { id: number }>(
      upsertSql(QUERY_ITEM_COLUMNS, QUERY_NEWER, valuesOf(QUERY_ITEM_COLUMNS)),
    );
    this.maxId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM catalogue_item');
    this.tableSql = db.prepare<[], { sql: string }>(
      "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'catalogue_item'",
    );
    this.indexRange = db.prepare<[number, number]>(
      `INSERT INTO catalogue_name_fts (rowid, chars)
       SELECT id, catalogue_name_tokens(name, pinyin) FROM catalogue_item WHERE id BETWEEN ? AND ?`,
    );
    this.unindex = db.prepare<[number]>('DELETE FROM catalogue_name_fts WHERE rowid = ?');
    this.indexOne = db.prepare<[number]>(
      `INSERT INTO catalogue_name_fts (rowid, chars)
       SELECT id, catalogue_name_tokens(name, pinyin) FROM catalogue_item WHERE id = ?`,
    );
    this.countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM catalogue_item');
    this.countByCatalogue = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM catalogue_item WHERE catalogue = ?');
  }

  /** Creates the indexes a large import dropped, when missing (after it was interrupted). */
  ensureSearchIndexes(): void {
    this.indexes.ensure();
  }

  /**
   * Runs a large import with the search indexes dropped and rebuilt afterwards, also when
   * the import fails; with `codeIndex` (an import into an empty catalogue, see
   * insertStagedRows) also without the unique code index.
   */
  withoutSearchIndexes<T>(fn: () => Promise<T>, options: { codeIndex?: boolean } = {}): Promise<T> {
    return this.indexes.without(fn, options);
  }

  /**
   * Creates the unique code index again at the end of an import without it, keeping the
   * newest row of a code the file held twice. Call inside the import's last transaction.
   */
  restoreCodeIndex(): DuplicateCounts {
    return this.indexes.restoreCodeIndex();
  }

  /**
   * Inserts the rows of the attached staging file (stage-file.ts) as new items, with the ids
   * they were staged with, name index included. Only for a catalogue that had no rows when the
   * import began, without the unique code index (a code the file holds twice stays twice
   * until restoreCodeIndex): catalogue_item then has no index at all, and SQLite copies the
   * staged records as they are. Call inside a transaction.
   */
  insertStagedRows(): UpsertCounts {
    // Exactly this form (same table definition, SELECT * and nothing else) is the transfer optimisation.
    const inserted = this.db.prepare(`INSERT INTO main.catalogue_item SELECT * FROM ${STAGED_ITEMS}`).run().changes;
    this.db
      .prepare(
        `INSERT INTO catalogue_name_fts (rowid, chars) SELECT first_id + key, value FROM ${STAGED_NAMES}, json_each(tokens)`,
      )
      .run();
    return { inserted, updated: 0, unchanged: 0 };
  }

  /** Upserts the rows of the attached staging file, in file order (their staged ids are not used). Call inside a transaction. */
  upsertStagedRows(rows: number): UpsertCounts {
    const before = this.lastId();
    const stmt = this.db.prepare<[], { id: number }>(upsertSql(FILE_ITEM_COLUMNS, FILE_NEWER, STAGED_ROWS));
    return this.applyChanges(
      before,
      stmt.all().map((r) => r.id),
      rows,
    );
  }

  /** Upserts file rows (FILE_ITEM_COLUMNS order). Call inside a transaction. */
  upsertFileRows(rows: readonly ItemParams[]): UpsertCounts {
    return this.upsertWith(this.upsertFile, rows);
  }

  /** Upserts 医保目录 query rows (QUERY_ITEM_COLUMNS order). Call inside a transaction. */
  upsertQueryRows(rows: readonly ItemParams[]): UpsertCounts {
    return this.upsertWith(this.upsertQuery, rows);
  }

  /** Highest id stored (0 for none): new rows get the ids above it. */
  lastId(): number {
    return this.maxId.get()?.id ?? 0;
  }

  /** The CREATE TABLE statement of catalogue_item, for staging files of the same layout. */
  tableDefinition(): string {
    return this.tableSql.get()?.sql ?? '';
  }

  /** Items stored, in all catalogues or in one. */
  count(catalogue?: string): number {
    return (catalogue === undefined ? this.countAll.get() : this.countByCatalogue.get(catalogue))?.n ?? 0;
  }

  private upsertWith(stmt: typeof this.upsertFile, rows: readonly ItemParams[]): UpsertCounts {
    const before = this.lastId();
    const changed: number[] = [];
    for (const row of rows) {
      const hit = stmt.get(row);
      if (hit !== undefined) changed.push(hit.id);
    }
    return this.applyChanges(before, changed, rows.length);
  }

  /**
   * Counts an upsert of `rows` rows that returned `changed` (the id of each row inserted or
   * updated) and brings the name index along. Rowids of new rows are above every id stored
   * before (INTEGER PRIMARY KEY) and consecutive within the transaction; a new row changed
   * again by a later row of the same code is returned twice.
   */
  private applyChanges(before: number, changed: readonly number[], rows: number): UpsertCounts {
    const fresh = new Set<number>();
    const old = new Set<number>();
    for (const id of changed) (id > before ? fresh : old).add(id);
    // New rows are indexed in one statement, with what they hold at the end of the batch.
    if (fresh.size > 0) this.indexRange.run(before + 1, before + fresh.size);
    for (const id of old) {
      this.unindex.run(id);
      this.indexOne.run(id);
    }
    return { inserted: fresh.size, updated: changed.length - fresh.size, unchanged: rows - changed.length };
  }
}
