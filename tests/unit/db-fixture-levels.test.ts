/**
 * The counter databases in tests/fixtures/db/, one per client migration level, made by the code of
 * the commit that introduced each level running real flows against its own sandbox center
 * (scripts/make-db-fixtures.mjs; the manifest says which levels are real flows and which are the
 * previous real fixture migrated). Opened with today's code they must:
 * - N-1 → N: migrate to exactly the schema the historical code wrote at N, keeping every row;
 * - N → current: open in the current counter with every row, msgid, settlement and refund,
 *   settled sum and receipt intact, and recovery finding nothing open.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCounterApp } from '../../src-main/app/counter-app';
import { createCounterServices } from '../../src-main/counter/counter-services';
import { CounterEvents } from '../../src-main/counter/events';
import { OPEN_STATES } from '../../src-main/journal/journal-store';
import { SETTLE_CODES } from '../../src-main/counter/settlement-history';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { runMigrations, type Db } from '../../src-main/storage/sqlite';
import { CLINIC, PHARMACY } from '../helpers/sandbox-harness';
import { makeTempDir } from '../helpers/temp-dir';

interface FixtureLevel {
  readonly level: number;
  readonly name: string;
  readonly commit: string;
  readonly real: boolean;
  readonly source: string;
  readonly settlements: readonly { infno: string; setlId: string; medfeeFen: number; refundedBy: string | null }[];
  readonly standingFen: number;
  readonly refundedFen: number;
  readonly userVersion: number;
  readonly rows: Record<string, number>;
  readonly msgids: readonly string[];
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'db');
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as { levels: FixtureLevel[] };
const LATEST = CLIENT_MIGRATIONS.length;

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function copyOf(level: number, dir: string): string {
  const file = join(dir, 'yibao.sqlite');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(FIXTURES, `level-${level}.sqlite`), file);
  return file;
}

/**
 * Ordinary tables and their columns. Full-text indexes are left out: a migration may rebuild
 * them (10 re-tokenises names), and what they index is checked through the catalogue rows.
 */
function plainTables(db: Db): Map<string, string[]> {
  const all = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .all();
  const virtual = all.filter((t) => /^CREATE VIRTUAL/i.test(t.sql)).map((t) => t.name);
  const plain = all.filter((t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
  const columnsOf = (table: string) => (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
  return new Map(plain.map((t) => [t.name, columnsOf(t.name)]));
}

/** Every row of every plain table, in the columns the fixture had. */
function contentOf(db: Db, tables: Map<string, string[]>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [table, columns] of tables) {
    out[table] = db
      .prepare(
        `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`,
      )
      .raw()
      .all();
  }
  return out;
}

const schemaOf = (db: Db) =>
  db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();

describe('fixture databases of every migration level', () => {
  it('there is a fixture for every level 1..current (regenerate: node scripts/make-db-fixtures.mjs N)', () => {
    expect(manifest.levels.map((l) => l.level)).toEqual(CLIENT_MIGRATIONS.map((m) => m.version));
    for (const l of manifest.levels) expect(l.name).toBe(CLIENT_MIGRATIONS[l.level - 1]?.name);
  });

  it('each fixture is at its level and holds what the manifest says', () => {
    for (const l of manifest.levels) {
      const db = new Database(join(FIXTURES, `level-${l.level}.sqlite`), { readonly: true });
      expect(db.pragma('user_version', { simple: true }), `level-${l.level}`).toBe(l.level);
      const counts = Object.fromEntries(
        Object.keys(l.rows).map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()]),
      );
      expect(counts, `level-${l.level}`).toEqual(l.rows);
      db.close();
    }
  });

  describe.each(manifest.levels.filter((l) => l.level > 1))('level $level ($source)', (fixture) => {
    it('the fixture one level below migrates to exactly its schema, keeping every row', () => {
      const temp = makeTempDir('yibao-fixture-');
      cleanup = temp.cleanup;
      const db = new Database(copyOf(fixture.level - 1, temp.dir));
      const tables = plainTables(db);
      const before = contentOf(db, tables);
      runMigrations(db, CLIENT_MIGRATIONS.slice(0, fixture.level));
      expect(db.pragma('user_version', { simple: true })).toBe(fixture.level);
      expect(contentOf(db, tables)).toEqual(before);
      const historical = new Database(join(FIXTURES, `level-${fixture.level}.sqlite`), { readonly: true });
      expect(schemaOf(db)).toEqual(schemaOf(historical));
      historical.close();
      db.close();
    });
  });

  describe.each(manifest.levels)('level $level → current', (fixture) => {
    it('opens in the current counter with its rows, msgids, settlements, sums and receipts intact and nothing open', async () => {
      const temp = makeTempDir('yibao-fixture-');
      cleanup = temp.cleanup;
      const file = copyOf(fixture.level, temp.dir);
      const raw = new Database(file);
      const tables = plainTables(raw);
      const before = contentOf(raw, tables);
      raw.close();

      // Nothing may reach a center: a closed port. The data directory served a pharmacy and then a clinic.
      const standing: number[] = [];
      const refunded: number[] = [];
      for (const [kind, institution] of [
        ['pharmacy', PHARMACY],
        ['clinic', CLINIC],
      ] as const) {
        const config = join(temp.dir, 'config.json');
        writeFileSync(config, JSON.stringify({ institution, center: { url: 'http://127.0.0.1:9/' } }));
        const app = await openCounterApp({ configPath: config, env: {} });
        try {
          expect(app.db.pragma('user_version', { simple: true })).toBe(LATEST);
          expect(contentOf(app.db, tables)).toEqual(before);
          expect(app.recovery).toBeNull();
          expect(app.journal.list({ states: [...OPEN_STATES] })).toEqual([]);
          if (!tables.has('journal')) {
            // Level 1 had no journal: its sales live only at the center.
            expect(fixture.msgids).toEqual([]);
            continue;
          }
          expect(
            app.journal
              .list({})
              .map((e) => e.msgid)
              .sort(),
          ).toEqual([...fixture.msgids].sort());

          const services = createCounterServices(app, new CounterEvents());
          const history = services.history.list(kind);
          const expected = fixture.settlements.filter((s) => SETTLE_CODES[kind].includes(s.infno));
          const seen = expected.map((s) => {
            const record = history.find((r) => r.setlId === s.setlId);
            return {
              infno: record?.infno,
              setlId: record?.setlId,
              medfeeFen: record?.medfeeFen,
              refundedBy: record?.refund?.infno ?? null,
            };
          });
          expect(seen).toEqual(expected);
          for (const r of history) (r.refund ? refunded : standing).push(r.medfeeFen);
          for (const s of expected) {
            const receipt = services.receipts.render({ setlId: s.setlId });
            expect(receipt.title).toContain(s.setlId);
            expect(receipt.refunded).toBe(s.refundedBy !== null);
          }
        } finally {
          await app.close();
        }
      }
      if (!tables.has('journal')) return;
      const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
      expect({ standingFen: sum(standing), refundedFen: sum(refunded) }).toEqual({
        standingFen: fixture.standingFen,
        refundedFen: fixture.refundedFen,
      });
    });
  });
});
