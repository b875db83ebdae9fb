/**
 * The check of the counter's database at start, before anything writes to it: it opens
 * read-only, its header and schema can be read, and PRAGMA quick_check passes. quick_check
 * reads every page, so it is bounded by size: above `fullCheckMaxBytes` only the cheap part
 * runs at start, and the whole file is checked by the daily backup's verification instead
 * (the backup API copies pages as they are, so a damaged page fails the backup's quick_check).
 *
 * A damaged file is never repaired, rewritten or migrated here: the error names the file, the
 * last good backup and the command that restores it (the restore moves the damaged file aside).
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { YibaoError } from '../core/errors';
import type { LoadedConfig } from '../config/load';
import { backupStatus } from './backup-status';

export const FULL_CHECK_MAX_BYTES = 512 * 1024 * 1024;

export interface HealthReport {
  /** False when the file was too big for a full quick_check at start. */
  readonly fullCheck: boolean;
  readonly ms: number;
}

/** Problems found in `file` (empty when it is fine or does not exist yet). */
export function databaseProblems(
  file: string,
  fullCheckMaxBytes = FULL_CHECK_MAX_BYTES,
): { problems: string[]; report: HealthReport } {
  const started = performance.now();
  if (!existsSync(file) || statSync(file).size === 0) return { problems: [], report: { fullCheck: true, ms: 0 } };
  const fullCheck = statSync(file).size <= fullCheckMaxBytes;
  const problems: string[] = [];
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    const rows = fullCheck
      ? (db.pragma('quick_check', { simple: false }) as { quick_check: string }[]).map((r) => r.quick_check)
      : ['ok'];
    const bad = rows.filter((r) => r !== 'ok');
    if (bad.length > 0) problems.push(...bad.slice(0, 5));
    // The journal's newest page and index are read at every start: they must at least be readable.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'journal'").get()) {
      db.prepare('SELECT id, state FROM journal ORDER BY id DESC LIMIT 50').all();
    }
  } catch (error) {
    problems.push((error as Error).message);
  } finally {
    try {
      db?.close();
    } catch {
      // nothing more to do with a file that cannot be closed cleanly
    }
  }
  return { problems, report: { fullCheck, ms: performance.now() - started } };
}

/** Throws E_DB_CORRUPT (what happened, last good backup, how to restore) when the file is damaged. */
export function requireHealthyDatabase(file: string, loaded: LoadedConfig, fullCheckMaxBytes?: number): HealthReport {
  const { problems, report } = databaseProblems(file, fullCheckMaxBytes);
  if (problems.length === 0) return report;
  const backup = backupStatus(loaded);
  const last = backup.last
    ? `最近一次成功备份: ${backup.last.takenAt} (${backup.folder}/${backup.last.name})。恢复: 关闭收银台后运行 yibao backup restore ${backup.last.name}`
    : `在备份文件夹 ${backup.folder} 中没有找到备份; 如有其他备份, 用 yibao backup restore <文件> 恢复`;
  throw new YibaoError(
    'E_DB_CORRUPT',
    `本机数据库 ${file} 已损坏或无法读取, 收银台没有启动, 也没有改动这个文件。${last}。恢复时原文件会改名保留, 恢复后首次启动会与中心核对备份之后的结算。`,
    { file, problems: problems.slice(0, 5), lastBackup: backup.last?.name ?? null, folder: backup.folder },
  );
}
