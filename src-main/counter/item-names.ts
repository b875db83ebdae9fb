/**
 * Item names by 医保目录编码, remembered from what the cashier entered and what searches
 * returned, and kept in the counter's database: fee lines on the wire carry codes only, so a
 * bill or receipt rebuilt from the journal after a restart still shows names.
 */
import type { Db } from '../storage/sqlite';

export class ItemNames {
  private readonly cache = new Map<string, string>();
  private readonly upsert;
  private readonly select;
  private readonly many;

  /** `db` should be a NORMAL-sync connection: a name lost in a power cut is learnt again. */
  constructor(db: Db) {
    this.upsert = db.prepare(
      `INSERT INTO item_name (code, name, seen_at) VALUES (?, ?, datetime('now'))
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, seen_at = excluded.seen_at`,
    );
    this.select = db.prepare<[string], { name: string }>('SELECT name FROM item_name WHERE code = ?');
    this.many = db.transaction((items: readonly { code: string; name: string }[]) => {
      for (const i of items) this.remember(i.code, i.name);
    });
  }

  /** Several at once (a page of search hits, a bill's lines): one commit. */
  rememberAll(items: readonly { code: string; name: string }[]): void {
    this.many(items);
  }

  remember(code: string, name: string): void {
    if (!code || !name || this.cache.get(code) === name) return;
    this.cache.set(code, name);
    this.upsert.run(code, name);
  }

  nameOf(code: string): string {
    const cached = this.cache.get(code);
    if (cached !== undefined) return cached;
    const name = this.select.get(code)?.name ?? '';
    if (name) this.cache.set(code, name);
    return name;
  }
}
