/**
 * Which outcomes are committed with FULL sync: money-moving calls (settlements, refunds, 2601)
 * always; others with NORMAL, after which the journal's connection is back at FULL for the next
 * entry (every entry is committed FULL before its request leaves).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalObserver } from '../../src-main/journal/journal-observer';
import { JournalStore } from '../../src-main/journal/journal-store';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { openDatabase } from '../../src-main/storage/sqlite';
import { getProfile, isReversible } from '../../src-main/registry/profile';
import { requestEnvelope } from '../helpers/journal-entry';
import { makeTempDir } from '../helpers/temp-dir';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const envelope = requestEnvelope;

describe('journal outcome durability', () => {
  it('commits money-moving outcomes FULL and the others NORMAL, and leaves the connection at FULL', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'yibao.sqlite');
    const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
    const journal = new JournalStore(db, file, 'http://center');
    const seen: [string, string][] = [];
    const finish = journal.finish.bind(journal);
    journal.finish = (msgid, state, detail, durability = 'full') => {
      seen.push([msgid, durability]);
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL while the entry was prepared
      finish(msgid, state, detail, durability);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
    };
    const profile = getProfile('national');
    const observer = new JournalObserver(journal, (infno) => infno === '2601' || isReversible(profile, infno));
    for (const [msgid, infno] of [
      ['M1', '1101'],
      ['M2', '2101'],
      ['M3', '2102'],
      ['M4', '2601'],
      ['M5', '2207'],
      ['M6', '2204'],
    ] as const) {
      observer.beforeSend(envelope(msgid, infno));
      observer.afterSuccess(envelope(msgid, infno), { output: {}, warnMsg: null, infRefmsgid: null } as never);
    }
    expect(seen).toEqual([
      ['M1', 'normal'],
      ['M2', 'normal'],
      ['M3', 'full'],
      ['M4', 'full'],
      ['M5', 'full'],
      ['M6', 'normal'],
    ]);
    expect(journal.list({ states: ['ok'] })).toHaveLength(6);
    journal.close();
    db.close();
  });
});
