/**
 * Where each download stands (catalogue_sync_state). Every change is written in the same
 * transaction as the rows it accounts for, so after an interruption the state and the data
 * agree and the next sync continues from there.
 */
import { formatDateTime } from '../core/time';
import type { Db } from '../storage/sqlite';

export interface SyncState {
  readonly infno: string;
  /** File catalogues: highest version fully imported (null: nothing yet). */
  readonly localVer: string | null;
  /** Paged: the pass in progress reads rows with updt_time >= passFrom. */
  readonly passFrom: string | null;
  readonly pageSize: number | null;
  /** Paged: rows of the pass already imported (the next page is rowsDone / pageSize + 1). */
  readonly rowsDone: number;
  /** Paged: recordCounts the center gave on the pass's first page. */
  readonly passTotal: number | null;
  /** Paged: highest updt_time seen in the pass. */
  readonly passMaxUpdt: string | null;
  /** Paged: the center's count changed during the pass (rows moved while paging). */
  readonly passUnstable: boolean;
  /** Paged: a pass was started and has not reached its last page. */
  readonly passOpen: boolean;
  readonly rowsTotal: number;
  readonly versionsTotal: number;
  readonly pagesTotal: number;
  readonly lastSyncedAt: string | null;
}

interface Row {
  infno: string;
  local_ver: string | null;
  pass_from: string | null;
  page_size: number | null;
  rows_done: number;
  pass_total: number | null;
  pass_max_updt: string | null;
  pass_unstable: number;
  pass_open: number;
  rows_total: number;
  versions_total: number;
  pages_total: number;
  last_synced_at: string | null;
}

function fromRow(r: Row): SyncState {
  return {
    infno: r.infno,
    localVer: r.local_ver,
    passFrom: r.pass_from,
    pageSize: r.page_size,
    rowsDone: r.rows_done,
    passTotal: r.pass_total,
    passMaxUpdt: r.pass_max_updt,
    passUnstable: r.pass_unstable === 1,
    passOpen: r.pass_open === 1,
    rowsTotal: r.rows_total,
    versionsTotal: r.versions_total,
    pagesTotal: r.pages_total,
    lastSyncedAt: r.last_synced_at,
  };
}

const EMPTY: Omit<SyncState, 'infno'> = {
  localVer: null,
  passFrom: null,
  pageSize: null,
  rowsDone: 0,
  passTotal: null,
  passMaxUpdt: null,
  passUnstable: false,
  passOpen: false,
  rowsTotal: 0,
  versionsTotal: 0,
  pagesTotal: 0,
  lastSyncedAt: null,
};

export class SyncStateStore {
  private readonly getStmt;
  private readonly allStmt;
  private readonly putStmt;

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare<[string], Row>('SELECT * FROM catalogue_sync_state WHERE infno = ?');
    this.allStmt = db.prepare<[], Row>('SELECT * FROM catalogue_sync_state ORDER BY infno');
    this.putStmt = db.prepare(
      `INSERT INTO catalogue_sync_state (infno, local_ver, pass_from, page_size, rows_done, pass_total, pass_max_updt,
         pass_unstable, pass_open, rows_total, versions_total, pages_total, last_synced_at, updated_at)
       VALUES (@infno, @localVer, @passFrom, @pageSize, @rowsDone, @passTotal, @passMaxUpdt,
         @passUnstable, @passOpen, @rowsTotal, @versionsTotal, @pagesTotal, @lastSyncedAt, @updatedAt)
       ON CONFLICT(infno) DO UPDATE SET local_ver = excluded.local_ver, pass_from = excluded.pass_from,
         page_size = excluded.page_size, rows_done = excluded.rows_done, pass_total = excluded.pass_total,
         pass_max_updt = excluded.pass_max_updt, pass_unstable = excluded.pass_unstable, pass_open = excluded.pass_open,
         rows_total = excluded.rows_total, versions_total = excluded.versions_total, pages_total = excluded.pages_total,
         last_synced_at = excluded.last_synced_at, updated_at = excluded.updated_at`,
    );
  }

  get(infno: string): SyncState {
    const row = this.getStmt.get(infno);
    return row ? fromRow(row) : { infno, ...EMPTY };
  }

  all(): SyncState[] {
    return this.allStmt.all().map(fromRow);
  }

  /** Writes the state with `changes` applied; call inside the transaction that imported the rows. */
  update(infno: string, changes: Partial<Omit<SyncState, 'infno'>>): SyncState {
    const next: SyncState = { ...this.get(infno), ...changes };
    this.putStmt.run({
      ...next,
      passUnstable: next.passUnstable ? 1 : 0,
      passOpen: next.passOpen ? 1 : 0,
      updatedAt: formatDateTime(new Date()),
    });
    return next;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
