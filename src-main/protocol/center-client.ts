/**
 * One call to the center: validate input, reserve a msgid, build the envelope, hand it
 * to the observer (the journal commits it here, before anything leaves the process),
 * send, read and validate the answer, report the outcome to the observer, return.
 *
 * Plain Node: no Electron, no UI. Sign-in state is supplied by the caller (session module).
 */
import type { z } from 'zod';
import { YibaoError, formatPath } from '../core/errors';
import { requireInterface } from '../registry/registry';
import { getProfile, timeoutsFor, type RegionProfile, type Timeouts } from '../registry/profile';
import {
  buildEnvelope,
  envelopeCallSchema,
  envelopeSessionKey,
  requestEnvelopeSchema,
  inputNamesPerson,
  type EnvelopeContext,
  type RequestEnvelope,
} from './envelope';
import { tifHeaders, type GatewayCredentials } from './gateway-signature';
import type { MsgIdGenerator } from './msgid';
import { parseResponseText, type SuccessfulResponse } from './response';
import { describeProblems, readAnswer, type AnswerProblem } from './answer-fields';
import type { CenterCallError } from './call-errors';
import { UnknownOutcomeError, isCenterCallError } from './call-errors';
import { schemaIn } from './region-schemas';
import { BINARY_OUTPUT, type InputOf, type OutputOf, type TypedInfno } from './transactions';
import type { Transport } from './transport';

export interface Operator {
  readonly opter: string;
  readonly opterName: string;
}

export interface CallOptions {
  readonly operator: Operator;
  /** From 9001; empty only for 9001 itself. */
  readonly signNo: string;
  /** From 1101 insuinfo; when omitted for a person-related call it is looked up by psn_no. */
  readonly insuplcAdmdvs?: string;
  readonly devSafeInfo?: string;
  readonly cainfo?: string;
}

export interface CallResult<T> {
  readonly infno: string;
  readonly msgid: string;
  readonly envelope: RequestEnvelope;
  readonly output: T;
  readonly warnMsg: string | null;
  readonly infRefmsgid: string | null;
  readonly elapsedMs: number;
  /** Problems of optional answer fields, as the journal recorded them (empty for a clean answer). */
  readonly answerWarnings?: readonly AnswerProblem[];
}

/** Hooks for the journal: beforeSend must persist the envelope durably before it returns. */
export interface CallObserver {
  beforeSend(envelope: RequestEnvelope, body: string): void | Promise<void>;
  /** The body has left the process (not durable; informational). */
  onSent?(envelope: RequestEnvelope): void;
  /** `warnings`: problems of optional answer fields (answer-fields.ts); the call still succeeded. */
  afterSuccess(
    envelope: RequestEnvelope,
    response: SuccessfulResponse | { bytes: number },
    warnings?: readonly AnswerProblem[],
  ): void | Promise<void>;
  afterFailure(envelope: RequestEnvelope, error: CenterCallError): void | Promise<void>;
}

/** The 安全控件 medium of each person's visit (devices/safe-medium.ts), for calls that do not pass one. */
export interface SafeMediumSource {
  devSafeInfo(psnNo: string | undefined, infno: string): string;
}

/** Remembers each person's insured area from 1101 so later calls fill insuplc_admdvs. */
export interface InsuredAreaBook {
  lookup(psnNo: string): string | undefined;
}

export interface CenterClientDeps {
  readonly url: string;
  readonly envelope: Omit<EnvelopeContext, 'opter' | 'opterName'>;
  readonly profile: RegionProfile;
  readonly transport: Transport;
  readonly msgids: MsgIdGenerator;
  /** A function is asked on each call, before anything is journaled (a sealed secret fails there). */
  readonly gateway?: GatewayCredentials | null | (() => GatewayCredentials | null);
  readonly timeoutOverride?: Partial<Timeouts>;
  readonly observer?: CallObserver;
  readonly areas?: InsuredAreaBook;
  readonly safeMedia?: SafeMediumSource;
  readonly clock?: () => Date;
}

export class CenterClient {
  /** Config and operator parts of the envelope already found valid (see checkEnvelope). */
  private readonly checkedSessions = new Set<string>();

  constructor(private readonly deps: CenterClientDeps) {}

  get profile(): RegionProfile {
    return this.deps.profile;
  }

  /** A typed transaction: input and output validated by the transaction's schemas. */
  async call<K extends TypedInfno>(infno: K, input: InputOf<K>, options: CallOptions): Promise<CallResult<OutputOf<K>>> {
    return (await this.callAny(infno, input as Record<string, unknown>, options)) as CallResult<OutputOf<K>>;
  }

