/**
 * Sends the 进销存 queue to the center through the journaled `callAs`: the infno each kind
 * uses comes from the region profile (3503 or 3503A …); a batch (A) call carries up to 100
 * rows, none sharing an item and batch, so the center's per-row refusals (…ErrDetail) name
 * exactly one row each. Kinds go in stock order (counts and purchases before the sales that
 * take from them, deletes last).
 *
 * An upload must never count twice. A retry resends the same row with the same business key
 * (batch number + invdate / inv_chg_time / rtal_docno …), which the center refuses as a
 * duplicate when the earlier attempt did take effect. So a "duplicate" answer to a row whose
 * earlier attempt had an unknown outcome means "done": it is confirmed with the ledger query
 * (3508–3511) and the earlier journal entry is settled as took effect; a plain retry that
 * succeeds settles it as had no effect. Not-sent and unknown outcomes wait with exponential
 * backoff (5 s … 10 min) unless forced.
 */
import { formatDate, formatDateTime } from '../core/time';
import { isYibaoError } from '../core/errors';
import { isCenterCallError, RejectedError } from '../protocol/call-errors';
import type { CounterApp } from '../app/counter-app';
import type { Operator } from '../protocol/center-client';
import type { ErrDetailRow } from '../protocol/transactions/inventory';
import { KINDS, type InventoryKind } from './kinds';
import { CRASHED_ATTEMPT, type InventoryQueue, type QueueItem } from './queue-store';

/**
 * The order kinds are sent in: stock comes in before it goes out, and a return follows the sale
 * it returns (the center refuses a return of more than was sold).
 */
const KIND_ORDER: readonly InventoryKind[] = [
  'inventory',
  'purchase',
  'stock-change',
  'sale',
  'sale-return',
  'purchase-return',
  'delete',
];

/** How centers word "this record is already there" and "nothing (left) to delete". */
const ALREADY_THERE = /重复|已存在|已上传/;
const NOTHING_TO_DELETE = /未找到|不存在|无需删除/;

const MAX_BATCH_ROWS = 100;

export interface UploadProgress {
  readonly done: number;
  readonly total: number;
  readonly step: string;
}

export interface UploadOptions {
  /** Retry not-sent / unknown items now instead of waiting for their backoff. */
  readonly force?: boolean;
  readonly operator?: Operator;
  readonly onProgress?: (p: UploadProgress) => void;
  /** Only items waiting for a retry (the background driver): newly queued rows wait for a person. */
  readonly retriesOnly?: boolean;
  /**
   * The single (3501) or batch (3501A) transactions whatever the region profile says: the
   * acceptance self-test proves both variants the national list makes mandatory.
   */
  readonly variant?: 'single' | 'batch';
}

export interface UploadReport {
  readonly calls: number;
  readonly done: number;
  readonly rejected: number;
  /** Waiting for a retry (not sent / unknown outcome). */
  readonly waiting: number;
  readonly items: readonly QueueItem[];
}

export interface UploaderTiming {
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly clock?: () => Date;
}

export class InventoryUploader {
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly clock: () => Date;
  private running: Promise<UploadReport | null> | null = null;

