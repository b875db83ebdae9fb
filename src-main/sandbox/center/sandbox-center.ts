/**
 * The sandbox 医保中心's request pipeline: read strictly, apply a pending fault, run the
 * transaction's handler in one SQLite transaction together with its message-log entry,
 * and tell the HTTP layer what to put on the wire. Every request, refused or not, is in
 * the message log with its outcome and any fault applied.
 */
import { formatCompactMillis, formatDateTime } from '../../core/time';
import { isYibaoError } from '../../core/errors';
import { findInterface } from '../../registry/registry';
import { DuplicateMsgidError, type MessageRow, type MessageQuery, type FaultRule, type SandboxStore } from '../store';
import { checkRequest, type AcceptedRequest } from './envelope-check';
import { commitsFirst, formatFaultMode, parseFaultMode, type FaultMode } from './faults';
import { CenterReject } from './reject';
import { IdMint } from './ids';
import { numberingOf, type CenterNumbering } from './numbering';
import type { ProfileId } from '../../registry/profile';
import { openSandboxStore, SANDBOX_ADMDVS } from '../seed';
import type { HandlerContext, HandlerResult } from './context';
import { seededRandom, sparseOutput, type AnswerStyle } from './answer-shape';

/** What the HTTP layer should do with the connection. */
export type Decision =
  | { readonly kind: 'drop' }
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly contentType: string;
      readonly body: Buffer;
      readonly delayMs: number;
    };

const JSON_TYPE = 'application/json; charset=utf-8';

function answerJson(body: unknown, delayMs = 0): Decision {
  return { kind: 'answer', status: 200, contentType: JSON_TYPE, body: Buffer.from(JSON.stringify(body), 'utf8'), delayMs };
}

/** The message-log entry of an accepted request. */
function messageEntry(request: AcceptedRequest, bodyText: string, now: Date, fault: FaultMode | null) {
  const env = request.envelope;
  return {
    msgid: env.msgid,
    infno: env.infno,
    opter: env.opter,
    fixmedinsCode: env.fixmedins_code,
    signNo: env.sign_no,
    receivedAt: formatDateTime(now),
    requestJson: bodyText,
    faultApplied: fault ? formatFaultMode(fault) : null,
  };
}

export interface SandboxCenterOptions {
  readonly clock?: () => Date;
  /** sparse: leave out what protocol.md does not mark non-null, numbers as strings at random (answer-shape.ts). */
  readonly answers?: AnswerStyle;
  /** Seeds the sparse answers' randomness (the seed of the center's data). */
  readonly answerSeed?: number;
  /** Whose numbering of the 电子处方 codes the center follows (numbering.ts); default national. */
  readonly numbering?: ProfileId;
}

export class SandboxCenter {
  private readonly ids: IdMint;
  private readonly clock: () => Date;
  private readonly numbering: CenterNumbering;
  private refuseListener: (ms: number | null) => void = () => {};
  private refuseClearedListener: () => void = () => {};

  constructor(
    readonly store: SandboxStore,
    options: SandboxCenterOptions = {},
  ) {
    this.ids = new IdMint(store, SANDBOX_ADMDVS);
    this.clock = options.clock ?? (() => new Date());
    this.numbering = numberingOf(options.numbering);
    const random = seededRandom(options.answerSeed ?? 20261123);
    this.shapeOutput =
      options.answers === 'sparse' ? (infno, output) => sparseOutput(infno, output, random) : (_infno, output) => output;
  }

  /** The last step before an answer's output is serialized (answer-shape.ts). */
  private readonly shapeOutput: (infno: string, output: unknown) => unknown;

  /** Opens (creating and seeding on first use) the center's store in `dataDir`. */
  static open(dataDir: string, options: SandboxCenterOptions & { seed?: number } = {}): SandboxCenter {
    return new SandboxCenter(openSandboxStore(dataDir, { seed: options.seed }), { answerSeed: options.seed, ...options });
  }

  onRefuse(listener: (ms: number | null) => void): void {
    this.refuseListener = listener;
  }
  onRefuseCleared(listener: () => void): void {
    this.refuseClearedListener = listener;
  }

