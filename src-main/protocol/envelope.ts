/**
 * The request envelope every transaction travels in (protocol.md §1.1).
 */
import { z } from 'zod';
import { formatDateTime } from '../core/time';
import { MSGID_RE } from './msgid';
import { dateTime, str } from './wire';

export const requestEnvelopeSchema = z.strictObject({
  infno: z.string().regex(/^[0-9A-Za-z]{4,6}$/, { message: '交易编号格式不正确' }),
  msgid: z.string().regex(MSGID_RE, { message: '报文ID应为 机构编码(12)+yyyyMMddHHmmss+4位序号, 共30位' }),
  mdtrtarea_admvs: z.string().regex(/^\d{6}$/, { message: '就医地医保区划应为6位数字' }),
  insuplc_admdvs: z.union([z.literal(''), z.string().regex(/^\d{6}$/, { message: '参保地医保区划应为6位数字' })]),
  recer_sys_code: str(10).min(1),
  dev_no: str(100),
  dev_safe_info: str(2000),
  cainfo: str(1024),
  signtype: str(10),
  infver: str(6).min(1),
  opter_type: z.enum(['1', '2', '3'], { message: '经办人类别应为 1/2/3' }),
  opter: str(30).min(1, { message: '经办人编号必填' }),
  opter_name: str(50).min(1, { message: '经办人姓名必填' }),
  inf_time: dateTime(),
  fixmedins_code: str(30).min(1),
  fixmedins_name: str(200).min(1),
  sign_no: str(30),
  input: z.record(z.string(), z.unknown()),
  enc_type: z.string().optional(),
});
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

/**
 * Envelope fields that come from the counter's config and the operator: the same on every call,
 * so the client checks the whole envelope once per (config, operator) and then only the rest.
 */
const SESSION_FIELDS = {
  mdtrtarea_admvs: true,
  recer_sys_code: true,
  dev_no: true,
  signtype: true,
  infver: true,
  opter_type: true,
  opter: true,
  opter_name: true,
  fixmedins_code: true,
  fixmedins_name: true,
} as const;

/** The per-call part of requestEnvelopeSchema (same rules; the other fields were checked before). */
export const envelopeCallSchema = z.object(requestEnvelopeSchema.omit(SESSION_FIELDS).shape);

/** Identifies the config-and-operator part of an envelope. */
export function envelopeSessionKey(envelope: RequestEnvelope): string {
  return Object.keys(SESSION_FIELDS)
    .map((k) => envelope[k as keyof typeof SESSION_FIELDS])
    .join('\u0000');
}

/** Everything about the counter that goes into an envelope besides the transaction itself. */
export interface EnvelopeContext {
  readonly fixmedinsCode: string;
  readonly fixmedinsName: string;
  readonly mdtrtareaAdmvs: string;
  readonly recerSysCode: string;
  readonly infver: string;
  readonly opterType: '1' | '2' | '3';
  readonly opter: string;
  readonly opterName: string;
  readonly devNo: string;
  readonly signtype: string;
}

export interface EnvelopeCall {
  readonly infno: string;
  readonly msgid: string;
  readonly input: Record<string, unknown>;
  readonly signNo: string;
  /** From 1101 insuinfo; required whenever the input names a psn_no. */
  readonly insuplcAdmdvs?: string;
  readonly devSafeInfo?: string;
  readonly cainfo?: string;
  readonly now: Date;
}

export function buildEnvelope(ctx: EnvelopeContext, call: EnvelopeCall): RequestEnvelope {
  return {
    infno: call.infno,
    msgid: call.msgid,
    mdtrtarea_admvs: ctx.mdtrtareaAdmvs,
    insuplc_admdvs: call.insuplcAdmdvs ?? '',
    recer_sys_code: ctx.recerSysCode,
    dev_no: ctx.devNo,
    dev_safe_info: call.devSafeInfo ?? '',
    cainfo: call.cainfo ?? '',
    signtype: ctx.signtype,
    infver: ctx.infver,
    opter_type: ctx.opterType,
    opter: ctx.opter,
    opter_name: ctx.opterName,
    inf_time: formatDateTime(call.now),
    fixmedins_code: ctx.fixmedinsCode,
    fixmedins_name: ctx.fixmedinsName,
    sign_no: call.signNo,
    input: call.input,
  };
}

/** True when the input carries a person number anywhere at its first two levels (then insuplc_admdvs is required). */
export function inputNamesPerson(input: Record<string, unknown>): boolean {
  for (const value of Object.values(input)) {
    const rows = Array.isArray(value) ? value : [value];
    for (const row of rows) {
      if (row && typeof row === 'object' && typeof (row as Record<string, unknown>)['psn_no'] === 'string') {
        if ((row as Record<string, unknown>)['psn_no'] !== '') return true;
      }
    }
  }
  return false;
}
