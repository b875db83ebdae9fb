/**
 * A SHA-256 over the content of each table, in key order: two databases with the same
 * fingerprint hold the same data, whatever their page layout. Used to prove the seed is
 * deterministic and to spot unexpected writes in tests.
 */
import { createHash } from 'node:crypto';
import type { Db } from './db';

export interface Fingerprint {
  /** Hash of all table hashes in name order. */
  total: string;
  tables: Record<string, { rows: number; sha256: string }>;
}

export function contentFingerprint(db: Db, only?: readonly string[]): Fingerprint {
  const names = (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  )
    .map((r) => r.name)
    .filter((n) => only === undefined || only.includes(n));
  const tables: Fingerprint['tables'] = {};
  const total = createHash('sha256');
  for (const name of names) {
    const pk = (
      db.prepare(`SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).all(name) as { name: string }[]
    ).map((c) => `"${c.name}"`);
    const order = pk.length > 0 ? pk.join(', ') : 'rowid';
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY ${order}`).raw(true).iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row)); // BLOBs serialise as their byte arrays
      hash.update('\n');
      rows++;
    }
    const sha256 = hash.digest('hex');
    tables[name] = { rows, sha256 };
    total.update(`${name}:${sha256}\n`);
  }
  return { total: total.digest('hex'), tables };
}