  // ---- faults ------------------------------------------------------------------

  addFault(infno: string, modeText: string, times: number | null): FaultRule {
    const mode = parseFaultMode(modeText);
    if (infno !== '*' && !findInterface(infno)) throw new CenterReject(`交易编号 ${infno} 不存在`);
    const rule = this.store.faults.add(infno, formatFaultMode(mode), times, formatDateTime(this.clock()));
    // refuse acts on the listener at once; it is not tied to one request.
    if (mode.kind === 'refuse') this.refuseListener(mode.ms);
    return rule;
  }

  listFaults(): FaultRule[] {
    return this.store.faults.list();
  }

  clearFaults(): number {
    const n = this.store.faults.clear();
    this.refuseClearedListener();
    return n;
  }

  messages(query: MessageQuery): MessageRow[] {
    return this.store.messages.query(query);
  }

  close(): void {
    this.store.close();
  }

  // ---- the pipeline ------------------------------------------------------------

  receive(bodyText: string): Decision {
    const now = this.clock();
    const checked = checkRequest(bodyText, this.store, this.numbering);
    if ('violation' in checked) {
      const v = checked.violation;
      const response = this.failure(v.errMsg, now);
      this.store.messages.logRejected({
        msgid: v.partial.msgid ?? '',
        infno: v.partial.infno ?? '',
        opter: v.partial.opter ?? null,
        fixmedinsCode: v.partial.fixmedins_code ?? null,
        signNo: v.partial.sign_no ?? null,
        receivedAt: formatDateTime(now),
        requestJson: bodyText.slice(0, 100_000),
        infcode: -1,
        errMsg: v.errMsg,
        infRefmsgid: response.inf_refmsgid,
        responseJson: JSON.stringify(response),
        violations: [v.code],
      });
      return answerJson(response);
    }
    const request = checked.accepted;
    const fault = this.takeFault(request.envelope.infno);
    if (fault && !commitsFirst(fault)) return this.actBeforeCommit(request, fault, bodyText, now);
    return this.process(request, bodyText, now, fault);
  }

  private takeFault(infno: string): FaultMode | null {
    for (;;) {
      const rule = this.store.faults.takeOne(infno);
      if (!rule) return null;
      const mode = parseFaultMode(rule.mode);
      if (mode.kind !== 'refuse') return mode; // refuse already acted when it was added
    }
  }

  private actBeforeCommit(request: AcceptedRequest, fault: FaultMode, bodyText: string, now: Date): Decision {
    const base = messageEntry(request, bodyText, now, fault);
    switch (fault.kind) {
      case 'reject': {
        const response = this.failure(fault.errMsg, now, fault.infcode);
        this.logProcessed(base, fault.infcode, fault.errMsg, response);
        return answerJson(response);
      }
      case 'http500':
        this.store.messages.logRejected({ ...base, infcode: null, errMsg: 'HTTP 500 (注入故障, 未处理)' });
        return {
          kind: 'answer',
          status: 500,
          contentType: 'text/plain; charset=utf-8',
          body: Buffer.from('Internal Server Error'),
          delayMs: 0,
        };
      default:
        // drop-before-commit: nothing processed, nothing answered.
        this.store.messages.logRejected({ ...base, infcode: null, errMsg: '连接被中心关闭 (注入故障, 未处理)' });
        return { kind: 'drop' };
    }
  }

