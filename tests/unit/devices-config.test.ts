/**
 * The `devices` section of the config: defaults (manual entry, GBK stdcall DLL), validation errors by
 * field name, and the reader each setting gives.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src-main/config/load';
import { createReader } from '../../src-main/devices/create-reader';
import { DllReader } from '../../src-main/devices/dll/dll-reader';
import { KeyboardWedgeReader } from '../../src-main/devices/keyboard-wedge';
import { ManualEntryReader } from '../../src-main/devices/manual-reader';
import { HidScannerReader } from '../../src-main/devices/scanner/hid-reader';
import { SerialScannerReader } from '../../src-main/devices/scanner/serial-reader';
import type { YibaoError } from '../../src-main/core/errors';

function invalid(raw: unknown): YibaoError {
  try {
    parseConfig(raw, 'config.json');
  } catch (e) {
    return e as YibaoError;
  }
  throw new Error('expected the config to be refused');
}

describe('devices config', () => {
  it('defaults: manual entry; a DLL would be stdcall + GBK reading the card; scanners UTF-8 with a 150 ms quiet cut', () => {
    const { devices } = parseConfig({}, 'config.json');
    expect(devices).toEqual({
      driver: 'manual',
      timeoutMs: 20_000,
      dll: {
        path: null,
        convention: 'stdcall',
        charset: 'gbk',
        initUrl: '',
        initUser: '',
        read: 'card',
        ec: { via: 'GetQRBase', url: '', businessType: '', officeId: '', officeName: '' },
        safeMediumFunction: null,
      },
      serial: { path: null, baudRate: 9600, charset: 'utf8', idleMs: 150 },
      hid: { path: null, vendorId: null, productId: null, charset: 'utf8', idleMs: 150 },
      keyboard: { maxKeyGapMs: 50, minLength: 10 },
    });
  });

  it.each([
    [{ driver: 'usb' }, 'devices.driver'],
    [{ dll: { convention: 'fastcall' } }, 'devices.dll.convention'],
    [{ dll: { charset: 'big5' } }, 'devices.dll.charset'],
    [{ dll: { safeMediumFunction: 'Get Medium()' } }, 'devices.dll.safeMediumFunction'],
    [{ dll: { ec: { businessType: '013' } } }, 'devices.dll.ec.businessType'],
    [{ serial: { baudRate: 9601 } }, 'devices.serial.baudRate'],
    [{ hid: { vendorId: 0x0c2e } }, 'devices.hid.productId'],
    [{ timeoutMs: 100 }, 'devices.timeoutMs'],
    [{ keyboard: { maxKeyGapMs: 1000 } }, 'devices.keyboard.maxKeyGapMs'],
    [{ dll: { pth: 'x' } }, 'devices.dll'],
  ])('refuses %j naming %s', (devices, field) => {
    const e = invalid({ devices });
    expect(e.code).toBe('E_CONFIG_INVALID');
    expect(e.detail['fields']).toContain(field);
  });

  it('gives the reader the setting asks for, and the CLI overrides win', () => {
    const config = parseConfig(
      { devices: { driver: 'serial', serial: { path: '/dev/ttyUSB0' }, hid: { vendorId: 0x0c2e, productId: 0x0b61 } } },
      'config.json',
    );
    expect(createReader(config)).toBeInstanceOf(SerialScannerReader);
    expect(createReader(config, { driver: 'dll', dllPath: '/opt/SSCard.so' })).toBeInstanceOf(DllReader);
    expect(createReader(config, { driver: 'hid' })).toBeInstanceOf(HidScannerReader);
    expect(createReader(config, { driver: 'keyboard' })).toBeInstanceOf(KeyboardWedgeReader);
    expect(createReader(config, { driver: 'manual' })).toBeInstanceOf(ManualEntryReader);
  });
});

describe('manual entry', () => {
  it('reads what the cashier typed as an ID-card credential; a bad entry says to check the input', async () => {
    const reader = createReader(parseConfig({}, 'config.json'));
    const result = await reader.read({ manual: { idNumber: '420102198001011231', name: '张三' } });
    expect(result.credential).toMatchObject({ kind: 'id', id: { idNumber: '420102198001011231', name: '张三' } });
    await expect(reader.read({ manual: { idNumber: '420102198001011232', name: '张三' } })).rejects.toMatchObject({
      code: 'E_DEVICE_ENTRY_INVALID',
      messageZh: expect.stringContaining('请核对后重新输入'),
    });
    await expect(reader.read()).rejects.toMatchObject({ code: 'E_DEVICE_ENTRY_INVALID' });
  });
});
