/**
 * The center's strict reading of a request: envelope shape (spec/envelope-read.ts), institution, msgid, sign-in,
 * insured area, and the transaction's input by the center's own field rules (protocol.md's table
 * and the sandbox's additions, src-main/sandbox/spec/), never by the client's schemas. Each
 * violation answers infcode -1 with a precise err_msg and a code the message log counts.
 */
import { readEnvelope, namesInsuredPerson, type SandboxEnvelope } from '../spec/envelope-read';
import { findInterface } from '../../registry/registry';
import type { SandboxStore } from '../store';
import { findInstitution, type SandboxInstitution } from './institutions';
import { checkInput } from '../spec/input-check';
import type { CenterNumbering } from './numbering';
import { SAFE_MEDIUM_CODES } from '../spec/safe-medium-codes';

export interface Violation {
  readonly code: string;
  readonly errMsg: string;
  /** Whatever could be read of the envelope, for the log. */
  readonly partial: Partial<SandboxEnvelope>;
}

export interface AcceptedRequest {
  readonly envelope: SandboxEnvelope;
  readonly input: unknown;
  readonly institution: SandboxInstitution;
}

function violation(code: string, errMsg: string, partial: Partial<SandboxEnvelope>): { violation: Violation } {
  return { violation: { code, errMsg, partial } };
}

function partialOf(json: unknown): Partial<SandboxEnvelope> {
  if (typeof json !== 'object' || json === null) return {};
  const o = json as Record<string, unknown>;
  const pick = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  return {
    infno: pick('infno'),
    msgid: pick('msgid'),
    opter: pick('opter'),
    fixmedins_code: pick('fixmedins_code'),
    sign_no: pick('sign_no'),
  };
}

export function checkRequest(
  bodyText: string,
  store: SandboxStore,
  numbering: CenterNumbering,
): { accepted: AcceptedRequest } | { violation: Violation } {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return violation('E_JSON', '报文不是有效的 JSON', {});
  }
  const partial = partialOf(json);
  const reading = readEnvelope(json);
  if (!reading.ok) return violation('E_ENVELOPE', `报文头字段 ${reading.field} 不正确: ${reading.message}`, partial);
  const env = reading.envelope;
  const record = findInterface(env.infno);
  if (!record) return violation('E_INFNO', `交易编号 ${env.infno} 不存在`, partial);

  const institution = findInstitution(env.fixmedins_code);
  if (!institution) return violation('E_INSTITUTION', `定点医药机构编码 ${env.fixmedins_code} 未在中心登记`, partial);
  if (env.mdtrtarea_admvs !== institution.admdvs) {
    return violation('E_ADMVS', `就医地医保区划 ${env.mdtrtarea_admvs} 与机构所在区划 ${institution.admdvs} 不符`, partial);
  }
  if (!env.msgid.startsWith(env.fixmedins_code)) {
    return violation('E_MSGID', `报文ID ${env.msgid} 必须以定点医药机构编码 ${env.fixmedins_code} 开头`, partial);
  }

  if (env.infno !== '9001') {
    const signIn = env.sign_no === '' ? undefined : store.signIns.get(env.sign_no);
    if (!signIn || signIn.state !== 'in' || signIn.opter !== env.opter || signIn.fixmedinsCode !== env.fixmedins_code) {
      return violation('E_SIGN_NO', `签到编号无效或已签退 (sign_no=${env.sign_no || '空'}), 请重新签到`, partial);
    }
  }
  if (env.insuplc_admdvs === '' && namesInsuredPerson(env.input)) {
    return violation('E_INSUPLC', '入参含参保人 psn_no 时必须填写参保地医保区划 insuplc_admdvs', partial);
  }

  if (numbering.safeControl && env.dev_safe_info === '' && SAFE_MEDIUM_CODES.has(env.infno)) {
    return violation(
      'E_SAFE_MEDIUM',
      `交易 ${env.infno} 缺少安全控件校验介质 (dev_safe_info): 须通过安全控件读取医保电子凭证或社保卡取得校验介质后再办理`,
      partial,
    );
  }

  for (const check of numbering.inputChecks(env.infno, env.input)) {
    const verdict = checkInput(check.infno, check.input);
    if (verdict && !verdict.ok) {
      return violation('E_INPUT', `交易 ${env.infno} 入参 ${verdict.path} 不正确: ${verdict.message}`, partial);
    }
  }
  return { accepted: { envelope: env, input: env.input, institution } };
}
