/**
 * Putting a backup back as the counter's database. The file in use is never deleted or
 * overwritten: it is moved aside (with its -wal / -shm) as yibao.sqlite.replaced-<time>, so a
 * damaged database stays for the IT person. The msgid high-water mark of the replaced file is
 * carried over (a msgid the center has seen is never used again, even if the clock went back),
 * and a marker tells the next start to check the restored journal against the center
 * (restore-recovery.ts).
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { YibaoError } from '../core/errors';
import { formatCompact, formatDateTime } from '../core/time';
import { ensurePrivateDir, makePrivate, writePrivateFile } from '../core/private-files';
import { verifyBackupFile, type BackupCheck } from './backup-verify';

export const DB_NAME = 'yibao.sqlite';
export const RESTORE_MARKER = 'restore-pending.json';

export interface RestoreMarker {
  readonly from: string;
  readonly restoredAt: string;
  /** prepared_at of the newest entry of the restored journal: the center is checked from that day on. */
  readonly journalUpTo: string | null;
  readonly replaced: string | null;
}

/** A time that begins with its day (yyyy-MM-dd): the 对账 after a restore starts on that day. */
const dateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(?:[ T]|$)/, 'does not begin with yyyy-MM-dd');

/** The marker as restore-recovery.ts reads it back. */
export const restoreMarkerSchema: z.ZodType<RestoreMarker> = z.object({
  from: z.string(),
  restoredAt: dateTime,
  journalUpTo: dateTime.nullable(),
  replaced: z.string().nullable(),
});

export interface RestoreResult {
  readonly check: BackupCheck;
  /** Where the database that was in use now is (null when there was none). */
  readonly replaced: string | null;
  readonly marker: RestoreMarker;
}

interface SequenceRow {
  slot_min: number;
  last_second: string;
  last_seq: number;
}

function sequenceOf(file: string): SequenceRow[] {
  if (!existsSync(file)) return [];
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare<[], SequenceRow>('SELECT slot_min, last_second, last_seq FROM msgid_sequence').all();
    } finally {
      db.close();
    }
  } catch {
    return []; // damaged beyond reading: the clock still moves msgids past the backup's
  }
}

function carrySequence(target: string, rows: readonly SequenceRow[]): void {
  if (rows.length === 0) return;
  const db = new Database(target);
  try {
    const upsert = db.prepare(
      `INSERT INTO msgid_sequence (slot_min, last_second, last_seq) VALUES (@slot_min, @last_second, @last_seq)
       ON CONFLICT(slot_min) DO UPDATE SET last_second = excluded.last_second, last_seq = excluded.last_seq
       WHERE excluded.last_second > msgid_sequence.last_second
          OR (excluded.last_second = msgid_sequence.last_second AND excluded.last_seq > msgid_sequence.last_seq)`,
    );
    db.transaction(() => rows.forEach((r) => upsert.run(r)))();
  } finally {
    db.close();
  }
}

function moveAside(dbFile: string, now: Date): string | null {
  if (!existsSync(dbFile)) return null;
  const aside = `${dbFile}.replaced-${formatCompact(now)}`;
  for (const suffix of ['-wal', '-shm', '']) {
    if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, aside + suffix);
  }
  return aside;
}

/** Restores `file` into `dataDir`. The counter (app and CLI) must not be running on that folder. */
export function restoreBackup(dataDir: string, file: string, now = new Date()): RestoreResult {
  if (!existsSync(file)) throw new YibaoError('E_RESTORE_FILE', `备份文件不存在: ${file}`, { file });
  const check = verifyBackupFile(file);
  if (!check.ok) {
    throw new YibaoError('E_RESTORE_BAD_BACKUP', `备份文件 ${file} 校验失败, 不能恢复: ${check.problems.join('; ')}`, {
      file,
    });
  }
  ensurePrivateDir(dataDir);
  const dbFile = join(dataDir, DB_NAME);
  const staging = join(dataDir, `${DB_NAME}.restoring-${process.pid}`);
  try {
    copyFileSync(file, staging);
    makePrivate(staging);
    carrySequence(staging, sequenceOf(dbFile));
  } catch (error) {
    rmSync(staging, { force: true });
    throw new YibaoError(
      'E_RESTORE_WRITE',
      `无法在 ${dataDir} 写入恢复的数据库: ${(error as Error).message}`,
      {},
      { cause: error },
    );
  }
  const stamp = formatDateTime(now);
  const replacedName = existsSync(dbFile) ? `${dbFile}.replaced-${formatCompact(now)}` : null;
  const marker: RestoreMarker = { from: file, restoredAt: stamp, journalUpTo: check.newestEntry, replaced: replacedName };
  // The marker first: a crash after it and before the rename only makes the next start check the center once more.
  writePrivateFile(join(dataDir, RESTORE_MARKER), JSON.stringify(marker, null, 2) + '\n');
  const replaced = moveAside(dbFile, now);
  renameSync(staging, dbFile);
  return { check, replaced, marker };
}
