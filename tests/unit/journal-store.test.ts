/**
 * The journal store on a real SQLite file, read back field by field: what list() finds under each filter (the LIKE
 * escape of the free-text search included), what prepare / markSent / finish / resolve / recordFromCenter store, which
 * outcomes reach a shop store's sink and at which sync level, when an entry counts as still in flight (this process,
 * another live process — a real child process — and the call-timeout window), the open entries of one center, the
 * live screens' activity mark and the status bar's recent outcomes, and closing. Expected values are written out by
 * hand from the entries each test makes; the clock is injected so every stamp is known.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  answerWarningsOf,
  JournalStore,
  psnNoOf,
  type JournalEntry,
  type JournalOutcomeSink,
} from '../../src-main/journal/journal-store';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { openDatabase, type Db } from '../../src-main/storage/sqlite';
import { requestEnvelope } from '../helpers/journal-entry';
import { makeTempDir } from '../helpers/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** A clock that stands still until the test moves it: 2026-12-06 09:00:00 (China time) at first. */
function manualClock(): { now: () => Date; advance: (seconds: number) => void } {
  let t = new Date('2026-12-06T09:00:00+08:00').getTime();
  return { now: () => new Date(t), advance: (seconds) => (t += seconds * 1000) };
}

interface Opened {
  db: Db;
  file: string;
  journal: JournalStore;
  clock: ReturnType<typeof manualClock>;
}

function openJournal(options: { sink?: JournalOutcomeSink; maxRows?: number; file?: string } = {}): Opened {
  const t = makeTempDir();
  const file = options.file ?? join(t.dir, 'yibao.sqlite');
  const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
  const clock = manualClock();
  const journal = new JournalStore(db, file, 'http://center', options.sink ?? null, {
    clock: clock.now,
    maxRows: options.maxRows,
  });
  cleanups.push(() => {
    journal.close();
    db.close();
    t.cleanup();
  });
  return { db, file, journal, clock };
}

const envelope = requestEnvelope;

const msgids = (entries: readonly JournalEntry[]): string[] => entries.map((e) => e.msgid);

describe('psnNoOf', () => {
  it('takes the first non-empty psn_no string of a block or of a list’s first row', () => {
    expect(psnNoOf({ data: { psn_no: 'P1' } })).toBe('P1');
    expect(psnNoOf({ feedetail: [{ psn_no: 'P2' }, { psn_no: 'P9' }] })).toBe('P2');
    expect(psnNoOf({ data: { psn_no: '' }, other: { psn_no: 'P3' } })).toBe('P3');
    expect(psnNoOf({ data: null, text: 'x', other: { psn_no: 'P4' } })).toBe('P4');
    expect(psnNoOf({ data: { psn_no: 12 } })).toBeNull();
    expect(psnNoOf({ data: { psn_no: '' } })).toBeNull();
    expect(psnNoOf({})).toBeNull();
  });
});

describe('answerWarningsOf', () => {
  it('reads the recorded list back, and an empty list for none, a non-list or broken JSON', () => {
    expect(answerWarningsOf({ answerWarnings: '[{"path":"setlinfo.x","problem":"缺少"}]' })).toEqual([
      { path: 'setlinfo.x', problem: '缺少' },
    ]);
    expect(answerWarningsOf({ answerWarnings: null })).toEqual([]);
    expect(answerWarningsOf({ answerWarnings: '' })).toEqual([]);
    expect(answerWarningsOf({ answerWarnings: '{"path":"x"}' })).toEqual([]);
    expect(answerWarningsOf({ answerWarnings: '[{' })).toEqual([]);
  });
});

