/**
 * The center's reading of the request envelope (protocol.md §1.1), from the spec's own field table
 * (SPEC_REQUEST_ENVELOPE) plus what §1.1 says in its notes, independently of the client's
 * protocol/envelope schema (issue 22: the oracle must not share the code it judges).
 */
import { SPEC_REQUEST_ENVELOPE } from '../../spec/field-rules';
import { fieldProblem } from './input-check';

/** A request envelope as the center accepted it. */
export interface SandboxEnvelope {
  readonly infno: string;
  readonly msgid: string;
  readonly mdtrtarea_admvs: string;
  readonly insuplc_admdvs: string;
  readonly recer_sys_code: string;
  readonly dev_no: string;
  readonly dev_safe_info: string;
  readonly cainfo: string;
  readonly signtype: string;
  readonly infver: string;
  readonly opter_type: string;
  readonly opter: string;
  readonly opter_name: string;
  readonly inf_time: string;
  readonly fixmedins_code: string;
  readonly fixmedins_name: string;
  readonly sign_no: string;
  readonly input: Record<string, unknown>;
  readonly enc_type?: string;
}

export type EnvelopeReading =
  | { readonly ok: true; readonly envelope: SandboxEnvelope }
  | { readonly ok: false; readonly field: string; readonly message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** §1.1's notes, beyond type and length: what the table's "Notes" column requires of a value. */
const NOTES: Readonly<Record<string, (v: string) => string | null>> = {
  msgid: (v) => ([...v].length === 30 ? null : '应为 机构编码+yyyyMMddHHmmss+4位序号, 共30位'),
  mdtrtarea_admvs: (v) => (/^\d{6}$/.test(v) ? null : '应为6位行政区划代码'),
  insuplc_admdvs: (v) => (v === '' || /^\d{6}$/.test(v) ? null : '应为6位行政区划代码'),
  opter_type: (v) => (['1', '2', '3'].includes(v) ? null : '应为 1/2/3'),
};

export function readEnvelope(json: unknown): EnvelopeReading {
  if (!isRecord(json)) return { ok: false, field: '报文', message: '应为 JSON 对象' };
  const known = new Set(['input', ...SPEC_REQUEST_ENVELOPE.map((f) => f.field)]);
  const stranger = Object.keys(json).find((k) => !known.has(k));
  if (stranger !== undefined) return { ok: false, field: stranger, message: '接口规范中没有这个字段' };
  for (const rule of SPEC_REQUEST_ENVELOPE) {
    const value = json[rule.field];
    // Optional fields may be left out, but a field that is present is a string (C/DT), even when empty.
    if (value !== undefined && typeof value !== 'string') return { ok: false, field: rule.field, message: '应为字符串' };
    const problem = fieldProblem(rule, value) ?? (typeof value === 'string' ? (NOTES[rule.field]?.(value) ?? null) : null);
    if (problem) return { ok: false, field: rule.field, message: problem };
  }
  // Plain JSON input only: the sandbox does not simulate SM4-encrypted deployments.
  if (!isRecord(json['input'])) return { ok: false, field: 'input', message: '应为 JSON 对象' };
  const text = (k: string) => (typeof json[k] === 'string' ? (json[k] as string) : '');
  const envelope: SandboxEnvelope = {
    infno: text('infno'),
    msgid: text('msgid'),
    mdtrtarea_admvs: text('mdtrtarea_admvs'),
    insuplc_admdvs: text('insuplc_admdvs'),
    recer_sys_code: text('recer_sys_code'),
    dev_no: text('dev_no'),
    dev_safe_info: text('dev_safe_info'),
    cainfo: text('cainfo'),
    signtype: text('signtype'),
    infver: text('infver'),
    opter_type: text('opter_type'),
    opter: text('opter'),
    opter_name: text('opter_name'),
    inf_time: text('inf_time'),
    fixmedins_code: text('fixmedins_code'),
    fixmedins_name: text('fixmedins_name'),
    sign_no: text('sign_no'),
    input: json['input'],
    ...(typeof json['enc_type'] === 'string' ? { enc_type: json['enc_type'] } : {}),
  };
  return { ok: true, envelope };
}

/** §1.1 #4: insuplc_admdvs is required whenever the input names a psn_no (top level or one node down). */
export function namesInsuredPerson(input: Record<string, unknown>): boolean {
  const holdsPerson = (row: unknown) => isRecord(row) && typeof row['psn_no'] === 'string' && row['psn_no'] !== '';
  if (holdsPerson(input)) return true;
  return Object.values(input).some((node) => (Array.isArray(node) ? node.some(holdsPerson) : holdsPerson(node)));
}
