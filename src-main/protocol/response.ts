/**
 * Reading the center's answer (protocol.md §1.2). infcode 0 is success; any other value
 * is a rejection carrying err_msg and inf_refmsgid. An answer we cannot read is an
 * unknown outcome, never a guess. warn_msg is returned, not dropped.
 */
import { z } from 'zod';
import { formatPath } from '../core/errors';
import { RejectedError, UnknownOutcomeError, type CallIdentity } from './call-errors';

const optText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => v ?? null);

export const responseEnvelopeSchema = z.looseObject({
  infcode: z.union([
    z.number().int(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ]),
  inf_refmsgid: optText,
  refmsg_time: optText,
  respond_time: optText,
  err_msg: optText,
  warn_msg: optText,
  output: z.unknown().optional(),
});
export type ResponseEnvelope = z.input<typeof responseEnvelopeSchema>;

export interface SuccessfulResponse {
  readonly output: unknown;
  readonly infRefmsgid: string | null;
  readonly refmsgTime: string | null;
  readonly respondTime: string | null;
  readonly warnMsg: string | null;
}

/** Parses a response body text; throws RejectedError or UnknownOutcomeError. */
export function parseResponseText(text: string, call: CallIdentity): SuccessfulResponse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new UnknownOutcomeError(
      'E_RESPONSE_UNPARSEABLE',
      `医保中心的应答不是有效的 JSON, 交易结果未知 (${call.infno})`,
      call,
      { bodyPrefix: text.slice(0, 120) },
      { cause },
    );
  }
  return parseResponseJson(json, call);
}

export function parseResponseJson(json: unknown, call: CallIdentity): SuccessfulResponse {
  const parsed = responseEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnknownOutcomeError(
      'E_RESPONSE_INVALID',
      `医保中心的应答格式不正确 (${formatPath(issue?.path ?? [])}: ${issue?.message ?? ''}), 交易结果未知`,
      call,
    );
  }
  const r = parsed.data;
  if (r.infcode !== 0) {
    const errMsg = r.err_msg ?? '';
    throw new RejectedError(
      'E_CENTER_REJECTED',
      `医保中心拒绝了交易 ${call.infno}: ${errMsg || '(未返回错误信息)'}`,
      call,
      errMsg,
      r.infcode,
      r.inf_refmsgid,
      r.warn_msg ? { warnMsg: r.warn_msg } : {},
    );
  }
  return {
    output: r.output ?? null,
    infRefmsgid: r.inf_refmsgid,
    refmsgTime: r.refmsg_time,
    respondTime: r.respond_time,
    warnMsg: r.warn_msg,
  };
}
