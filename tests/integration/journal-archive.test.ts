/**
 * Archiving old years of the journal (issue 19) on real SQLite files: what moves and what never
 * moves, the verified copy, a re-run, the day report and 对账 of an archived year, the config.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, parseConfig } from '../../src-main/config/load';
import { saveSettings } from '../../src-main/counter/settings';
import { archiveOldYears, archiveRunLine } from '../../src-main/journal/archive/archive-run';
import { archiveFileOf, archiveYearsIn, readLastRun, writeLastRun } from '../../src-main/journal/archive/archive-files';
import { ArchiveShelf } from '../../src-main/journal/archive/archive-shelf';
import { ARCHIVE_START_DELAY_MS, ArchiveScheduler, archiveViewOf } from '../../src-main/journal/archive/archive-scheduler';
import { JournalView } from '../../src-main/counter/journal-view';
import { dailyReport } from '../../src-main/reports/daily-report';
import { readLedger } from '../../src-main/reconcile/local-ledger';
import { OperatorSessions } from '../../src-main/session/operator-sessions';
import type { JournalStore } from '../../src-main/journal/journal-store';
import type { Db } from '../../src-main/storage/sqlite';
import { cst, FIXMEDINS, openLiveJournal, writeYearsJournal, type YearsJournal } from '../helpers/archive-journal';
import { makeTempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const NOW = cst('2026-06-01 12:00:00');
const DAY = '2023-03-10';

/** A day's report and 对账 ledger as `journal` gives them (sessions from the same file). */
function dayOf(db: Db, journal: JournalStore, date = DAY) {
  const sessions = new OperatorSessions(db, FIXMEDINS, 'http://center');
  const source = { journal, sessions, fixmedinsCode: FIXMEDINS, fixmedinsName: '测试药房' };
  return { report: dailyReport(source, { date }, NOW), ledger: readLedger(journal, FIXMEDINS, date, date) };
}

type TempDir = ReturnType<typeof makeTempDir>;

/** A test's own folder: yibao.sqlite holding the three-year journal, and archive/ beside it (not made yet). */
function yearsBed(prefix: string): { temp: TempDir; file: string; folder: string; layout: YearsJournal } {
  const temp = makeTempDir(prefix);
  const file = join(temp.dir, 'yibao.sqlite');
  return { temp, file, folder: join(temp.dir, 'archive'), layout: writeYearsJournal(file) };
}

