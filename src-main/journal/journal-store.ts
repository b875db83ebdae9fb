/**
 * The transaction journal: one row per call to the center, written before the call leaves
 * the process and updated with its outcome before the caller sees it. FULL synchronous
 * commits on the money path; the informational "sent" marker goes through a second
 * connection with NORMAL sync, since recovery treats "prepared" and "sent" alike.
 */
import type Database from 'better-sqlite3';
import { cached, openDatabase, type Db } from '../storage/sqlite';
import { CLIENT_MIGRATIONS } from '../storage/client/migrations';
import { formatDateTime, parseDateTime } from '../core/time';
import type { RequestEnvelope } from '../protocol/envelope';
import type { AnswerProblem } from '../protocol/answer-fields';
import { keysOf, type JournalKey } from './journal-keys';

/** Hears each outcome inside the transaction that writes it (the shop store's outbox, src-main/shop/outbox.ts). */
export interface JournalOutcomeSink {
  capture(entry: JournalEntry, reversesMsgid: string | null): unknown;
}

export { JOURNAL_STATES, type JournalState } from './states';
import type { JournalState } from './states';

/** States whose outcome is still open: recovery must act on them before the counter settles again. */
export const OPEN_STATES: readonly JournalState[] = ['prepared', 'sent', 'unknown', 'reversing'];

export interface JournalEntry {
  readonly id: number;
  readonly msgid: string;
  readonly infno: string;
  readonly opter: string;
  readonly opterName: string;
  readonly signNo: string;
  readonly fixmedinsCode: string;
  /** The center's URL, or `sandbox:<ledger directory>` for the embedded sandbox (CounterApp.centerId). */
  readonly centerUrl: string;
  readonly psnNo: string | null;
  readonly state: JournalState;
  readonly requestJson: string;
  readonly responseJson: string | null;
  readonly failureCode: string | null;
  readonly failureMsg: string | null;
  readonly resolution: string | null;
  readonly reversesId: number | null;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly preparedAt: string;
  readonly sentAt: string | null;
  readonly finishedAt: string | null;
  readonly updatedAt: string;
  /** pid of the process that sent the call (null for entries from before migration 4). */
  readonly ownerPid: number | null;
  /** JSON list of answer warnings ({ path, problem }: optional fields a center left out or sent wrong), or null. */
  readonly answerWarnings: string | null;
}

/** What finish() records besides the state. */
export interface JournalOutcome {
  readonly response?: unknown;
  readonly code?: string;
  readonly message?: string;
  /** Problems of optional answer fields (the call succeeded). */
  readonly warnings?: readonly AnswerProblem[];
}

/** The warnings an entry recorded, read back (empty when none). */
export function answerWarningsOf(entry: Pick<JournalEntry, 'answerWarnings'>): AnswerProblem[] {
  if (!entry.answerWarnings) return [];
  try {
    const list = JSON.parse(entry.answerWarnings) as unknown;
    return Array.isArray(list) ? (list as AnswerProblem[]) : [];
  } catch {
    return [];
  }
}

export interface JournalFilter {
  readonly states?: readonly JournalState[];
  /** prepared_at >= since (yyyy-MM-dd HH:mm:ss). */
  readonly since?: string;
  /** prepared_at <= until (yyyy-MM-dd HH:mm:ss): with `since`, a bounded window (an old day in a big journal). */
  readonly until?: string;
  /** Keyset cursor: only entries with id < beforeId (the next page after a page whose last id this was). */
  readonly beforeId?: number;
  readonly infno?: string;
  /** Any of these transaction codes. */
  readonly infnos?: readonly string[];
  readonly opter?: string;
  readonly fixmedinsCode?: string;
  readonly psnNo?: string;
  /** Request or response JSON contains this text (free-text search of the journal screen). */
  readonly textContains?: string;
  /** Entries whose request or answer names this business id (indexed: see journal-keys.ts). */
  readonly key?: JournalKey;
  /** Only originals (no 2601 attempts linked to another entry). */
  readonly originalsOnly?: boolean;
  readonly limit?: number;
}

export interface RecentOutcome {
  readonly infno: string;
  readonly state: JournalState;
  readonly failureMsg: string | null;
  readonly finishedAt: string;
}

