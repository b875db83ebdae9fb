/**
 * The 进销存 upload queue in the counter's database (migration 6): imports, rows that failed
 * validation, and one item per spec row with its state. An item is marked `sending` (committed)
 * before its call leaves, so a crash mid-call leaves it uncertain, never silently lost.
 *
 *   queued → sending → done | rejected | not-sent | unknown;  not-sent / unknown → sending (retry)
 */
import { formatDateTime } from '../core/time';
import type { Db } from '../storage/sqlite';
import type { InventoryKind, SpecRow } from './kinds';
import type { ImportedSheet } from './import-rows';
import { ITEM_STATES, type InventoryItemState } from './views';

export { ITEM_STATES };
export type ItemState = InventoryItemState;

export interface QueueItem {
  readonly id: number;
  readonly importId: number;
  readonly rowNo: number;
  readonly kind: InventoryKind;
  readonly businessKey: string;
  readonly row: SpecRow;
  readonly insuplcAdmdvs: string | null;
  readonly state: ItemState;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastMsgid: string | null;
  /** msgids of earlier attempts whose outcome was unknown: one of them may have taken effect. */
  readonly uncertainMsgids: readonly string[];
  readonly message: string | null;
  readonly updatedAt: string;
}

export interface ImportSummary {
  readonly id: number;
  readonly kind: InventoryKind;
  readonly filename: string;
  readonly importedAt: string;
  readonly rowsTotal: number;
  readonly rowsQueued: number;
  readonly rowsInvalid: number;
}

export interface ImportResult extends ImportSummary {
  /** Rows refused at import (validation, duplicates), with their row numbers. */
  readonly errors: readonly { rowNo: number; message: string }[];
}

interface ItemRecord {
  id: number;
  importId: number;
  rowNo: number;
  kind: InventoryKind;
  businessKey: string;
  payloadJson: string;
  insuplcAdmdvs: string | null;
  state: ItemState;
  attempts: number;
  nextAttemptAt: string | null;
  lastMsgid: string | null;
  uncertainMsgids: string;
  message: string | null;
  updatedAt: string;
}

const ITEM_SELECT = `SELECT id, import_id AS importId, row_no AS rowNo, kind, business_key AS businessKey,
  payload_json AS payloadJson, insuplc_admdvs AS insuplcAdmdvs, state, attempts, next_attempt_at AS nextAttemptAt,
  last_msgid AS lastMsgid, uncertain_msgids AS uncertainMsgids, message, updated_at AS updatedAt FROM inventory_item`;

const IMPORT_SELECT = `SELECT id, kind, filename, imported_at AS importedAt, rows_total AS rowsTotal, rows_queued AS rowsQueued,
  rows_invalid AS rowsInvalid FROM inventory_import`;

function toItem(r: ItemRecord): QueueItem {
  return {
    ...r,
    row: JSON.parse(r.payloadJson) as SpecRow,
    uncertainMsgids: JSON.parse(r.uncertainMsgids) as string[],
  };
}

const now = () => formatDateTime(new Date());

/** Stands for an attempt cut off by a crash: its msgid is in the journal, its outcome unknown. */
export const CRASHED_ATTEMPT = '(attempt interrupted)';

export class InventoryQueue {
  constructor(private readonly db: Db) {}

