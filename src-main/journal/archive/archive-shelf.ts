/**
 * The archive files as journals to read: each year's file opened read-only on first use and read
 * through the journal store's own list / detail code (an archive is a journal file). The live
 * journal's listAll asks it for the years a window overlaps (a day report of an archived year).
 */
import { existsSync } from 'node:fs';
import { YibaoError } from '../../core/errors';
import { openDatabase, type Db } from '../../storage/sqlite';
import { JournalStore, type ArchivedJournals } from '../journal-store';
import { archiveFileOf, archiveYearsIn } from './archive-files';

export class ArchiveShelf implements ArchivedJournals {
  private readonly opened = new Map<number, { db: Db; store: JournalStore }>();

  constructor(readonly folder: string) {}

  /** Years with an archive file, newest first. */
  years(): number[] {
    return archiveYearsIn(this.folder);
  }

  /** The archive of one year, read-only. */
  store(year: number): JournalStore {
    const open = this.opened.get(year);
    if (open) return open.store;
    const file = archiveFileOf(this.folder, year);
    if (!existsSync(file)) throw new YibaoError('E_ARCHIVE_NOT_FOUND', `没有 ${year} 年的归档流水 (${file})`, { year });
    const db = openDatabase(file, { migrations: [], readonly: true });
    const store = new JournalStore(db, file, '', null, { readonly: true });
    this.opened.set(year, { db, store });
    return store;
  }

  overlapping(since: string, until: string): JournalStore[] {
    const from = Number(since.slice(0, 4));
    const to = Number(until.slice(0, 4));
    return this.years()
      .filter((y) => y >= from && y <= to)
      .map((y) => this.store(y));
  }

  /** Closes the open archives (before an archive run writes them, and when the app closes); they re-open on use. */
  close(): void {
    for (const { db, store } of this.opened.values()) {
      store.close();
      db.close();
    }
    this.opened.clear();
  }
}
