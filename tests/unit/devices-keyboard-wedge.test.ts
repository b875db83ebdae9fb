/**
 * Keyboard-wedge input from the renderer: telling a scan from typing by keystroke timing, and the
 * reader built on it (scan → credential, timeout, cancel).
 */
import { describe, expect, it } from 'vitest';
import { KeyboardWedgeParser, KeyboardWedgeReader, type KeyInput } from '../../src-main/devices/keyboard-wedge';
import { isDeviceError } from '../../src-main/devices/device-errors';
import { rejectionOf } from '../helpers/rejection';

const OPTIONS = { maxKeyGapMs: 50, minLength: 10 };
const CARD =
  '420100|420102198001011231|X00000019|420100D156000005ABCDEF0123456789|张三|00814E43|3.00|20190301|20290301|410100813475||';

/** Keystrokes of `text` then Enter, `gapMs` apart, starting at `t0`. */
function keys(text: string, gapMs: number, t0 = 1000): KeyInput[] {
  const chars = [...text];
  return [...chars.map((key, i) => ({ key, timeStamp: t0 + i * gapMs })), { key: 'Enter', timeStamp: t0 + chars.length * gapMs }];
}

function feed(parser: KeyboardWedgeParser, inputs: KeyInput[]): (string | null)[] {
  return inputs.map((k) => parser.feedKey(k)).filter((r) => r !== null);
}

const failure = (p: Promise<unknown>) => rejectionOf(p, isDeviceError);

describe('KeyboardWedgeParser', () => {
  it('a fast burst ending in Enter is a scan', () => {
    expect(feed(new KeyboardWedgeParser(OPTIONS), keys(CARD, 4))).toEqual([CARD]);
  });

  it('a person typing (120 ms per key) is not a scan', () => {
    expect(feed(new KeyboardWedgeParser(OPTIONS), keys('420102198001011231', 120))).toEqual([]);
  });

  it('a pause inside a burst starts over: only the fast tail counts', () => {
    const p = new KeyboardWedgeParser(OPTIONS);
    const typed = keys('abc', 150, 0).slice(0, 3);
    const scanned = keys('EC420100ABCDEF', 3, 1000);
    expect(feed(p, [...typed, ...scanned])).toEqual(['EC420100ABCDEF']);
  });

  it('Enter long after the last key, and bursts under minLength, are not scans', () => {
    const p = new KeyboardWedgeParser(OPTIONS);
    const late = keys('EC420100ABCDEF', 3);
    (late[late.length - 1] as { timeStamp: number }).timeStamp += 500;
    expect(feed(p, late)).toEqual([]);
    expect(feed(p, keys('ctrl+s', 3, 5000))).toEqual([]);
  });

  it('modifier keys are ignored, Backspace drops the burst', () => {
    const p = new KeyboardWedgeParser(OPTIONS);
    const withShift = keys('EC420100ABCDEF', 3).flatMap((k) =>
      k.key === 'E' ? [{ key: 'Shift', timeStamp: k.timeStamp }, k] : [k],
    );
    expect(feed(p, withShift)).toEqual(['EC420100ABCDEF']);
    const corrected = keys('EC420100ABCDEF', 3, 9000);
    corrected.splice(5, 0, { key: 'Backspace', timeStamp: 9014 });
    expect(feed(p, corrected)).toEqual([]);
  });

  it('keys carrying whole characters (IME / Alt codes) count as one key each', () => {
    expect(feed(new KeyboardWedgeParser(OPTIONS), keys(CARD, 2))[0]).toContain('张三');
  });
});

describe('KeyboardWedgeReader', () => {
  it('keys fed by the renderer complete the waiting read', async () => {
    const reader = new KeyboardWedgeReader(OPTIONS, 2000);
    const pending = reader.read();
    const completed = keys(CARD, 3).map((k) => reader.feedKey(k));
    expect(completed.at(-1)).toBe(true);
    expect(completed.slice(0, -1).every((c) => c === false)).toBe(true);
    const result = await pending;
    expect(result.driver).toBe('keyboard');
    expect(result.credential).toMatchObject({ kind: 'card', card: { cardNo: 'X00000019', name: '张三' } });
  });

  it('a line submitted from a scan field', async () => {
    const reader = new KeyboardWedgeReader(OPTIONS, 2000);
    const pending = reader.read();
    reader.feedLine(`{"ecToken":"EC420100ABCDEF0123456789ABCDEF0123","idNo":"420102198001011231","userName":"张三"}\r\n`);
    expect((await pending).credential.kind).toBe('ec');
  });

  it('nothing scanned: E_DEVICE_NO_CARD after the timeout; cancelled: E_DEVICE_CANCELLED; closed: E_DEVICE_CLOSED', async () => {
    const reader = new KeyboardWedgeReader(OPTIONS, 100);
    expect((await failure(reader.read())).code).toBe('E_DEVICE_NO_CARD');
    const controller = new AbortController();
    const pending = reader.read({ signal: controller.signal, timeoutMs: 5000 });
    controller.abort();
    expect((await failure(pending)).code).toBe('E_DEVICE_CANCELLED');
    await reader.close();
    expect((await failure(reader.read())).code).toBe('E_DEVICE_CLOSED');
  });

  it('an empty line is unreadable', async () => {
    const reader = new KeyboardWedgeReader(OPTIONS, 1000);
    const pending = reader.read();
    reader.feedLine('   ');
    expect((await failure(pending)).code).toBe('E_DEVICE_UNREADABLE');
  });
});
