/**
 * Settles calls whose outcome is unknown (timeouts, lost connections, crashes mid-call).
 * A reversible call (profile) gets 2601 with omsgid / oinfno / psn_no, retried with
 * backoff until the center confirms the reversal or says the original never took effect;
 * every attempt is itself a journal entry linked to the original. A money-moving call is
 * never re-sent under a new msgid. Other calls follow the profile: no lasting effect, or
 * shown to the cashier as needing manual handling.
 */
import { formatDateTime, parseDateTime } from '../core/time';
import { isCenterCallError, RejectedError } from '../protocol/call-errors';
import type { CenterClient } from '../protocol/center-client';
import { timeoutsFor, unknownOutcomePlan, type RegionProfile } from '../registry/profile';
import type { OperatorSessions } from '../session/operator-sessions';
import type { JournalEntry, JournalStore } from './journal-store';

/** How the center words a 2601 answer (sandbox README; typical of provincial centers). */
const NOTHING_TO_UNDO = /原交易不存在|未收到|无此交易|原交易未成功|无需冲正/;
const ALREADY_REVERSED = /已冲正/;
const NOT_REVERSIBLE = /不允许冲正|不可冲正|不能冲正/;
export const SIGN_IN_INVALID = /签到编号无效|签到.{0,6}(无效|过期|失效)|请重新签到/;

/** insuplc_admdvs of the original envelope, if it named one. */
function insuredAreaOf(entry: JournalEntry): string | undefined {
  try {
    const area = (JSON.parse(entry.requestJson) as { insuplc_admdvs?: unknown }).insuplc_admdvs;
    return typeof area === 'string' && area !== '' ? area : undefined;
  } catch {
    return undefined;
  }
}

export interface ResolverOptions {
  /** After this many failed 2601 attempts the entry is handed to the cashier. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly clock?: () => Date;
}

export interface ResolveReport {
  readonly examined: number;
  readonly reversed: number;
  readonly noEffect: number;
  readonly needsManual: number;
  /** Still open (waiting for the next attempt). */
  readonly pending: number;
  /** 2601 attempts whose own outcome was lost, closed because their original carries on (settleLostAttempts). */
  readonly attemptsSettled: number;
  readonly lines: string[];
}

export class OutcomeResolver {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly clock: () => Date;
  private running: Promise<ResolveReport> | null = null;

  constructor(
    private readonly journal: JournalStore,
    private readonly client: CenterClient,
    private readonly sessions: OperatorSessions,
    private readonly profile: RegionProfile,
    options: ResolverOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 30;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.clock = options.clock ?? (() => new Date());
  }

