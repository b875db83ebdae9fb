/**
 * For a level no commit ever ran as its newest (3, 5, 6, 7: they arrived together with later
 * ones): the previous real-flow fixture, migrated to exactly LEVEL with the migrations of the
 * commit that introduced them.
 * Usage (inside the commit's extracted tree): tsx scripts/db-fixtures/migrate-only.ts FROM.sqlite LEVEL OUT.sqlite
 */
import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import { runMigrations } from '../../src-main/storage/sqlite';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';

const [from, level, out] = process.argv.slice(2) as [string, string, string];
rmSync(out, { force: true });
copyFileSync(from, out);
const db = new Database(out);
runMigrations(db, CLIENT_MIGRATIONS.slice(0, Number(level)));
db.close();