  constructor(
    private readonly app: CounterApp,
    private readonly queue: InventoryQueue,
    timing: UploaderTiming = {},
  ) {
    this.baseDelayMs = timing.baseDelayMs ?? 5000;
    this.maxDelayMs = timing.maxDelayMs ?? 600_000;
    this.clock = timing.clock ?? (() => new Date());
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** One pass over the due items, after any pass in progress (passes never overlap). */
  run(options: UploadOptions = {}): Promise<UploadReport> {
    const previous = this.running ?? Promise.resolve(null);
    const mine: Promise<UploadReport> = previous
      .catch(() => null)
      .then(() => this.pass(options))
      .finally(() => {
        if (this.running === mine) this.running = null;
      });
    this.running = mine;
    return mine;
  }

  private async pass(options: UploadOptions): Promise<UploadReport> {
    const due = this.queue.due(formatDateTime(this.clock()), options.force ?? false, options.retriesOnly ?? false);
    const calls = KIND_ORDER.flatMap((kind) =>
      this.callsOf(
        kind,
        due.filter((i) => i.kind === kind),
        options.variant,
      ),
    );
    let done = 0;
    for (const [index, call] of calls.entries()) {
      options.onProgress?.({
        done,
        total: due.length,
        step: `${call.infno} ${KINDS[call.kind].label} (${index + 1}/${calls.length})`,
      });
      await this.send(call, options.operator);
      done += call.items.length;
    }
    options.onProgress?.({ done, total: due.length, step: '完成' });
    const items = due.map((i) => this.queue.get(i.id) as QueueItem);
    return {
      calls: calls.length,
      done: items.filter((i) => i.state === 'done').length,
      rejected: items.filter((i) => i.state === 'rejected').length,
      waiting: items.filter((i) => i.state === 'not-sent' || i.state === 'unknown').length,
      items,
    };
  }

  /** The calls for one kind's items: one per item, or batches for an A variant. */
  private callsOf(kind: InventoryKind, items: readonly QueueItem[], variant?: 'single' | 'batch'): Call[] {
    if (items.length === 0) return [];
    const spec = KINDS[kind];
    const profiled = this.app.client.profile.flows[spec.flow];
    const single = profiled.replace(/A$/, '');
    const infno = variant === undefined ? profiled : variant === 'single' ? single : `${single}A`;
    if (!infno.endsWith('A')) return items.map((item) => ({ kind, infno, batch: false, items: [item] }));
    const calls: Call[] = [];
    for (const item of items) {
      const key = spec.answerKeyOf(item.row);
      const open = calls.find(
        (c) =>
          c.items.length < MAX_BATCH_ROWS &&
          c.items[0]?.insuplcAdmdvs === item.insuplcAdmdvs &&
          !c.items.some((other) => spec.answerKeyOf(other.row) === key),
      );
      if (open) open.items.push(item);
      else calls.push({ kind, infno, batch: true, items: [item] });
    }
    return calls;
  }

  private async send(call: Call, operator: Operator | undefined): Promise<void> {
    const spec = KINDS[call.kind];
    const rows = call.items.map((i) => i.row);
    const input = call.batch ? { [spec.batchField]: rows } : { [spec.singleField]: rows[0] };
    const area = call.items[0]?.insuplcAdmdvs;
    this.queue.markSending(call.items.map((i) => i.id));
    let output: unknown;
    let msgid: string;
    try {
      const result = await this.app.callAs(operator, call.infno, input, area ? { insuplcAdmdvs: area } : {});
      output = result.output;
      msgid = result.msgid;
    } catch (error) {
      await this.afterFailure(call, error, operator);
      return;
    }
    const { matched, unmatched } = matchRefusals(call, call.batch ? refusalsOf(output) : []);
    for (const item of call.items) {
      const refusal = matched.get(item.id);
      if (refusal) await this.settleRefusal(item, refusal.msgRslt || '中心拒绝该行 (未说明原因)', msgid, operator);
      else if (unmatched > 0) {
        // The center refused rows this counter cannot tell apart: none of the others is known to be in.
        this.queue.finish(item.id, 'unknown', {
          message: `中心拒绝了 ${unmatched} 行但未写明是哪一行; 重试时按中心记录核实`,
          msgid,
          nextAttemptAt: null,
          uncertain: msgid,
        });
      } else {
        this.queue.finish(item.id, 'done', { message: `已上传 (${call.infno})`, msgid });
        this.settleJournal(item, false, msgid);
      }
    }
  }

  private async afterFailure(call: Call, error: unknown, operator: Operator | undefined): Promise<void> {
    if (error instanceof RejectedError) {
      for (const item of call.items) await this.settleRefusal(item, error.errMsg, error.call.msgid, operator);
      return;
    }
    const message = isYibaoError(error) ? `[${error.code}] ${error.messageZh}` : String(error);
    if (isCenterCallError(error)) {
      for (const item of call.items) {
        const state = error.kind === 'unknown' ? 'unknown' : 'not-sent';
        this.queue.finish(item.id, state, {
          message: state === 'unknown' ? `结果未知, 将重试并按中心记录核实: ${message}` : `未发出, 将重试: ${message}`,
          msgid: error.call.msgid,
          nextAttemptAt: this.nextAttempt(item.attempts + 1),
          uncertain: state === 'unknown' ? error.call.msgid : null,
        });
      }
      return;
    }
    // A local refusal before sending (not signed in, input the schema refuses): nothing left the counter.
    const invalidInput = isYibaoError(error) && error.code === 'E_INPUT_INVALID';
    for (const item of call.items) {
      this.queue.finish(item.id, invalidInput ? 'rejected' : 'not-sent', { message, nextAttemptAt: null });
    }
    if (!invalidInput) throw error;
  }

  /**
   * A row the center refused. After an attempt with an unknown outcome, "already there" (or, for
   * a delete, "nothing to delete") is the earlier attempt having taken effect.
   */
  private async settleRefusal(item: QueueItem, errMsg: string, msgid: string, operator: Operator | undefined): Promise<void> {
    const spec = KINDS[item.kind];
    const uncertain = item.uncertainMsgids.length > 0;
    const tookEffect = uncertain && (spec.lookup === null ? NOTHING_TO_DELETE.test(errMsg) : ALREADY_THERE.test(errMsg));
    if (!tookEffect) {
      this.queue.finish(item.id, 'rejected', { message: errMsg, msgid });
      return;
    }
    const lookup = spec.lookup;
    if (lookup && !(await this.foundInLedger(item, operator))) {
      this.queue.finish(item.id, 'rejected', {
        message: `中心答复"${errMsg}", 但 ${lookup.infno} 查询没有找到这条记录; 请人工核实后再处理`,
        msgid,
      });
      return;
    }
    const how = lookup ? `, 已用 ${lookup.infno} 查询核实` : '';
    this.queue.finish(item.id, 'done', { message: `之前结果未知的上传已生效 (中心答复: ${errMsg}${how}); 未重复计入`, msgid });
    this.settleJournal(item, true, msgid);
  }

  /** Looks the row up in the center's ledger (3508–3511) by its own code and batch number. */
  private async foundInLedger(item: QueueItem, operator: Operator | undefined): Promise<boolean> {
    const lookup = KINDS[item.kind].lookup;
    if (!lookup) return false;
    const from = lookup.dateOf(item.row);
    const data = {
      medins_list_codg: item.row['fixmedins_hilist_id'],
      fixmedins_bchno: item.row['fixmedins_bchno'],
      begndate: from,
      enddate: lookup.infno === '3508' ? formatDate(this.clock()) : from,
      page_num: 1,
      page_size: 100,
    };
    try {
      const result = await this.app.callAs(operator, lookup.infno, { data });
      const found = (result.output as { data: Record<string, unknown>[] }).data;
      return found.some((f) => lookup.matches(item.row, f));
    } catch {
      return false;
    }
  }

  /**
   * Settles the journal entries of this item's earlier unknown attempts: took effect (ok) or had
   * none. A batch shares one entry among its rows; the first row settles it.
   */
  private settleJournal(item: QueueItem, tookEffect: boolean, byMsgid: string): void {
    for (const msgid of item.uncertainMsgids) {
      if (msgid === CRASHED_ATTEMPT) continue;
      const entry = this.app.journal.byMsgid(msgid);
      if (!entry || !['prepared', 'sent', 'unknown', 'needs-manual'].includes(entry.state)) continue;
      this.app.journal.resolve(
        entry.id,
        tookEffect ? 'ok' : 'no-effect',
        tookEffect
          ? `进销存队列核实: 中心已有该记录 (重试报文 ${byMsgid} 答复重复)`
          : `进销存队列核实: 重试报文 ${byMsgid} 已成功上传, 原报文未生效`,
      );
    }
  }

  private nextAttempt(attempts: number): string {
    const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.max(0, attempts - 1));
    return formatDateTime(new Date(this.clock().getTime() + delay));
  }
}

