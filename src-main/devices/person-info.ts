/**
 * From a read credential to the 1101 人员信息获取 input (protocol.md §4.5), and the credential triple
 * (mdtrt_cert_type, mdtrt_cert_no, card_sn) that 2201 / 2206 / 2207 / 2101 / 2102 must repeat for the visit.
 *
 * | credential | mdtrt_cert_type | mdtrt_cert_no | card_sn | psn_cert_type / certno / psn_name |
 * | 社保卡      | 03 | card number (field 2) | field 3 | 01 / field 1 / field 4 |
 * | 电子凭证    | 01 | ecToken               | —       | idType / idNo / userName |
 * | 身份证      | 02 | ID number             | —       | 01 / ID number / name |
 *
 * (One public client sends psn_cert_type 03 with the card number as certno for cards; the dictionary says
 * 01 + ID number, which is what the sandbox and provinces check.)
 */
import type { Credential } from './types';

export type MdtrtCertType = '01' | '02' | '03';

export interface CredentialTriple {
  readonly mdtrt_cert_type: MdtrtCertType;
  readonly mdtrt_cert_no: string;
  /** Only for 03. */
  readonly card_sn?: string;
}

export interface PersonInfoData extends CredentialTriple {
  readonly psn_cert_type: string;
  readonly certno: string;
  readonly psn_name: string;
}

/** psn_cert_type 01 居民身份证. */
const RESIDENT_ID = '01';

export function credentialTriple(credential: Credential): CredentialTriple {
  switch (credential.kind) {
    case 'card':
      return { mdtrt_cert_type: '03', mdtrt_cert_no: credential.card.cardNo, card_sn: credential.card.cardSn };
    case 'ec':
      return { mdtrt_cert_type: '01', mdtrt_cert_no: credential.ec.ecToken };
    case 'id':
      return { mdtrt_cert_type: '02', mdtrt_cert_no: credential.id.idNumber };
  }
}

/** The `input` of 1101 for this credential. */
export function personInfoInputOf(credential: Credential): { data: PersonInfoData } {
  const triple = credentialTriple(credential);
  switch (credential.kind) {
    case 'card':
      return {
        data: { ...triple, psn_cert_type: RESIDENT_ID, certno: credential.card.socialSecurityNo, psn_name: credential.card.name },
      };
    case 'ec':
      return {
        data: { ...triple, psn_cert_type: credential.ec.idType, certno: credential.ec.idNo, psn_name: credential.ec.userName },
      };
    case 'id':
      return { data: { ...triple, psn_cert_type: RESIDENT_ID, certno: credential.id.idNumber, psn_name: credential.id.name } };
  }
}