const SELECT = `SELECT id, msgid, infno, opter, opter_name AS opterName, sign_no AS signNo, fixmedins_code AS fixmedinsCode,
  center_url AS centerUrl, psn_no AS psnNo, state, request_json AS requestJson, response_json AS responseJson,
  failure_code AS failureCode, failure_msg AS failureMsg, resolution, reverses_id AS reversesId, attempts,
  next_attempt_at AS nextAttemptAt, prepared_at AS preparedAt, sent_at AS sentAt, finished_at AS finishedAt,
  updated_at AS updatedAt, owner_pid AS ownerPid, answer_warnings AS answerWarnings FROM journal`;

/** The first psn_no the input names (the person a reversal must name). */
export function psnNoOf(input: Record<string, unknown>): string | null {
  for (const value of Object.values(input)) {
    const row = Array.isArray(value) ? value[0] : value;
    if (row && typeof row === 'object') {
      const psn = (row as Record<string, unknown>)['psn_no'];
      if (typeof psn === 'string' && psn !== '') return psn;
    }
  }
  return null;
}

/** The most rows one list() returns; listAll() pages past it. */
export const JOURNAL_MAX_ROWS = 100_000;

export interface JournalStoreOptions {
  /** The clock prepare/finish stamp entries with (a bench backdates years of entries through it). */
  readonly clock?: () => Date;
  /** Cap on one list() (default JOURNAL_MAX_ROWS); tests make it small to prove callers page past it. */
  readonly maxRows?: number;
  /** An archive file (journal/archive/): opened read-only, no second connection for markers. */
  readonly readonly?: boolean;
  /** The archived years (journal/archive/archive-shelf.ts): a bounded window's listAll reads them too. */
  readonly archives?: ArchivedJournals;
}

/**
 * The yearly archive files, as listAll needs them: the archives whose year a window
 * (yyyy-MM-dd HH:mm:ss, inclusive) overlaps. A day report or 对账 of an archived year reads there.
 */
export interface ArchivedJournals {
  overlapping(since: string, until: string): readonly Pick<JournalStore, 'listAll'>[];
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

export class JournalStore {
  private readonly markers: Db;
  /** Compiled once: prepare and finish run on every call to the center. */
  private readonly statements: {
    readonly insert: Database.Statement<unknown[], { id: number }>;
    readonly finish: Database.Statement<unknown[], { id: number }>;
    readonly key: Database.Statement;
  };
  /** Calls of this process between prepare and finish. */
  private readonly inFlight = new Set<string>();
  private readonly clock: () => Date;
  private readonly maxRows: number;
  private readonly archives: ArchivedJournals | null;

  constructor(
    private readonly db: Db,
    file: string,
    /** CounterApp.centerId: the center's URL, or the embedded sandbox's ledger directory. */
    private readonly centerId: string,
    /** With a shop store: every outcome also goes to its outbox, in the same transaction. */
    private readonly sink: JournalOutcomeSink | null = null,
    options: JournalStoreOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.maxRows = options.maxRows ?? JOURNAL_MAX_ROWS;
    this.archives = options.archives ?? null;
    // Same file, second connection, NORMAL sync: only for the "sent" marker.
    this.markers =
      file === ':memory:' || options.readonly ? db : openDatabase(file, { migrations: CLIENT_MIGRATIONS, synchronous: 'NORMAL' });
    this.statements = {
      insert: db.prepare<unknown[], { id: number }>(
        `INSERT INTO journal (msgid, infno, opter, opter_name, sign_no, fixmedins_code, center_url, psn_no, state,
           request_json, reverses_id, prepared_at, updated_at, owner_pid)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'prepared', ?, ?, ?, ?, ?) RETURNING id`,
      ),
      finish: db.prepare<unknown[], { id: number }>(
        `UPDATE journal SET state = ?, response_json = ?, failure_code = ?, failure_msg = ?, finished_at = ?, updated_at = ?,
           answer_warnings = ? WHERE msgid = ? RETURNING id`,
      ),
      key: db.prepare('INSERT OR IGNORE INTO journal_key (journal_id, field, value) VALUES (?, ?, ?)'),
    };
  }

  private now(): string {
    return formatDateTime(this.clock());
  }

