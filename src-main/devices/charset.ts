/**
 * Text to and from devices. Most vendor DLLs and many scanners speak GBK (some UTF-8); decoding is
 * strict, so bytes that are not text in the configured charset are reported instead of becoming
 * replacement characters in a patient's name.
 */
import { DeviceError } from './device-errors';

export type Charset = 'gbk' | 'utf8';

const LABEL: Record<Charset, string> = { gbk: 'gbk', utf8: 'utf-8' };

/** Bytes up to the first NUL (C strings in fixed buffers). */
export function untilNul(bytes: Uint8Array): Uint8Array {
  const end = bytes.indexOf(0);
  return end === -1 ? bytes : bytes.subarray(0, end);
}

export class CharsetError extends Error {}

/**
 * Control characters (other than tab / CR / LF) and private-use code points are never device text: ICU's
 * GBK decoder maps undefined bytes such as 0xFF to the private-use area instead of failing.
 */
const NOT_TEXT = /[\p{Cc}\p{Co}]/u;

/** Decodes strictly; throws CharsetError on bytes that are not valid text in `charset`. */
export function decodeText(bytes: Uint8Array, charset: Charset): string {
  let text: string;
  try {
    text = new TextDecoder(LABEL[charset], { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new CharsetError(`not valid ${charset}`, { cause });
  }
  if (NOT_TEXT.test(text.replace(/[\t\r\n]/g, '')))
    throw new CharsetError(`not ${charset} text (control or private-use characters)`);
  return text;
}

let gbkTable: Map<number, number> | null = null;

/**
 * GBK encoder derived from the platform's own GBK decoder (WHATWG, as in TextDecoder): every
 * two-byte code is decoded once and the reverse map kept. Built on first use (about 24 000 codes).
 */
function gbkEncoderTable(): Map<number, number> {
  if (gbkTable) return gbkTable;
  const decoder = new TextDecoder('gbk');
  const table = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const text = decoder.decode(pair);
      const cp = text.codePointAt(0);
      // One code point from both bytes; the first code wins where the table maps two codes to one character.
      if (cp !== undefined && cp !== 0xfffd && [...text].length === 1 && !table.has(cp)) table.set(cp, (lead << 8) | trail);
    }
  }
  gbkTable = table;
  return table;
}

/** Encodes `text` as a NUL-terminated C string in `charset`; throws E_DEVICE_ENCODING for characters GBK lacks. */
export function encodeCString(text: string, charset: Charset): Uint8Array {
  if (charset === 'utf8') {
    const body = new TextEncoder().encode(text);
    const out = new Uint8Array(body.length + 1);
    out.set(body);
    return out;
  }
  const table = gbkEncoderTable();
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) {
      bytes.push(cp);
      continue;
    }
    const code = table.get(cp);
    if (code === undefined) {
      throw new DeviceError('E_DEVICE_ENCODING', `字符 "${ch}" 无法用 GBK 编码传给读卡器 DLL; 请改用 UTF-8 字符集或修改该文字`, {
        codePoint: cp,
      });
    }
    bytes.push(code >> 8, code & 0xff);
  }
  bytes.push(0);
  return Uint8Array.from(bytes);
}
