/**
 * `yibao journal archive --now` killed with SIGKILL after a delete step of an archive year
 * (archive-between-deletes), and after an archive year was copied and verified, before its rows
 * left the live journal (archive-after-copy): nothing is lost, and the next run deletes them
 * without copying them twice. Then `yibao journal --archive YEAR` finds an
 * archived entry by text and by code. Real child processes on real files.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveFileOf } from '../../src-main/journal/archive/archive-files';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { writeYearsJournal, type YearsJournal } from '../helpers/archive-journal';
import { makeTempDir } from '../helpers/temp-dir';

const count = (file: string, where = '1'): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM journal WHERE ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('yibao journal archive (child process, kill -9)', () => {
  const temp = makeTempDir('yibao-archive-kill-');
  const data = join(temp.dir, 'data');
  const live = join(data, 'yibao.sqlite');
  const folder = join(data, 'archive');
  // A center nobody answers: these commands make no call (recovery is off for `journal`).
  const env = { YIBAO_CONFIG: join(data, 'config.json') };
  let layout: YearsJournal;

  beforeAll(() => {
    ensureCliBuilt();
    layout = writeYearsJournal(live);
    writeFileSync(env.YIBAO_CONFIG, JSON.stringify({ center: { url: 'http://127.0.0.1:9' }, journal: { archiveAfterYears: 2 } }));
  }, 120_000);
  afterAll(() => temp.cleanup());

  it('a kill between copy and delete loses nothing; the next run deletes without doubling', async () => {
    // Today (2026) with 2 years: 2022 and 2023 are old. First the process dies after 2022's first
    // (here only) delete step committed, before 2023 …
    const afterDelete = await runCli(['journal', 'archive', '--now'], { ...env, YIBAO_TEST_CRASH_AT: 'archive-between-deletes' });
    expect(afterDelete.code, afterDelete.stderr).toBe(-1);
    expect(count(live)).toBe(layout.total - 2);
    expect(count(archiveFileOf(folder, 2022))).toBe(2);
    expect(existsSync(archiveFileOf(folder, 2023))).toBe(false);
    // … then after 2023's copy was verified, before its delete.
    const killed = await runCli(['journal', 'archive', '--now'], { ...env, YIBAO_TEST_CRASH_AT: 'archive-after-copy' });
    expect(killed.code, killed.stderr).toBe(-1);
    expect(count(live)).toBe(layout.total - 2);
    expect(count(archiveFileOf(folder, 2023))).toBe(3);

    const run = await runCli(['journal', 'archive', '--now', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { moved: number; years: { year: number; moved: number }[] };
    expect(result.years.map((y) => [y.year, y.moved])).toEqual([[2023, 3]]);
    expect(count(live)).toBe(layout.total - 5);
    expect(count(archiveFileOf(folder, 2022))).toBe(2);
    expect(count(archiveFileOf(folder, 2023))).toBe(3);
    // Every msgid is in exactly one of the files.
    const db = new Database(live, { readonly: true });
    db.prepare('ATTACH DATABASE ? AS a22').run(archiveFileOf(folder, 2022));
    db.prepare('ATTACH DATABASE ? AS a23').run(archiveFileOf(folder, 2023));
    const doubled = db
      .prepare(
        `SELECT count(*) AS n FROM (SELECT msgid FROM main.journal UNION ALL SELECT msgid FROM a22.journal
         UNION ALL SELECT msgid FROM a23.journal) GROUP BY msgid HAVING count(*) > 1`,
      )
      .all();
    const all = db
      .prepare(
        'SELECT (SELECT count(*) FROM main.journal) + (SELECT count(*) FROM a22.journal) + (SELECT count(*) FROM a23.journal) AS n',
      )
      .get() as { n: number };
    db.close();
    expect(doubled).toEqual([]);
    expect(all.n).toBe(layout.total);
  }, 120_000);

  it('yibao journal --archive YEAR finds an archived entry by text and by code, with the usual filters', async () => {
    const byText = await runCli(['journal', '--archive', '2023', '--text', 'S2023B1', '--json'], env);
    expect(byText.code, byText.stderr).toBe(0);
    const rows = JSON.parse(byText.stdout) as { id: number; infno: string; state: string }[];
    expect(rows.map((r) => [r.id, r.infno, r.state])).toEqual([[layout.ids['B1'], '2102', 'ok']]);

    const byCode = await runCli(['journal', '--archive', '2023', '--infno', '2601'], env);
    expect(byCode.code, byCode.stderr).toBe(0);
    expect(byCode.stdout).toMatch(/共 1 条/);

    const byState = await runCli(['journal', '--archive', '2022', '--state', 'rejected', '--json'], env);
    expect((JSON.parse(byState.stdout) as unknown[]).length).toBe(1);

    const missing = await runCli(['journal', '--archive', '2019'], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/没有 2019 年的归档流水/);
    // The live journal no longer has it.
    const live = await runCli(['journal', '--text', 'S2023B1', '--json'], env);
    expect(JSON.parse(live.stdout)).toEqual([]);
  }, 120_000);
});
