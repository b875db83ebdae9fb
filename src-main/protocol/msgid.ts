/**
 * msgid = fixmedins_code (12) + yyyyMMddHHmmss (14) + 4-digit sequence = 30 characters.
 *
 * The (second, sequence) pair is reserved in SQLite inside an IMMEDIATE transaction, so
 * ids stay unique across concurrent callers, across processes sharing the data directory
 * (app and CLI) and across restarts, even when the clock steps back: the second never
 * goes below the last one reserved. Counters of the same institution on different PCs
 * get disjoint sequence ranges by terminal slot (0–9 → 0001–0999, 1000–1999, …).
 */
import { formatCompact, parseCompact } from '../core/time';
import { YibaoError } from '../core/errors';
import type { Db } from '../storage/sqlite';

export const MSGID_LENGTH = 30;
export const MSGID_RE = /^[0-9A-Za-z]{12}\d{14}\d{4}$/;

export interface Reservation {
  readonly second: string;
  readonly seq: number;
}

export interface MsgIdSequenceStore {
  /** Reserves the next free sequence at or after `nowSecond` (yyyyMMddHHmmss) within [min, max]. */
  reserve(nowSecond: string, min: number, max: number): Reservation;
}

function nextSecond(second: string): string {
  const d = parseCompact(second);
  if (!d) throw new Error(`bad stored msgid second ${second}`);
  return formatCompact(new Date(d.getTime() + 1000));
}

/** Sequence persisted in the local database (table msgid_sequence, one row per terminal slot). */
export class SqliteMsgIdSequence implements MsgIdSequenceStore {
  private readonly select;
  private readonly upsert;
  private readonly tx;

  constructor(db: Db) {
    this.select = db.prepare<[number], { last_second: string; last_seq: number }>(
      'SELECT last_second, last_seq FROM msgid_sequence WHERE slot_min = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO msgid_sequence (slot_min, last_second, last_seq) VALUES (?, ?, ?)
       ON CONFLICT(slot_min) DO UPDATE SET last_second = excluded.last_second, last_seq = excluded.last_seq`,
    );
    this.tx = db.transaction((nowSecond: string, min: number, max: number): Reservation => {
      const row = this.select.get(min);
      let second = nowSecond;
      let seq = min;
      if (row && row.last_second >= nowSecond) {
        second = row.last_second;
        seq = row.last_seq + 1;
        if (seq > max) {
          second = nextSecond(row.last_second);
          seq = min;
        }
      }
      this.upsert.run(min, second, seq);
      return { second, seq };
    });
  }

  reserve(nowSecond: string, min: number, max: number): Reservation {
    return this.tx.immediate(nowSecond, min, max);
  }
}

export class MsgIdGenerator {
  private readonly min: number;
  private readonly max: number;

  constructor(
    private readonly fixmedinsCode: string,
    private readonly store: MsgIdSequenceStore,
    terminalSlot = 0,
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (!/^[0-9A-Za-z]{12}$/.test(fixmedinsCode)) {
      throw new YibaoError(
        'E_CONFIG_INVALID',
        `定点医药机构编码必须是 12 位字母或数字 (用于生成 30 位报文ID), 当前为 "${fixmedinsCode}"`,
        { field: 'institution.fixmedinsCode' },
      );
    }
    if (!Number.isInteger(terminalSlot) || terminalSlot < 0 || terminalSlot > 9) {
      throw new YibaoError('E_CONFIG_INVALID', `终端序号必须是 0–9 的整数, 当前为 ${terminalSlot}`, {
        field: 'institution.terminalSlot',
      });
    }
    this.min = terminalSlot === 0 ? 1 : terminalSlot * 1000;
    this.max = terminalSlot * 1000 + 999;
  }

  next(): string {
    const { second, seq } = this.store.reserve(formatCompact(this.clock()), this.min, this.max);
    return `${this.fixmedinsCode}${second}${String(seq).padStart(4, '0')}`;
  }
}