const msgidsIn = (file: string, table = 'journal'): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('journal archive (real files)', () => {
  let temp: TempDir, file: string, folder: string, layout: YearsJournal;
  beforeEach(() => ({ temp, file, folder, layout } = yearsBed('yibao-archive-')));
  afterEach(() => temp.cleanup());

  it('is off by default: the config has no years and the scheduler moves nothing', async () => {
    expect(parseConfig({}, 'test').journal.archiveAfterYears).toBeNull();
    const live = openLiveJournal(file);
    const scheduler = new ArchiveScheduler(
      live.db,
      new ArchiveShelf(folder),
      null,
      () => NOW,
      () => undefined,
    );
    expect(await scheduler.runIfDue()).toBeNull();
    scheduler.start();
    await scheduler.stop();
    expect(msgidsIn(file)).toBe(layout.total);
    expect(existsSync(folder)).toBe(false);
    live.close();
  });

  it('moves exactly the final entries of the old years, with their keys; open, needs-manual and split groups stay', async () => {
    const keysBefore = msgidsIn(file, 'journal_key');
    const live = openLiveJournal(file);
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW });
    expect(result.error).toBeNull();
    expect(result.lastYear).toBe(2023);
    expect(result.years.map((y) => [y.year, y.moved, y.kept])).toEqual([
      [2022, 2, 0],
      [2023, 3, 3],
    ]);
    expect(archiveYearsIn(folder)).toEqual([2023, 2022]);

    const id = layout.ids;
    const left = live.db.prepare('SELECT id FROM journal ORDER BY id').all() as { id: number }[];
    expect(left.map((r) => r.id)).toEqual([id['B3'], id['B4'], id['B5'], id['B5R'], id['C1'], id['D1']]);
    const archived2023 = new Database(archiveFileOf(folder, 2023), { readonly: true });
    const rows = archived2023.prepare('SELECT id, state, reverses_id AS r FROM journal ORDER BY id').all();
    expect(rows).toEqual([
      { id: id['B1'], state: 'ok', r: null },
      { id: id['B2'], state: 'reversed', r: null },
      { id: id['B2R'], state: 'ok', r: id['B2'] },
    ]);
    expect(archived2023.pragma('foreign_key_check')).toEqual([]);
    archived2023.close();
    // Every key row went with its entry: none lost, none left pointing at a moved entry.
    const keysLeft = msgidsIn(file, 'journal_key');
    const keysMoved = result.years.reduce((n, y) => n + y.keys, 0);
    expect(keysMoved).toBeGreaterThan(0);
    expect(keysLeft + keysMoved).toBe(keysBefore);
    expect(msgidsIn(archiveFileOf(folder, 2022), 'journal_key') + msgidsIn(archiveFileOf(folder, 2023), 'journal_key')).toBe(
      keysMoved,
    );
    expect(live.db.pragma('foreign_key_check')).toEqual([]);

    // A re-run finds nothing more to move and doubles nothing.
    const again = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW });
    expect(again.moved).toBe(0);
    expect(msgidsIn(archiveFileOf(folder, 2023))).toBe(3);
    expect(msgidsIn(archiveFileOf(folder, 2022))).toBe(2);
    expect(msgidsIn(file)).toBe(6);
    live.close();
  });

  it('a copy already in the archive (a run killed before its delete) is only deleted the next time, never doubled', async () => {
    // The state a kill -9 between copy and delete leaves: the rows in both files (tests/crash/archive-kill.test.ts does it for real).
    const copyFirst = join(temp.dir, 'copy.sqlite');
    writeYearsJournal(copyFirst);
    const other = openLiveJournal(copyFirst);
    await archiveOldYears({ db: other.db, folder, afterYears: 2, now: NOW });
    other.close();
    expect(msgidsIn(file)).toBe(layout.total);

    const live = openLiveJournal(file);
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW });
    expect(result.error).toBeNull();
    expect(result.moved).toBe(5);
    expect(msgidsIn(archiveFileOf(folder, 2023))).toBe(3);
    expect(msgidsIn(archiveFileOf(folder, 2022))).toBe(2);
    expect(msgidsIn(file)).toBe(layout.total - 5);
    live.close();
  });

  it('a run stopped between two delete steps leaves the live journal whole (groups together); the next run finishes', async () => {
    const live = openLiveJournal(file);
    const before = dayOf(live.db, live.journal);
    const year2022 = { since: '2022-01-01 00:00:00', until: '2022-12-31 23:59:59' };
    const order2022 = live.journal.listAll(year2022).map((e) => [e.id, e.msgid]);
    expect(order2022).toHaveLength(2);
    // Steps of one entry: each step is one group (B2 with its 2601 is one step of two). The run
    // stops at the first pause after a delete step committed.
    const count = live.db.prepare('SELECT count(*) AS n FROM journal');
    const stopOnceDeleting = () =>
      (count.get() as { n: number }).n < layout.total ? Promise.reject(new Error('stopped')) : Promise.resolve();
    const stopped = await archiveOldYears({
      db: live.db,
      folder,
      afterYears: 2,
      now: NOW,
      stepRows: 1,
      yieldBetween: stopOnceDeleting,
    });
    expect(stopped.error).toBe('stopped');
    expect(live.db.pragma('foreign_key_check')).toEqual([]);
    expect(msgidsIn(file)).toBe(layout.total - 1);
    expect(msgidsIn(archiveFileOf(folder, 2022))).toBe(2);
    const shelf = new ArchiveShelf(folder);
    const withArchives = openLiveJournal(file, shelf);
    // One of the year's two entries is only in the archive now, the other in both files: read
    // together they are the same entries, newest first, as the journal listed them before the run.
    expect(withArchives.journal.listAll(year2022).map((e) => [e.id, e.msgid])).toEqual(order2022);

    const done = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW, stepRows: 1 });
    expect(done.error).toBeNull();
    expect(done.years.map((y) => [y.year, y.moved])).toEqual([
      [2022, 1],
      [2023, 3],
    ]);
    expect(msgidsIn(file)).toBe(layout.total - 5);
    expect(msgidsIn(archiveFileOf(folder, 2022))).toBe(2);
    expect(msgidsIn(archiveFileOf(folder, 2023))).toBe(3);
    expect(live.db.pragma('foreign_key_check')).toEqual([]);
    shelf.close();
    expect(dayOf(live.db, withArchives.journal)).toEqual(before);
    withArchives.close();
    live.close();
  });

  it('an entry in both files (copied, not yet deleted) counts once in a report', async () => {
    const plain = openLiveJournal(file);
    const before = dayOf(plain.db, plain.journal);
    const window = { since: '2023-01-01 00:00:00', until: '2023-12-31 23:59:59' };
    const entriesBefore = plain.journal.listAll(window).length;
    // The archive of a copy of this journal: the same entries, still in the live file too.
    const copy = join(temp.dir, 'copy.sqlite');
    writeYearsJournal(copy);
    const other = openLiveJournal(copy);
    await archiveOldYears({ db: other.db, folder, afterYears: 2, now: NOW });
    other.close();
    const shelf = new ArchiveShelf(folder);
    const both = openLiveJournal(file, shelf);
    expect(before.report.totals.settleCount).toBe(1);
    expect(dayOf(plain.db, both.journal)).toEqual(before);
    expect(both.journal.listAll(window)).toHaveLength(entriesBefore);
    shelf.close();
    both.close();
    plain.close();
  });

  it('设置 saves 流水归档 into the config file (null: off; absent: kept)', () => {
    const path = join(temp.dir, 'config.json');
    const patch = {
      centerUrl: '',
      institution: {
        fixmedinsCode: FIXMEDINS,
        fixmedinsName: '测试药房',
        mdtrtareaAdmvs: '420100',
        kind: 'pharmacy' as const,
        terminalSlot: 0,
      },
      profile: 'national' as const,
    };
    saveSettings(path, { ...patch, archiveAfterYears: 3 });
    expect(loadConfig({ path, env: {} }).config.journal.archiveAfterYears).toBe(3);
    saveSettings(path, patch);
    expect(loadConfig({ path, env: {} }).config.journal.archiveAfterYears).toBe(3);
    saveSettings(path, { ...patch, archiveAfterYears: null });
    expect(loadConfig({ path, env: {} }).config.journal.archiveAfterYears).toBeNull();
  });

  it('refuses to delete when the archive holds another entry under a moved id (nothing lost)', async () => {
    // Another counter's archive put in this folder: the same ids under other msgids.
    const otherFile = join(temp.dir, 'other.sqlite');
    writeYearsJournal(otherFile);
    const other = openLiveJournal(otherFile);
    other.db.prepare("UPDATE journal SET msgid = 'X' || substr(msgid, 2) WHERE id = ?").run(layout.ids['A1']);
    await archiveOldYears({ db: other.db, folder, afterYears: 2, now: NOW });
    other.close();

    const live = openLiveJournal(file);
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW });
    expect(result.error).toMatch(/复制到归档文件 .*journal-2022\.sqlite 失败/);
    expect(result.moved).toBe(0);
    expect(msgidsIn(file)).toBe(layout.total);
    live.close();
  });

  it('the day report and 对账 of an archived year are the same after archiving', async () => {
    const sessionsDb = openLiveJournal(file);
    const before = dayOf(sessionsDb.db, sessionsDb.journal);
    expect(before.report.totals.settleCount).toBe(1);
    expect(before.report.totals.settledMedfeeFen).toBe(12345);
    expect(before.ledger).toHaveLength(1);
    await archiveOldYears({ db: sessionsDb.db, folder, afterYears: 2, now: NOW });

    // Without the archives the live journal no longer has that day …
    const without = dayOf(sessionsDb.db, sessionsDb.journal);
    expect([without.report.totals.settleCount, without.ledger.length]).toEqual([0, 0]);
    // … with them (as the app opens it) the report and the ledger add up as before.
    const shelf = new ArchiveShelf(folder);
    const withArchives = openLiveJournal(file, shelf);
    expect(dayOf(sessionsDb.db, withArchives.journal)).toEqual(before);
    // A day of a live year is read from the live journal only, as before.
    expect(dayOf(sessionsDb.db, withArchives.journal, '2026-05-01').report.totals.settleCount).toBe(1);
    shelf.close();
    withArchives.close();
    sessionsDb.close();
  });

  it('交易流水 reads an archive year with the same list and detail code, read-only', async () => {
    const live = openLiveJournal(file);
    await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW });
    const shelf = new ArchiveShelf(folder);
    const view = new JournalView(live.journal, shelf);
    const rows = view.rows({ archiveYear: 2023 });
    expect(rows.map((r) => r.msgid.slice(-4))).toEqual(['B200', 'B100']);
    const detail = view.detail(layout.ids['B2'] as number, 2023);
    expect(detail.reversals.map((r) => r.msgid.slice(-4))).toEqual(['B2R0']);
    expect(() => view.rows({ archiveYear: 2019 })).toThrow(/没有 2019 年的归档流水/);
    // The archive is opened read-only: the store cannot write it.
    expect(() => shelf.store(2023).resolve(layout.ids['B1'] as number, 'needs-manual', 'x')).toThrow(/readonly/i);
    shelf.close();
    live.close();
  });

  it('the scheduler runs at most once a day, keeps the last run for 设置 and logs one line', async () => {
    const live = openLiveJournal(file);
    const lines: string[] = [];
    const shelf = new ArchiveShelf(folder);
    let now = NOW;
    const scheduler = new ArchiveScheduler(
      live.db,
      shelf,
      2,
      () => now,
      (l) => lines.push(l),
    );
    const first = await scheduler.runIfDue();
    expect(first?.moved).toBe(5);
    expect(readLastRun(folder)).toEqual(first);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/流水归档 .*共移出 5 条/);
    now = new Date(NOW.getTime() + 3_600_000);
    expect(await scheduler.runIfDue()).toBeNull();
    now = new Date(NOW.getTime() + 25 * 3_600_000);
    expect((await scheduler.runIfDue())?.moved).toBe(0);
    expect(lines).toHaveLength(2);
    shelf.close();
    live.close();
  });

  it('a wrong archiveAfterYears is refused in Chinese', () => {
    expect(() => parseConfig({ journal: { archiveAfterYears: 0 } }, 'c.json')).toThrow(
      /journal\.archiveAfterYears: 归档年限至少 1 年/,
    );
    expect(() => parseConfig({ journal: { archiveAfterYears: 1.5 } }, 'c.json')).toThrow(/归档年限应为整数年/);
    expect(() => parseConfig({ journal: { archiveAfterYears: '3' } }, 'c.json')).toThrow(/归档年限应为整数年/);
    expect(parseConfig({ journal: { archiveAfterYears: 3 } }, 'c.json').journal.archiveAfterYears).toBe(3);
  });
});

