/**
 * The counter's own small JSON files read back through their schema (core/json-file.ts): the archive's last run
 * (设置 → 流水归档) and the restore marker (the 对账 after a restore). A file of the wrong shape reaches neither.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile } from '../../src-main/core/json-file';
import { readLastRun, writeLastRun } from '../../src-main/journal/archive/archive-files';
import { restoreMarkerOf } from '../../src-main/backup/restore-recovery';
import { RESTORE_MARKER } from '../../src-main/backup/restore';
import { formatDate } from '../../src-main/core/time';
import { makeTempDir } from '../helpers/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

describe('readJsonFile', () => {
  const schema = z.object({ n: z.number() });

  it('tells a missing file, a good one, one that is not JSON and one of another shape apart, naming the field', () => {
    const file = join(temp.dir, 'x.json');
    expect(readJsonFile(file, schema)).toEqual({ kind: 'missing' });
    writeFileSync(file, '{"n": 3}');
    expect(readJsonFile(file, schema)).toEqual({ kind: 'ok', value: { n: 3 } });
    writeFileSync(file, '{"n": 3');
    const cut = readJsonFile(file, schema);
    expect(cut.kind).toBe('bad');
    expect(cut.kind === 'bad' && cut.reason).toContain('not readable as JSON');
    writeFileSync(file, '{"n": "3"}');
    const wrong = readJsonFile(file, schema);
    expect(wrong.kind).toBe('bad');
    expect(wrong.kind === 'bad' && wrong.reason).toMatch(/x\.json: n /);
  });

  it('reads a file saved from Notepad (a UTF-8 BOM before the JSON) as the same file without it', () => {
    const file = join(temp.dir, 'bom.json');
    writeFileSync(file, '\uFEFF{"n": 4}', 'utf8');
    expect(readJsonFile(file, schema)).toEqual({ kind: 'ok', value: { n: 4 } });
  });
});

describe('the archive’s last run', () => {
  it('a file of another shape is no last run (设置 shows none rather than a wrong one)', () => {
    const run = { at: '2026-06-01 12:00:00', afterYears: 2, lastYear: 2023, years: [], moved: 0, ms: 3, error: null };
    writeLastRun(temp.dir, run);
    expect(readLastRun(temp.dir)).toEqual(run);
    writeFileSync(join(temp.dir, 'last-run.json'), JSON.stringify({ ...run, moved: '12' }));
    expect(readLastRun(temp.dir)).toBeNull();
    writeFileSync(join(temp.dir, 'last-run.json'), JSON.stringify({ ...run, years: [{ year: 2023 }] }));
    expect(readLastRun(temp.dir)).toBeNull();
  });
});

describe('the restore marker', () => {
  const marker = {
    from: '/backups/yibao-20261201.sqlite',
    restoredAt: '2026-12-02 08:00:00',
    journalUpTo: '2026-11-30 17:45:12',
    replaced: 'yibao.sqlite.replaced-20261202080000',
  };

  it('none without the file; as written when it is a marker', () => {
    expect(restoreMarkerOf(temp.dir)).toBeNull();
    writeFileSync(join(temp.dir, RESTORE_MARKER), JSON.stringify(marker));
    expect(restoreMarkerOf(temp.dir)).toEqual(marker);
  });

  it('of another shape (a day the 对账 could not start on) or cut short: still a restore to check, from today', () => {
    const today = `${formatDate(new Date())} 00:00:00`;
    const fallback = { from: '?', restoredAt: today, journalUpTo: null, replaced: null };
    writeFileSync(join(temp.dir, RESTORE_MARKER), JSON.stringify({ ...marker, journalUpTo: 'yesterday' }));
    expect(restoreMarkerOf(temp.dir)).toEqual(fallback);
    writeFileSync(join(temp.dir, RESTORE_MARKER), '{"from": "/backups/');
    expect(restoreMarkerOf(temp.dir)).toEqual(fallback);
  });
});
