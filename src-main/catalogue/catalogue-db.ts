/**
 * The catalogue's own connection to the counter's database file. The catalogue is a copy of
 * the center's data that a sync can always fetch again, and each batch commits together with
 * the sync state that accounts for it, so NORMAL durability is enough here (WAL stays
 * consistent; a power cut can only lose the last batches, which the next sync re-imports).
 * The journal keeps its FULL connection; nothing money-related is written through this one.
 */
import { CLIENT_MIGRATIONS } from '../storage/client/migrations';
import { openDatabase, type Db } from '../storage/sqlite';

/** Pages cached by the catalogue connection (64 MB): a large import touches index pages all over. */
const CACHE_KIB = 65_536;

export function openCatalogueDb(file: string): Db {
  const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS, synchronous: 'NORMAL' });
  db.pragma(`cache_size = -${CACHE_KIB}`);
  return db;
}
