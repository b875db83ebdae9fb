/**
 * A read as people see it (CLI, settings screen, log): the credential's fields with Chinese labels, the
 * 1101 input it maps to, and the security info. Personal data is masked unless `show` is asked for.
 */
import { maskCardNo, maskIdNumber, maskName, maskPersonalData } from '../core/mask';
import { personInfoInputOf, type PersonInfoData } from './person-info';
import type { Credential, ReadResult } from './types';

export interface ReadSummary {
  readonly driver: ReadResult['driver'];
  readonly kind: Credential['kind'];
  readonly kindZh: string;
  /** [label, value] in display order. */
  readonly fields: readonly (readonly [string, string])[];
  readonly personInfoInput: { data: PersonInfoData };
  readonly safeInfo: { source: string; infno: string | null; value: string; length: number } | null;
  readonly elapsedMs: number;
}

const KIND_ZH = { card: '社保卡', ec: '医保电子凭证', id: '身份证' } as const;

export function summarizeRead(result: ReadResult, show: boolean): ReadSummary {
  const id = show ? (v: string) => v : maskIdNumber;
  const name = show ? (v: string) => v : maskName;
  const card = show ? (v: string) => v : maskCardNo;
  const other = show ? (v: string) => v : (v: string) => (v === '' ? '' : '***');
  const c = result.credential;
  let fields: [string, string][];
  switch (c.kind) {
    case 'card':
      fields = [
        ['发卡地区', c.card.issuingArea],
        ['社会保障号码', id(c.card.socialSecurityNo)],
        ['社会保障卡号', card(c.card.cardNo)],
        ['卡识别码', card(c.card.cardSn)],
        ['姓名', name(c.card.name)],
        ['规范版本', c.card.specVersion],
        ['发卡日期', c.card.issueDate],
        ['有效期至', c.card.expiryDate],
        ['终端机编号', c.card.terminalNo],
      ];
      break;
    case 'ec':
      fields = [
        ['电子凭证令牌', card(c.ec.ecToken)],
        ['证件类型', c.ec.idType],
        ['证件号码', id(c.ec.idNo)],
        ['姓名', name(c.ec.userName)],
        ['参保地', c.ec.insuOrg ?? ''],
      ];
      break;
    case 'id':
      fields = [
        ['身份证号', id(c.id.idNumber)],
        ['姓名', name(c.id.name)],
        ['性别', c.id.gender === '1' ? '男' : c.id.gender === '2' ? '女' : ''],
        ['民族', c.id.ethnicity ?? ''],
        ['出生日期', other(c.id.birthDate ?? '')],
        ['住址', other(c.id.address ?? '')],
      ];
      break;
  }
  const input = personInfoInputOf(c);
  const s = result.safeInfo;
  return {
    driver: result.driver,
    kind: c.kind,
    kindZh: KIND_ZH[c.kind],
    fields,
    personInfoInput: show ? input : (maskPersonalData(input) as { data: PersonInfoData }),
    safeInfo: s
      ? { source: s.source, infno: s.infno, value: show ? s.value : maskCardNo(s.value), length: s.value.length }
      : null,
    elapsedMs: Math.round(result.elapsedMs),
  };
}
