/**
 * protocol.md §4.5: each credential's 1101 input, checked against the protocol's own strict 1101 input
 * schema (the one CenterClient validates with), and the 第六章 rules for dev_safe_info.
 */
import { describe, expect, it } from 'vitest';
import { credentialTriple, personInfoInputOf } from '../../src-main/devices/person-info';
import { devSafeInfoFor, mediumCovers, VISIT_FLOWS } from '../../src-main/devices/safe-medium';
import { isDeviceError } from '../../src-main/devices/device-errors';
import type { Credential } from '../../src-main/devices/types';
import { personInfoInput } from '../../src-main/protocol/transactions/person';

const ID = '420102198001011231';
const card: Credential = {
  kind: 'card',
  card: {
    issuingArea: '420100',
    socialSecurityNo: ID,
    cardNo: 'X00000019',
    cardSn: '420100D156000005ABCDEF0123456789',
    name: '张三',
    resetInfo: '',
    specVersion: '3.00',
    issueDate: '2019-03-01',
    expiryDate: '2029-03-01',
    terminalNo: '',
    terminalDeviceNo: '',
  },
};
const ec: Credential = {
  kind: 'ec',
  ec: { ecToken: 'EC420100ABCDEF0123456789ABCDEF0123', idNo: 'H12345678', idType: '06', userName: 'LI Wei', insuOrg: null },
};
const id: Credential = {
  kind: 'id',
  id: { idNumber: ID, name: '张三', gender: null, ethnicity: null, birthDate: null, address: null },
};

describe('read → 1101 input (protocol.md §4.5)', () => {
  it('social-security card: 03, card number, card_sn, 01 + the social security number, the card name', () => {
    expect(personInfoInputOf(card)).toEqual({
      data: {
        mdtrt_cert_type: '03',
        mdtrt_cert_no: 'X00000019',
        card_sn: '420100D156000005ABCDEF0123456789',
        psn_cert_type: '01',
        certno: ID,
        psn_name: '张三',
      },
    });
  });

  it('e-certificate: 01, the ecToken, and the decoder’s idType / idNo / userName (no card_sn)', () => {
    expect(personInfoInputOf(ec)).toEqual({
      data: {
        mdtrt_cert_type: '01',
        mdtrt_cert_no: 'EC420100ABCDEF0123456789ABCDEF0123',
        psn_cert_type: '06',
        certno: 'H12345678',
        psn_name: 'LI Wei',
      },
    });
  });

  it('ID card: 02 and the number twice', () => {
    expect(personInfoInputOf(id).data).toEqual({
      mdtrt_cert_type: '02',
      mdtrt_cert_no: ID,
      psn_cert_type: '01',
      certno: ID,
      psn_name: '张三',
    });
  });

  it('every mapping passes the strict 1101 input schema; the triple is what later calls repeat', () => {
    for (const c of [card, ec, id]) {
      const parsed = personInfoInput.safeParse(personInfoInputOf(c));
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      const { mdtrt_cert_type, mdtrt_cert_no, card_sn } = personInfoInputOf(c).data;
      expect(credentialTriple(c)).toEqual(
        card_sn ? { mdtrt_cert_type, mdtrt_cert_no, card_sn } : { mdtrt_cert_type, mdtrt_cert_no },
      );
    }
  });
});

describe('安全控件 medium (seed 003 第六章)', () => {
  it('a medium for the outpatient settlement serves 1101 and 2201 … 2206, and the settlement itself', () => {
    for (const infno of ['1101', '2201', '2203', '2203A', '2204', '2206', '2206A', '2207'])
      expect(mediumCovers('2207', infno)).toBe(true);
    for (const infno of ['1101', '2201', '2203A', '2204', '2206A', '2207A']) expect(mediumCovers('2207A', infno)).toBe(true);
    expect(mediumCovers('2207', '2208')).toBe(false);
  });

  it('a medium obtained with 2201 serves only 2201', () => {
    expect(mediumCovers('2201', '2201')).toBe(true);
    for (const infno of ['1101', '2203', '2206', '2207']) expect(mediumCovers('2201', infno)).toBe(false);
  });

  it('pharmacy: the sale’s medium (2102 / 2102A) serves 1101 and the pre-settlement; a refund’s serves 1101 and 2103', () => {
    expect(['1101', '2101', '2101A', '2102'].every((i) => mediumCovers('2102', i))).toBe(true);
    expect(mediumCovers('2103', '1101')).toBe(true);
    expect(mediumCovers('2103', '2102')).toBe(false);
  });

  it('inpatient: every call needs its own medium', () => {
    expect(mediumCovers('2304', '2304')).toBe(true);
    expect(mediumCovers('2304', '2303')).toBe(false);
    expect(mediumCovers('2401', '1101')).toBe(false);
    expect(VISIT_FLOWS.some((f) => f.last.some((c) => c.startsWith('23') || c.startsWith('24')))).toBe(false);
  });

  it('dev_safe_info per call: empty without info, the signature always, the medium only where it is valid', () => {
    expect(devSafeInfoFor(null, '1101')).toBe('');
    expect(devSafeInfoFor({ source: 'reader-signature', infno: null, value: 'RZ01' }, '2207')).toBe('RZ01');
    const medium = { source: 'safe-medium', infno: '2201', value: 'SM1.2201.AB' } as const;
    expect(devSafeInfoFor(medium, '2201')).toBe('SM1.2201.AB');
    let error: unknown;
    try {
      devSafeInfoFor(medium, '2204');
    } catch (e) {
      error = e;
    }
    expect(isDeviceError(error, 'E_DEVICE_SAFE_MEDIUM_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain('2201');
  });
});