/** Runs `sql` on a file with its own connection (foreign keys off: a hand edit of one table). */
const editFile = (path: string, sql: string, ...params: unknown[]): void => {
  const db = new Database(path);
  try {
    db.pragma('foreign_keys = OFF');
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
};

describe('journal archive: the checks before a delete (real files)', () => {
  let temp: TempDir, file: string, folder: string, layout: YearsJournal, keysBefore: number;
  beforeEach(() => {
    ({ temp, file, folder, layout } = yearsBed('yibao-archive-check-'));
    keysBefore = msgidsIn(file, 'journal_key');
  });
  afterEach(() => temp.cleanup());

  /** A run's `yieldBetween` that makes `edit` at its n-th pause (2022: 1 after the copy step, 2 after the key step, 3 verified, before the delete). */
  const atPause = (n: number, edit: () => void): (() => Promise<void>) => {
    let pauses = 0;
    return () => {
      pauses += 1;
      if (pauses === n) edit();
      return Promise.resolve();
    };
  };
  /** 2022's archive after its keys were copied. */
  const afterKeysCopied = (edit: () => void): (() => Promise<void>) => atPause(2, edit);

  /** The run stopped in 2022 and deleted nothing: every entry and key row still in the live journal. */
  const nothingDeleted = (live: { db: Db }, result: Awaited<ReturnType<typeof archiveOldYears>>) => {
    expect(result.moved).toBe(0);
    expect(result.years.map((y) => [y.year, y.moved, y.keys, y.kept])).toEqual([[2022, 0, 0, 0]]);
    expect(result.years[0]?.note).toBe(result.error);
    expect(msgidsIn(file)).toBe(layout.total);
    expect(msgidsIn(file, 'journal_key')).toBe(keysBefore);
    expect(live.db.pragma('foreign_keys', { simple: true })).toBe(1);
  };

  it('verify: an archive missing a copied row refuses the delete (E_ARCHIVE_VERIFY)', async () => {
    const live = openLiveJournal(file);
    const archive2022 = archiveFileOf(folder, 2022);
    const yieldBetween = afterKeysCopied(() => editFile(archive2022, 'DELETE FROM journal WHERE id = ?', layout.ids['A2']));
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW, yieldBetween });
    expect(result.error).toBe(`归档文件 ${archive2022} 中只找到 1 / 2 条复制的流水 (编号或内容不符), 未从本机流水删除`);
    nothingDeleted(live, result);
    live.close();
  });

  it('verify: a copied row with another updated_at refuses the delete', async () => {
    const live = openLiveJournal(file);
    const archive2022 = archiveFileOf(folder, 2022);
    const yieldBetween = afterKeysCopied(() =>
      editFile(archive2022, "UPDATE journal SET updated_at = '2000-01-01 00:00:00' WHERE id = ?", layout.ids['A1']),
    );
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW, yieldBetween });
    expect(result.error).toMatch(/中只找到 1 \/ 2 条复制的流水/);
    nothingDeleted(live, result);
    live.close();
  });

  it('verify: a key row missing in the archive refuses the delete', async () => {
    const live = openLiveJournal(file);
    const archive2022 = archiveFileOf(folder, 2022);
    const keys2022 = (
      live.db
        .prepare('SELECT count(*) AS n FROM journal_key WHERE journal_id IN (?, ?)')
        .get(layout.ids['A1'], layout.ids['A2']) as { n: number }
    ).n;
    expect(keys2022).toBeGreaterThan(1);
    const yieldBetween = afterKeysCopied(() =>
      editFile(
        archive2022,
        'DELETE FROM journal_key WHERE (field, value, journal_id) = (SELECT field, value, journal_id FROM journal_key ORDER BY field, value LIMIT 1)',
      ),
    );
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW, yieldBetween });
    expect(result.error).toBe(`业务编号索引: 本机 ${keys2022} 条, 归档中 ${keys2022 - 1} 条, 不一致, 未删除`);
    nothingDeleted(live, result);
    live.close();
  });

  it('an entry changed after the copy is not deleted (E_ARCHIVE_CHANGED); the next run moves it', async () => {
    const live = openLiveJournal(file);
    // The third pause of 2022: verified, before the delete.
    const yieldBetween = atPause(3, () =>
      live.db.prepare("UPDATE journal SET updated_at = '2022-05-02 08:00:00' WHERE id = ?").run(layout.ids['A1']),
    );
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW, yieldBetween });
    expect(result.error).toBe('复制后有 1 条流水有变化或已不在本机流水中, 这些未删除, 下次归档再处理');
    nothingDeleted(live, result);
    const again = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW });
    expect(again.error).toBeNull();
    expect(again.moved).toBe(5);
    const archived = new Database(archiveFileOf(folder, 2022), { readonly: true });
    expect(archived.prepare('SELECT updated_at FROM journal WHERE id = ?').get(layout.ids['A1'])).toEqual({
      updated_at: '2022-05-02 08:00:00',
    });
    archived.close();
    live.close();
  });

  it('an entry a new 2601 names after the copy is not deleted', async () => {
    const live = openLiveJournal(file);
    // A row outside the moved ones now names A1 as its original.
    const yieldBetween = atPause(3, () =>
      live.db.prepare('UPDATE journal SET reverses_id = ? WHERE id = ?').run(layout.ids['A1'], layout.ids['C1']),
    );
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW, yieldBetween });
    expect(result.error).toBe('有 1 条冲正流水指向要归档的流水, 这些未删除');
    nothingDeleted(live, result);
    live.close();
  });

  it('a key row gone from the live journal after the copy undoes that delete step', async () => {
    const live = openLiveJournal(file);
    const yieldBetween = atPause(3, () =>
      live.db
        .prepare(
          'DELETE FROM journal_key WHERE (field, value, journal_id) = (SELECT field, value, journal_id FROM journal_key WHERE journal_id = ? LIMIT 1)',
        )
        .run(layout.ids['A1']),
    );
    const keys2022 = (
      live.db
        .prepare('SELECT count(*) AS n FROM journal_key WHERE journal_id IN (?, ?)')
        .get(layout.ids['A1'], layout.ids['A2']) as { n: number }
    ).n;
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW, yieldBetween });
    expect(result.error).toBe(`业务编号索引删除 ${keys2022 - 1} 条, 应为 ${keys2022} 条, 本步已撤销`);
    expect(result.moved).toBe(0);
    expect(msgidsIn(file)).toBe(layout.total);
    expect(msgidsIn(file, 'journal_key')).toBe(keysBefore - 1);
    live.close();
  });

  it('an archive holding the same msgid under another id refuses (the id is never rewritten)', async () => {
    const copy = join(temp.dir, 'copy.sqlite');
    writeYearsJournal(copy);
    const other = openLiveJournal(copy);
    await archiveOldYears({ db: other.db, folder, afterYears: 2, now: NOW });
    other.close();
    editFile(archiveFileOf(folder, 2022), 'UPDATE journal SET id = 900 WHERE id = ?', layout.ids['A1']);
    const live = openLiveJournal(file);
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW });
    expect(result.error).toMatch(/中只找到 1 \/ 2 条复制的流水/);
    nothingDeleted(live, result);
    live.close();
  });

  it('a stale copy in the archive (an older updated_at) is refreshed from the live row, then deleted', async () => {
    const copy = join(temp.dir, 'copy.sqlite');
    writeYearsJournal(copy);
    const other = openLiveJournal(copy);
    await archiveOldYears({ db: other.db, folder, afterYears: 2, now: NOW });
    other.close();
    const live = openLiveJournal(file);
    const liveA1 = live.db.prepare('SELECT state, updated_at FROM journal WHERE id = ?').get(layout.ids['A1']);
    editFile(
      archiveFileOf(folder, 2022),
      "UPDATE journal SET state = 'unknown', updated_at = '2000-01-01 00:00:00' WHERE id = ?",
      layout.ids['A1'],
    );
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW });
    expect(result.error).toBeNull();
    expect(result.moved).toBe(5);
    const archived = new Database(archiveFileOf(folder, 2022), { readonly: true });
    expect(archived.prepare('SELECT state, updated_at FROM journal WHERE id = ?').get(layout.ids['A1'])).toEqual(liveA1);
    archived.close();
    live.close();
  });

  it('an archive file that is no database stops the run before anything is copied or deleted', async () => {
    mkdirSync(folder, { recursive: true });
    const archive2022 = archiveFileOf(folder, 2022);
    writeFileSync(archive2022, 'not a database, but long enough to be read as a header of one. '.repeat(8));
    const live = openLiveJournal(file);
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW });
    expect(result.error).toBe(
      `复制到归档文件 ${archive2022} 失败, 本机流水未删除: 无法打开归档文件 ${archive2022}: file is not a database`,
    );
    nothingDeleted(live, result);
    live.close();
  });

  it('the newest entry of the journal holds its year back (no id reused); a year with nothing final says why', async () => {
    const id = layout.ids;
    // Only 2022 and 2023 left, 2022's entries not final; the newest entry (B5R) is in 2024 … then 2023.
    editFile(file, "DELETE FROM journal WHERE prepared_at >= '2024-07-01'");
    editFile(file, 'DELETE FROM journal_key WHERE journal_id NOT IN (SELECT id FROM journal)');
    editFile(file, "UPDATE journal SET state = 'needs-manual' WHERE id IN (?, ?)", id['A1'], id['A2']);
    editFile(file, 'DELETE FROM journal WHERE id IN (?, ?)', id['B5R'], id['B5']);
    editFile(file, 'DELETE FROM journal WHERE id IN (?, ?)', id['B3'], id['B4']);
    editFile(file, 'DELETE FROM journal_key WHERE journal_id NOT IN (SELECT id FROM journal)');
    const live = openLiveJournal(file);
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW });
    expect(result.error).toBeNull();
    expect(result.years).toEqual([
      { year: 2022, moved: 0, keys: 0, kept: 2, note: '该年流水均未完结或与冲正不在同一年' },
      { year: 2023, moved: 0, keys: 0, kept: 3, note: '本机最新的一条流水在该年, 暂不归档 (避免流水编号重复)' },
    ]);
    expect(result.moved).toBe(0);
    expect(archiveYearsIn(folder)).toEqual([]);
    expect(msgidsIn(file)).toBe(5);
    live.close();
  });

  it('steps of stepRows entries (whole groups), empty years left out, an entry without keys, the figures', async () => {
    const id = layout.ids;
    // A2 without key rows: its delete step counts none for it.
    editFile(file, 'DELETE FROM journal_key WHERE journal_id = ?', id['A2']);
    const keysAll = msgidsIn(file, 'journal_key');
    const live = openLiveJournal(file);
    const count = live.db.prepare('SELECT count(*) AS n FROM journal');
    const trace: number[] = [];
    const yieldBetween = () => {
      trace.push((count.get() as { n: number }).n);
      return Promise.resolve();
    };
    const result = await archiveOldYears({ db: live.db, folder, afterYears: 0, now: NOW, stepRows: 2, yieldBetween });
    expect(result.error).toBeNull();
    expect(result.lastYear).toBe(2025);
    // 2025 has no entry: not listed. 2023 keeps B3, B4 and B5 (its 2601 is of 2024); 2024 moves C1, keeps B5R.
    expect(result.years.map((y) => [y.year, y.moved, y.kept, y.note])).toEqual([
      [2022, 2, 0, null],
      [2023, 3, 3, null],
      [2024, 1, 1, null],
    ]);
    expect(result.moved).toBe(6);
    // Per year: the copy steps (stepRows entries), one key step, one after the verify, the delete steps
    // (whole groups of at least stepRows: 2022 [A1 A2]; 2023 [B1 B2 B2R]; 2024 [C1]).
    expect(trace).toEqual([11, 11, 11, 9, 9, 9, 9, 9, 6, 6, 6, 6, 5]);
    expect(msgidsIn(file)).toBe(5);
    expect(result.years.reduce((n, y) => n + y.keys, 0) + msgidsIn(file, 'journal_key')).toBe(keysAll);
    for (const y of result.years) {
      expect(y.stepsMs?.copy).toBeGreaterThanOrEqual(0);
      expect(y.stepsMs?.copy).toBeLessThan(60_000);
      expect(y.stepsMs?.verify).toBeGreaterThanOrEqual(0);
      expect(y.stepsMs?.verify).toBeLessThan(60_000);
      expect(y.stepsMs?.delete).toBeGreaterThanOrEqual(0);
      expect(y.stepsMs?.delete).toBeLessThan(60_000);
    }
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(result.ms).toBeLessThan(60_000);
    expect(live.db.pragma('foreign_keys', { simple: true })).toBe(1);
    live.close();
  });

  it('archiveRunLine: one line of counts', () => {
    const line = archiveRunLine({
      at: '2026-06-01 12:00:00',
      afterYears: 2,
      lastYear: 2023,
      years: [
        { year: 2022, moved: 2, keys: 6, kept: 0, note: null },
        { year: 2023, moved: 0, keys: 0, kept: 3, note: '该年流水均未完结或与冲正不在同一年' },
      ],
      moved: 2,
      ms: 42,
      error: null,
    });
    expect(line).toBe(
      '流水归档 (2 年前, 至 2023 年): 共移出 2 条, 42 ms; 2022: 移出 2 条 (索引 6), 留下 0 条; 2023: 移出 0 条 (索引 0), 留下 3 条 (该年流水均未完结或与冲正不在同一年)',
    );
    expect(archiveRunLine({ at: '', afterYears: 3, lastYear: 2022, years: [], moved: 0, ms: 7, error: '坏了' })).toBe(
      '流水归档 (3 年前, 至 2022 年): 共移出 0 条, 7 ms; 出错: 坏了',
    );
  });
});