  /** Any registry code. Typed codes are still validated; others pass through as JSON. */
  async callAny(infno: string, input: Record<string, unknown>, options: CallOptions): Promise<CallResult<unknown>> {
    requireInterface(infno);
    const schema = schemaIn(this.deps.profile, infno);
    if (schema) validateInput(infno, schema.input, input);

    const clock = this.deps.clock ?? (() => new Date());
    const gateway = typeof this.deps.gateway === 'function' ? this.deps.gateway() : this.deps.gateway;
    const msgid = this.deps.msgids.next();
    const envelope = buildEnvelope(
      { ...this.deps.envelope, opter: options.operator.opter, opterName: options.operator.opterName },
      {
        infno,
        msgid,
        input,
        signNo: options.signNo,
        insuplcAdmdvs: options.insuplcAdmdvs ?? this.lookupArea(input),
        // Before anything is journaled: a medium of another visit step refuses the call here.
        devSafeInfo: options.devSafeInfo ?? this.deps.safeMedia?.devSafeInfo(findPsnNo(input), infno),
        cainfo: options.cainfo,
        now: clock(),
      },
    );
    checkEnvelope(envelope, this.checkedSessions);

    const observer = this.deps.observer;
    // The journal stores the very text that goes on the wire.
    const body = JSON.stringify(envelope);
    await observer?.beforeSend(envelope, body);
    const started = performance.now();
    const call = { infno, msgid };
    try {
      const response = await this.deps.transport.post({
        url: this.deps.url,
        body,
        headers: gateway ? tifHeaders(gateway, clock()) : {},
        timeouts: { ...timeoutsFor(this.deps.profile, infno), ...this.deps.timeoutOverride },
        call,
        onBodySent: observer?.onSent ? () => observer.onSent?.(envelope) : undefined,
      });
      let result: CallResult<unknown>;
      const isJson = /json/i.test(response.contentType) || response.bytes[0] === 0x7b; /* '{' */
      if (BINARY_OUTPUT.has(infno) && !isJson) {
        await observer?.afterSuccess(envelope, { bytes: response.bytes.length });
        result = { infno, msgid, envelope, output: response.bytes, warnMsg: null, infRefmsgid: null, elapsedMs: 0 };
      } else {
        const { parsed, ...read } = readJsonAnswer(call, response.bytes.toString('utf8'), this.deps.profile);
        await observer?.afterSuccess(envelope, parsed, read.warnings);
        result = {
          infno,
          msgid,
          envelope,
          output: read.output,
          warnMsg: parsed.warnMsg,
          infRefmsgid: parsed.infRefmsgid,
          elapsedMs: 0,
          answerWarnings: read.warnings,
        };
      }
      return { ...result, elapsedMs: performance.now() - started };
    } catch (error) {
      if (isCenterCallError(error)) await observer?.afterFailure(envelope, error);
      throw error;
    }
  }

  private lookupArea(input: Record<string, unknown>): string | undefined {
    if (!this.deps.areas || !inputNamesPerson(input)) return undefined;
    const psnNo = findPsnNo(input);
    return psnNo ? this.deps.areas.lookup(psnNo) : undefined;
  }
}

function findPsnNo(input: Record<string, unknown>): string | undefined {
  for (const value of Object.values(input)) {
    const row = Array.isArray(value) ? value[0] : value;
    if (row && typeof row === 'object') {
      const psn = (row as Record<string, unknown>)['psn_no'];
      if (typeof psn === 'string' && psn !== '') return psn;
    }
  }
  return undefined;
}

function validateInput(infno: string, schema: z.ZodType, input: unknown): void {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5).map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new YibaoError('E_INPUT_INVALID', `交易 ${infno} 的入参不正确, 未发送: ${issues.join('; ')}`, {
      infno,
      fields: result.error.issues.map((i) => formatPath(i.path)),
    });
  }
}

/**
 * A JSON answer read the way every call reads it: the envelope (a rejection or an unreadable
 * answer throws), then the transaction's output schema. Exported for the answer corpus test
 * (tests/unit/answer-corpus.test.ts), which feeds published answers through this same path.
 */
export function readJsonAnswer(
  call: { readonly infno: string; readonly msgid: string },
  text: string,
  profile: RegionProfile = getProfile('national'),
): { parsed: SuccessfulResponse; output: unknown; warnings: readonly AnswerProblem[] } {
  const parsed = parseResponseText(text, call);
  // The region's schema: a 电子处方 code means another step in Hubei than nationally.
  const schema = schemaIn(profile, call.infno)?.output;
  const read = schema ? validateOutput(call.infno, call.msgid, schema, parsed.output) : { output: parsed.output, warnings: [] };
  return { parsed, ...read };
}

/**
 * The answer read by the transaction's schema: optional problems come back as warnings; any
 * problem of a required field leaves the outcome unknown, and the error names every one.
 */
function validateOutput(
  infno: string,
  msgid: string,
  schema: z.ZodType,
  output: unknown,
): { output: unknown; warnings: readonly AnswerProblem[] } {
  const read = readAnswer(schema, output);
  if (read.ok) return { output: read.data, warnings: read.warnings };
  throw new UnknownOutcomeError(
    'E_OUTPUT_INVALID',
    `医保中心对 ${infno} 的应答缺少或含有不正确的必需字段 (${describeProblems(read.errors)}), 无法确认交易结果`,
    { infno, msgid },
    { problems: read.errors, warnings: read.warnings },
  );
}

function checkEnvelope(envelope: RequestEnvelope, checkedSessions: Set<string>): void {
  // The config and operator fields are the same on every call: check them once per operator.
  const sessionKey = envelopeSessionKey(envelope);
  const result = checkedSessions.has(sessionKey)
    ? envelopeCallSchema.safeParse(envelope)
    : requestEnvelopeSchema.safeParse(envelope);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new YibaoError(
      'E_ENVELOPE_INVALID',
      `报文头字段不正确, 未发送: ${formatPath(issue?.path ?? [])}: ${issue?.message ?? ''} (检查机构配置)`,
      { infno: envelope.infno },
    );
  }
  checkedSessions.add(sessionKey);
  if (envelope.insuplc_admdvs === '' && inputNamesPerson(envelope.input)) {
    throw new YibaoError(
      'E_INSUPLC_REQUIRED',
      `交易 ${envelope.infno} 涉及参保人, 必须提供参保地医保区划 insuplc_admdvs (先做 1101 人员信息获取)`,
      { infno: envelope.infno },
    );
  }
}
