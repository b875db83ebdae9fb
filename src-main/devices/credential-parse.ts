/**
 * Parsing and validating what devices return into typed credentials:
 * - the 11-field `|` card string of ReadCardBas (protocol.md §4.1),
 * - the `^` ID-card string of ReadSFZ (§4.1),
 * - a decoded 医保电子凭证 (§4.4 `data`: ecToken, idNo, idType, userName, insuOrg), as JSON,
 * - whatever a scanner or keyboard wedge typed (one of the above).
 * Anything that does not validate is E_DEVICE_UNREADABLE; the raw text never goes into the error.
 */
import { isValidIdNumber } from '../sandbox/seed/id-number';
import { DeviceError, unreadable } from './device-errors';
import type { Credential, ECertificate, IdCard, SocialSecurityCard } from './types';

const CARD = '社保卡';
const EC = '医保电子凭证';
const ID = '身份证';

/** yyyyMMdd (a real calendar date) → yyyy-MM-dd, or null. */
export function compactDateToIso(text: string): string | null {
  if (!/^\d{8}$/.test(text)) return null;
  const [y, mo, d] = [text.slice(0, 4), text.slice(4, 6), text.slice(6, 8)];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d))
    return null;
  return `${y}-${mo}-${d}`;
}

/** A person's name as printed on a card: 1–50 characters, no control or replacement characters. */
export function isPlausibleName(name: string): boolean {
  const chars = [...name];
  return (
    chars.length >= 1 &&
    chars.length <= 50 &&
    name.trim() === name &&
    !/[\p{Cc}\p{Cf}\uFFFD|^]/u.test(name) &&
    /\p{L}/u.test(name)
  );
}

function field(parts: readonly string[], i: number): string {
  return (parts[i] ?? '').trim();
}

/** ReadCardBas output: 11 fields separated by `|`, usually with a trailing `|`. */
export function parseCardString(text: string): SocialSecurityCard {
  const parts = text.replace(/[\r\n]+$/, '').split('|');
  if (parts.length === 12 && parts[11] === '') parts.pop();
  if (parts.length === 10) parts.push('');
  if (parts.length !== 11)
    throw unreadable(CARD, `应有 11 个字段, 实际 ${parts.length} 个 (卡片可能中途被拔出)`, { fields: parts.length });

  const fail = (n: number, what: string) => unreadable(CARD, `第 ${n} 个字段 (${what}) 不正确`, { field: n });
  const issuingArea = field(parts, 0);
  if (!/^\d{6}$/.test(issuingArea)) throw fail(0, '发卡地区代码');
  const socialSecurityNo = field(parts, 1).toUpperCase();
  if (!isValidIdNumber(socialSecurityNo)) throw fail(1, '社会保障号码');
  const cardNo = field(parts, 2);
  if (!/^[0-9A-Za-z]{1,20}$/.test(cardNo)) throw fail(2, '社会保障卡卡号');
  const cardSn = field(parts, 3).toUpperCase();
  if (!/^[0-9A-F]{32}$/.test(cardSn)) throw fail(3, '卡识别码');
  if (!cardSn.startsWith(issuingArea)) throw unreadable(CARD, '发卡地区代码与卡识别码前 6 位不一致', { field: 0 });
  const name = field(parts, 4);
  if (!isPlausibleName(name)) throw fail(4, '姓名');
  const resetInfo = field(parts, 5);
  if (!/^[0-9A-Fa-f]*$/.test(resetInfo)) throw fail(5, '卡复位信息');
  const specVersion = field(parts, 6);
  if (!/^\d{1,2}\.\d{2}$/.test(specVersion)) throw fail(6, '规范版本');
  const issueDate = compactDateToIso(field(parts, 7));
  if (!issueDate) throw fail(7, '发卡日期');
  const expiryDate = compactDateToIso(field(parts, 8));
  if (!expiryDate) throw fail(8, '卡有效期');
  const terminalNo = field(parts, 9);
  if (!/^[0-9A-Za-z]{0,50}$/.test(terminalNo)) throw fail(9, '终端机编号');
  const terminalDeviceNo = field(parts, 10);
  if (terminalDeviceNo.length > 50 || /\p{Cc}/u.test(terminalDeviceNo)) throw fail(10, '终端设备号');
  return {
    issuingArea,
    socialSecurityNo,
    cardNo,
    cardSn,
    name,
    resetInfo,
    specVersion,
    issueDate,
    expiryDate,
    terminalNo,
    terminalDeviceNo,
  };
}

