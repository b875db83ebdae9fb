/**
 * Opening a SQLite file the way every store of the product needs it: WAL, foreign keys,
 * a busy timeout (the CLI and the app may share a file), and numbered migrations
 * tracked in PRAGMA user_version.
 */
import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { YibaoError } from '../core/errors';
import { ensurePrivateDir, makePrivate, touchPrivate } from '../core/private-files';

export type Db = Database.Database;

export interface Migration {
  /** 1, 2, 3 … in order; stored in user_version after it ran. */
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

export interface OpenOptions {
  readonly migrations: readonly Migration[];
  /** FULL for money-moving journals; NORMAL is enough for caches. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  readonly readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions): Db {
  if (file !== ':memory:' && !options.readonly) {
    ensurePrivateDir(dirname(file));
    // SQLite gives the -wal and -shm files the database file's mode: 0600 for all three.
    touchPrivate(file);
    makePrivate(`${file}-wal`, `${file}-shm`);
  }
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false });
  } catch (cause) {
    throw new YibaoError('E_DB_OPEN', `无法打开数据库文件 ${file}: ${(cause as Error).message}`, { file }, { cause });
  }
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  }
  db.pragma('foreign_keys = ON');
  if (!options.readonly) runMigrations(db, options.migrations);
  return db;
}

export function runMigrations(db: Db, migrations: readonly Migration[]): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration versions must be 1..n without gaps; got ${m.version} at ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = sorted.length;
  if (current > latest) {
    throw new YibaoError(
      'E_DB_TOO_NEW',
      `数据库版本 (${current}) 比本程序支持的 (${latest}) 新: 请升级收银台程序, 不要用旧版本打开`,
      { current, latest },
    );
  }
  const pending = sorted.slice(current);
  if (pending.length === 0) return;
  // All or nothing: an upgrade that fails at any step leaves the file exactly at the level it had.
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}

const statementCaches = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * db.prepare, compiled once per connection and SQL text: the journal, the sessions and the
 * insured-area book run the same statements on every call to the center.
 */
export function cached<P extends unknown[] = unknown[], R = unknown>(db: Db, sql: string): Database.Statement<P, R> {
  let cache = statementCaches.get(db);
  if (!cache) statementCaches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement as unknown as Database.Statement<P, R>;
}