describe('journal archive: the folder and the shelf (real files)', () => {
  let temp: TempDir;
  let folder: string;

  beforeEach(() => {
    temp = makeTempDir('yibao-archive-shelf-');
    folder = join(temp.dir, 'archive');
  });
  afterEach(() => temp.cleanup());

  it('the years of the folder: none without it, only journal-YYYY.sqlite files, newest first', () => {
    expect(archiveYearsIn(folder)).toEqual([]);
    mkdirSync(folder);
    for (const name of [
      'journal-2021.sqlite',
      'journal-2023.sqlite',
      'journal-2023.sqlite-journal',
      'journal-22.sqlite',
      'x.txt',
    ])
      writeFileSync(join(folder, name), '');
    expect(archiveYearsIn(folder)).toEqual([2023, 2021]);
  });

  it('the last run: null when never written or unreadable, else as written', () => {
    expect(readLastRun(folder)).toBeNull();
    const run = { at: '2026-06-01 12:00:00', afterYears: 2, lastYear: 2023, years: [], moved: 0, ms: 3, error: null };
    writeLastRun(folder, run);
    expect(readLastRun(folder)).toEqual(run);
    writeFileSync(join(folder, 'last-run.json'), '{ not json');
    expect(readLastRun(folder)).toBeNull();
  });

  it('the shelf opens each year once, gives the years a window overlaps, and closes them', async () => {
    const file = join(temp.dir, 'yibao.sqlite');
    writeYearsJournal(file);
    const live = openLiveJournal(file);
    await archiveOldYears({ db: live.db, folder, afterYears: 2, now: NOW });
    live.close();
    const shelf = new ArchiveShelf(folder);
    const y2023 = shelf.store(2023);
    expect(shelf.store(2023)).toBe(y2023);
    const y2022 = shelf.store(2022);
    expect(shelf.overlapping('2023-01-01 00:00:00', '2023-12-31 23:59:59')).toEqual([y2023]);
    expect(shelf.overlapping('2022-12-31 00:00:00', '2023-01-01 23:59:59')).toEqual([y2023, y2022]);
    expect(shelf.overlapping('2021-01-01 00:00:00', '2021-12-31 23:59:59')).toEqual([]);
    expect(shelf.overlapping('2024-01-01 00:00:00', '2026-12-31 23:59:59')).toEqual([]);
    let missing: unknown;
    try {
      shelf.store(2019);
    } catch (e) {
      missing = e;
    }
    expect(missing).toMatchObject({ code: 'E_ARCHIVE_NOT_FOUND', detail: { year: 2019 } });
    const window = { since: '2023-01-01 00:00:00', until: '2023-12-31 23:59:59' };
    expect(y2023.listAll(window)).toHaveLength(3);
    shelf.close();
    // Closed: the old store's connection is gone, the next use opens the file again.
    expect(() => y2023.listAll(window)).toThrow(/not open/);
    const reopened = shelf.store(2023);
    expect(reopened).not.toBe(y2023);
    expect(reopened.listAll(window)).toHaveLength(3);
    shelf.close();
  });
});

