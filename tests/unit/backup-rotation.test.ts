/** Grandfather-father-son rotation of the backup folder (backup-files.ts), on real dates. */
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src-main/core/time';
import { backupName, backupsToDelete, PARTIAL_RE, takenAtOf, type BackupFile } from '../../src-main/backup/backup-files';

/** An instant given in Beijing time (the zone of the names and of the rotation's days). */
const at = (y: number, m: number, d: number, h = 12) => new Date(Date.UTC(y, m - 1, d, h - 8, 0, 0));
const file = (t: Date): BackupFile => ({ file: `/b/${backupName(t)}`, name: backupName(t), takenAt: t, bytes: 1 });

describe('backup rotation', () => {
  it('names carry Beijing time and say so, whatever the zone of the computer, and round-trip', () => {
    const t = new Date('2026-01-01T19:04:05Z');
    expect(backupName(t)).toBe('yibao-20260102-030405+0800.sqlite');
    expect(takenAtOf(backupName(t))?.getTime()).toBe(t.getTime());
    expect(takenAtOf('.yibao-20260102-030405+0800.sqlite.partial-12')).toBeNull();
    expect(PARTIAL_RE.exec('.yibao-20260102-030405+0800.sqlite.partial-12')?.[1]).toBe('12');
  });

  it("names without a zone (written before) are still read, in the computer's own zone as they were written", () => {
    expect(takenAtOf('yibao-20260102-030405.sqlite')?.getTime()).toBe(new Date(2026, 0, 2, 3, 4, 5).getTime());
    expect(PARTIAL_RE.exec('.yibao-20260102-030405.sqlite.partial-7')?.[1]).toBe('7');
    expect(takenAtOf('yibao-20260102-030405+0100.sqlite')).toBeNull();
  });

  it('days of the rotation are Beijing days: 23:30 and 00:30 Beijing time are two days', () => {
    const late = file(new Date('2026-05-01T15:30:00Z'));
    const early = file(new Date('2026-05-01T16:30:00Z'));
    expect(late.name).toBe('yibao-20260501-233000+0800.sqlite');
    expect(early.name).toBe('yibao-20260502-003000+0800.sqlite');
    expect(backupsToDelete([late, early], { daily: 7, weekly: 0, monthly: 0 })).toEqual([]);
  });

  it('keeps 7 daily, 4 weekly and 12 monthly backups out of two years of daily ones', () => {
    const all: BackupFile[] = [];
    for (let i = 0; i < 730; i++) all.push(file(at(2027, 12, 31 - i, 23)));
    const deleted = new Set(backupsToDelete(all, { daily: 7, weekly: 4, monthly: 12 }));
    const kept = all.filter((b) => !deleted.has(b));
    // 7 newest days; the newest of 4 weeks and 12 months overlap them partly.
    for (let i = 0; i < 7; i++) expect(kept).toContain(all[i]);
    const months = new Set(kept.map((b) => formatDate(b.takenAt).slice(0, 7)));
    expect(months.size).toBe(12);
    expect(kept.length).toBeGreaterThanOrEqual(12);
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
    // Nothing older than the 12th month back survives.
    expect(Math.min(...kept.map((b) => b.takenAt.getTime()))).toBeGreaterThanOrEqual(at(2027, 1, 1, 0).getTime());
  });

  it('several backups a day: only the newest of an older day is kept; the newest of all always is', () => {
    const day1 = [file(at(2026, 5, 1, 9)), file(at(2026, 5, 1, 18))];
    const day2 = [file(at(2026, 5, 2, 9)), file(at(2026, 5, 2, 10))];
    const deleted = backupsToDelete([...day1, ...day2], { daily: 7, weekly: 0, monthly: 0 });
    expect(deleted.map((b) => b.name).sort()).toEqual([day1[0]?.name, day2[0]?.name].sort());
    expect(backupsToDelete([file(at(2026, 5, 1))], { daily: 1, weekly: 0, monthly: 0 })).toEqual([]);
  });
});
