/**
 * `yibao backup list` and the backup file names speak one zone, Beijing time, and say so, on a
 * computer set to another zone (here UTC and New York): a backup written now is listed with the
 * time its name carries; a name written before the zone was in the name (the computer's own
 * time) is still listed, converted to Beijing time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/storage/sqlite';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { writeBackup } from '../../src-main/backup/backup-writer';
import { formatDateTime } from '../../src-main/core/time';
import { runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';

describe('backup names and list in Beijing time', () => {
  const temp = makeTempDir('yibao-backup-zone-');
  const config = join(temp.dir, 'config.json');
  const usb = join(temp.dir, 'usb');
  let written: string;

  beforeAll(async () => {
    writeFileSync(config, JSON.stringify({ center: { url: 'http://127.0.0.1:9/' } }));
    const db = openDatabase(join(temp.dir, 'yibao.sqlite'), { migrations: CLIENT_MIGRATIONS });
    // 2026-03-01 23:30 in Beijing is still 28 February in UTC and in New York.
    const r = await writeBackup(db, usb, { keep: { daily: 7, weekly: 4, monthly: 12 }, now: new Date('2026-03-01T15:30:00Z') });
    db.close();
    written = r.file.split('/').at(-1) as string;
    // Written by an earlier version on a computer in UTC: 2026-02-20 01:00 UTC = 09:00 Beijing time.
    writeFileSync(join(usb, 'yibao-20260220-010000.sqlite'), 'older backup');
  }, 120_000);
  afterAll(() => temp.cleanup());

  it('the name of a new backup carries Beijing time and its zone', () => {
    expect(written).toBe('yibao-20260301-233000+0800.sqlite');
  });

  it.each(['UTC', 'America/New_York'])(
    'the list on a computer set to %s shows the times of the names, in Beijing time',
    async (tz) => {
      const r = await runCli(['--config', config, 'backup', 'list', '--to', usb], { TZ: tz });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('时间 (北京时间)');
      const lines = r.stdout.split('\n');
      expect(lines.find((l) => l.includes(written))).toContain('2026-03-01 23:30:00');
      // The older name is read in the zone of the computer listing it; on the UTC computer that wrote it, 09:00 Beijing time.
      const older = lines.find((l) => l.includes('yibao-20260220-010000.sqlite'));
      const expected = tz === 'UTC' ? '2026-02-20 09:00:00' : formatDateTime(new Date('2026-02-20T06:00:00Z'));
      expect(older).toContain(expected);
      expect(lines.findIndex((l) => l.includes(written))).toBeLessThan(lines.findIndex((l) => l.includes('yibao-20260220')));
    },
    120_000,
  );
});