  /** Stores an import: valid rows become queued items unless the queue already has that record. */
  addImport(kind: InventoryKind, filename: string, sheet: ImportedSheet): ImportResult {
    return this.db.transaction(() => {
      const t = now();
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO inventory_import (kind, filename, imported_at, rows_total, rows_queued, rows_invalid)
             VALUES (?, ?, ?, ?, 0, 0)`,
          )
          .run(kind, filename, t, sheet.total).lastInsertRowid,
      );
      const errors = [...sheet.errors];
      const existing = this.db.prepare<[string, string], { importId: number; rowNo: number; state: string }>(
        'SELECT import_id AS importId, row_no AS rowNo, state FROM inventory_item WHERE kind = ? AND business_key = ?',
      );
      const insert = this.db.prepare(
        `INSERT INTO inventory_item (import_id, row_no, kind, business_key, payload_json, insuplc_admdvs, state, created_at,
           updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)`,
      );
      let queued = 0;
      for (const r of sheet.rows) {
        const before = existing.get(kind, r.key);
        if (before) {
          errors.push({
            rowNo: r.rowNo,
            message: `同一条记录已在上传队列中 (导入 #${before.importId} 第 ${before.rowNo} 行, ${before.state}), 不再重复上传`,
          });
          continue;
        }
        insert.run(id, r.rowNo, kind, r.key, JSON.stringify(r.row), r.insuplcAdmdvs, t, t);
        queued += 1;
      }
      const addError = this.db.prepare('INSERT INTO inventory_row_error (import_id, row_no, message) VALUES (?, ?, ?)');
      errors.sort((a, b) => a.rowNo - b.rowNo);
      for (const e of errors) addError.run(id, e.rowNo, e.message);
      this.db
        .prepare('UPDATE inventory_import SET rows_queued = ?, rows_invalid = ? WHERE id = ?')
        .run(queued, errors.length, id);
      return { ...(this.importById(id) as ImportSummary), errors };
    })();
  }

  importById(id: number): ImportSummary | undefined {
    return this.db.prepare<[number], ImportSummary>(`${IMPORT_SELECT} WHERE id = ?`).get(id);
  }

  imports(limit = 50): ImportSummary[] {
    return this.db.prepare<[number], ImportSummary>(`${IMPORT_SELECT} ORDER BY id DESC LIMIT ?`).all(limit);
  }

  rowErrors(importId: number): { rowNo: number; message: string }[] {
    return this.db
      .prepare<[number], { rowNo: number; message: string }>(
        'SELECT row_no AS rowNo, message FROM inventory_row_error WHERE import_id = ? ORDER BY row_no',
      )
      .all(importId);
  }

  items(filter: { importId?: number; states?: readonly ItemState[]; limit?: number } = {}): QueueItem[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.importId !== undefined) {
      where.push('import_id = ?');
      params.push(filter.importId);
    }
    if (filter.states?.length) {
      where.push(`state IN (${filter.states.map(() => '?').join(',')})`);
      params.push(...filter.states);
    }
    const sql = `${ITEM_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`;
    return this.db
      .prepare<unknown[], ItemRecord>(sql)
      .all(...params, filter.limit ?? 10_000)
      .map(toItem);
  }

  get(id: number): QueueItem | undefined {
    const r = this.db.prepare<[number], ItemRecord>(`${ITEM_SELECT} WHERE id = ?`).get(id);
    return r ? toItem(r) : undefined;
  }

  /**
   * Items to send now: queued ones (unless `retriesOnly`) and retries whose time has come (all
   * retries with `force`).
   * Items still `sending` were cut off (the uploader runs one pass at a time): their outcome is unknown.
   */
  due(at: string, force: boolean, retriesOnly = false): QueueItem[] {
    this.db
      .prepare(
        `UPDATE inventory_item SET state = 'unknown', next_attempt_at = NULL, updated_at = ?,
           message = '上次上传中断, 结果未知; 重试时按中心记录核实',
           uncertain_msgids = json_insert(uncertain_msgids, '$[#]', COALESCE(last_msgid, ?))
         WHERE state = 'sending'`,
      )
      .run(at, CRASHED_ATTEMPT);
    return this.db
      .prepare<[number, number, string], ItemRecord>(
        `${ITEM_SELECT} WHERE (state = 'queued' AND ? = 0)
           OR (state IN ('not-sent', 'unknown') AND (? = 1 OR next_attempt_at IS NULL OR next_attempt_at <= ?))
         ORDER BY id`,
      )
      .all(retriesOnly ? 1 : 0, force ? 1 : 0, at)
      .map(toItem);
  }

  /** Commits the attempt before the call leaves (its msgid is known only after the call). */
  markSending(ids: readonly number[]): void {
    const t = now();
    const stmt = this.db.prepare(
      `UPDATE inventory_item SET state = 'sending', attempts = attempts + 1, last_msgid = NULL, updated_at = ? WHERE id = ?`,
    );
    this.db.transaction(() => {
      for (const id of ids) stmt.run(t, id);
    })();
  }

  /** Records the outcome of an item; `uncertain` adds a msgid whose outcome is unknown. */
  finish(
    id: number,
    state: Exclude<ItemState, 'queued' | 'sending'>,
    detail: { message?: string | null; msgid?: string | null; nextAttemptAt?: string | null; uncertain?: string | null },
  ): void {
    const item = this.get(id);
    if (!item) return;
    const uncertain = detail.uncertain ? [...new Set([...item.uncertainMsgids, detail.uncertain])] : item.uncertainMsgids;
    this.db
      .prepare(
        `UPDATE inventory_item SET state = ?, message = ?, last_msgid = COALESCE(?, last_msgid), next_attempt_at = ?,
           uncertain_msgids = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        state,
        detail.message ?? null,
        detail.msgid ?? null,
        detail.nextAttemptAt ?? null,
        JSON.stringify(uncertain),
        now(),
        id,
      );
  }

  /** Puts refused items back in the queue (after the cause was fixed, e.g. the purchase uploaded first). */
  requeueRejected(ids?: readonly number[]): number {
    const t = now();
    if (ids && ids.length > 0) {
      const stmt = this.db.prepare(
        "UPDATE inventory_item SET state = 'queued', next_attempt_at = NULL, updated_at = ? WHERE id = ? AND state = 'rejected'",
      );
      return this.db.transaction(() => ids.reduce((n, id) => n + stmt.run(t, id).changes, 0))();
    }
    return this.db
      .prepare("UPDATE inventory_item SET state = 'queued', next_attempt_at = NULL, updated_at = ? WHERE state = 'rejected'")
      .run(t).changes;
  }

  /** Whether a not-sent / unknown item's retry time has come (a cheap check for the background driver). */
  hasDueRetries(at: string): boolean {
    return (
      (this.db
        .prepare<[string], { n: number }>(
          `SELECT count(*) AS n FROM inventory_item WHERE state IN ('not-sent', 'unknown')
             AND (next_attempt_at IS NULL OR next_attempt_at <= ?)`,
        )
        .get(at)?.n ?? 0) > 0
    );
  }

  counts(): Record<ItemState, number> {
    const out = Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as Record<ItemState, number>;
    for (const r of this.db
      .prepare<[], { state: ItemState; n: number }>('SELECT state, count(*) AS n FROM inventory_item GROUP BY state')
      .all()) {
      out[r.state] = r.n;
    }
    return out;
  }
}
