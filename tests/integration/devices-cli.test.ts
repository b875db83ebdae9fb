/**
 * `yibao device list` and `yibao device read` as an IT person runs them (the built CLI, a child process):
 * listing works on a machine with no scanner, a read through the real double prints the parsed,
 * masked result and its 1101 input, and failures exit 1 with the device error's code.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { buildNativeDouble, DOUBLE_PERSON, DoubleControl, type NativeBuild } from '../helpers/devices-native';
import { makeTempDir } from '../helpers/temp-dir';

const PERSON = DOUBLE_PERSON;

let native: NativeBuild;
let temp: ReturnType<typeof makeTempDir>;
let double: DoubleControl;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  native = buildNativeDouble();
  temp = makeTempDir('yibao-device-cli-');
  double = new DoubleControl(temp.dir);
  env = { YIBAO_CONFIG: join(temp.dir, 'config.json'), YIBAO_DOUBLE_STATE: double.statePath };
});
afterAll(() => temp.cleanup());

describe('yibao device list', () => {
  it('lists serial ports and HID devices (possibly none) as JSON, exit 0', async () => {
    const r = await runCli(['device', 'list', '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      serial: { items: { path: string }[]; source: string };
      hid: { items: unknown[]; source: string };
    };
    expect(['serialport', 'sysfs']).toContain(out.serial.source);
    expect(out.serial.items.every((p) => p.path.startsWith('/dev/'))).toBe(true);
    expect(out.hid.source).toBe('node-hid');
  });

  it('prints both lists as text', async () => {
    const r = await runCli(['device', 'list'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/串口 \((serialport|sysfs)\): \d+ 个/);
    expect(r.stdout).toMatch(/HID 设备 \(node-hid\): \d+ 个/);
  });
});

describe('yibao device read', () => {
  it('reads the card through the DLL and prints it masked, with its 1101 input', async () => {
    double.set({ mode: 'present', charset: 'gbk', ...PERSON });
    const r = await runCli(['device', 'read', '--driver', 'dll', '--lib', native.reader, '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      kind: string;
      personInfoInput: { data: Record<string, string> };
      safeInfo: { source: string };
    };
    expect(out.kind).toBe('card');
    expect(out.personInfoInput.data).toEqual({
      mdtrt_cert_type: '03',
      mdtrt_cert_no: '*********',
      card_sn: '****************************6789',
      psn_cert_type: '01',
      certno: '420102********1231',
      psn_name: '欧***',
    });
    expect(out.safeInfo.source).toBe('reader-signature');
    expect(r.stdout).not.toContain(PERSON.certno);
    expect(r.stdout).not.toContain(PERSON.name);
  });

  it('--show prints the full data (text form)', async () => {
    double.set({ mode: 'present', charset: 'gbk', ...PERSON });
    const r = await runCli(['device', 'read', '--driver', 'dll', '--lib', native.reader, '--credential', 'ec', '--show'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('读取成功: 医保电子凭证 (dll');
    expect(r.stdout).toContain(PERSON.ec_token);
    expect(r.stdout).toContain('"psn_name":"欧阳晓燕"');
  });

  it('manual entry with --id and --name (the driver follows from --id)', async () => {
    const r = await runCli(['device', 'read', '--id', PERSON.certno, '--name', '欧阳晓燕', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      driver: 'manual',
      kind: 'id',
      personInfoInput: { data: { mdtrt_cert_type: '02' } },
    });
  });

  it('a device failure exits 1 with its code and Chinese message', async () => {
    double.set({ mode: 'nocard', ...PERSON });
    const r = await runCli(['device', 'read', '--driver', 'dll', '--lib', native.reader], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('错误 [E_DEVICE_NO_CARD]: 读卡器中没有社保卡');
    const missing = await runCli(['device', 'read', '--driver', 'dll', '--lib', join(temp.dir, 'SSCard.dll'), '--json'], env);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('E_DEVICE_DLL_NOT_FOUND');
  });

  it('a hung DLL ends the command at --timeout instead of hanging it', async () => {
    double.set({ mode: 'slow', delay_ms: 60_000, ...PERSON });
    const started = performance.now();
    const r = await runCli(['device', 'read', '--driver', 'dll', '--lib', native.reader, '--timeout', '1500'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('E_DEVICE_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses an unknown driver', async () => {
    const r = await runCli(['device', 'read', '--driver', 'usb'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--driver 只能是');
  });
});