describe('journal list() filters', () => {
  /** Five entries a minute apart (09:00 … 09:04); M4 is the 2601 of M3; M2 answered ok with "ZETA" in its answer. */
  function fiveEntries(options: { maxRows?: number } = {}): Opened {
    const o = openJournal(options);
    const { journal, clock } = o;
    journal.prepare(envelope('M1', '1101', { data: { psn_no: 'P1' } }));
    clock.advance(60);
    journal.prepare(envelope('M2', '2101', { data: { psn_no: 'P2', memo: 'a%b_c\\d' } }, { opter: 'OP2' }));
    journal.finish('M2', 'ok', { response: { infcode: 0, output: { note: 'ZETA' } } });
    clock.advance(60);
    const m3 = journal.prepare(envelope('M3', '2102', { data: { psn_no: 'P1', mdtrt_id: 'MD1' } }, { fixmedins: 'H2' }));
    clock.advance(60);
    journal.prepare(envelope('M4', '2601', { data: { psn_no: 'P1', omsgid: 'M3' } }, { fixmedins: 'H2' }), m3);
    clock.advance(60);
    journal.prepare(envelope('M5', '1101', { data: { memo: 'aXbYc-d' } }));
    return o;
  }

  it('without a filter: every entry, newest first', () => {
    const { journal } = fiveEntries();
    expect(msgids(journal.list())).toEqual(['M5', 'M4', 'M3', 'M2', 'M1']);
  });

  it('by state, time, code, operator, institution, person, business id and originals', () => {
    const { journal } = fiveEntries();
    expect(msgids(journal.list({ states: ['ok'] }))).toEqual(['M2']);
    expect(msgids(journal.list({ states: ['ok', 'prepared'] }))).toEqual(['M5', 'M4', 'M3', 'M2', 'M1']);
    expect(msgids(journal.list({ since: '2026-12-06 09:02:00' }))).toEqual(['M5', 'M4', 'M3']);
    expect(msgids(journal.list({ until: '2026-12-06 09:01:00' }))).toEqual(['M2', 'M1']);
    expect(msgids(journal.list({ since: '2026-12-06 09:01:00', until: '2026-12-06 09:03:00' }))).toEqual(['M4', 'M3', 'M2']);
    expect(msgids(journal.list({ infno: '1101' }))).toEqual(['M5', 'M1']);
    expect(msgids(journal.list({ infnos: ['2101', '2102'] }))).toEqual(['M3', 'M2']);
    expect(msgids(journal.list({ opter: 'OP2' }))).toEqual(['M2']);
    expect(msgids(journal.list({ fixmedinsCode: 'H2' }))).toEqual(['M4', 'M3']);
    expect(msgids(journal.list({ psnNo: 'P2' }))).toEqual(['M2']);
    expect(msgids(journal.list({ psnNo: 'P1' }))).toEqual(['M4', 'M3', 'M1']);
    expect(msgids(journal.list({ key: { field: 'mdtrt_id', value: 'MD1' } }))).toEqual(['M3']);
    expect(msgids(journal.list({ originalsOnly: true }))).toEqual(['M5', 'M3', 'M2', 'M1']);
    expect(msgids(journal.list({ originalsOnly: false }))).toEqual(['M5', 'M4', 'M3', 'M2', 'M1']);
    expect(msgids(journal.list({ beforeId: 3 }))).toEqual(['M2', 'M1']);
    // Filters combine (AND).
    expect(msgids(journal.list({ psnNo: 'P1', fixmedinsCode: 'H2', originalsOnly: true }))).toEqual(['M3']);
  });

  it('free text: in the request or the answer, with %, _ and \\ taken literally', () => {
    const { journal } = fiveEntries();
    expect(msgids(journal.list({ textContains: 'ZETA' }))).toEqual(['M2']); // only in M2's answer
    expect(msgids(journal.list({ textContains: 'aXbY' }))).toEqual(['M5']);
    // Unescaped, '%' and '_' would be wildcards and also match M5's "aXbYc-d".
    expect(msgids(journal.list({ textContains: 'a%b' }))).toEqual(['M2']);
    expect(msgids(journal.list({ textContains: 'b_c' }))).toEqual(['M2']);
    // The backslash of "c\d" (written \\ in the request's JSON): unescaped it would escape the closing % instead.
    expect(msgids(journal.list({ textContains: '_c\\' }))).toEqual(['M2']);
    expect(msgids(journal.list({ textContains: '%' }))).toEqual(['M2']);
    expect(journal.list({ textContains: 'a%c' })).toEqual([]);
  });

  it('limits: the caller’s number, at least 1, at most the store’s cap', () => {
    const { journal } = fiveEntries({ maxRows: 3 });
    expect(msgids(journal.list({ limit: 2 }))).toEqual(['M5', 'M4']);
    expect(msgids(journal.list({ limit: 0 }))).toEqual(['M5']);
    expect(msgids(journal.list({ limit: -7 }))).toEqual(['M5']);
    expect(msgids(journal.list({ limit: 10 }))).toEqual(['M5', 'M4', 'M3']);
    expect(msgids(journal.list())).toEqual(['M5', 'M4', 'M3']);
    expect(msgids(journal.listAll({}))).toEqual(['M5', 'M4', 'M3', 'M2', 'M1']);
  });

  it('listAll over a window also reads the archives, newest first across both files, an entry in both once (issue 19)', () => {
    // The same five entries in two files (same ids: fresh files, same clock); the live file keeps
    // M1, M3 and M5, the "archive" M2, M3 and M4 — so the archive's entries fall between the live ones.
    const live = fiveEntries();
    const archive = fiveEntries();
    const drop = (db: Db, ms: string[]) => {
      db.pragma('foreign_keys = OFF');
      for (const m of ms) {
        db.prepare('DELETE FROM journal_key WHERE journal_id = (SELECT id FROM journal WHERE msgid = ?)').run(m);
        db.prepare('DELETE FROM journal WHERE msgid = ?').run(m);
      }
      db.pragma('foreign_keys = ON');
    };
    drop(live.db, ['M2', 'M4']);
    drop(archive.db, ['M1', 'M5']);
    // M3 is in both: as the live journal has it (answered there after the copy), once.
    live.journal.finish('M3', 'ok', { response: { infcode: 0, output: {} } });
    const withArchive = new JournalStore(live.db, live.file, 'http://center', null, {
      archives: { overlapping: () => [archive.journal] },
    });
    cleanups.push(() => withArchive.close());
    const day = { since: '2026-12-06 00:00:00', until: '2026-12-06 23:59:59' };
    const all = withArchive.listAll(day);
    expect(msgids(all)).toEqual(['M5', 'M4', 'M3', 'M2', 'M1']);
    expect(all.find((e) => e.msgid === 'M3')?.state).toBe('ok');
    // Without a bounded window (or without archives) only the live file is read.
    expect(msgids(withArchive.listAll({ since: day.since }))).toEqual(['M5', 'M3', 'M1']);
    expect(msgids(live.journal.listAll(day))).toEqual(['M5', 'M3', 'M1']);
  });
});

