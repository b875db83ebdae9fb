/**
 * Archiving old years of the journal (issue 19) on real SQLite files: what moves and what never
 * moves, the verified copy, a re-run, the day report and 对账 of an archived year, the config.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src-main/config/load';
import { saveSettings } from '../../src-main/counter/settings';
import { archiveOldYears } from '../../src-main/journal/archive/archive-run';
import { archiveFileOf, archiveYearsIn, readLastRun } from '../../src-main/journal/archive/archive-files';
import { ArchiveShelf } from '../../src-main/journal/archive/archive-shelf';
import { ArchiveScheduler } from '../../src-main/journal/archive/archive-scheduler';
import { JournalView } from '../../src-main/counter/journal-view';
import { dailyReport } from '../../src-main/reports/daily-report';
import { readLedger } from '../../src-main/reconcile/local-ledger';
import { OperatorSessions } from '../../src-main/session/operator-sessions';
import type { JournalStore } from '../../src-main/journal/journal-store';
import type { Db } from '../../src-main/storage/sqlite';
import { cst, FIXMEDINS, openLiveJournal, writeYearsJournal, type YearsJournal } from '../helpers/archive-journal';
import { makeTempDir } from '../helpers/temp-dir';

const NOW = cst('2026-06-01 12:00:00');
const DAY = '2023-03-10';

/** A day's report and 对账 ledger as `journal` gives them (sessions from the same file). */
function dayOf(db: Db, journal: JournalStore, date = DAY) {
  const sessions = new OperatorSessions(db, FIXMEDINS, 'http://center');
  const source = { journal, sessions, fixmedinsCode: FIXMEDINS, fixmedinsName: '测试药房' };
  return { report: dailyReport(source, { date }, NOW), ledger: readLedger(journal, FIXMEDINS, date, date) };
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
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  let folder: string;
  let layout: YearsJournal;

  beforeEach(() => {
    temp = makeTempDir('yibao-archive-');
    file = join(temp.dir, 'yibao.sqlite');
    folder = join(temp.dir, 'archive');
    layout = writeYearsJournal(file);
  });
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
