/**
 * Parsing and validation of what devices deliver (protocol.md §4.1 card string and ID string, §4.4
 * decoded e-certificate), and the scanner / manual entry paths built on them.
 */
import { describe, expect, it } from 'vitest';
import {
  compactDateToIso,
  idCardFromEntry,
  parseCardString,
  parseEcPayload,
  parseIdCardString,
  parseScannedText,
} from '../../src-main/devices/credential-parse';
import { isDeviceError, type DeviceError } from '../../src-main/devices/device-errors';

const ID = '420102198001011231';
const SN = '420100D156000005ABCDEF0123456789';
const FIELDS = [
  '420100',
  ID,
  'X00000019',
  SN,
  '张三',
  '00814E43238697159900BF7C7A',
  '3.00',
  '20190301',
  '20290301',
  '410100813475',
  '',
];
const CARD = FIELDS.join('|') + '|';

function fails(fn: () => unknown): DeviceError {
  try {
    fn();
  } catch (e) {
    if (isDeviceError(e)) return e;
    throw e;
  }
  throw new Error('expected a device error');
}

function withField(i: number, value: string): string {
  const f = [...FIELDS];
  f[i] = value;
  return f.join('|') + '|';
}

describe('ReadCardBas card string (11 fields)', () => {
  it('parses the spec example layout, trailing | or not, with CR LF', () => {
    const card = parseCardString(CARD);
    expect(card).toEqual({
      issuingArea: '420100',
      socialSecurityNo: ID,
      cardNo: 'X00000019',
      cardSn: SN,
      name: '张三',
      resetInfo: '00814E43238697159900BF7C7A',
      specVersion: '3.00',
      issueDate: '2019-03-01',
      expiryDate: '2029-03-01',
      terminalNo: '410100813475',
      terminalDeviceNo: '',
    });
    expect(parseCardString(FIELDS.slice(0, 10).join('|'))).toEqual(card);
    expect(parseCardString(CARD + '\r\n')).toEqual(card);
    expect(parseCardString(CARD.replace(SN, SN.toLowerCase())).cardSn).toBe(SN);
  });

  it('refuses a wrong field count (half a read)', () => {
    const e = fails(() => parseCardString('420100|' + ID + '|'));
    expect(e.code).toBe('E_DEVICE_UNREADABLE');
    expect(e.detail).toEqual({ fields: 3 });
  });

  it.each([
    [0, '42010', '发卡地区代码'],
    [1, '420102198001011234', '社会保障号码'],
    [1, '420102198002301236', '社会保障号码'],
    [2, 'X0000-019', '社会保障卡卡号'],
    [3, '420100D156000005ABCDEF012345678', '卡识别码'],
    [4, '', '姓名'],
    [4, '张\uFFFD', '姓名'],
    [4, '张\u0007三', '姓名'],
    [5, 'ZZ', '卡复位信息'],
    [6, 'v3', '规范版本'],
    [7, '20190230', '发卡日期'],
    [8, '2029-03-01', '卡有效期'],
    [9, '4101-0081', '终端机编号'],
  ])('refuses field %i = %j (%s), naming the field, never the value', (i, value, label) => {
    const e = fails(() => parseCardString(withField(i, value)));
    expect(e.code).toBe('E_DEVICE_UNREADABLE');
    expect(e.messageZh).toContain(label);
    expect(JSON.stringify(e.detail) + e.messageZh).not.toContain(ID);
  });

  it('refuses a card whose area does not match its card identification code', () => {
    const e = fails(() => parseCardString(withField(0, '440300')));
    expect(e.messageZh).toContain('前 6 位');
  });
});

describe('ReadSFZ ID-card string (^)', () => {
  const line = `${ID}^欧阳晓燕^女^汉^19800101^湖北省武汉市江岸区沿江大道1号^武汉市公安局^20150101-20350101^^`;

  it('parses number, name, sex, ethnicity, birth date and address', () => {
    expect(parseIdCardString(line)).toEqual({
      idNumber: ID,
      name: '欧阳晓燕',
      gender: '2',
      ethnicity: '汉',
      birthDate: '1980-01-01',
      address: '湖北省武汉市江岸区沿江大道1号',
    });
  });

  it('refuses a birth date that disagrees with the number, and a bad number', () => {
    expect(fails(() => parseIdCardString(line.replace('^19800101^', '^19800102^'))).messageZh).toContain('出生日期');
    expect(fails(() => parseIdCardString(line.replace(ID, '420102198001011232'))).messageZh).toContain('身份证号码');
    expect(fails(() => parseIdCardString('a^b')).code).toBe('E_DEVICE_UNREADABLE');
  });
});

