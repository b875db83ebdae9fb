/**
 * The backup folder: one self-contained SQLite file per backup, named by the local time it was
 * taken (yibao-yyyyMMdd-HHmmss.sqlite). A file only gets that name after it was written,
 * fsynced and verified (backup-writer.ts), so every file listed here is a good backup; a backup
 * cut short (kill -9, power cut) stays behind as a `.partial` file that is never listed.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LoadedConfig } from '../config/load';

const NAME_RE = /^yibao-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.sqlite$/;
export const PARTIAL_RE = /^\.yibao-\d{8}-\d{6}\.sqlite\.partial-(\d+)$/;

export interface BackupFile {
  readonly file: string;
  readonly name: string;
  /** When it was taken (local time, from the name). */
  readonly takenAt: Date;
  readonly bytes: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function backupName(at: Date): string {
  return (
    `yibao-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}.sqlite`
  );
}

export function takenAtOf(name: string): Date | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(y as number, (mo as number) - 1, d, h, mi, s);
}

/** The configured folder (default <dataDir>/backups), or the one named on the command line. */
export function backupFolderOf(loaded: LoadedConfig, override?: string): string {
  if (override) return resolve(override);
  return resolve(loaded.dataDir, loaded.config.backup.folder ?? 'backups');
}

/** Good backups in `folder`, newest first (a missing folder has none). */
export function listBackups(folder: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const out: BackupFile[] = [];
  for (const name of names) {
    const takenAt = takenAtOf(name);
    if (!takenAt) continue;
    const file = join(folder, name);
    out.push({ file, name, takenAt, bytes: statSync(file).size });
  }
  return out.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

export interface KeepPolicy {
  readonly daily: number;
  readonly weekly: number;
  readonly monthly: number;
}

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
/** Monday-based week: the key is the date of that week's Monday. */
function weekKey(d: Date): string {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return dayKey(monday);
}
const monthKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}`;

/**
 * Grandfather-father-son rotation: the newest backup of each of the last `daily` days that have
 * one, of the last `weekly` weeks and of the last `monthly` months are kept; the newest backup
 * of all is always kept. Returns the files to delete.
 */
export function backupsToDelete(backups: readonly BackupFile[], keep: KeepPolicy): BackupFile[] {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const kept = new Set<BackupFile>(newestFirst.slice(0, 1));
  for (const [keyOf, count] of [
    [dayKey, keep.daily],
    [weekKey, keep.weekly],
    [monthKey, keep.monthly],
  ] as const) {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const key = keyOf(b.takenAt);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      kept.add(b);
    }
  }
  return newestFirst.filter((b) => !kept.has(b));
}
