/**
 * Text to and from devices: the GBK encoder (built from the platform's GBK decoder) against the system's
 * iconv as an independent oracle, and strict decoding.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CharsetError, decodeText, encodeCString, untilNul } from '../../src-main/devices/charset';
import { isDeviceError } from '../../src-main/devices/device-errors';

function iconvGbk(text: string): Buffer {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return r.stdout;
}

const SAMPLES = [
  '欧阳晓燕',
  '张三丰·阿依古丽',
  '{"operatorName":"张收费","officeName":"西药房"}',
  '湖北省武汉市江岸区沿江大道1号',
  '璟 菁 鑫 淼 喆 堃 昇 彧 犇',
  '，。（）【】“”…—',
  'ASCII only 0123 ~!@#',
];

describe('GBK', () => {
  it.each(SAMPLES)('encodes %j exactly as iconv does, NUL-terminated', (text) => {
    const bytes = encodeCString(text, 'gbk');
    expect(bytes[bytes.length - 1]).toBe(0);
    expect(Buffer.from(bytes.subarray(0, -1)).equals(iconvGbk(text))).toBe(true);
    expect(decodeText(untilNul(bytes), 'gbk')).toBe(text);
  });

  it('refuses a character GBK has no two-byte code for, naming it', () => {
    let error: unknown;
    try {
      encodeCString('张𠮷', 'gbk');
    } catch (e) {
      error = e;
    }
    expect(isDeviceError(error, 'E_DEVICE_ENCODING')).toBe(true);
    expect((error as Error).message).toContain('𠮷');
  });

  it('decoding is strict: bytes that are not GBK text throw instead of becoming U+FFFD or private-use characters', () => {
    // 0xFF is no GBK byte; the platform decoder maps it to U+F8F5, which is refused here.
    expect(() => decodeText(Uint8Array.from([0xd5, 0xc5, 0xff]), 'gbk')).toThrow(CharsetError);
    expect(() => decodeText(Uint8Array.from([0xd5]), 'gbk')).toThrow(CharsetError);
    expect(() => decodeText(Uint8Array.from([0x41, 0x07, 0x42]), 'gbk')).toThrow(CharsetError);
    expect(decodeText(Uint8Array.from([0xd5, 0xc5, 0x09, 0x0d, 0x0a]), 'gbk')).toBe('张\t\r\n');
  });
});

describe('UTF-8 and C strings', () => {
  it('round-trips and stops at the first NUL of a fixed buffer', () => {
    const bytes = encodeCString('欧阳晓燕', 'utf8');
    const buffer = new Uint8Array(64);
    buffer.set(bytes);
    buffer.set([0x41, 0x42], bytes.length + 3);
    expect(decodeText(untilNul(buffer), 'utf8')).toBe('欧阳晓燕');
  });

  it('GBK bytes are not UTF-8', () => {
    expect(() => decodeText(iconvGbk('张三'), 'utf8')).toThrow(CharsetError);
  });
});