interface Call {
  readonly kind: InventoryKind;
  readonly infno: string;
  readonly batch: boolean;
  readonly items: QueueItem[];
}

/**
 * Which item each refused row names: by the kind's answer key (item + batch, or batch + data
 * type), else by the batch number alone when only one row of the call has it.
 */
function matchRefusals(call: Call, refusals: readonly ErrDetailRow[]): { matched: Map<number, ErrDetailRow>; unmatched: number } {
  const spec = KINDS[call.kind];
  const matched = new Map<number, ErrDetailRow>();
  let unmatched = 0;
  for (const refusal of refusals) {
    const byKey = call.items.find((i) => !matched.has(i.id) && spec.answerKeyOf(i.row) === spec.answerKeyOf(refusal));
    const sameBatch = call.items.filter((i) => !matched.has(i.id) && i.row['fixmedins_bchno'] === refusal.fixmedins_bchno);
    const item = byKey ?? (sameBatch.length === 1 ? sameBatch[0] : undefined);
    if (item) matched.set(item.id, refusal);
    else unmatched += 1;
  }
  return { matched, unmatched };
}

/** The rows a batch answer refused (retRslt 0), from whichever …ErrDetail list the center used. */
function refusalsOf(output: unknown): ErrDetailRow[] {
  const o = (output ?? {}) as Record<string, unknown>;
  return ['invinfoErrDetail', 'purcinfoErrDetail', 'selinfoErrDetail', 'goodErrDetail']
    .flatMap((field) => (Array.isArray(o[field]) ? (o[field] as ErrDetailRow[]) : []))
    .filter((r) => r.retRslt !== '1');
}
