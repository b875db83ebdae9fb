/**
 * Plugs the journal into every call: the entry is committed (FULL sync) before the request
 * leaves and the outcome is committed before the caller sees it.
 *
 * The outcome of a call that moves money (a settlement, a refund, a reversal) is committed with
 * FULL sync. The outcome of any other call is committed with NORMAL sync: it survives a crash of
 * the process; a power cut in the next moment can only turn it back into "sent", which recovery
 * resolves by the profile's plan for that code (no-effect for queries and pre-settlements,
 * needs-manual for registrations and uploads). One fsync less per call (bench/settlement).
 */
import type { CallObserver } from '../protocol/center-client';
import type { RequestEnvelope } from '../protocol/envelope';
import type { CenterCallError } from '../protocol/call-errors';
import type { SuccessfulResponse } from '../protocol/response';
import type { AnswerProblem } from '../protocol/answer-fields';
import { crashPoint } from './crash-points';
import type { JournalStore } from './journal-store';

export class JournalObserver implements CallObserver {
  constructor(
    private readonly journal: JournalStore,
    /** Codes whose outcome must be on disk before the caller sees it (default: every code). */
    private readonly movesMoney: (infno: string) => boolean = () => true,
  ) {}

  private durability(infno: string): 'full' | 'normal' {
    return this.movesMoney(infno) ? 'full' : 'normal';
  }

  beforeSend(envelope: RequestEnvelope, body?: string): void {
    // A 2601 is linked to the entry it reverses, so the journal shows each attempt under it.
    const omsgid = envelope.infno === '2601' ? (envelope.input['data'] as { omsgid?: string } | undefined)?.omsgid : undefined;
    const reverses = omsgid ? (this.journal.byMsgid(omsgid)?.id ?? null) : null;
    this.journal.prepare(envelope, reverses, body);
    crashPoint('after-prepare', envelope.infno);
  }

  onSent(envelope: RequestEnvelope): void {
    this.journal.markSent(envelope.msgid);
    crashPoint('after-send', envelope.infno);
  }

  afterSuccess(
    envelope: RequestEnvelope,
    response: SuccessfulResponse | { bytes: number },
    warnings?: readonly AnswerProblem[],
  ): void {
    crashPoint('before-result-commit', envelope.infno);
    const recorded =
      'bytes' in response
        ? { file_bytes: response.bytes }
        : {
            output: response.output,
            warn_msg: response.warnMsg,
            inf_refmsgid: response.infRefmsgid,
            // The center's clock, for the check of the counter's own (journal/clock-skew.ts).
            respond_time: response.respondTime,
            refmsg_time: response.refmsgTime,
          };
    this.journal.finish(envelope.msgid, 'ok', { response: recorded, warnings }, this.durability(envelope.infno));
    crashPoint('after-result-commit', envelope.infno);
  }

  afterFailure(envelope: RequestEnvelope, error: CenterCallError): void {
    const state = error.kind === 'not-sent' ? 'not-sent' : error.kind === 'rejected' ? 'rejected' : 'unknown';
    this.journal.finish(envelope.msgid, state, { code: error.code, message: error.messageZh }, this.durability(envelope.infno));
  }
}
