/**
 * Migration 8: the business-id index of the journal (journal-keys.ts), filled for every entry
 * already journaled, and the item names the cashier has seen (fee lines on the wire carry codes
 * only). Kept apart from migrations.ts because of its backfill code.
 */
import { keysOf } from '../../journal/journal-keys';
import type { Db, Migration } from '../sqlite';

const BATCH = 500;

function backfillJournalKeys(db: Db): void {
  const page = db.prepare<[number, number], { id: number; request_json: string; response_json: string | null }>(
    'SELECT id, request_json, response_json FROM journal WHERE id > ? ORDER BY id LIMIT ?',
  );
  const insert = db.prepare('INSERT OR IGNORE INTO journal_key (journal_id, field, value) VALUES (?, ?, ?)');
  const parsed = (text: string | null, part: 'input' | 'output'): unknown => {
    if (!text) return null;
    try {
      return (JSON.parse(text) as Record<string, unknown>)[part];
    } catch {
      return null; // a damaged row keeps its place in the journal; it is only not indexed
    }
  };
  for (let last = 0; ;) {
    const rows = page.all(last, BATCH);
    if (rows.length === 0) return;
    for (const row of rows) {
      for (const key of [...keysOf(parsed(row.request_json, 'input')), ...keysOf(parsed(row.response_json, 'output'))]) {
        insert.run(row.id, key.field, key.value);
      }
      last = row.id;
    }
  }
}

export const journalKeysMigration: Migration = {
  version: 8,
  name: 'journal business-id index; item names seen at the counter',
  up(db) {
    db.exec(`
      CREATE TABLE journal_key (
        journal_id INTEGER NOT NULL REFERENCES journal(id),
        field      TEXT NOT NULL,
        value      TEXT NOT NULL,
        PRIMARY KEY (field, value, journal_id)
      ) WITHOUT ROWID;
      CREATE INDEX journal_by_infno ON journal(infno, id);
      CREATE TABLE item_name (
        code    TEXT PRIMARY KEY,
        name    TEXT NOT NULL,
        seen_at TEXT NOT NULL
      );
    `);
    backfillJournalKeys(db);
  },
};
