/**
 * Every migration level the program has shipped, on real SQLite files: a file at level N (made
 * by migrations 1..N, which are append-only and never edited once shipped) with rows in the
 * tables of that level migrates to the current level, N-1 → N and 1 → current, keeping every row;
 * an upgrade that fails half-way leaves the file as it was. Written against
 * CLIENT_MIGRATIONS.length, so migrations added later are covered without editing this file.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { openDatabase, type Db, type Migration } from '../../src-main/storage/sqlite';
import { makeTempDir } from '../helpers/temp-dir';

const LATEST = CLIENT_MIGRATIONS.length;
let cleanup: () => void = () => {};
afterEach(() => cleanup());

/** Rows every level has from the start: sessions and msgids (1), journal entries (2 on). */
function fill(db: Db, level: number): void {
  db.prepare("INSERT INTO msgid_sequence VALUES (0, '20260101090000', 42)").run();
  db.prepare(
    "INSERT INTO operator_session VALUES ('OP1', '张收费', 'P42010000001', 'http://c', 'SN1', '2026-01-01 09:00:00', NULL, '2026-01-01 09:00:00')",
  ).run();
  if (level < 2) return;
  const insert = db.prepare(
    `INSERT INTO journal (msgid, infno, opter, opter_name, sign_no, fixmedins_code, center_url, psn_no, state, request_json,
       response_json, prepared_at, updated_at) VALUES (?, ?, 'OP1', '张收费', 'SN1', 'P42010000001', 'http://c', 'PSN1', ?, ?, ?, ?, ?)`,
  );
  const request = JSON.stringify({ infno: '2102', input: { data: { psn_no: 'PSN1', setl_id: 'S1' } } });
  const answer = JSON.stringify({ infcode: 0, output: { setlinfo: { setl_id: 'S1', mdtrt_id: 'M1', psn_no: 'PSN1' } } });
  insert.run('P42010000001202601010900000001', '2102', 'ok', request, answer, '2026-01-01 09:00:00', '2026-01-01 09:00:01');
  insert.run('P42010000001202601010901000002', '2102', 'unknown', request, null, '2026-01-01 09:01:00', '2026-01-01 09:01:00');
}

function countsOf(db: Db): Record<string, number> {
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all();
  return Object.fromEntries(
    tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]),
  );
}

function fileAt(dir: string, level: number): { file: string; counts: Record<string, number> } {
  const file = join(dir, `level-${level}.sqlite`);
  const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS.slice(0, level) });
  fill(db, level);
  const counts = countsOf(db);
  db.close();
  return { file, counts };
}

describe('upgrades from every migration level', () => {
  it.each(Array.from({ length: LATEST }, (_, i) => i + 1))('level %i → current keeps every row', (level) => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const { file, counts } = fileAt(t.dir, level);
    // N-1 → N first (the step a normal upgrade takes), then on to the current level.
    if (level < LATEST) {
      const next = openDatabase(file, { migrations: CLIENT_MIGRATIONS.slice(0, level + 1) });
      expect(next.pragma('user_version', { simple: true })).toBe(level + 1);
      next.close();
    }
    const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    const after = countsOf(db);
    for (const [table, n] of Object.entries(counts)) expect(after[table], table).toBe(n);
    expect(db.prepare('SELECT last_seq FROM msgid_sequence').get()).toEqual({ last_seq: 42 });
    if (level >= 2) {
      const states = db.prepare('SELECT msgid, state, response_json AS r FROM journal ORDER BY id').all() as {
        state: string;
        r: string | null;
      }[];
      expect(states.map((s) => s.state)).toEqual(['ok', 'unknown']);
      expect(states[0]?.r).toContain('"setl_id":"S1"');
    }
    db.close();
  });

  it('an upgrade that fails half-way leaves the file exactly as it was', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const start = Math.max(1, LATEST - 3);
    const { file, counts } = fileAt(t.dir, start);
    const before = new Database(file, { readonly: true });
    const schemaBefore = before.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all();
    before.close();
    const broken: Migration = {
      version: LATEST + 1,
      name: 'fails after changing things',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        db.exec("UPDATE operator_session SET sign_no = 'CHANGED'");
        throw new Error('disk full in the middle of the upgrade');
      },
    };
    expect(() => openDatabase(file, { migrations: [...CLIENT_MIGRATIONS, broken] })).toThrow(/disk full/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(start);
    expect(db.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all()).toEqual(schemaBefore);
    expect(countsOf(db)).toEqual(counts);
    expect(db.prepare('SELECT sign_no FROM operator_session').get()).toEqual({ sign_no: 'SN1' });
    db.close();
  });

  it('a file from a newer program is refused with a message and not changed', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const { file } = fileAt(t.dir, LATEST);
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST + 1}`);
    raw.close();
    expect(() => openDatabase(file, { migrations: CLIENT_MIGRATIONS })).toThrow(/比本程序支持的 .* 新: 请升级收银台程序/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST + 1);
    db.close();
  });
});
