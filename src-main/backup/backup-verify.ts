/**
 * Checking a backup file without changing it: it opens read-only, PRAGMA quick_check says ok,
 * its schema level is one this program knows, and every table can be counted.
 */
import Database from 'better-sqlite3';
import { CLIENT_MIGRATIONS } from '../storage/client/migrations';

export interface BackupCheck {
  readonly ok: boolean;
  /** What is wrong, in Chinese (empty when ok). */
  readonly problems: string[];
  readonly userVersion: number | null;
  /** Rows per table (only the tables that could be counted). */
  readonly counts: Record<string, number>;
  /** prepared_at of the newest journal entry, when there is one. */
  readonly newestEntry: string | null;
}

export function verifyBackupFile(file: string): BackupCheck {
  const problems: string[] = [];
  const counts: Record<string, number> = {};
  let userVersion: number | null = null;
  let newestEntry: string | null = null;
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    const bad = check.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (bad.length > 0) problems.push(`quick_check 发现损坏: ${bad.slice(0, 3).join('; ')}`);
    userVersion = db.pragma('user_version', { simple: true }) as number;
    if (userVersion > CLIENT_MIGRATIONS.length) {
      problems.push(`备份的数据库版本 (${userVersion}) 比本程序支持的 (${CLIENT_MIGRATIONS.length}) 新`);
    }
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all();
    for (const { name } of tables) {
      counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
    }
    if (counts['journal'] === undefined) problems.push('备份中没有交易流水表 (journal)');
    else newestEntry = (db.prepare('SELECT MAX(prepared_at) AS t FROM journal').get() as { t: string | null }).t;
  } catch (error) {
    problems.push(`无法读取: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
  return { ok: problems.length === 0, problems, userVersion, counts, newestEntry };
}