describe('what prepare, markSent and finish store', () => {
  it('stamps each step, records the answer, the failure and the warnings, and null where there is none', () => {
    const { journal, clock } = openJournal();
    const id1 = journal.prepare(envelope('M1', '2207', { data: { psn_no: 'P1' } }));
    expect(journal.get(id1)).toMatchObject({
      msgid: 'M1',
      infno: '2207',
      opter: 'OP1',
      opterName: '张',
      signNo: 'SN1',
      fixmedinsCode: 'P42010000001',
      centerUrl: 'http://center',
      psnNo: 'P1',
      state: 'prepared',
      responseJson: null,
      reversesId: null,
      attempts: 0,
      preparedAt: '2026-12-06 09:00:00',
      sentAt: null,
      finishedAt: null,
      updatedAt: '2026-12-06 09:00:00',
      ownerPid: process.pid,
      answerWarnings: null,
    });
    expect(JSON.parse(journal.get(id1)?.requestJson ?? '')).toMatchObject({ msgid: 'M1', infno: '2207' });

    clock.advance(1);
    journal.markSent('M1');
    expect(journal.get(id1)).toMatchObject({ state: 'sent', sentAt: '2026-12-06 09:00:01', updatedAt: '2026-12-06 09:00:01' });

    clock.advance(1);
    const response = { infcode: 0, output: { setlinfo: { setl_id: 'S1', psn_no: 'P1' } } };
    const warnings = [{ path: 'setlinfo.hifp_pay', problem: '缺少' }];
    journal.finish('M1', 'ok', { response, warnings });
    const done = journal.get(id1);
    expect(done).toMatchObject({
      state: 'ok',
      responseJson: JSON.stringify(response),
      failureCode: null,
      failureMsg: null,
      sentAt: '2026-12-06 09:00:01',
      finishedAt: '2026-12-06 09:00:02',
      updatedAt: '2026-12-06 09:00:02',
    });
    expect(answerWarningsOf(done as JournalEntry)).toEqual(warnings);
    // The answer's business ids are indexed with the outcome.
    expect(msgids(journal.list({ key: { field: 'setl_id', value: 'S1' } }))).toEqual(['M1']);

    // A late "sent" marker does not move a finished entry back.
    clock.advance(1);
    journal.markSent('M1');
    expect(journal.get(id1)).toMatchObject({ state: 'ok', sentAt: '2026-12-06 09:00:01' });

    const id2 = journal.prepare(envelope('M2', '2201'));
    journal.finish('M2', 'rejected', { code: 'E_CENTER_REJECTED', message: '中心拒绝: 人员不存在', warnings: [] });
    expect(journal.get(id2)).toMatchObject({
      state: 'rejected',
      psnNo: null,
      responseJson: null,
      failureCode: 'E_CENTER_REJECTED',
      failureMsg: '中心拒绝: 人员不存在',
      sentAt: null,
      finishedAt: '2026-12-06 09:00:03',
      answerWarnings: null,
    });

    const id3 = journal.prepare(envelope('M3', '2201'));
    journal.finish('M3', 'unknown', {});
    expect(journal.get(id3)).toMatchObject({ state: 'unknown', responseJson: null, failureCode: null, failureMsg: null });

    // An answer for a msgid the journal does not hold changes nothing and does not throw.
    journal.finish('NOPE', 'ok', { response: { infcode: 0, output: { setlinfo: { setl_id: 'S2' } } } });
    expect(journal.byMsgid('NOPE')).toBeUndefined();
    expect(journal.list({ key: { field: 'setl_id', value: 'S2' } })).toEqual([]);
  });

  it('writes back an entry a restored journal lost, as the center holds it', () => {
    const { journal, clock } = openJournal();
    clock.advance(3600);
    const id = journal.recordFromCenter({
      msgid: 'H1202612060800001',
      infno: '2207',
      operator: { opter: 'OP7', opterName: '李收费', signNo: 'SN7' },
      fixmedinsCode: 'H1',
      psnNo: 'P7',
      at: '2026-12-06 08:00:00',
      request: { data: { psn_no: 'P7' } },
      response: { output: { setlinfo: { setl_id: 'S7', mdtrt_id: 'MD7' } } },
      resolution: '恢复备份后由中心查询补记',
    });
    expect(journal.get(id)).toMatchObject({
      msgid: 'H1202612060800001',
      infno: '2207',
      opter: 'OP7',
      opterName: '李收费',
      signNo: 'SN7',
      fixmedinsCode: 'H1',
      centerUrl: 'http://center',
      psnNo: 'P7',
      state: 'ok',
      requestJson: '{"data":{"psn_no":"P7"}}',
      responseJson: '{"output":{"setlinfo":{"setl_id":"S7","mdtrt_id":"MD7"}}}',
      resolution: '恢复备份后由中心查询补记',
      preparedAt: '2026-12-06 08:00:00',
      sentAt: '2026-12-06 08:00:00',
      finishedAt: '2026-12-06 08:00:00',
      updatedAt: '2026-12-06 10:00:00',
      ownerPid: null,
    });
    expect(msgids(journal.list({ key: { field: 'setl_id', value: 'S7' } }))).toEqual(['H1202612060800001']);
    expect(msgids(journal.list({ key: { field: 'mdtrt_id', value: 'MD7' } }))).toEqual(['H1202612060800001']);
  });
});

