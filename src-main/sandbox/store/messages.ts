/**
 * The message log, which is also the register of processed msgids. A processed message
 * (accepted = 1) owns its msgid: a second one is refused by a partial unique index and
 * reported as DuplicateMsgidError. The refused duplicate can still be logged with
 * `logRejected` (accepted = 0), so the log shows everything the center received.
 */
import { insertSql, selectList, toParams } from './columns';
import type { Db } from './db';
import { DuplicateMsgidError, isUniqueViolation } from './errors';

export interface MessageEntry {
  msgid: string;
  infno: string;
  opter: string | null;
  fixmedinsCode: string | null;
  signNo: string | null;
  /** yyyy-MM-dd HH:mm:ss */
  receivedAt: string;
  /** The request envelope as JSON text. */
  requestJson: string;
  /** null while the message is being processed. */
  infcode?: number | null;
  errMsg?: string | null;
  infRefmsgid?: string | null;
  responseJson?: string | null;
  /** The fault mode applied to this message, if any (e.g. `commit-then-drop`). */
  faultApplied?: string | null;
  /** Protocol rules the message broke that the center tolerated or refused (codes). */
  violations?: readonly string[];
}

export interface MessageRow {
  id: number;
  msgid: string;
  accepted: boolean;
  infno: string;
  opter: string | null;
  fixmedinsCode: string | null;
  signNo: string | null;
  receivedAt: string;
  infcode: number | null;
  errMsg: string | null;
  infRefmsgid: string | null;
  requestJson: string;
  responseJson: string | null;
  faultApplied: string | null;
  violations: string[];
}

export interface MessageOutcome {
  infcode: number;
  errMsg: string | null;
  infRefmsgid?: string | null;
  responseJson: string | null;
  faultApplied?: string | null;
  /** Replaces the recorded violations when given. */
  violations?: readonly string[];
}

export interface MessageQuery {
  infno?: string;
  /** ok: infcode 0; error: any other infcode; pending: not finished. */
  outcome?: 'ok' | 'error' | 'pending';
  /** received_at >= since (yyyy-MM-dd HH:mm:ss). */
  since?: string;
  /** Only messages with at least one violation. */
  withViolations?: boolean;
  /** id > afterId, for polling. */
  afterId?: number;
  /** Default 100, at most 10000. */
  limit?: number;
  /** Newest first (the log as a person reads it); default arrival order. */
  newest?: boolean;
}

const COLUMNS = [
  'msgid',
  'accepted',
  'infno',
  'opter',
  'fixmedins_code',
  'sign_no',
  'received_at',
  'infcode',
  'err_msg',
  'inf_refmsgid',
  'request_json',
  'response_json',
  'fault_applied',
  'violations',
  'violation_count',
] as const;
const ROW_COLUMNS = ['id', ...COLUMNS.filter((c) => c !== 'violation_count')] as const;

type MessageDbRow = Omit<MessageRow, 'accepted' | 'violations'> & { accepted: number; violations: string };

export class MessageRepo {
  private readonly insertStmt;
  private readonly completeStmt;
  private readonly byIdStmt;
  private readonly processedStmt;
  private readonly violationStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(insertSql('message', COLUMNS));
    this.completeStmt = db.prepare(
      `UPDATE message SET infcode = @infcode, err_msg = @err_msg, inf_refmsgid = coalesce(@inf_refmsgid, inf_refmsgid),
         response_json = @response_json, fault_applied = coalesce(@fault_applied, fault_applied),
         violations = coalesce(@violations, violations), violation_count = coalesce(@violation_count, violation_count)
       WHERE id = @id`,
    );
    this.byIdStmt = db.prepare<[number], MessageDbRow>(`SELECT ${selectList(ROW_COLUMNS)} FROM message WHERE id = ?`);
    this.processedStmt = db.prepare<[string], MessageDbRow>(
      `SELECT ${selectList(ROW_COLUMNS)} FROM message WHERE msgid = ? AND accepted = 1`,
    );
    this.violationStmt = db.prepare<[string], { messages: number; violations: number | null }>(
      `SELECT count(*) AS messages, sum(violation_count) AS violations FROM message
       WHERE violation_count > 0 AND received_at >= ?`,
    );
  }

  /** Registers a message as processed (claims its msgid). Throws DuplicateMsgidError. Returns the log id. */
  insertProcessed(entry: MessageEntry): number {
    try {
      return this.insert(entry, true);
    } catch (e) {
      if (isUniqueViolation(e, 'message.msgid')) throw new DuplicateMsgidError(entry.msgid);
      throw e;
    }
  }

  /** Logs a message that was not processed (duplicate msgid, unparseable …). */
  logRejected(entry: MessageEntry): number {
    return this.insert(entry, false);
  }

  /** Records the answer given to a logged message. */
  complete(id: number, outcome: MessageOutcome): void {
    this.completeStmt.run({
      id,
      infcode: outcome.infcode,
      err_msg: outcome.errMsg,
      inf_refmsgid: outcome.infRefmsgid ?? null,
      response_json: outcome.responseJson,
      fault_applied: outcome.faultApplied ?? null,
      violations: outcome.violations ? JSON.stringify(outcome.violations) : null,
      violation_count: outcome.violations ? outcome.violations.length : null,
    });
  }

  get(id: number): MessageRow | undefined {
    const row = this.byIdStmt.get(id);
    return row && parse(row);
  }

  /** The processed message with this msgid (2601 looks up `omsgid` here). */
  getProcessed(msgid: string): MessageRow | undefined {
    const row = this.processedStmt.get(msgid);
    return row && parse(row);
  }

  /** Log rows in arrival order, or newest first. */
  query(q: MessageQuery = {}): MessageRow[] {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (q.infno !== undefined) {
      where.push('infno = @infno');
      params['infno'] = q.infno;
    }
    if (q.outcome === 'ok') where.push('infcode = 0');
    if (q.outcome === 'error') where.push('infcode <> 0');
    if (q.outcome === 'pending') where.push('infcode IS NULL');
    if (q.since !== undefined) {
      where.push('received_at >= @since');
      params['since'] = q.since;
    }
    if (q.withViolations) where.push('violation_count > 0');
    if (q.afterId !== undefined) {
      where.push('id > @after_id');
      params['after_id'] = q.afterId;
    }
    params['limit'] = Math.min(Math.max(q.limit ?? 100, 1), 10000);
    const sql = `SELECT ${selectList(ROW_COLUMNS)} FROM message ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY id ${q.newest ? 'DESC' : 'ASC'} LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as MessageDbRow[]).map(parse);
  }

  /** How many messages broke a rule, and how many rule breaks in all, since a time ('' = ever). */
  countViolations(since = ''): { messages: number; violations: number } {
    const row = this.violationStmt.get(since);
    return { messages: row?.messages ?? 0, violations: row?.violations ?? 0 };
  }

  private insert(entry: MessageEntry, accepted: boolean): number {
    const violations = entry.violations ?? [];
    const result = this.insertStmt.run(
      toParams(COLUMNS, {
        ...entry,
        accepted,
        violations: JSON.stringify(violations),
        violationCount: violations.length,
      }),
    );
    return Number(result.lastInsertRowid);
  }
}

function parse(row: MessageDbRow): MessageRow {
  return { ...row, accepted: row.accepted === 1, violations: JSON.parse(row.violations) as string[] };
}