/** ReadSFZ output: ID no. ^ name ^ sex ^ ethnicity ^ birth date ^ address ^ authority ^ validity ^ photo ^ */
export function parseIdCardString(text: string): IdCard {
  const parts = text.replace(/[\r\n]+$/, '').split('^');
  if (parts.length < 6) throw unreadable(ID, `应至少有 6 个字段, 实际 ${parts.length} 个`, { fields: parts.length });
  const idNumber = field(parts, 0).toUpperCase();
  if (!isValidIdNumber(idNumber)) throw unreadable(ID, '身份证号码不正确', { field: 0 });
  const name = field(parts, 1);
  if (!isPlausibleName(name)) throw unreadable(ID, '姓名不正确', { field: 1 });
  const sex = field(parts, 2);
  const gender = sex === '男' || sex === '1' ? '1' : sex === '女' || sex === '2' ? '2' : null;
  const birthDate = compactDateToIso(field(parts, 4));
  if (!birthDate || birthDate.replace(/-/g, '') !== idNumber.slice(6, 14))
    throw unreadable(ID, '出生日期与身份证号码不一致', { field: 4 });
  return { idNumber, name, gender, ethnicity: field(parts, 3) || null, birthDate, address: field(parts, 5) || null };
}

/** A manual entry: the cashier typed the ID number and the name. */
export function idCardFromEntry(idNumber: string, name: string): IdCard {
  const id = idNumber.trim().toUpperCase();
  if (!isValidIdNumber(id)) {
    throw new DeviceError('E_DEVICE_ENTRY_INVALID', '身份证号码不正确 (应为 18 位, 出生日期和校验位有效), 请核对后重新输入', {
      field: 'idNumber',
    });
  }
  const n = name.trim();
  if (!isPlausibleName(n)) {
    throw new DeviceError('E_DEVICE_ENTRY_INVALID', '姓名不能为空, 不能含特殊字符, 最多 50 个字', { field: 'name' });
  }
  return { idNumber: id, name: n, gender: null, ethnicity: null, birthDate: null, address: null };
}

/** A decoded e-certificate, as a JSON text or an already parsed object. */
export function parseEcPayload(payload: string | Record<string, unknown>): ECertificate {
  let value: unknown = payload;
  if (typeof payload === 'string') {
    try {
      value = JSON.parse(payload.trim());
    } catch {
      throw unreadable(EC, '内容不完整或格式不对', { length: payload.length, problem: 'not JSON' });
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw unreadable(EC, '内容格式不对', { problem: 'not a JSON object' });
  const o = value as Record<string, unknown>;
  const text = (key: string) => (typeof o[key] === 'string' ? (o[key] as string).trim() : '');
  const ecToken = text('ecToken');
  if (!/^[0-9A-Za-z_.-]{8,50}$/.test(ecToken)) throw unreadable(EC, '缺少或无效的电子凭证令牌', { key: 'ecToken' });
  const idType = text('idType') || '01';
  if (!/^\d{1,6}$/.test(idType)) throw unreadable(EC, '证件类型不正确', { key: 'idType' });
  const idNo = text('idNo').toUpperCase();
  if (idType === '01' ? !isValidIdNumber(idNo) : !/^[0-9A-Za-z]{1,50}$/.test(idNo))
    throw unreadable(EC, '证件号码不正确', { key: 'idNo' });
  const userName = text('userName');
  if (!isPlausibleName(userName)) throw unreadable(EC, '姓名不正确', { key: 'userName' });
  const insuOrg = text('insuOrg');
  return { ecToken, idNo, idType, userName, insuOrg: /^\d{6}$/.test(insuOrg) ? insuOrg : null };
}

/**
 * What a QR scanner or keyboard wedge delivered: a decoded e-certificate (JSON) or a card string typed
 * by a card reader in keyboard mode. A raw e-certificate QR code cannot be used by itself (1101 needs
 * the holder's ID number and name), so it is reported as such.
 */
export function parseScannedText(text: string): Credential {
  const t = text.trim();
  if (t.startsWith('{')) return { kind: 'ec', ec: parseEcPayload(t) };
  if (t.split('|').length >= 10) return { kind: 'card', card: parseCardString(t) };
  // The cashier reads what to do; the log's detail says which component is missing (NationECCode).
  throw unreadable(
    '扫码',
    '扫到的是未经解码的电子凭证二维码, 或不是医保电子凭证和社保卡: 电子凭证需由本机的医保电子凭证组件解码后才能使用, 也可改用身份证号读卡',
    { length: t.length, needs: 'NationECCode decoding' },
  );
}
