/**
 * The header's 「n 笔处理中」 counts the cashier's calls still open, not the background catalogue
 * download's (a first fill runs hundreds of 1301 / 9102 / 1312 calls after the first sign-in).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOGUE_DOWNLOAD_INFNOS } from '../../src-main/catalogue/catalogues';
import { CounterEvents } from '../../src-main/counter/events';
import { JournalWatcher } from '../../src-main/counter/live';
import type { CounterEvent } from '../../src-main/counter/views';
import { JournalStore } from '../../src-main/journal/journal-store';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { openDatabase } from '../../src-main/storage/sqlite';
import { requestEnvelope } from '../helpers/journal-entry';
import { makeTempDir } from '../helpers/temp-dir';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

const envelope = requestEnvelope;

function openJournal(): JournalStore {
  const t = makeTempDir();
  const file = join(t.dir, 'yibao.sqlite');
  const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
  const journal = new JournalStore(db, file, 'http://center');
  cleanup = () => {
    journal.close();
    db.close();
    t.cleanup();
  };
  return journal;
}

describe('journal activity for the header', () => {
  it('leaves the catalogue download’s open calls out of the count, and counts a settlement in flight', () => {
    const journal = openJournal();
    for (const [msgid, infno] of [
      ['M1', '1301'],
      ['M2', '9102'],
      ['M3', '1312'],
      ['M4', '1901'],
      ['M5', '2102'],
    ] as const) {
      journal.prepare(envelope(msgid, infno));
      journal.markSent(msgid);
    }
    expect(journal.activity().open).toBe(5);
    expect(journal.activity(CATALOGUE_DOWNLOAD_INFNOS).open).toBe(1);

    const events = new CounterEvents();
    const seen: CounterEvent[] = [];
    events.subscribe((e) => seen.push(e));
    const watcher = new JournalWatcher(journal, events, 60_000, undefined, CATALOGUE_DOWNLOAD_INFNOS);
    watcher.start();
    journal.prepare(envelope('M6', '1302'));
    watcher.tick();
    watcher.stop();
    expect(seen).toEqual([expect.objectContaining({ type: 'journal', open: 1 })]);
  });
});