describe('the outcome sink (a shop store’s outbox)', () => {
  it('hears every outcome and resolution inside its transaction, at the outcome’s sync level, and no prepare', () => {
    const heard: { msgid: string; state: string; reverses: string | null; sync: number; inTx: boolean }[] = [];
    let db: Db | null = null;
    const sink: JournalOutcomeSink = {
      capture(entry, reverses) {
        heard.push({
          msgid: entry.msgid,
          state: entry.state,
          reverses,
          sync: db?.pragma('synchronous', { simple: true }) as number,
          inTx: db?.inTransaction ?? false,
        });
      },
    };
    const opened = openJournal({ sink });
    db = opened.db;
    const { journal } = opened;
    const id1 = journal.prepare(envelope('M1', '2207'));
    journal.markSent('M1');
    expect(heard).toEqual([]);
    journal.finish('M1', 'unknown', {}, 'normal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // back at FULL for the next entry
    const id2 = journal.prepare(envelope('M2', '2601'), id1);
    journal.finish('M2', 'ok', { response: { infcode: 0, output: {} } });
    journal.resolve(id1, 'reversed', '已冲正 (2601 M2)');
    journal.resolve(id2, 'ok', '冲正成功');
    journal.finish('NOPE', 'ok', {});
    expect(heard).toEqual([
      { msgid: 'M1', state: 'unknown', reverses: null, sync: 1, inTx: true }, // NORMAL: the outcome may be lost
      { msgid: 'M2', state: 'ok', reverses: 'M1', sync: 2, inTx: true },
      { msgid: 'M1', state: 'reversed', reverses: null, sync: 2, inTx: true },
      { msgid: 'M2', state: 'ok', reverses: 'M1', sync: 2, inTx: true },
    ]);
    expect(journal.get(id1)).toMatchObject({ state: 'reversed', resolution: '已冲正 (2601 M2)' });
  });

  it('a resolution of an id the journal does not hold writes nothing and tells the sink nothing', () => {
    const heard: string[] = [];
    const { journal } = openJournal({ sink: { capture: (entry) => heard.push(entry.msgid) } });
    journal.resolve(999, 'no-effect', 'nothing');
    expect(heard).toEqual([]);
    expect(journal.list()).toEqual([]);
  });
});

describe('isInFlight', () => {
  let child: ChildProcess | null = null;
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    }
    child = null;
  });

  it('in this process: from prepare to finish, in the store that sent it, while prepared or sent', () => {
    const { journal, db, file } = openJournal();
    const id = journal.prepare(envelope('M1', '2207'));
    const entry = () => journal.get(id) as JournalEntry;
    expect(journal.isInFlight(entry(), 1)).toBe(true); // the window does not apply to this process's own calls
    journal.markSent('M1');
    expect(journal.isInFlight(entry(), 1)).toBe(true);
    // Another store in the same process (same pid) did not send it: not in flight there.
    const other = new JournalStore(db, file, 'http://center');
    cleanups.push(() => other.close());
    expect(other.isInFlight(entry(), 3_600_000)).toBe(false);
    // Moved to unknown by the resolver while the call is still awaited here: no longer counted.
    journal.resolve(id, 'unknown', '结果未知');
    expect(journal.isInFlight(entry(), 3_600_000)).toBe(false);
    const id2 = journal.prepare(envelope('M2', '2207'));
    journal.finish('M2', 'ok', { response: { infcode: 0, output: {} } });
    expect(journal.isInFlight(journal.get(id2) as JournalEntry, 3_600_000)).toBe(false);
  });

  it('in another live process: only within the call timeout after it was prepared; never for a dead or unknown owner', async () => {
    const { journal, db } = openJournal();
    const id = journal.prepare(envelope('M1', '2207'));
    journal.markSent('M1');
    child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000)'], { stdio: 'ignore' });
    await once(child, 'spawn');
    const pid = child.pid as number;
    db.prepare('UPDATE journal SET owner_pid = ? WHERE id = ?').run(pid, id);
    const entry = journal.get(id) as JournalEntry;
    expect(entry.ownerPid).toBe(pid);
    const prepared = new Date('2026-12-06T09:00:00+08:00').getTime();
    expect(journal.isInFlight(entry, 5000, new Date(prepared + 1000))).toBe(true);
    expect(journal.isInFlight(entry, 5000, new Date(prepared + 4999))).toBe(true);
    expect(journal.isInFlight(entry, 5000, new Date(prepared + 5000))).toBe(false);
    expect(journal.isInFlight(entry, 5000, new Date(prepared + 60_000))).toBe(false);
    // Without a time: now, long after 2026-12-06 09:00 (China time) only with a window of years.
    expect(journal.isInFlight(entry, 10 * 365 * 86_400_000)).toBe(true);
    expect(journal.isInFlight(entry, 1000)).toBe(false);
    // A process the counter may not signal (pid 1) is alive all the same.
    expect(journal.isInFlight({ ...entry, ownerPid: 1 }, 5000, new Date(prepared + 1000))).toBe(true);
    // An entry from before owners were recorded.
    expect(journal.isInFlight({ ...entry, ownerPid: null }, 5000, new Date(prepared + 1000))).toBe(false);

    const exited = once(child, 'exit');
    child.kill();
    await exited;
    expect(journal.isInFlight(entry, 5000, new Date(prepared + 1000))).toBe(false);
  });
});

