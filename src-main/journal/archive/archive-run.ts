/**
 * One archive run (issue 19): the final entries of each calendar year older than `afterYears`
 * years move from the live journal to <folder>/journal-YYYY.sqlite. Per year: copy (upsert by
 * msgid, so a re-run after a crash neither doubles nor keeps a stale copy), commit, close, re-open
 * and verify (quick_check, every moved row there with the same updated_at, every key row), and only
 * then delete the rows from the live journal, in transactions of whole groups (deleteYear says why
 * not one). A crash between copy and delete leaves rows in both files; they count once, and the
 * next run copies nothing new and deletes them.
 *
 * What moves: entries in a final state (ok, rejected, not-sent, reversed, no-effect), an original
 * together with all its 2601 attempts (reverses_id) or not at all: a group moves when every member
 * is final and in the same year. So an open call, a needs-manual one, or an original whose 2601 was
 * made on the next New Year's morning stays in the live journal. Only journal and journal_key rows
 * move: the other tables that name an entry (shop_outbox, rx_local, reconcile_difference,
 * inventory_item) refer to it by msgid text, without a foreign key, and keep their rows.
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { YibaoError } from '../../core/errors';
import { ensurePrivateDir, touchPrivate } from '../../core/private-files';
import { formatDateTime } from '../../core/time';
import { quickCheckOffThread } from '../../storage/quick-check-off-thread';
import { runMigrations, type Db } from '../../storage/sqlite';
import { CLIENT_MIGRATIONS } from '../../storage/client/migrations';
import { crashPoint } from '../crash-points';
import type { JournalState } from '../states';
import { archiveFileOf } from './archive-files';
import type { ArchiveRunResult, ArchiveYearResult } from './archive-views';

/** States no one will move on any more: the entry's record is complete. */
export const ARCHIVABLE_STATES: readonly JournalState[] = ['ok', 'rejected', 'not-sent', 'reversed', 'no-effect'];

export interface ArchiveRunOptions {
  /** The live journal (the app's connection, or the CLI's). */
  readonly db: Db;
  readonly folder: string;
  readonly afterYears: number;
  readonly now?: Date;
  /** Between the steps of a run: the app's event loop serves the screens meanwhile. */
  readonly yieldBetween?: () => Promise<void>;
  /** Entries per step of the copy and the delete (default STEP; tests make it small). */
  readonly stepRows?: number;
}

interface Row {
  readonly id: number;
  readonly msgid: string;
  readonly reverses_id: number | null;
  readonly state: string;
  readonly updated_at: string;
}

const bounds = (year: number) => ({ from: `${year}-01-01 00:00:00`, to: `${year}-12-31 23:59:59` });

/**
 * The archive file, created at the client schema (same tables and indexes as the live journal, so
 * the journal store reads it as it is). Rollback journal, FULL sync: a commit is on disk when it
 * returns, and the file is one file (no -wal) for the read-only connections of the screens.
 */
export function openArchiveForWrite(file: string): Db {
  ensurePrivateDir(dirname(file));
  touchPrivate(file);
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    runMigrations(db, CLIENT_MIGRATIONS);
    return db;
  } catch (cause) {
    db.close();
    throw new YibaoError('E_ARCHIVE_OPEN', `无法打开归档文件 ${file}: ${(cause as Error).message}`, { file }, { cause });
  }
}

/** The groups (an original and its 2601s) of one year that may move: all final, all in that year. */
function movable(db: Db, year: number): { move: Row[]; kept: number } {
  const { from, to } = bounds(year);
  const rows = db
    .prepare<[string, string], Row>(
      `SELECT id, msgid, reverses_id, state, updated_at FROM journal INDEXED BY journal_by_time
       WHERE prepared_at >= ? AND prepared_at <= ?`,
    )
    .all(from, to);
  const inYear = new Set(rows.map((r) => r.id));
  // 2601s made outside the year for an original of the year (the partial index on reverses_id).
  const outside = db
    .prepare<[string, string, string], { reverses_id: number }>(
      `SELECT DISTINCT j.reverses_id FROM journal j WHERE j.reverses_id IN (SELECT value FROM json_each(?))
       AND (j.prepared_at < ? OR j.prepared_at > ?)`,
    )
    .all(JSON.stringify([...inYear]), from, to);
  const blocked = new Set(outside.map((r) => r.reverses_id));
  for (const r of rows) {
    const group = r.reverses_id ?? r.id;
    if (!(ARCHIVABLE_STATES as readonly string[]).includes(r.state) || !inYear.has(group)) blocked.add(group);
  }
  const move = rows.filter((r) => !blocked.has(r.reverses_id ?? r.id));
  return { move, kept: rows.length - move.length };
}

