/**
 * The journal observer on a real SQLite journal: a 2601 is linked to the entry its data.omsgid names (and only a
 * 2601, and only an entry the journal holds), a binary catalogue answer is recorded by its size, a JSON answer with
 * the center's times, failures by kind, code and message, and the sync level each outcome is committed at (every
 * code FULL unless the caller says which codes move money). The sync level is read inside the outcome's
 * transaction by a shop-store sink, the one place that sees it.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalObserver } from '../../src-main/journal/journal-observer';
import { JournalStore, type JournalOutcomeSink } from '../../src-main/journal/journal-store';
import { NotSentError, RejectedError, UnknownOutcomeError } from '../../src-main/protocol/call-errors';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { openDatabase, type Db } from '../../src-main/storage/sqlite';
import { requestEnvelope } from '../helpers/journal-entry';
import { makeTempDir } from '../helpers/temp-dir';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function open(): { journal: JournalStore; db: Db; heard: [string, number][] } {
  const t = makeTempDir();
  const file = join(t.dir, 'yibao.sqlite');
  const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
  const heard: [string, number][] = [];
  const sink: JournalOutcomeSink = {
    capture: (entry) => heard.push([entry.msgid, db.pragma('synchronous', { simple: true }) as number]),
  };
  const journal = new JournalStore(db, file, 'http://center', sink);
  cleanup = () => {
    journal.close();
    db.close();
    t.cleanup();
  };
  return { journal, db, heard };
}

const envelope = requestEnvelope;

const answer = (output: unknown) => ({ output, warnMsg: null, infRefmsgid: null, respondTime: null, refmsgTime: null });

describe('JournalObserver', () => {
  it('links a 2601 to the entry its omsgid names, and nothing else', () => {
    const { journal } = open();
    const observer = new JournalObserver(journal);
    observer.beforeSend(envelope('M1', '2207', { data: { psn_no: 'P1' } }));
    const original = journal.byMsgid('M1')?.id;
    observer.beforeSend(envelope('R1', '2601', { data: { psn_no: 'P1', omsgid: 'M1', oinfno: '2207' } }));
    expect(journal.byMsgid('R1')?.reversesId).toBe(original);
    // Another code naming an omsgid is not a reversal.
    observer.beforeSend(envelope('X1', '2208', { data: { psn_no: 'P1', omsgid: 'M1' } }));
    expect(journal.byMsgid('X1')?.reversesId).toBeNull();
    // A 2601 naming a msgid the journal does not hold, or none, or without a data block, is journaled unlinked.
    observer.beforeSend(envelope('R2', '2601', { data: { omsgid: 'GONE' } }));
    observer.beforeSend(envelope('R3', '2601', { data: {} }));
    observer.beforeSend(envelope('R4', '2601', {}));
    for (const msgid of ['R2', 'R3', 'R4']) expect(journal.byMsgid(msgid)).toMatchObject({ state: 'prepared', reversesId: null });
    // The body as sent is what the journal keeps, when given.
    observer.beforeSend(envelope('M2', '1101'), '{"as":"sent"}');
    expect(journal.byMsgid('M2')?.requestJson).toBe('{"as":"sent"}');
  });

  it('records a JSON answer with the center’s times, a file answer by its size, failures by kind', () => {
    const { journal } = open();
    const observer = new JournalObserver(journal);
    observer.beforeSend(envelope('M1', '1101'));
    observer.onSent(envelope('M1', '1101'));
    expect(journal.byMsgid('M1')?.state).toBe('sent');
    observer.afterSuccess(envelope('M1', '1101'), {
      output: { baseinfo: { psn_no: 'P1' } },
      warnMsg: '注意',
      infRefmsgid: 'REF1',
      respondTime: '20261206090001123',
      refmsgTime: '20261206090000999',
    });
    expect(JSON.parse(journal.byMsgid('M1')?.responseJson ?? '')).toEqual({
      output: { baseinfo: { psn_no: 'P1' } },
      warn_msg: '注意',
      inf_refmsgid: 'REF1',
      respond_time: '20261206090001123',
      refmsg_time: '20261206090000999',
    });
    observer.beforeSend(envelope('F1', '1301'));
    observer.afterSuccess(envelope('F1', '1301'), { bytes: 1234 });
    expect(journal.byMsgid('F1')).toMatchObject({ state: 'ok', responseJson: '{"file_bytes":1234}' });

    const call = (msgid: string) => ({ infno: '2207', msgid });
    for (const [msgid, error, state] of [
      ['N1', new NotSentError('E_NOT_SENT', '连接被拒绝, 未发送', call('N1')), 'not-sent'],
      ['J1', new RejectedError('E_CENTER_REJECTED', '中心拒绝: 余额不足', call('J1'), '余额不足', -1, null), 'rejected'],
      ['U1', new UnknownOutcomeError('E_TIMEOUT_AFTER_SEND', '已发送, 等待应答超时', call('U1')), 'unknown'],
    ] as const) {
      observer.beforeSend(envelope(msgid, '2207'));
      observer.afterFailure(envelope(msgid, '2207'), error);
      expect(journal.byMsgid(msgid)).toMatchObject({ state, failureCode: error.code, failureMsg: error.messageZh });
    }
  });

  it('commits every outcome FULL by default, and NORMAL for codes the caller says move no money', () => {
    const { journal, heard } = open();
    const everyCode = new JournalObserver(journal);
    everyCode.beforeSend(envelope('M1', '1101'));
    everyCode.afterSuccess(envelope('M1', '1101'), answer({}));
    const onlySettlements = new JournalObserver(journal, (infno) => infno === '2207');
    onlySettlements.beforeSend(envelope('M2', '1101'));
    onlySettlements.afterSuccess(envelope('M2', '1101'), answer({}));
    onlySettlements.beforeSend(envelope('M3', '2207'));
    onlySettlements.afterFailure(envelope('M3', '2207'), new UnknownOutcomeError('E_X', '未知', { infno: '2207', msgid: 'M3' }));
    onlySettlements.beforeSend(envelope('M4', '1101'));
    onlySettlements.afterFailure(envelope('M4', '1101'), new NotSentError('E_Y', '未发送', { infno: '1101', msgid: 'M4' }));
    expect(heard).toEqual([
      ['M1', 2],
      ['M2', 1],
      ['M3', 2],
      ['M4', 1],
    ]);
  });
});
