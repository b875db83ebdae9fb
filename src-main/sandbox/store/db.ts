/**
 * Opens the sandbox center's SQLite file: WAL, foreign keys on, schema migrated to the
 * latest version (PRAGMA user_version), via the product's shared opener.
 */
import { openDatabase, type Db } from '../../storage/sqlite';
import { SANDBOX_MIGRATIONS } from './migrations';

export type { Db };

/** Schema version this code writes; a newer file is refused by the opener. */
export const SANDBOX_SCHEMA_VERSION = SANDBOX_MIGRATIONS.length;

export function openSandboxDb(file: string): Db {
  // NORMAL is durable across application crashes in WAL mode; the sandbox is a simulator,
  // so losing the last transaction on a power cut is acceptable for the speed it buys.
  return openDatabase(file, { migrations: SANDBOX_MIGRATIONS, synchronous: 'NORMAL' });
}