/** A business-id row of journal_key. */
interface KeyRow {
  readonly field: string;
  readonly value: string;
  readonly journal_id: number;
}

/** Rows per step of the copy and the delete: each step holds the app's thread for well under a second. */
const STEP = 2_000;
/** journal_key rows read per step of its walk. */
const KEY_STEP = 20_000;

const chunks = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/**
 * The key rows of the moved entries. journal_key has no index on journal_id (every call writes
 * it, bench/years.ts): it is walked once in primary-key order, KEY_STEP rows a step, never looked
 * up per entry.
 */
async function keysOfMoved(db: Db, ids: ReadonlySet<number>, pause: () => Promise<void>): Promise<KeyRow[]> {
  const first = db.prepare<[number], KeyRow>(
    'SELECT field, value, journal_id FROM journal_key ORDER BY field, value, journal_id LIMIT ?',
  );
  const after = db.prepare<[string, string, number, number], KeyRow>(
    `SELECT field, value, journal_id FROM journal_key WHERE (field, value, journal_id) > (?, ?, ?)
     ORDER BY field, value, journal_id LIMIT ?`,
  );
  const found: KeyRow[] = [];
  for (let last: KeyRow | undefined; ;) {
    const page = last ? after.all(last.field, last.value, last.journal_id, KEY_STEP) : first.all(KEY_STEP);
    for (const k of page) if (ids.has(k.journal_id)) found.push(k);
    last = page.at(-1);
    if (page.length < KEY_STEP) return found;
    await pause();
  }
}

/**
 * Copies the rows, then their keys, into the archive file, STEP rows a transaction (each is
 * idempotent: a step repeated after a crash changes nothing). Ids are kept as they are: a 2601's
 * reverses_id still names its original, and the journal_key rows their entry.
 */
async function copyYear(
  liveFile: string,
  file: string,
  move: readonly Row[],
  keys: readonly KeyRow[],
  pause: () => Promise<void>,
  stepRows: number,
): Promise<void> {
  const archive = openArchiveForWrite(file);
  try {
    archive.prepare('ATTACH DATABASE ? AS live').run(liveFile);
    const columns = (archive.pragma('live.table_info(journal)') as { name: string }[]).map((c) => c.name);
    const list = columns.join(', ');
    const update = columns.filter((c) => c !== 'id' && c !== 'msgid').map((c) => `${c} = excluded.${c}`);
    // Upsert by msgid: a re-run neither doubles an entry nor keeps a copy older than the live row.
    const rows = archive.prepare(
      `INSERT INTO main.journal (${list}) SELECT ${list} FROM live.journal WHERE id IN (SELECT value FROM json_each(?))
       ORDER BY id ON CONFLICT (msgid) DO UPDATE SET ${update.join(', ')}`,
    );
    // Whole groups are in `move` in id order: an original is in the archive before its 2601s.
    for (const step of chunks(move, stepRows)) {
      rows.run(JSON.stringify(step.map((r) => r.id)));
      await pause();
    }
    archive.exec('DETACH DATABASE live');
    const key = archive.prepare('INSERT OR IGNORE INTO journal_key (journal_id, field, value) VALUES (?, ?, ?)');
    for (const step of chunks(keys, stepRows * 8)) {
      archive.transaction(() => {
        for (const k of step) key.run(k.journal_id, k.field, k.value);
      })();
      await pause();
    }
  } finally {
    archive.close();
  }
}

