/**
 * The counter's database migrations: a file at version N-1 with data migrates to N keeping
 * it; a file newer than the program is refused rather than damaged.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { openDatabase, runMigrations, type Db } from '../../src-main/storage/sqlite';
import { ItemIndexes } from '../../src-main/catalogue/item-indexes';
import { makeTempDir } from '../helpers/temp-dir';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

describe('client migrations', () => {
  it('1 → 2 keeps sessions and msgid sequence and adds the journal', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'yibao.sqlite');
    const v1 = openDatabase(file, { migrations: CLIENT_MIGRATIONS.slice(0, 1) });
    v1.prepare("INSERT INTO msgid_sequence VALUES (1, '20261123090000', 17)").run();
    v1.prepare(
      "INSERT INTO operator_session VALUES ('OP1', '张', 'P42010000001', 'http://c', 'SN1', '2026-11-23 09:00:00', NULL, '2026-11-23 09:00:00')",
    ).run();
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.close();

    const v2 = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
    expect(v2.pragma('user_version', { simple: true })).toBe(CLIENT_MIGRATIONS.length);
    expect(v2.prepare('SELECT last_seq FROM msgid_sequence').get()).toEqual({ last_seq: 17 });
    expect(v2.prepare('SELECT sign_no FROM operator_session').get()).toEqual({ sign_no: 'SN1' });
    expect(v2.prepare('SELECT count(*) AS n FROM journal').get()).toEqual({ n: 0 });
    v2.close();
  });

  it('15 → 16: the 拼音首字母 index holds the catalogue too, and keeps it when a large import builds it again', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'yibao.sqlite');
    const columns = (db: Db) =>
      db
        .prepare<[], { name: string }>("SELECT name FROM pragma_index_info('catalogue_item_by_pinyin')")
        .all()
        .map((c) => c.name);
    const v15 = openDatabase(file, { migrations: CLIENT_MIGRATIONS.slice(0, 15) });
    expect(columns(v15)).toEqual(['pinyin']);
    v15.close();

    const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
    expect(columns(db)).toEqual(['pinyin', 'catalogue']);
    // A range of initials within the fee catalogues, shortest first: read from the index alone.
    const plan = db
      .prepare<[], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT id, pinyin FROM catalogue_item WHERE pinyin >= 'TB' AND pinyin < 'TC'
         AND catalogue IN (SELECT value FROM json_each('["1301","1302"]')) ORDER BY length(pinyin), pinyin LIMIT 45`,
      )
      .all()
      .map((r) => r.detail);
    expect(plan.some((d) => d.includes('COVERING INDEX catalogue_item_by_pinyin'))).toBe(true);
    await new ItemIndexes(db).without(async () => expect(columns(db)).toEqual([]));
    expect(columns(db)).toEqual(['pinyin', 'catalogue']);
    db.close();
  });

  it('refuses a database made by a newer program', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'new.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 99');
    expect(() => runMigrations(db, CLIENT_MIGRATIONS)).toThrow(/比本程序支持的 .* 新/);
    db.close();
  });

  it('refuses a journal state the schema does not know', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const db = openDatabase(join(t.dir, 'j.sqlite'), { migrations: CLIENT_MIGRATIONS });
    expect(() =>
      db
        .prepare(
          `INSERT INTO journal (msgid, infno, opter, opter_name, sign_no, fixmedins_code, center_url, state, request_json, prepared_at, updated_at)
           VALUES ('m', '2102', 'o', 'n', 's', 'f', 'u', 'maybe', '{}', 't', 't')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