  private process(request: AcceptedRequest, bodyText: string, now: Date, fault: FaultMode | null): Decision {
    const env = request.envelope;
    const handler = this.numbering.handlerFor(env.infno);
    const entry = messageEntry(request, bodyText, now, fault);
    const faultApplied = entry.faultApplied;
    let result: HandlerResult;
    let response: Record<string, unknown> | null = null;
    try {
      result = this.store.transaction(() => {
        const id = this.store.messages.insertProcessed(entry);
        if (!handler) {
          const name = findInterface(env.infno)?.name ?? '';
          throw new CenterReject(`沙箱中心未模拟交易 ${env.infno} ${name}: 此交易在沙箱中不可用`);
        }
        const ctx: HandlerContext = {
          envelope: env,
          input: request.input,
          store: this.store,
          institution: request.institution,
          ids: this.ids,
          now,
          nowText: formatDateTime(now),
        };
        const r = (handler as (c: HandlerContext) => HandlerResult)(ctx);
        response = 'output' in r ? this.success(this.shapeOutput(env.infno, r.output), now) : null;
        this.store.messages.complete(id, {
          infcode: 0,
          errMsg: null,
          infRefmsgid: (response?.['inf_refmsgid'] as string | undefined) ?? null,
          responseJson: response ? JSON.stringify(response) : JSON.stringify({ file: (r as { filename: string }).filename }),
          faultApplied,
        });
        return r;
      });
    } catch (error) {
      return this.refuse(error, entry, now);
    }

    if (fault?.kind === 'commit-then-drop') return { kind: 'drop' };
    if (fault?.kind === 'garbage') {
      return {
        kind: 'answer',
        status: 200,
        contentType: JSON_TYPE,
        body: Buffer.from('{"infcode":0,"output":{"setlinfo":'),
        delayMs: 0,
      };
    }
    const delayMs = fault?.kind === 'delay' ? fault.ms : 0;
    if ('bytes' in result) {
      return { kind: 'answer', status: 200, contentType: 'application/zip', body: result.bytes, delayMs };
    }
    return answerJson(response, delayMs);
  }

  /** A handler refused (business rule, duplicate msgid, store rule): nothing it did is kept. */
  private refuse(error: unknown, entry: Parameters<SandboxStore['messages']['logRejected']>[0], now: Date): Decision {
    if (error instanceof DuplicateMsgidError) {
      const errMsg = `报文ID ${entry.msgid} 重复: 中心已处理过该报文, 本次不处理`;
      const response = this.failure(errMsg, now);
      this.store.messages.logRejected({
        ...entry,
        infcode: -1,
        errMsg,
        infRefmsgid: response.inf_refmsgid,
        responseJson: JSON.stringify(response),
        violations: ['E_DUPLICATE_MSGID'],
      });
      return answerJson(response);
    }
    let errMsg: string;
    let infcode = -1;
    if (error instanceof CenterReject) {
      errMsg = error.errMsg;
      infcode = error.infcode;
    } else if (isYibaoError(error)) {
      errMsg = error.messageZh;
    } else {
      errMsg = `沙箱中心内部错误: ${(error as Error)?.message ?? String(error)}`;
    }
    const response = this.failure(errMsg, now, infcode);
    this.logProcessed(entry, infcode, errMsg, response);
    return answerJson(response);
  }

  /** Records a refused message as processed: it owns its msgid, so a repeat is a duplicate. */
  private logProcessed(
    entry: Parameters<SandboxStore['messages']['logRejected']>[0],
    infcode: number,
    errMsg: string,
    response: { inf_refmsgid: string },
  ): void {
    try {
      const id = this.store.messages.insertProcessed(entry);
      this.store.messages.complete(id, {
        infcode,
        errMsg,
        infRefmsgid: response.inf_refmsgid,
        responseJson: JSON.stringify(response),
        faultApplied: entry.faultApplied ?? null,
      });
    } catch (error) {
      if (!(error instanceof DuplicateMsgidError)) throw error;
      this.store.messages.logRejected({ ...entry, infcode, errMsg, violations: ['E_DUPLICATE_MSGID'] });
    }
  }

  private envelopeTimes(now: Date) {
    const t = formatCompactMillis(now);
    return { inf_refmsgid: this.ids.refMsgId(now), refmsg_time: t, respond_time: formatCompactMillis(this.clock()) };
  }

  private success(output: unknown, now: Date): Record<string, unknown> {
    return { infcode: 0, ...this.envelopeTimes(now), err_msg: null, warn_msg: null, signtype: null, cainfo: null, output };
  }

  private failure(errMsg: string, now: Date, infcode = -1) {
    return { infcode, ...this.envelopeTimes(now), err_msg: errMsg, warn_msg: null, signtype: null, cainfo: null, output: null };
  }
}
