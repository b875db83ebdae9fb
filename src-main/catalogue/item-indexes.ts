/**
 * The indexes of catalogue_item that a large import drops and builds again at its end
 * (building an index from sorted keys is several times faster than a million random
 * inserts).
 *
 * The unique (code, catalogue) index is also what keeps one row per item. An import into an
 * empty catalogue runs without it (nothing stored can conflict) and recreates it in the
 * transaction that completes the file; a code the file holds twice is reduced to its newest
 * row first, as the forward-only upsert would have left it. If the import dies before that,
 * `ensure` (on every open, and after every large import) does the same: no open ever leaves
 * an index missing or a code twice.
 *
 * The statements are migration 3's, with the 拼音首字母 index as migration 16 left it (the catalogue in it too).
 */
import type { Db } from '../storage/sqlite';

const CODE_INDEX = 'catalogue_item_by_code';
const CREATE_CODE_INDEX = `CREATE UNIQUE INDEX IF NOT EXISTS ${CODE_INDEX} ON catalogue_item(code, catalogue)`;

const SEARCH_INDEXES: readonly (readonly [string, string])[] = [
  ['catalogue_item_by_pinyin', 'ON catalogue_item(pinyin, catalogue) WHERE pinyin IS NOT NULL'],
  ['catalogue_item_by_barcode', 'ON catalogue_item(barcode) WHERE barcode IS NOT NULL'],
];

/**
 * SQLite's sorter sorts runs of cache_size and, with threads > 0, sorts them in parallel.
 * Building the three indexes over 1,000,000 rows took 2.3 s with the connection's 64 MB
 * cache as one run, 1.4 s with 2 MB runs on 2 threads (2-core reference machine).
 */
const SORT_RUN_KIB = 2048;
const SORT_THREADS = 2;

/** Rows removed because another row of the same code and catalogue was newer (or as new and earlier in the file). */
export interface DuplicateCounts {
  readonly removed: number;
  /** How many of them had replaced an earlier one: the upsert would have counted them as updates. */
  readonly replaced: number;
}

interface Candidate {
  id: number;
  code: string;
  catalogue: string;
  updtTime: string;
  ver: string;
}

export class ItemIndexes {
  private sortingNow = false;

  constructor(private readonly db: Db) {}

  /** Creates whichever index is missing (after an interrupted or failed large import). */
  ensure(): void {
    const present = new Set(
      this.db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'catalogue_item'")
        .all()
        .map((r) => r.name),
    );
    if (present.has(CODE_INDEX) && SEARCH_INDEXES.every(([name]) => present.has(name))) return;
    this.sorting(() => {
      if (!present.has(CODE_INDEX)) this.db.transaction(() => this.restoreCodeIndex()).immediate();
      for (const [name, on] of SEARCH_INDEXES) this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ${on}`);
    });
  }

  /**
   * Runs a large import with the search indexes dropped (and the unique code index, with
   * `codeIndex`), creating them again afterwards, also when the import fails. Searches
   * meanwhile still work, by scanning.
   */
  async without<T>(fn: () => Promise<T>, options: { codeIndex?: boolean } = {}): Promise<T> {
    const drop = [...SEARCH_INDEXES.map(([name]) => name), ...(options.codeIndex ? [CODE_INDEX] : [])];
    for (const name of drop) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
    try {
      return await fn();
    } finally {
      this.ensure();
    }
  }

  /**
   * Creates the unique code index if it is missing, first reducing each code stored more
   * than once to its newest row. Call inside a transaction.
   */
  restoreCodeIndex(): DuplicateCounts {
    return this.sorting(() => {
      try {
        this.db.exec(CREATE_CODE_INDEX);
        return { removed: 0, replaced: 0 };
      } catch (error) {
        // The failed statement is rolled back alone; the transaction goes on.
        if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      }
      const duplicates = this.removeDuplicates();
      this.db.exec(CREATE_CODE_INDEX);
      return duplicates;
    });
  }

  /**
   * Keeps, of each code stored more than once, the row the forward-only upsert would have
   * kept had the rows arrived in id order (file order): the first row with the latest
   * updt_time, then highest ver. Only an import without the code index stores a code twice.
   */
  private removeDuplicates(): DuplicateCounts {
    const rows = this.db
      .prepare<[], Candidate>(
        `SELECT id, code, catalogue, updt_time AS updtTime, coalesce(ver, '') AS ver FROM catalogue_item
         WHERE (code, catalogue) IN (SELECT code, catalogue FROM catalogue_item GROUP BY code, catalogue HAVING count(*) > 1)
         ORDER BY code, catalogue, id`,
      )
      .all();
    const deleteItem = this.db.prepare<[number]>('DELETE FROM catalogue_item WHERE id = ?');
    const unindex = this.db.prepare<[number]>('DELETE FROM catalogue_name_fts WHERE rowid = ?');
    let removed = 0;
    let replaced = 0;
    for (let i = 0; i < rows.length;) {
      const first = rows[i] as Candidate;
      let keep = first;
      let j = i + 1;
      for (; j < rows.length && rows[j]?.code === first.code && rows[j]?.catalogue === first.catalogue; j++) {
        const r = rows[j] as Candidate;
        // The upsert's FILE_NEWER, on ASCII timestamps and versions (compared as SQLite's BINARY does).
        if (r.updtTime > keep.updtTime || (r.updtTime === keep.updtTime && r.ver > keep.ver)) {
          keep = r;
          replaced++;
        }
      }
      for (let k = i; k < j; k++) {
        const id = (rows[k] as Candidate).id;
        if (id === keep.id) continue;
        deleteItem.run(id);
        unindex.run(id);
        removed++;
      }
      i = j;
    }
    return { removed, replaced };
  }

  private sorting<T>(fn: () => T): T {
    if (this.sortingNow) return fn();
    const cache = this.db.pragma('cache_size', { simple: true }) as number;
    const threads = this.db.pragma('threads', { simple: true }) as number;
    this.db.pragma(`cache_size = -${SORT_RUN_KIB}`);
    this.db.pragma(`threads = ${SORT_THREADS}`);
    this.sortingNow = true;
    try {
      return fn();
    } finally {
      this.sortingNow = false;
      this.db.pragma(`cache_size = ${cache}`);
      this.db.pragma(`threads = ${threads}`);
    }
  }
}
