/**
 * Issue 19: an old day in a big journal. The report and the reconciliation of a day read the
 * journal in a bounded window (a day early to a day late) and page past the row cap; before, they
 * read `since` the day, newest first, up to the cap — so with more later entries than the cap,
 * the old day came out empty. The cap is made small here (maxRows) instead of writing 100k rows.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalStore } from '../../src-main/journal/journal-store';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { openDatabase, type Db } from '../../src-main/storage/sqlite';
import { OperatorSessions } from '../../src-main/session/operator-sessions';
import { dailyReport } from '../../src-main/reports/daily-report';
import { readLedger } from '../../src-main/reconcile/local-ledger';
import { JournalView } from '../../src-main/counter/journal-view';
import type { RequestEnvelope } from '../../src-main/protocol/envelope';
import { makeTempDir } from '../helpers/temp-dir';

const CODE = 'P42010000001';
const CAP = 5;

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** A journal whose list() returns at most CAP rows, stamped by a clock the test moves. */
function cappedJournal(): { db: Db; journal: JournalStore; at: (time: string) => void } {
  const t = makeTempDir();
  const file = join(t.dir, 'yibao.sqlite');
  const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
  let clock = new Date();
  const journal = new JournalStore(db, file, 'http://center', null, { clock: () => clock, maxRows: CAP });
  cleanup = () => {
    journal.close();
    db.close();
    t.cleanup();
  };
  // yyyy-MM-dd HH:mm:ss China time → the instant.
  const at = (time: string) => (clock = new Date(`${time.replace(' ', 'T')}+08:00`));
  return { db, journal, at };
}

let seq = 0;
/** One settled 2102 at `time` (journal clock and center setl_time alike), medfee in yuan. */
function settle(journal: JournalStore, at: (time: string) => void, time: string, medfee: number): void {
  at(time);
  seq += 1;
  const msgid = `${CODE}${time.replace(/\D/g, '')}${String(seq).padStart(4, '0')}`;
  const envelope = {
    infno: '2102',
    msgid,
    opter: 'OP1',
    opter_name: '张收费',
    sign_no: 'SN1',
    fixmedins_code: CODE,
    input: { druginfo: { psn_no: `PSN${seq}`, insutype: '310', medfee_sumamt: medfee } },
  } as unknown as RequestEnvelope;
  journal.prepare(envelope);
  const setlinfo = {
    setl_id: `S${seq}`,
    mdtrt_id: `M${seq}`,
    psn_no: `PSN${seq}`,
    insutype: '310',
    clr_type: '41',
    clr_optins: '420100',
    setl_time: time,
    medfee_sumamt: medfee,
    fund_pay_sumamt: medfee / 2,
    acct_pay: medfee / 2,
    psn_cash_pay: 0,
    hifp_pay: medfee / 2,
  };
  journal.finish(msgid, 'ok', { response: { infcode: 0, output: { setlinfo, setldetail: [] } } });
}

describe('a day read back from a journal with more later entries than one list() returns', () => {
  function fill() {
    const j = cappedJournal();
    // The old day: 2 × CAP settlements (more than one page by itself).
    for (let i = 0; i < 2 * CAP; i++) settle(j.journal, j.at, `2022-03-01 09:${String(10 + i)}:00`, 10 + i);
    // Four times the cap of later business.
    for (let i = 0; i < 4 * CAP; i++) settle(j.journal, j.at, `2022-03-${String(3 + (i % 20)).padStart(2, '0')} 10:00:00`, 100);
    return j;
  }

  it('readLedger (对账) finds every settlement of the old day', () => {
    const { journal } = fill();
    const ledger = readLedger(journal, CODE, '2022-03-01', '2022-03-01');
    expect(ledger.map((r) => r.medfee)).toEqual(Array.from({ length: 2 * CAP }, (_, i) => (10 + i) * 100));
  });

  it("dailyReport counts every settlement of the old day and none of the later days'", () => {
    const { db, journal } = fill();
    const report = dailyReport(
      { journal, sessions: new OperatorSessions(db, CODE, 'http://center'), fixmedinsCode: CODE, fixmedinsName: '药房' },
      { date: '2022-03-01' },
    );
    expect(report.totals.settleCount).toBe(2 * CAP);
    expect(report.totals.medfeeFen).toBe(Array.from({ length: 2 * CAP }, (_, i) => (10 + i) * 100).reduce((a, b) => a + b));
  });
});

describe('JournalStore keyset paging', () => {
  it('list pages by id < cursor without gaps or repeats; listAll reads past the cap; until bounds the window', () => {
    const { journal, at } = cappedJournal();
    for (let i = 0; i < 13; i++) settle(journal, at, `2022-04-${String(1 + i).padStart(2, '0')} 08:00:00`, 1);
    const seen: number[] = [];
    for (let beforeId: number | undefined; ;) {
      const page = journal.list({ beforeId, limit: 4 });
      seen.push(...page.map((e) => e.id));
      if (page.length < 4) break;
      beforeId = page.at(-1)?.id;
    }
    const all = journal.listAll({}).map((e) => e.id);
    expect(all).toHaveLength(13);
    expect(seen).toEqual(all);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    const window = journal.listAll({ since: '2022-04-03 00:00:00', until: '2022-04-10 23:59:59' });
    expect(window.map((e) => e.preparedAt.slice(0, 10))).toEqual(
      Array.from({ length: 8 }, (_, i) => `2022-04-${String(10 - i).padStart(2, '0')}`),
    );
  });
});

describe('交易流水 (JournalView) on a journal with years after the day asked for', () => {
  it('shows one day, one person, and pages by cursor (id < last id) without gaps', () => {
    const { journal, at } = cappedJournal();
    for (let i = 0; i < 3; i++) settle(journal, at, `2022-03-01 09:0${String(i)}:00`, 1);
    const person = `PSN${String(seq)}`; // the last of the day
    for (let i = 0; i < 4; i++) settle(journal, at, `2023-0${String(1 + i)}-01 09:00:00`, 1);
    const view = new JournalView(journal);
    expect(view.rows({ day: '2022-03-01' }).map((r) => r.time)).toEqual([
      '2022-03-01 09:02:00',
      '2022-03-01 09:01:00',
      '2022-03-01 09:00:00',
    ]);
    expect(view.rows({ psnNo: person }).map((r) => r.time)).toEqual(['2022-03-01 09:02:00']);
    const first = view.rows({ limit: 3 });
    const second = view.rows({ limit: 3, beforeId: first.at(-1)?.id });
    const third = view.rows({ limit: 3, beforeId: second.at(-1)?.id });
    expect([...first, ...second, ...third].map((r) => r.id)).toEqual(journal.listAll({ originalsOnly: true }).map((e) => e.id));
    expect(third).toHaveLength(1);
  });
});