  /** The clock entries are stamped with: ages of entries (a pre-settlement's 30 minutes) are measured on it. */
  clockNow(): Date {
    return this.clock();
  }

  close(): void {
    if (this.markers !== this.db && this.markers.open) this.markers.close();
  }

  /** One write of an entry and the business ids it names, in one transaction (one commit). */
  private writeWithKeys(json: unknown, write: () => { id: number } | undefined, outcome = false): number | null {
    return this.db.transaction(() => {
      const row = write();
      if (!row) return null;
      for (const key of keysOf(json)) this.statements.key.run(row.id, key.field, key.value);
      if (outcome) this.toSink(row.id);
      return row.id;
    })();
  }

  /** Inside the caller's transaction: the entry as it now stands goes to the sink. */
  private toSink(id: number): void {
    if (!this.sink) return;
    const entry = this.get(id);
    if (!entry) return;
    const reverses = entry.reversesId === null ? null : (this.get(entry.reversesId)?.msgid ?? null);
    this.sink.capture(entry, reverses);
  }

  /** Commits the entry (FULL sync) before the request leaves; `text` is the envelope as sent, when already serialized. */
  prepare(envelope: RequestEnvelope, reversesId: number | null = null, text = JSON.stringify(envelope)): number {
    const t = this.now();
    const id = this.writeWithKeys(envelope.input, () =>
      this.statements.insert.get(
        envelope.msgid,
        envelope.infno,
        envelope.opter,
        envelope.opter_name,
        envelope.sign_no,
        envelope.fixmedins_code,
        this.centerId,
        psnNoOf(envelope.input),
        text,
        reversesId,
        t,
        t,
        process.pid,
      ),
    );
    this.inFlight.add(envelope.msgid);
    return id as number;
  }

