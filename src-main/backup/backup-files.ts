/**
 * The backup folder: one self-contained SQLite file per backup, named by the Beijing time (UTC+8,
 * the zone of every time the counter shows) it was taken, with the zone in the name:
 * yibao-yyyyMMdd-HHmmss+0800.sqlite; `yibao backup list` and the 设置 card show that same time.
 * Names written before the zone was part of the name (yibao-yyyyMMdd-HHmmss.sqlite) are in the
 * computer's own time zone and are still read that way. A file only gets its name after it was
 * written, fsynced and verified (backup-writer.ts), so every file listed here is a good backup; a
 * backup cut short (kill -9, power cut) stays behind as a `.partial` file that is never listed.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LoadedConfig } from '../config/load';
import { formatCompact, formatDate, parseCompact } from '../core/time';

/** The zone of the name; the time in it is Beijing time. */
const ZONE = '+0800';
const NAME_RE = /^yibao-(\d{8})-(\d{6})(\+0800)?\.sqlite$/;
export const PARTIAL_RE = /^\.yibao-\d{8}-\d{6}(?:\+0800)?\.sqlite\.partial-(\d+)$/;

export interface BackupFile {
  readonly file: string;
  readonly name: string;
  /** When it was taken (from the name). */
  readonly takenAt: Date;
  readonly bytes: number;
}

export function backupName(at: Date): string {
  const compact = formatCompact(at);
  return `yibao-${compact.slice(0, 8)}-${compact.slice(8)}${ZONE}.sqlite`;
}

export function takenAtOf(name: string): Date | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const [, day, time, zone] = m as unknown as [string, string, string, string | undefined];
  if (zone) return parseCompact(day + time) ?? null;
  // An older name: the computer's local time when it was written.
  const [y, mo, d] = [day.slice(0, 4), day.slice(4, 6), day.slice(6)].map(Number) as [number, number, number];
  const [h, mi, sec] = [time.slice(0, 2), time.slice(2, 4), time.slice(4)].map(Number) as [number, number, number];
  return new Date(y, mo - 1, d, h, mi, sec);
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

// Days, weeks and months of the rotation are Beijing ones, like the names.
const dayKey = (d: Date) => formatDate(d);
/** Monday-based week: the key is the date of that week's Monday. */
function weekKey(d: Date): string {
  const weekday = new Date(`${formatDate(d)}T00:00:00Z`).getUTCDay();
  return formatDate(new Date(d.getTime() - ((weekday + 6) % 7) * 86_400_000));
}
const monthKey = (d: Date) => formatDate(d).slice(0, 7);

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