describe('decoded e-certificate (JSON)', () => {
  const ec = { ecToken: 'EC420100ABCDEF0123456789ABCDEF0123', idNo: ID, idType: '01', userName: '张三', insuOrg: '420100' };

  it('parses the §4.4 fields; idType defaults to 01, an unknown insuOrg is null', () => {
    expect(parseEcPayload(JSON.stringify(ec))).toEqual(ec);
    const { idType: _t, insuOrg: _o, ...minimal } = ec;
    expect(parseEcPayload(minimal)).toEqual({ ...ec, insuOrg: null });
    expect(parseEcPayload({ ...ec, insuOrg: '' }).insuOrg).toBeNull();
  });

  it('accepts a non-ID document number with another idType, but checks the ID when idType is 01', () => {
    expect(parseEcPayload({ ...ec, idType: '06', idNo: 'H12345678' }).idNo).toBe('H12345678');
    const e = fails(() => parseEcPayload({ ...ec, idNo: '420102198001011232' }));
    // The cashier reads 证件号码; the log's detail names the key (issue 17.8).
    expect(e.messageZh).toContain('证件号码不正确');
    expect(e.detail).toEqual({ key: 'idNo' });
  });

  it.each([
    ['not JSON', '{ecToken:1}'],
    ['an array', '[]'],
    ['no token', JSON.stringify({ ...ec, ecToken: '' })],
    ['a token longer than mdtrt_cert_no (50)', JSON.stringify({ ...ec, ecToken: 'E'.repeat(51) })],
    ['no name', JSON.stringify({ ...ec, userName: '' })],
  ])('refuses %s', (_what, text) => {
    expect(fails(() => parseEcPayload(text)).code).toBe('E_DEVICE_UNREADABLE');
  });
});

describe('what a scanner typed', () => {
  it('routes JSON to the e-certificate and | strings to the card', () => {
    expect(parseScannedText(` {"ecToken":"EC420100ABCDEF0123456789ABCDEF0123","idNo":"${ID}","userName":"张三"}\r`).kind).toBe(
      'ec',
    );
    expect(parseScannedText(CARD).kind).toBe('card');
  });

  it('refuses a raw QR code, saying it needs decoding', () => {
    const e = fails(() => parseScannedText('6A1F8E0C2D9B4A7E'));
    expect(e.code).toBe('E_DEVICE_UNREADABLE');
    // The cashier reads Chinese only (issue 17); the log's detail names the missing decoding.
    expect(e.messageZh).toContain('未经解码');
    expect(e.messageZh).not.toMatch(/[A-Za-z]/);
    expect(e.detail).toEqual({ length: 16, needs: 'NationECCode decoding' });
  });
});

describe('manual entry and dates', () => {
  it('accepts a valid number (lower-case x made upper) and a trimmed name', () => {
    expect(idCardFromEntry(' 11010519491231002x ', ' 王五 ')).toMatchObject({ idNumber: '11010519491231002X', name: '王五' });
  });

  it('refuses a bad check digit and an empty name', () => {
    expect(fails(() => idCardFromEntry('110105194912310021', '王五'))).toMatchObject({
      code: 'E_DEVICE_ENTRY_INVALID',
      detail: { field: 'idNumber' },
    });
    expect(fails(() => idCardFromEntry('11010519491231002X', '  '))).toMatchObject({
      code: 'E_DEVICE_ENTRY_INVALID',
      detail: { field: 'name' },
    });
  });

  it('compact dates must be real calendar dates', () => {
    expect(compactDateToIso('20240229')).toBe('2024-02-29');
    expect(compactDateToIso('20230229')).toBeNull();
    expect(compactDateToIso('2023021')).toBeNull();
  });
});