  /**
   * Writes back an entry a restored journal lost, as the center holds it (restore-recovery.ts):
   * the settlement took effect (state ok), the answer is what the center's query returned. Never
   * sent: the msgid is the original's, the time is the center's settlement time.
   */
  recordFromCenter(entry: {
    readonly msgid: string;
    readonly infno: string;
    readonly operator: { readonly opter: string; readonly opterName: string; readonly signNo: string };
    readonly fixmedinsCode: string;
    readonly psnNo: string;
    readonly at: string;
    readonly request: unknown;
    readonly response: { readonly output: unknown; readonly [field: string]: unknown };
    readonly resolution: string;
  }): number {
    const t = this.now();
    const id = this.writeWithKeys(entry.response.output, () =>
      cached<unknown[], { id: number }>(
        this.db,
        `INSERT INTO journal (msgid, infno, opter, opter_name, sign_no, fixmedins_code, center_url, psn_no, state,
           request_json, response_json, resolution, prepared_at, sent_at, finished_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      ).get(
        entry.msgid,
        entry.infno,
        entry.operator.opter,
        entry.operator.opterName,
        entry.operator.signNo,
        entry.fixmedinsCode,
        this.centerId,
        entry.psnNo,
        JSON.stringify(entry.request),
        JSON.stringify(entry.response),
        entry.resolution,
        entry.at,
        entry.at,
        entry.at,
        t,
      ),
    );
    return id as number;
  }

  markSent(msgid: string): void {
    const t = this.now();
    cached(
      this.markers,
      "UPDATE journal SET state = 'sent', sent_at = ?, updated_at = ? WHERE msgid = ? AND state = 'prepared'",
    ).run(t, t, msgid);
  }

  /**
   * Records the final answer of a call before the caller sees it: FULL sync, or NORMAL (kept
   * through a crash of the process, not a power cut) where the caller says the outcome may be lost.
   */
  finish(
    msgid: string,
    state: 'ok' | 'rejected' | 'not-sent' | 'unknown',
    detail: JournalOutcome,
    durability: 'full' | 'normal' = 'full',
  ): void {
    const t = this.now();
    const output = (detail.response as { output?: unknown } | undefined)?.output;
    // synchronous is per connection and cannot change inside a transaction: set it around this one.
    if (durability === 'normal') this.db.pragma('synchronous = NORMAL');
    try {
      this.writeFinish(msgid, state, detail, output, t);
    } finally {
      if (durability === 'normal') this.db.pragma('synchronous = FULL');
    }
    this.inFlight.delete(msgid);
  }

  private writeFinish(msgid: string, state: string, detail: JournalOutcome, output: unknown, t: string): void {
    this.writeWithKeys(
      output,
      () =>
        this.statements.finish.get(
          state,
          detail.response === undefined ? null : JSON.stringify(detail.response),
          detail.code ?? null,
          detail.message ?? null,
          t,
          t,
          detail.warnings?.length ? JSON.stringify(detail.warnings) : null,
          msgid,
        ),
      true,
    );
  }

  /**
   * True while the call may still be waiting for its answer: in flight in this process, or
   * sent by another live process (the app beside a CLI) less than `callTimeoutMs` ago.
   * Such an entry is not lost and must not be reversed yet.
   */
  isInFlight(entry: JournalEntry, callTimeoutMs: number, at: Date = new Date()): boolean {
    if (entry.state !== 'prepared' && entry.state !== 'sent') return false;
    if (entry.ownerPid === process.pid) return this.inFlight.has(entry.msgid);
    if (entry.ownerPid === null || !processAlive(entry.ownerPid)) return false;
    const prepared = parseDateTime(entry.preparedAt)?.getTime() ?? 0;
    return at.getTime() - prepared < callTimeoutMs;
  }

  /** Moves an entry on in its resolution (reversing → reversed, unknown → no-effect …). */
  resolve(
    id: number,
    state: JournalState,
    resolution: string,
    next: { attempts?: number; nextAttemptAt?: string | null } = {},
  ): void {
    this.db.transaction(() => {
      cached(
        this.db,
        `UPDATE journal SET state = ?, resolution = ?, attempts = COALESCE(?, attempts), next_attempt_at = ?, updated_at = ?
           WHERE id = ?`,
      ).run(state, resolution, next.attempts ?? null, next.nextAttemptAt ?? null, this.now(), id);
      this.toSink(id);
    })();
  }

  get(id: number): JournalEntry | undefined {
    return cached<[number], JournalEntry>(this.db, `${SELECT} WHERE id = ?`).get(id);
  }

  byMsgid(msgid: string): JournalEntry | undefined {
    return cached<[string], JournalEntry>(this.db, `${SELECT} WHERE msgid = ?`).get(msgid);
  }

  /** Entries still open, oldest first. Only this center's: a journal may outlive a change of center URL. */
  open(): JournalEntry[] {
    const marks = OPEN_STATES.map(() => '?').join(',');
    return cached<unknown[], JournalEntry>(this.db, `${SELECT} WHERE state IN (${marks}) AND center_url = ? ORDER BY id`).all(
      ...OPEN_STATES,
      this.centerId,
    );
  }

  /** Open entries on transactions that move money (per the given predicate). */
  openMoneyMoving(isMoneyMoving: (infno: string) => boolean): JournalEntry[] {
    return this.open().filter((e) => isMoneyMoving(e.infno));
  }

  /**
   * The outcomes of the last calls to one center, newest first (by id, the primary key: cheap
   * to ask every second). Calls still in flight are left out. `centerId`: as the journal names the
   * center (its URL, or `sandbox:<ledger directory>`).
   */
  recentOutcomes(centerId: string, limit: number): RecentOutcome[] {
    return cached<[string, number], RecentOutcome>(
      this.db,
      `SELECT infno, state, failure_msg AS failureMsg, finished_at AS finishedAt FROM journal
       WHERE center_url = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT ?`,
    ).all(centerId, limit);
  }

  /**
   * A cheap mark of journal activity for live screens: it changes when an entry is added or an
   * open entry moves on (indexed queries only, fine to poll every second). `notCounted`: codes whose
   * open entries are left out of `open` (the catalogue download's calls are not a cashier's business in
   * progress).
   */
  activity(notCounted: readonly string[] = []): { maxId: number; open: number; needsManual: number; mark: string } {
    const marks = OPEN_STATES.map(() => '?').join(',');
    const maxId = (cached(this.db, 'SELECT COALESCE(MAX(id), 0) AS n FROM journal').get() as { n: number }).n;
    const open = cached<unknown[], { n: number; a: number; u: string | null }>(
      this.db,
      `SELECT count(*) AS n, COALESCE(SUM(attempts), 0) AS a, MAX(updated_at) AS u FROM journal
       WHERE state IN (${marks}) AND infno NOT IN (SELECT value FROM json_each(?))`,
    ).get(...OPEN_STATES, JSON.stringify(notCounted)) ?? { n: 0, a: 0, u: null };
    const needsManual = (cached(this.db, "SELECT count(*) AS n FROM journal WHERE state = 'needs-manual'").get() as { n: number })
      .n;
    return { maxId, open: open.n, needsManual, mark: `${maxId}|${open.n}|${open.a}|${open.u ?? ''}|${needsManual}` };
  }

  /** The 2601 entries made for one original. */
  reversalsOf(id: number): JournalEntry[] {
    return cached<[number], JournalEntry>(this.db, `${SELECT} WHERE reverses_id = ? ORDER BY id`).all(id);
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.states?.length) {
      where.push(`state IN (${filter.states.map(() => '?').join(',')})`);
      params.push(...filter.states);
    }
    if (filter.since) {
      where.push('prepared_at >= ?');
      params.push(filter.since);
    }
    if (filter.until) {
      where.push('prepared_at <= ?');
      params.push(filter.until);
    }
    if (filter.beforeId !== undefined) {
      where.push('id < ?');
      params.push(filter.beforeId);
    }
    if (filter.infno) {
      where.push('infno = ?');
      params.push(filter.infno);
    }
    if (filter.infnos?.length) {
      where.push(`infno IN (${filter.infnos.map(() => '?').join(',')})`);
      params.push(...filter.infnos);
    }
    if (filter.opter) {
      where.push('opter = ?');
      params.push(filter.opter);
    }
    if (filter.fixmedinsCode) {
      where.push('fixmedins_code = ?');
      params.push(filter.fixmedinsCode);
    }
    if (filter.psnNo) {
      where.push('psn_no = ?');
      params.push(filter.psnNo);
    }
    if (filter.textContains) {
      const like = `%${filter.textContains.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      where.push("(request_json LIKE ? ESCAPE '\\' OR response_json LIKE ? ESCAPE '\\')");
      params.push(like, like);
    }
    if (filter.key) {
      where.push('id IN (SELECT journal_id FROM journal_key WHERE field = ? AND value = ?)');
      params.push(filter.key.field, filter.key.value);
    }
    if (filter.originalsOnly) where.push('reverses_id IS NULL');
    params.push(Math.min(Math.max(filter.limit ?? 200, 1), this.maxRows));
    // A bounded window (a few days) is always the narrowest way in. Without statistics the planner
    // would take state = 'ok' or the settlement codes instead and walk years of rows (bench/years.ts).
    const from = filter.since && filter.until ? `${SELECT} INDEXED BY journal_by_time` : SELECT;
    return cached<unknown[], JournalEntry>(
      this.db,
      `${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
    ).all(...params);
  }

  /**
   * Every entry the filter matches, newest first, in keyset pages (id < last id) of the most
   * list() returns: a report or a reconciliation must never be cut short by a row cap. Give it a
   * bounded window (since + until) so an old day in a big journal reads only that day's rows.
   */
  listAll(filter: Omit<JournalFilter, 'limit' | 'beforeId'>): JournalEntry[] {
    const live = this.listAllHere(filter);
    if (!this.archives || !filter.since || !filter.until) return live;
    // A window in an archived year (or across its end): the archive's entries keep their ids, so
    // the merged list is in the same newest-first order as one journal's. An entry in both files
    // (an archive run between its copy and its delete, or a backup from before the run restored)
    // counts once, as the live journal has it.
    const here = new Set(live.map((e) => e.msgid));
    const archived = this.archives
      .overlapping(filter.since, filter.until)
      .flatMap((a) => a.listAll(filter))
      .filter((e) => !here.has(e.msgid));
    return archived.length === 0 ? live : live.concat(archived).sort((a, b) => b.id - a.id);
  }

  private listAllHere(filter: Omit<JournalFilter, 'limit' | 'beforeId'>): JournalEntry[] {
    let all: JournalEntry[] = [];
    for (let beforeId: number | undefined; ;) {
      const page = this.list({ ...filter, beforeId, limit: this.maxRows });
      all = all.concat(page);
      const last = page.at(-1);
      if (page.length < this.maxRows || !last) return all;
      beforeId = last.id;
    }
  }
}
