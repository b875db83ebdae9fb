/**
 * The outbox of the shop store, in the counter's own SQLite file (migration 10). The journal
 * calls capture() inside the transaction that writes an outcome, so an event is on disk exactly
 * when the outcome is: a crash can lose neither. The pusher reads unpushed rows in order and marks
 * them after the shop store committed them (a crash in between only pushes them again, and the
 * shop store ignores what it already has).
 */
import { cached, type Db } from '../storage/sqlite';
import { formatDateTime } from '../core/time';
import type { JournalEntry } from '../journal/journal-store';

/** What the shop store gets of one journal event: the entry as it stood, and the msgid it reverses. */
export interface ShopEventPayload {
  readonly entry: JournalEntry;
  readonly reversesMsgid: string | null;
}

export interface OutboxRow {
  readonly id: number;
  readonly eventKey: string;
  readonly msgid: string;
  readonly infno: string;
  readonly state: string;
  readonly payloadJson: string;
}

/** States that are no outcome yet: the entry is pushed when it leaves them. */
const NOT_YET = new Set(['prepared', 'sent']);

export class ShopOutbox {
  constructor(
    private readonly db: Db,
    /** The codes the shop store shares (settlements, refunds, 2601, sign-in / sign-out). */
    private readonly shares: (infno: string) => boolean,
  ) {}

  /** Called by the journal inside its transaction, after the entry's row was written; true when a new event was queued. */
  capture(entry: JournalEntry, reversesMsgid: string | null): boolean {
    if (NOT_YET.has(entry.state) || !this.shares(entry.infno)) return false;
    const payload: ShopEventPayload = { entry, reversesMsgid };
    const info = cached(
      this.db,
      `INSERT OR IGNORE INTO shop_outbox (event_key, msgid, infno, state, payload_json, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      `${entry.msgid}:${entry.state}`,
      entry.msgid,
      entry.infno,
      entry.state,
      JSON.stringify(payload),
      formatDateTime(new Date()),
    );
    return info.changes > 0;
  }

  /** The oldest unpushed events. */
  unpushed(limit: number): OutboxRow[] {
    return cached<[number], OutboxRow>(
      this.db,
      `SELECT id, event_key AS eventKey, msgid, infno, state, payload_json AS payloadJson FROM shop_outbox
         WHERE pushed_at IS NULL ORDER BY id LIMIT ?`,
    ).all(limit);
  }

  markPushed(ids: readonly number[]): void {
    const mark = cached(this.db, 'UPDATE shop_outbox SET pushed_at = ? WHERE id = ?');
    const at = formatDateTime(new Date());
    this.db.transaction(() => {
      for (const id of ids) mark.run(at, id);
    })();
  }

  counts(): { pending: number; pushed: number; oldestPendingAt: string | null } {
    const row = cached<[], { pending: number; pushed: number; oldest: string | null }>(
      this.db,
      `SELECT COALESCE(SUM(pushed_at IS NULL), 0) AS pending, COALESCE(SUM(pushed_at IS NOT NULL), 0) AS pushed,
         MIN(CASE WHEN pushed_at IS NULL THEN created_at END) AS oldest FROM shop_outbox`,
    ).get();
    return { pending: row?.pending ?? 0, pushed: row?.pushed ?? 0, oldestPendingAt: row?.oldest ?? null };
  }

  /**
   * When a counter joins a shop, the outcomes it journaled before go into the outbox too
   * (idempotent: events already there are skipped), so the shop's 对账 sees its whole history.
   */
  backfill(entries: Iterable<JournalEntry>, reversesMsgidOf: (entry: JournalEntry) => string | null): number {
    let n = 0;
    this.db.transaction(() => {
      for (const entry of entries) if (this.capture(entry, reversesMsgidOf(entry))) n += 1;
    })();
    return n;
  }
}