describe('open entries, recent outcomes and the activity mark', () => {
  it('lists only this center’s open entries, oldest first, and the money-moving ones among them', () => {
    const { journal, db, file } = openJournal();
    const elsewhere = new JournalStore(db, file, 'http://old-center');
    cleanups.push(() => elsewhere.close());
    journal.prepare(envelope('M1', '2207'));
    elsewhere.prepare(envelope('X1', '2207'));
    journal.prepare(envelope('M2', '1101'));
    journal.prepare(envelope('M3', '2208'));
    journal.finish('M3', 'ok', { response: { infcode: 0, output: {} } });
    journal.prepare(envelope('M4', '2207'));
    journal.finish('M4', 'unknown', {});
    expect(msgids(journal.open())).toEqual(['M1', 'M2', 'M4']);
    expect(msgids(elsewhere.open())).toEqual(['X1']);
    expect(msgids(journal.openMoneyMoving((infno) => infno === '2207'))).toEqual(['M1', 'M4']);
  });

  it('recent outcomes: one center’s finished calls, newest first, at most the limit', () => {
    const { journal, db, file, clock } = openJournal();
    const elsewhere = new JournalStore(db, file, 'http://old-center');
    cleanups.push(() => elsewhere.close());
    journal.prepare(envelope('M1', '1101'));
    clock.advance(1);
    journal.finish('M1', 'ok', { response: { infcode: 0, output: {} } });
    journal.prepare(envelope('M2', '2207'));
    clock.advance(1);
    journal.finish('M2', 'rejected', { code: 'E', message: '余额不足' });
    elsewhere.prepare(envelope('X1', '1101'));
    elsewhere.finish('X1', 'ok', {});
    journal.prepare(envelope('M3', '2207')); // in flight: left out
    expect(journal.recentOutcomes('http://center', 5)).toEqual([
      { infno: '2207', state: 'rejected', failureMsg: '余额不足', finishedAt: '2026-12-06 09:00:02' },
      { infno: '1101', state: 'ok', failureMsg: null, finishedAt: '2026-12-06 09:00:01' },
    ]);
    expect(journal.recentOutcomes('http://center', 1)).toHaveLength(1);
    // The other store runs on the real clock.
    expect(journal.recentOutcomes('http://old-center', 5)).toEqual([
      { infno: '1101', state: 'ok', failureMsg: null, finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/) },
    ]);
  });

  it('the activity mark: last id, open count, attempts, last change and needs-manual', () => {
    const { journal, clock } = openJournal();
    expect(journal.activity()).toEqual({ maxId: 0, open: 0, needsManual: 0, mark: '0|0|0||0' });
    const id1 = journal.prepare(envelope('M1', '2207'));
    expect(journal.activity()).toEqual({ maxId: 1, open: 1, needsManual: 0, mark: '1|1|0|2026-12-06 09:00:00|0' });
    clock.advance(30);
    journal.resolve(id1, 'unknown', '结果未知', { attempts: 2, nextAttemptAt: '2026-12-06 09:01:00' });
    journal.prepare(envelope('M2', '1301'));
    expect(journal.activity()).toEqual({ maxId: 2, open: 2, needsManual: 0, mark: '2|2|2|2026-12-06 09:00:30|0' });
    expect(journal.activity(['1301']).mark).toBe('2|1|2|2026-12-06 09:00:30|0');
    clock.advance(30);
    journal.resolve(id1, 'needs-manual', '请人工核实', { attempts: 3 });
    journal.finish('M2', 'ok', {});
    expect(journal.activity()).toEqual({ maxId: 2, open: 0, needsManual: 1, mark: '2|0|0||1' });
  });
});