/** Re-opens the closed archive and checks it holds every row as copied and every key row. */
async function verifyYear(file: string, move: readonly Row[], keys: readonly KeyRow[]): Promise<void> {
  // The one long statement of a run (seconds for a busy year): on a worker, so the screens go on.
  const check = await quickCheckOffThread(file);
  const archive = new Database(file, { readonly: true });
  try {
    if (check !== 'ok') throw new YibaoError('E_ARCHIVE_VERIFY', `归档文件 ${file} 校验失败: ${String(check)}`, { file });
    const found = archive
      .prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM json_each(?) e JOIN journal j ON j.id = json_extract(e.value, '$[0]')
         AND j.msgid = json_extract(e.value, '$[1]') AND j.updated_at = json_extract(e.value, '$[2]')`,
      )
      .get(JSON.stringify(move.map((r) => [r.id, r.msgid, r.updated_at])))?.n;
    if (found !== move.length) {
      throw new YibaoError(
        'E_ARCHIVE_VERIFY',
        `归档文件 ${file} 中只找到 ${found ?? 0} / ${move.length} 条复制的流水 (编号或内容不符), 未从本机流水删除`,
        { file },
      );
    }
    const archivedKeys =
      archive
        .prepare<[string], { n: number }>(
          'SELECT count(*) AS n FROM journal_key WHERE journal_id IN (SELECT value FROM json_each(?))',
        )
        .get(JSON.stringify(move.map((r) => r.id)))?.n ?? 0;
    if (archivedKeys !== keys.length) {
      throw new YibaoError(
        'E_ARCHIVE_VERIFY',
        `业务编号索引: 本机 ${keys.length} 条, 归档中 ${archivedKeys} 条, 不一致, 未删除`,
        {
          file,
        },
      );
    }
  } finally {
    archive.close();
  }
}

/** The moved entries in steps of about STEP entries, each step whole groups (an original with its 2601s). */
function groupSteps(move: readonly Row[], stepRows: number): Row[][] {
  const groups = new Map<number, Row[]>();
  for (const r of move) {
    const g = r.reverses_id ?? r.id;
    pushTo(groups, g, r);
  }
  const steps: Row[][] = [];
  let step: Row[] = [];
  for (const members of groups.values()) {
    step.push(...members);
    if (step.length >= stepRows) {
      steps.push(step);
      step = [];
    }
  }
  if (step.length) steps.push(step);
  return steps;
}

/**
 * Deletes verified rows from the live journal: one transaction per step of whole groups, so the
 * live journal is consistent after every step (no 2601 without its original, no key row without
 * its entry) and the counter's own writes go on between the steps. A crash between two steps
 * leaves the rest in both files; they count once (JournalStore.listAll) and the next run deletes
 * them. (The brief asked for one transaction for the whole year: for a year of 100,000 entries
 * that held the counter's thread and the write lock for ≈ 5 s, README 流水归档.)
 */
async function deleteYear(
  db: Db,
  move: readonly Row[],
  keys: readonly KeyRow[],
  pause: () => Promise<void>,
  stepRows: number,
): Promise<number> {
  const keysOf = new Map<number, KeyRow[]>();
  for (const k of keys) pushTo(keysOf, k.journal_id, k);
  const same = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM json_each(?) e JOIN journal j ON j.id = json_extract(e.value, '$[0]')
     AND j.updated_at = json_extract(e.value, '$[1]')`,
  );
  const named = db.prepare<[string, string], { n: number }>(
    `SELECT count(*) AS n FROM journal WHERE reverses_id IN (SELECT value FROM json_each(?))
     AND id NOT IN (SELECT value FROM json_each(?))`,
  );
  const key = db.prepare('DELETE FROM journal_key WHERE field = ? AND value = ? AND journal_id = ?');
  const row = db.prepare('DELETE FROM journal WHERE id = ?');
  let deletedKeys = 0;
  for (const step of groupSteps(move, stepRows)) {
    const ids = JSON.stringify(step.map((r) => r.id));
    // journal_key has no index on journal_id: with foreign keys on, each deleted entry would scan
    // it. The key rows are deleted first, by their primary key, and both references are checked
    // here instead. The pragma cannot change inside a transaction: it is set around it.
    db.pragma('foreign_keys = OFF');
    try {
      deletedKeys += db
        .transaction(() => {
          const unchanged = same.get(JSON.stringify(step.map((r) => [r.id, r.updated_at])))?.n ?? 0;
          if (unchanged !== step.length) {
            throw new YibaoError(
              'E_ARCHIVE_CHANGED',
              `复制后有 ${step.length - unchanged} 条流水有变化或已不在本机流水中, 这些未删除, 下次归档再处理`,
            );
          }
          const left = named.get(ids, ids)?.n ?? 0;
          if (left) throw new YibaoError('E_ARCHIVE_CHANGED', `有 ${left} 条冲正流水指向要归档的流水, 这些未删除`);
          let n = 0;
          for (const r of step) {
            const own = keysOf.get(r.id) ?? [];
            for (const k of own) n += key.run(k.field, k.value, k.journal_id).changes;
            if (row.run(r.id).changes !== 1) throw new YibaoError('E_ARCHIVE_VERIFY', `流水 ${r.id} 删除失败, 本步已撤销`);
          }
          const expected = step.reduce((sum, r) => sum + (keysOf.get(r.id)?.length ?? 0), 0);
          if (n !== expected)
            throw new YibaoError('E_ARCHIVE_VERIFY', `业务编号索引删除 ${n} 条, 应为 ${expected} 条, 本步已撤销`);
          return n;
        })
        .immediate();
    } finally {
      db.pragma('foreign_keys = ON');
    }
    crashPoint('archive-between-deletes', 'archive');
    await pause();
  }
  return deletedKeys;
}

