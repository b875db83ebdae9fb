/**
 * Key/value facts about the database itself (the seed it was made from, the seed's
 * reference date) and named counters the center uses to mint its ids.
 */
import type { Db } from './db';

export class MetaRepo {
  private readonly getStmt;
  private readonly setStmt;
  private readonly bumpStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.bumpStmt = db.prepare<[string], { value: number }>(
      `INSERT INTO sequence (name, value) VALUES (?, 1)
       ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
    );
  }

  get(key: string): string | undefined {
    return this.getStmt.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }

  /** Next value (1, 2, 3 …) of a named counter; atomic, survives restarts. */
  nextSequence(name: string): number {
    const row = this.bumpStmt.get(name);
    if (!row) throw new Error(`sequence ${name} did not return a value`);
    return row.value;
  }
}
