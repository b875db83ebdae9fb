/**
 * HID POS scanners: report decoding (including a real capture from a Honeywell scanner), a whole scan
 * through the reader from reports, and node-hid itself on this machine (no HID devices here: listing
 * is empty, opening a device that is not there is a clear error).
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { decodePosReport, PosScanCollector } from '../../src-main/devices/scanner/hid-pos';
import { HidScannerReader, type HidDeviceLike } from '../../src-main/devices/scanner/hid-reader';
import { listHidDevices } from '../../src-main/devices/enumerate';
import { isDeviceError } from '../../src-main/devices/device-errors';
import { encodeCString } from '../../src-main/devices/charset';
import { rejectionOf } from '../helpers/rejection';
import { waitFor } from '../helpers/wait-for';

/**
 * Reports a Honeywell Voyager 1602g sent over USB HID POS (REVINF answer), as published in
 * github.com/HenkVanAsselt/python_hon_usbhid: report ID 2, length, AIM id "]X0", data, byte 63 = more.
 */
const CAPTURE = [
  [
    2, 56, 93, 88, 48, 80, 114, 111, 100, 117, 99, 116, 32, 78, 97, 109, 101, 58, 32, 86, 111, 121, 97, 103, 101, 114, 32, 49, 54,
    48, 50, 103, 13, 10, 66, 111, 111, 116, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 58, 32, 56, 57, 57, 50, 13, 10, 83,
    111, 102, 116, 63, 0, 1,
  ],
  [
    2, 9, 93, 88, 48, 117, 109, 58, 32, 78, 47, 65, 13, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 63, 0, 0,
  ],
].map((r) => Uint8Array.from(r));

/** Splits `bytes` into 64-byte scanned-data reports with the "]Q1" (QR Code) symbology. */
function posReports(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += 56) {
    const part = bytes.subarray(i, i + 56);
    const r = new Uint8Array(64);
    r.set([0x02, part.length, 0x5d, 0x51, 0x31]);
    r.set(part, 5);
    r[63] = i + 56 < bytes.length ? 1 : 0;
    out.push(r);
  }
  return out;
}

const EC = {
  ecToken: 'EC420100ABCDEF0123456789ABCDEF0123',
  idNo: '420102198001011231',
  idType: '01',
  userName: '欧阳晓燕',
  insuOrg: '420100',
};

describe('HID POS reports', () => {
  it('decodes the captured reports: length, symbology, more-data flag', () => {
    const first = decodePosReport(CAPTURE[0] as Uint8Array);
    expect(first?.symbology).toBe(']X0');
    expect(first?.more).toBe(true);
    expect(Buffer.from(first?.data ?? []).toString('latin1')).toBe(
      'Product Name: Voyager 1602g\r\nBoot Revision: : 8992\r\nSoft',
    );
    const last = decodePosReport(CAPTURE[1] as Uint8Array);
    expect(last).toEqual({ data: Uint8Array.from(Buffer.from('um: N/A\r\n', 'latin1')), symbology: ']X0', more: false });
  });

  it('joins a multi-report scan and skips reports that are not scanned data', () => {
    const c = new PosScanCollector();
    expect(c.push(CAPTURE[0] as Uint8Array)).toBeNull();
    expect(c.push(Uint8Array.from([0x05, 1, 2, 3, 4, 5]))).toBeNull();
    const scan = c.push(CAPTURE[1] as Uint8Array);
    expect(Buffer.from(scan ?? []).toString('latin1')).toBe(
      'Product Name: Voyager 1602g\r\nBoot Revision: : 8992\r\nSoftum: N/A\r\n',
    );
  });

  it('never reads past the report: a declared length larger than the payload is cut', () => {
    const r = new Uint8Array(64);
    r.set([0x02, 200, 0x5d, 0x51, 0x31, 0x41]);
    expect(decodePosReport(r)?.data.length).toBe(58);
    expect(decodePosReport(Uint8Array.from([0x02, 3]))).toBeNull();
  });
});

class FakeHid extends EventEmitter implements HidDeviceLike {
  closed = false;
  async close() {
    this.closed = true;
  }
}

const failure = (p: Promise<unknown>) => rejectionOf(p, isDeviceError);

describe('HidScannerReader', () => {
  it('a GBK e-certificate in three reports becomes the credential; closing closes the device', async () => {
    const device = new FakeHid();
    const reader = new HidScannerReader({
      target: { vendorId: 0x0c2e, productId: 0x0b61 },
      charset: 'gbk',
      idleMs: 100,
      timeoutMs: 2000,
      open: async () => device,
    });
    const pending = reader.read();
    await waitFor('the reader listening to the device', () => device.listenerCount('data') > 0);
    const bytes = encodeCString(JSON.stringify(EC) + '\r\n', 'gbk').subarray(0, -1);
    const reports = posReports(bytes);
    expect(reports.length).toBe(3);
    for (const report of reports) device.emit('data', Buffer.from(report));
    expect((await pending).credential).toEqual({ kind: 'ec', ec: EC });
    await reader.close();
    expect(device.closed).toBe(true);
  });

  it('a device error fails the waiting read; the next read opens the device again', async () => {
    const devices = [new FakeHid(), new FakeHid()];
    let opened = 0;
    const reader = new HidScannerReader({
      target: { path: '/dev/hidraw9' },
      charset: 'utf8',
      idleMs: 100,
      timeoutMs: 2000,
      open: async () => devices[opened++] as FakeHid,
    });
    const pending = reader.read();
    await waitFor('the reader listening to the first device', () => (devices[0]?.listenerCount('error') ?? 0) > 0);
    devices[0]?.emit('error', new Error('could not read from HID device'));
    const e = await failure(pending);
    expect(e.code).toBe('E_DEVICE_HID_OPEN');
    expect(e.messageZh).toContain('/dev/hidraw9');
    const again = reader.read();
    await waitFor('the reader listening to the second device', () => (devices[1]?.listenerCount('data') ?? 0) > 0);
    for (const report of posReports(Buffer.from(JSON.stringify(EC) + '\r'))) devices[1]?.emit('data', Buffer.from(report));
    expect((await again).credential.kind).toBe('ec');
    expect(opened).toBe(2);
    await reader.close();
  });

  it('without a device configured: E_DEVICE_NOT_CONFIGURED', async () => {
    const reader = new HidScannerReader({ target: null, charset: 'utf8', idleMs: 100, timeoutMs: 1000 });
    expect((await failure(reader.read())).code).toBe('E_DEVICE_NOT_CONFIGURED');
  });
});

describe('node-hid on this machine (no HID device attached)', () => {
  it('lists HID devices through node-hid without failing', async () => {
    const list = await listHidDevices();
    expect(list.source).toBe('node-hid');
    expect(list.note).toBeNull();
    expect(Array.isArray(list.items)).toBe(true);
  });

  it('opening a scanner that is not there is E_DEVICE_HID_OPEN naming VID/PID', async () => {
    const reader = new HidScannerReader({
      target: { vendorId: 0xfffe, productId: 0xfffd },
      charset: 'utf8',
      idleMs: 100,
      timeoutMs: 1000,
    });
    const e = await failure(reader.read());
    expect(e.code).toBe('E_DEVICE_HID_OPEN');
    expect(e.messageZh).toContain('VID fffe PID fffd');
    await reader.close();
  });
});
