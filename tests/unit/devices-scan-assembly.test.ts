/**
 * Cutting a scanner's byte stream into scans (CR / LF / CRLF, quiet line, overflow), and handing scans to
 * reads (a scan just before a read is kept a few seconds, an old one never identifies the next patient).
 */
import { describe, expect, it } from 'vitest';
import { ScanAssembler, type AssembledScan } from '../../src-main/devices/scanner/scan-assembler';
import { ScanInbox } from '../../src-main/devices/scanner/scan-inbox';
import { isDeviceError } from '../../src-main/devices/device-errors';

function collect(options = { idleMs: 50, maxBytes: 64 }) {
  const scans: AssembledScan[] = [];
  const a = new ScanAssembler((s) => scans.push(s), options);
  const text = () => scans.map((s) => ('bytes' in s ? Buffer.from(s.bytes).toString() : `overflow:${s.overflow}`));
  return { a, text };
}

describe('ScanAssembler', () => {
  it('CR, LF and CRLF end a scan, across chunk boundaries, with no empty scans', () => {
    const { a, text } = collect();
    a.push(Buffer.from('ab'));
    a.push(Buffer.from('c\r'));
    a.push(Buffer.from('\ndef\nghi\r\n\r\n'));
    expect(text()).toEqual(['abc', 'def', 'ghi']);
    a.dispose();
  });

  it('a scan without suffix ends after the line is quiet', async () => {
    const { a, text } = collect();
    a.push(Buffer.from('EC4201'));
    a.push(Buffer.from('00ABC'));
    expect(text()).toEqual([]);
    await new Promise((r) => setTimeout(r, 120)); // stays: the quiet gap on the line is the behaviour under test
    expect(text()).toEqual(['EC420100ABC']);
  });

  it('a scan longer than maxBytes is reported as overflow, and the next scan is clean', () => {
    const { a, text } = collect({ idleMs: 50, maxBytes: 8 });
    a.push(Buffer.from('0123456789ABCDEF\r'));
    a.push(Buffer.from('OK\r'));
    expect(text()).toEqual(['overflow:16', 'OK']);
    a.dispose();
  });
});

describe('ScanInbox', () => {
  it('keeps an unclaimed scan for keepMs, then drops it', async () => {
    let now = 0;
    const inbox = new ScanInbox(5000, () => now);
    inbox.deliver('first');
    now = 4000;
    expect(await inbox.next(100)).toBe('first');
    inbox.deliver('stale');
    now = 10_000;
    const e = await inbox.next(50).catch((x: unknown) => x);
    expect(isDeviceError(e, 'E_DEVICE_NO_CARD')).toBe(true);
  });

  it('a device failure reaches the waiting read', async () => {
    const inbox = new ScanInbox();
    const pending = inbox.next(1000);
    inbox.deliver(new Error('port gone'));
    await expect(pending).rejects.toThrow('port gone');
  });
});