describe('journal archive: the scheduler (real files)', () => {
  let temp: TempDir, file: string, folder: string;
  beforeEach(() => ({ temp, file, folder } = yearsBed('yibao-archive-timer-')));
  afterEach(() => {
    vi.useRealTimers();
    temp.cleanup();
  });

  it('start() queues one run a minute later; stop() before it cancels it; off: nothing queued', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const live = openLiveJournal(file);
    const shelf = new ArchiveShelf(folder);
    const lines: string[] = [];
    const off = new ArchiveScheduler(
      live.db,
      shelf,
      null,
      () => NOW,
      (l) => lines.push(l),
    );
    off.start();
    expect(vi.getTimerCount()).toBe(0);
    expect(() => off.runNow()).toThrow('archiving is off');

    const on = new ArchiveScheduler(
      live.db,
      shelf,
      2,
      () => NOW,
      (l) => lines.push(l),
    );
    expect(archiveViewOf(on, shelf)).toEqual({ afterYears: 2, folder, years: [], lastRun: null });
    on.start();
    on.start();
    expect(vi.getTimerCount()).toBe(1);
    await on.stop();
    expect(vi.getTimerCount()).toBe(0);
    // A run creates the archive folder before its first pause: none did.
    vi.advanceTimersByTime(ARCHIVE_START_DELAY_MS);
    expect(existsSync(folder)).toBe(false);

    on.start();
    vi.advanceTimersByTime(ARCHIVE_START_DELAY_MS - 1);
    expect(existsSync(folder)).toBe(false);
    vi.advanceTimersByTime(1);
    await waitFor('the queued run logging its line', () => lines.length === 1);
    expect(lines[0]).toMatch(/ARCHIVE 流水归档 \(2 年前, 至 2023 年\): 共移出 5 条/);
    expect(archiveViewOf(on, shelf).years).toEqual([2023, 2022]);
    // Exactly a day after the last run it is due again.
    const dayLater = new ArchiveScheduler(
      live.db,
      shelf,
      2,
      () => new Date(NOW.getTime() + 86_400_000),
      () => undefined,
    );
    expect((await dayLater.runIfDue())?.moved).toBe(0);
    shelf.close();
    live.close();
  });

  it('a queued run that fails is logged (E_ARCHIVE_RUN), the counter goes on', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    writeFileSync(folder, 'a file where the archive folder should be');
    const live = openLiveJournal(file);
    const lines: string[] = [];
    const scheduler = new ArchiveScheduler(
      live.db,
      new ArchiveShelf(folder),
      2,
      () => NOW,
      (l) => lines.push(l),
    );
    scheduler.start();
    vi.advanceTimersByTime(ARCHIVE_START_DELAY_MS);
    await waitFor('the failed run logged', () => lines.some((l) => l.includes('E_ARCHIVE_RUN')));
    expect(lines.find((l) => l.includes('E_ARCHIVE_RUN'))).toMatch(/流水归档失败 \(收银台照常运行\)/);
    expect(msgidsIn(file)).toBe(11);
    live.close();
  });
});