describe('the store’s clock', () => {
  it('is the injected one: ages of entries are measured on the clock that stamped them', () => {
    const { journal, clock } = openJournal();
    expect(journal.clockNow().toISOString()).toBe('2026-12-06T01:00:00.000Z');
    clock.advance(90);
    expect(journal.clockNow().toISOString()).toBe('2026-12-06T01:01:30.000Z');
  });
});

describe('closing', () => {
  it('a file journal closes its marker connection, once, and leaves the caller’s connection open', () => {
    const { journal, db } = openJournal();
    journal.prepare(envelope('M1', '2207'));
    journal.close();
    journal.close(); // twice is harmless
    expect(db.open).toBe(true);
    expect(journal.list()).toHaveLength(1);
    expect(() => journal.markSent('M1')).toThrow(/not open/);
  });

  it('an in-memory journal marks on its only connection and never closes it', () => {
    const db = openDatabase(':memory:', { migrations: CLIENT_MIGRATIONS });
    cleanups.push(() => db.close());
    const journal = new JournalStore(db, ':memory:', 'http://center');
    const id = journal.prepare(envelope('M1', '2207'));
    journal.markSent('M1');
    expect(journal.get(id)?.state).toBe('sent');
    journal.close();
    expect(db.open).toBe(true);
    journal.markSent('M1');
    expect(journal.get(id)?.state).toBe('sent');
  });
});
