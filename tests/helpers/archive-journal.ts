/**
 * A counter journal of several years on a real SQLite file, written through the real journal
 * store with a clock set to each entry's time (tests of journal archiving, src-main/journal/archive/).
 * Archived with afterYears 2 on 2026-06-01 (or any day of 2026), 2022 and 2023 are old years:
 *
 *   2022  A1 2102 settlement ok; A2 2102 rejected
 *   2023  B1 2102 settlement ok (setl_time 2023-03-10); B2 2102 unknown → reversed with B2R 2601 ok (same day);
 *         B3 2101 still prepared (open); B4 2102 needs-manual; B5 2102 ok on 12-31 23:59:50, reversed by
 *         B5R 2601 on 2024-01-01 00:00:05 (an original and its 2601 in two years)
 *   2024  C1 2102 ok       2026  D1 2102 ok (the newest)
 */
import { JournalStore, type ArchivedJournals } from '../../src-main/journal/journal-store';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { openDatabase } from '../../src-main/storage/sqlite';
import type { RequestEnvelope } from '../../src-main/protocol/envelope';

export const FIXMEDINS = 'P42010000001';

/** yyyy-MM-dd HH:mm:ss in China time. */
export const cst = (text: string): Date => new Date(`${text.replace(' ', 'T')}+08:00`);

const envelope = (msgid: string, infno: string, input: Record<string, unknown>): RequestEnvelope =>
  ({
    infno,
    msgid,
    opter: 'OP1',
    opter_name: '张收费',
    sign_no: 'SN1',
    fixmedins_code: FIXMEDINS,
    input,
  }) as unknown as RequestEnvelope;

/** A 2102 answer whose setlinfo the day report and 对账 read (amounts in yuan, as the center sends them). */
const settled = (setlId: string, time: string, medfee: string) => ({
  infcode: 0,
  output: {
    setlinfo: {
      setl_id: setlId,
      mdtrt_id: `M${setlId}`,
      psn_no: '42000000000000000001',
      psn_name: '李四',
      setl_time: time,
      insutype: '310',
      medfee_sumamt: medfee,
      fund_pay_sumamt: '30.00',
      hifp_pay: '30.00',
      acct_pay: '10.00',
      psn_cash_pay: '5.55',
    },
    setldetail: [{ fund_pay_type: '310100', fund_payamt: '30.00' }],
  },
});

export interface YearsJournal {
  /** msgid → id of every entry written. */
  readonly ids: Readonly<Record<string, number>>;
  readonly total: number;
}

/** Writes the journal above into `file` (created at the client schema); the connection is closed after. */
export function writeYearsJournal(file: string): YearsJournal {
  let now = cst('2022-01-01 00:00:00');
  const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
  const journal = new JournalStore(db, file, 'http://center', null, { clock: () => now });
  const ids: Record<string, number> = {};
  const call = (
    name: string,
    at: string,
    infno: string,
    outcome: 'ok' | 'rejected' | 'unknown' | 'open',
    answer: unknown = { infcode: 0, output: {} },
    reverses: number | null = null,
  ): number => {
    now = cst(at);
    const msgid = `${FIXMEDINS}${at.replace(/\D/g, '').slice(0, 14)}${name.padEnd(4, '0')}`;
    const id = journal.prepare(
      envelope(msgid, infno, { data: { psn_no: '42000000000000000001', mdtrt_id: `M-${name}` } }),
      reverses,
    );
    ids[name] = id;
    if (outcome === 'ok') journal.finish(msgid, 'ok', { response: answer });
    if (outcome === 'rejected') journal.finish(msgid, 'rejected', { code: '-1', message: '中心拒绝' });
    if (outcome === 'unknown') journal.finish(msgid, 'unknown', { code: 'E_TIMEOUT', message: '超时' });
    return id;
  };
  call('A1', '2022-05-01 10:00:00', '2102', 'ok', settled('S2022A1', '2022-05-01 10:00:01', '45.55'));
  call('A2', '2022-05-01 10:05:00', '2102', 'rejected');
  call('B1', '2023-03-10 09:00:00', '2102', 'ok', settled('S2023B1', '2023-03-10 09:00:01', '123.45'));
  const b2 = call('B2', '2023-03-10 11:00:00', '2102', 'unknown');
  call('B2R', '2023-03-10 11:00:30', '2601', 'ok', { infcode: 0, output: {} }, b2);
  journal.resolve(b2, 'reversed', '已冲正 (2601 成功)');
  call('B3', '2023-04-01 08:00:00', '2101', 'open');
  const b4 = call('B4', '2023-06-01 08:00:00', '2102', 'unknown');
  journal.resolve(b4, 'needs-manual', '冲正失败, 需人工核实');
  const b5 = call('B5', '2023-12-31 23:59:50', '2102', 'ok', settled('S2023B5', '2023-12-31 23:59:51', '10.00'));
  call('B5R', '2024-01-01 00:00:05', '2601', 'ok', { infcode: 0, output: {} }, b5);
  journal.resolve(b5, 'reversed', '操作员冲正');
  call('C1', '2024-07-01 10:00:00', '2102', 'ok', settled('S2024C1', '2024-07-01 10:00:01', '20.00'));
  call('D1', '2026-05-01 10:00:00', '2102', 'ok', settled('S2026D1', '2026-05-01 10:00:01', '30.00'));
  journal.close();
  db.close();
  return { ids, total: Object.keys(ids).length };
}

/** The live journal of `file` as the app opens it: a bounded window also reads the archives. */
export function openLiveJournal(file: string, archives?: ArchivedJournals) {
  const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
  const journal = new JournalStore(db, file, 'http://center', null, { archives });
  return {
    db,
    journal,
    close: () => {
      journal.close();
      db.close();
    },
  };
}