/** Archives one year; `kept` and `note` say what stayed. */
async function archiveYear(options: ArchiveRunOptions, year: number, newestId: number): Promise<ArchiveYearResult> {
  const { db, folder } = options;
  const pause = options.yieldBetween ?? (() => Promise.resolve());
  const stepRows = options.stepRows ?? STEP;
  const { move, kept } = movable(db, year);
  if (move.length === 0) return { year, moved: 0, keys: 0, kept, note: kept ? '该年流水均未完结或与冲正不在同一年' : null };
  // SQLite gives a new entry max(id) + 1: deleting the newest entry would let the next call reuse
  // an id an archive holds. Only a journal idle for years gets here; its newest year waits.
  if (move.some((r) => r.id === newestId)) {
    return { year, moved: 0, keys: 0, kept: kept + move.length, note: '本机最新的一条流水在该年, 暂不归档 (避免流水编号重复)' };
  }
  const file = archiveFileOf(folder, year);
  const t0 = Date.now();
  const keys = await keysOfMoved(db, new Set(move.map((r) => r.id)), pause);
  try {
    await copyYear(db.name, file, move, keys, pause, stepRows);
  } catch (cause) {
    // E.g. the file holds another journal's entry under one of these ids: nothing is deleted.
    const why = (cause as YibaoError).messageZh ?? (cause as Error).message;
    throw new YibaoError('E_ARCHIVE_COPY', `复制到归档文件 ${file} 失败, 本机流水未删除: ${why}`, { file }, { cause });
  }
  const t1 = Date.now();
  await verifyYear(file, move, keys);
  crashPoint('archive-after-copy', 'archive');
  const t2 = Date.now();
  await pause();
  const t3 = Date.now();
  const deleted = await deleteYear(db, move, keys, pause, stepRows);
  const stepsMs = { copy: t1 - t0, verify: t2 - t1, delete: Date.now() - t3 };
  return { year, moved: move.length, keys: deleted, kept, note: null, stepsMs };
}

/** Archives every year older than `afterYears` years, oldest first; stops at the first failure. */
export async function archiveOldYears(options: ArchiveRunOptions): Promise<ArchiveRunResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const at = formatDateTime(now);
  const lastYear = Number(at.slice(0, 4)) - options.afterYears - 1;
  const { db } = options;
  const oldest = db.prepare<[], { t: string | null }>('SELECT min(prepared_at) AS t FROM journal').get()?.t ?? null;
  const newestId = db.prepare<[], { n: number }>('SELECT COALESCE(max(id), 0) AS n FROM journal').get()?.n ?? 0;
  const years: ArchiveYearResult[] = [];
  let error: string | null = null;
  for (let year = oldest ? Number(oldest.slice(0, 4)) : lastYear + 1; year <= lastYear; year++) {
    try {
      const result = await archiveYear(options, year, newestId);
      if (result.moved > 0 || result.kept > 0) years.push(result);
    } catch (e) {
      error = (e as YibaoError).messageZh ?? (e as Error).message;
      years.push({ year, moved: 0, keys: 0, kept: 0, note: error });
      break;
    }
  }
  return {
    at,
    afterYears: options.afterYears,
    lastYear,
    years,
    moved: years.reduce((n, y) => n + y.moved, 0),
    ms: Date.now() - started,
    error,
  };
}

/** The run in one line of the app log (counts only: no personal data). */
export function archiveRunLine(r: ArchiveRunResult): string {
  const per = r.years.map(
    (y) => `${y.year}: 移出 ${y.moved} 条 (索引 ${y.keys}), 留下 ${y.kept} 条${y.note ? ` (${y.note})` : ''}`,
  );
  return `流水归档 (${r.afterYears} 年前, 至 ${r.lastYear} 年): 共移出 ${r.moved} 条, ${r.ms} ms${per.length ? `; ${per.join('; ')}` : ''}${r.error ? `; 出错: ${r.error}` : ''}`;
}

/** Appends in place: a year holds 100,000s of entries and 8 key rows each (copying each list was quadratic per entry). */
function pushTo<T>(map: Map<number, T[]>, key: number, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