  /** One pass over every open entry; concurrent callers share the same pass. */
  resolveAll(options: { ignoreBackoff?: boolean } = {}): Promise<ResolveReport> {
    this.running ??= this.pass(options.ignoreBackoff ?? false).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(ignoreBackoff: boolean): Promise<ResolveReport> {
    const report = {
      examined: 0,
      reversed: 0,
      noEffect: 0,
      needsManual: 0,
      pending: 0,
      attemptsSettled: 0,
      lines: [] as string[],
    };
    // 2601 entries are settled through their originals, not on their own.
    for (const entry of this.journal.open().filter((e) => e.reversesId === null)) {
      report.examined += 1;
      const after = await this.resolveEntry(entry, ignoreBackoff);
      const label = `${after.infno} ${after.msgid}`;
      if (after.state === 'reversed') report.reversed += 1;
      else if (after.state === 'no-effect') report.noEffect += 1;
      else if (after.state === 'needs-manual') report.needsManual += 1;
      else report.pending += 1;
      report.lines.push(`${label}: ${entry.state} → ${after.state}${after.resolution ? ` (${after.resolution})` : ''}`);
    }
    const settled = this.settleLostAttempts();
    report.attemptsSettled = settled.length;
    report.lines.push(...settled);
    return report;
  }

  /**
   * Closes 2601 attempts whose own outcome was lost (a timeout, a crash): such an attempt has
   * nothing of its own to undo, its original carries on (the next attempt, or its end state).
   * Also run by the background driver, so a running app does not leave them open.
   */
  settleLostAttempts(): string[] {
    const lines: string[] = [];
    for (const lost of this.journal.open().filter((e) => e.reversesId !== null && !this.inFlight(e))) {
      this.journal.resolve(lost.id, 'no-effect', '冲正报文结果未知; 由原交易的冲正继续处理');
      lines.push(`${lost.infno} ${lost.msgid}: ${lost.state} → no-effect (冲正报文结果未知, 原交易另行处理)`);
    }
    return lines;
  }

  /** Moves one open entry as far as it can go now. */
  async resolveEntry(entry: JournalEntry, ignoreBackoff = false): Promise<JournalEntry> {
    if (this.inFlight(entry)) return entry; // still waiting for its answer: not lost
    if (entry.state === 'prepared' || entry.state === 'sent' || entry.state === 'unknown') {
      const plan = unknownOutcomePlan(this.profile, entry.infno);
      if (plan === 'no-effect') {
        this.journal.resolve(entry.id, 'no-effect', '结果未知, 但该交易不产生需撤销的结果');
        return this.reload(entry);
      }
      if (plan !== 'reverse') {
        const hint = plan === 'needs-manual' ? '' : `; 可用 ${plan} 查询中心是否已处理`;
        this.journal.resolve(entry.id, 'needs-manual', `结果未知且不能自动冲正, 请人工核实${hint}`);
        return this.reload(entry);
      }
      this.journal.resolve(entry.id, 'reversing', '结果未知, 自动冲正 (2601)', { attempts: 0, nextAttemptAt: null });
      entry = this.reload(entry);
    }
    if (entry.state !== 'reversing') return entry;
    if (!ignoreBackoff && entry.nextAttemptAt && (parseDateTime(entry.nextAttemptAt)?.getTime() ?? 0) > this.clock().getTime()) {
      return entry;
    }
    return this.attemptReversal(entry);
  }

  /** Whether the call is still running somewhere (its timeout plus a margin has not passed). */
  inFlight(entry: JournalEntry): boolean {
    const t = timeoutsFor(this.profile, entry.infno);
    return this.journal.isInFlight(entry, t.connectMs + t.readMs + 5000, this.clock());
  }

  private async attemptReversal(entry: JournalEntry): Promise<JournalEntry> {
    if (!entry.psnNo) {
      this.journal.resolve(entry.id, 'needs-manual', '原交易没有人员编号, 无法冲正, 请人工核实');
      return this.reload(entry);
    }
    const attempts = entry.attempts + 1;
    try {
      const operator = { opter: entry.opter, opterName: entry.opterName };
      const session = await this.sessions.ensure(this.client, operator);
      const result = await this.client.call(
        '2601',
        { data: { psn_no: entry.psnNo, omsgid: entry.msgid, oinfno: entry.infno } },
        // The original's insured area, which the call may have been given rather than learned from 1101.
        { operator: session, signNo: session.signNo, insuplcAdmdvs: insuredAreaOf(entry) },
      );
      this.journal.resolve(entry.id, 'reversed', `已冲正 (2601 报文 ${result.msgid})`, { attempts, nextAttemptAt: null });
    } catch (error) {
      this.afterFailedAttempt(entry, error, attempts);
    }
    return this.reload(entry);
  }

  private afterFailedAttempt(entry: JournalEntry, error: unknown, attempts: number): void {
    if (error instanceof RejectedError) {
      if (NOTHING_TO_UNDO.test(error.errMsg)) {
        // Nothing was reversed: the original never took effect (isNotApplied), counted apart from reversals.
        this.journal.resolve(entry.id, 'no-effect', `中心答复: ${error.errMsg} (原交易未生效, 无需冲正)`, {
          attempts,
          nextAttemptAt: null,
        });
        return;
      }
      if (ALREADY_REVERSED.test(error.errMsg)) {
        this.journal.resolve(entry.id, 'reversed', `中心答复: ${error.errMsg}`, { attempts, nextAttemptAt: null });
        return;
      }
      if (NOT_REVERSIBLE.test(error.errMsg)) {
        this.journal.resolve(entry.id, 'needs-manual', `中心不允许冲正: ${error.errMsg}; 请人工核实`, { attempts });
        return;
      }
      if (SIGN_IN_INVALID.test(error.errMsg)) this.sessions.forget(entry.opter);
    }
    const why =
      isCenterCallError(error) || error instanceof Error
        ? ((error as Error & { messageZh?: string }).messageZh ?? (error as Error).message)
        : String(error);
    if (attempts >= this.maxAttempts) {
      this.journal.resolve(entry.id, 'needs-manual', `冲正 ${attempts} 次未成功 (${why}); 请人工核实`, { attempts });
      return;
    }
    const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempts - 1));
    const next = formatDateTime(new Date(this.clock().getTime() + delay));
    this.journal.resolve(entry.id, 'reversing', `冲正第 ${attempts} 次未成功 (${why}), ${Math.round(delay / 1000)} 秒后重试`, {
      attempts,
      nextAttemptAt: next,
    });
  }

  private reload(entry: JournalEntry): JournalEntry {
    const fresh = this.journal.get(entry.id);
    if (!fresh) throw new Error(`journal entry ${entry.id} vanished`);
    return fresh;
  }
}
