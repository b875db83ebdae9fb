/**
 * One online backup of the local database with SQLite's backup API (a plain copy of a live WAL
 * database can be torn). Written under a `.partial` name, turned into a self-contained file
 * (journal_mode DELETE), verified, fsynced and only then renamed to its final name, so a kill -9
 * or a power cut at any moment leaves every earlier backup as it was. Rotation runs after the
 * rename and only deletes older backups.
 */
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { YibaoError } from '../core/errors';
import { ensurePrivateDir, makePrivate } from '../core/private-files';
import type { Db } from '../storage/sqlite';
import { backupName, backupsToDelete, listBackups, PARTIAL_RE, type BackupFile, type KeepPolicy } from './backup-files';
import { verifyBackupFile, type BackupCheck } from './backup-verify';

export interface BackupOptions {
  readonly keep: KeepPolicy;
  readonly now?: Date;
  /** Pages copied per step of the backup API; fewer pages leave more room to a running counter. */
  readonly stepPages?: number;
}

export interface BackupResult {
  readonly file: string;
  readonly check: BackupCheck;
  readonly deleted: readonly BackupFile[];
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** Removes what backups cut short by a kill left behind (never one a live process is writing). */
export function removeStalePartials(folder: string): string[] {
  const removed: string[] = [];
  for (const name of existsSync(folder) ? readdirSync(folder) : []) {
    const m = PARTIAL_RE.exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    rmSync(join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } catch {
    // Directories cannot be fsynced on Windows; the rename is still atomic there.
  } finally {
    closeSync(fd);
  }
}

function freeName(folder: string, at: Date): string {
  let t = at.getTime();
  while (existsSync(join(folder, backupName(new Date(t))))) t += 1000;
  return backupName(new Date(t));
}

export async function writeBackup(source: Db, folder: string, options: BackupOptions): Promise<BackupResult> {
  const name = backupName(options.now ?? new Date());
  let partial = join(folder, `.${name}.partial-${process.pid}`);
  const journalBefore = (source.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;
  try {
    ensurePrivateDir(folder);
    removeStalePartials(folder);
    const name = freeName(folder, options.now ?? new Date());
    partial = join(folder, `.${name}.partial-${process.pid}`);
    const stepPages = options.stepPages ?? 256;
    await source.backup(partial, { progress: () => stepPages });
    makePrivate(partial);
    // A backup is one file: no -wal beside it on the USB stick.
    const copy = new Database(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const check = verifyBackupFile(partial);
    const journalCount = check.counts['journal'] ?? 0;
    if (check.ok && journalCount < journalBefore) {
      check.problems.push(`备份中的交易流水 ${journalCount} 条, 少于备份开始时的 ${journalBefore} 条`);
    }
    if (check.problems.length > 0) {
      throw new YibaoError('E_BACKUP_VERIFY', `备份写入后校验失败: ${check.problems.join('; ')}`, { file: partial });
    }
    fsyncPath(partial);
    const file = join(folder, name);
    renameSync(partial, file);
    fsyncPath(folder);
    const deleted = backupsToDelete(listBackups(folder), options.keep);
    for (const old of deleted) rmSync(old.file, { force: true });
    return { file, check: { ...check, ok: true }, deleted };
  } catch (error) {
    for (const leftover of [partial, `${partial}-journal`]) {
      try {
        rmSync(leftover, { force: true });
      } catch {
        // The folder itself is unusable: nothing was written there.
      }
    }
    if (error instanceof YibaoError) throw error;
    throw new YibaoError(
      'E_BACKUP_WRITE',
      `无法写入备份到 ${folder}: ${(error as Error).message} (检查磁盘空间、U 盘或共享文件夹是否可写)`,
      { folder },
      { cause: error },
    );
  }
}
