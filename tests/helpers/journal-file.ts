import { join } from 'node:path';
import { JournalStore } from '../../src-main/journal/journal-store';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { openDatabase, type Db } from '../../src-main/storage/sqlite';
import { makeTempDir } from './temp-dir';

/** A journal on a real SQLite file at the current client level, in a temporary folder; `close` removes it all. */
export function openJournalFile(): { db: Db; journal: JournalStore; file: string; close: () => void } {
  const t = makeTempDir();
  const file = join(t.dir, 'yibao.sqlite');
  const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
  const journal = new JournalStore(db, file, 'http://center');
  const close = (): void => {
    journal.close();
    db.close();
    t.cleanup();
  };
  return { db, journal, file, close };
}
