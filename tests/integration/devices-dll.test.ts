/**
 * The DLL reader against the real compiled double (native/reader-double.c) loaded through koffi in the
 * host process: every behaviour of the double, the charset path, the deadline on a hung DLL, a crashing
 * DLL, and the loader failures (not found, wrong architecture, function missing).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DllReader, type DllReaderOptions } from '../../src-main/devices/dll/dll-reader';
import { DllHostProcess } from '../../src-main/devices/dll/host-process';
import { sameProcessRuntime, type HostRuntime } from '../../src-main/devices/dll/host-runtime';
import { socketHostLauncher } from '../../src-main/devices/dll/socket-launcher';
import { initCall, readCardCall } from '../../src-main/devices/dll/vendor-api';
import { isDeviceError } from '../../src-main/devices/device-errors';
import {
  buildNativeDouble,
  DOUBLE_EC,
  DOUBLE_PERSON,
  DoubleControl,
  cardOf,
  doubleReaderOptions,
  processAlive,
  type NativeBuild,
} from '../helpers/devices-native';
import { makeTempDir } from '../helpers/temp-dir';
import { rejectionOf } from '../helpers/rejection';
import { waitFor } from '../helpers/wait-for';

const PERSON = DOUBLE_PERSON;
const EC = DOUBLE_EC;

let native: NativeBuild;
let temp: ReturnType<typeof makeTempDir>;
let double: DoubleControl;
const readers: DllReader[] = [];

beforeAll(() => {
  native = buildNativeDouble();
  temp = makeTempDir('yibao-dll-');
  double = new DoubleControl(temp.dir);
});
afterEach(async () => {
  for (const r of readers.splice(0)) await r.close();
  double.clearLog();
});
afterAll(() => temp.cleanup());

function reader(options: Partial<DllReaderOptions> = {}): DllReader {
  const r = new DllReader({ ...doubleReaderOptions(native.reader, double.env, 5000), ...options });
  readers.push(r);
  return r;
}

const failure = (p: Promise<unknown>) => rejectionOf(p, isDeviceError);

const card = cardOf;

const alive = processAlive;

describe('a card in the reader (present)', () => {
  it('reads the GBK card string into typed fields, with Init called once with the configured arguments', async () => {
    double.set({ mode: 'present', charset: 'gbk', ...PERSON });
    const r = reader();
    const first = await r.read();
    expect(card(first)).toEqual({
      issuingArea: '420100',
      socialSecurityNo: PERSON.certno,
      cardNo: PERSON.card_no,
      cardSn: PERSON.card_sn,
      name: '欧阳晓燕',
      resetInfo: '00814E43238697159900BF7C7A',
      specVersion: '3.00',
      issueDate: '2019-03-01',
      expiryDate: '2029-03-01',
      terminalNo: '410100813475',
      terminalDeviceNo: '',
    });
    expect(first.safeInfo).toMatchObject({ source: 'reader-signature', infno: null });
    expect(first.safeInfo?.value).toMatch(/^RZ[0-9A-F]{32}$/);
    await r.read();
    const calls = double.calls().map((c) => c.call);
    expect(calls).toEqual([
      'Init url=http://10.0.0.1:8080/init user=420100',
      'ReadCardBas buffers=1024/1024',
      'ReadCardBas buffers=1024/1024',
    ]);
  });

  it('calls with the cdecl convention as configured (stdcall and cdecl are one ABI on x64)', async () => {
    double.set({ mode: 'present', ...PERSON });
    expect(card(await reader({ convention: 'cdecl' }).read()).cardNo).toBe(PERSON.card_no);
  });

  it('reads the same card from a UTF-8 double when the charset is utf8', async () => {
    double.set({ mode: 'present', charset: 'utf8', ...PERSON });
    expect(card(await reader({ charset: 'utf8' }).read()).name).toBe('欧阳晓燕');
  });

  it('reports GBK output read as UTF-8 as unreadable, naming the charset', async () => {
    double.set({ mode: 'present', charset: 'gbk', ...PERSON });
    const e = await failure(reader({ charset: 'utf8' }).read());
    expect(e.code).toBe('E_DEVICE_UNREADABLE');
    expect(e.messageZh).toContain('UTF-8');
    expect(e.messageZh).toContain('字符集');
  });

  it('reads the e-certificate through GetQRBase, giving the DLL the read time less a margin', async () => {
    double.set({ mode: 'present', ...PERSON });
    const started = performance.now();
    const result = await reader({ timeoutMs: 10_000 }).read({ credential: 'ec' });
    const took = performance.now() - started;
    expect(result.credential).toEqual({
      kind: 'ec',
      ec: { ecToken: PERSON.ec_token, idNo: PERSON.certno, idType: '01', userName: '欧阳晓燕', insuOrg: '420100' },
    });
    const qr = double.calls().find((c) => c.call.startsWith('GetQRBase'));
    // 10 s less the 2 s margin, less whatever the host start and Init used before the call (at most the
    // whole read's time): a bound that holds on a slow machine too.
    const seconds = Number(/timeout=(\d+)/.exec(qr?.call ?? '')?.[1]);
    expect(seconds).toBeLessThanOrEqual(8);
    expect(seconds).toBeGreaterThanOrEqual(Math.max(1, Math.floor((10_000 - 2_000 - took) / 1000)));
  });

  it('reads the e-certificate through NationEcTrans ec.query, sending the operator in GBK', async () => {
    double.set({ mode: 'present', ...PERSON });
    const r = reader({ ec: { ...EC, via: 'NationEcTrans' } });
    const result = await r.read({ credential: 'ec', operator: { opter: 'OP001', opterName: '张收费' } });
    expect(result.credential.kind).toBe('ec');
    const call = double.calls().find((c) => c.call.startsWith('NationEcTrans'));
    expect(call?.call).toContain('url=http://10.0.0.1/localcfc/api/hsecfc/localQrCodeQuery');
    expect(call?.call).toContain('"transType":"ec.query"');
    expect(call?.call).toContain('"businessType":"01301"');
  });

  it('reads the ID card (ReadSFZ) and checks its birth date against the number', async () => {
    double.set({ mode: 'present', ...PERSON });
    const result = await reader().read({ credential: 'id' });
    expect(result.credential).toEqual({
      kind: 'id',
      id: {
        idNumber: PERSON.certno,
        name: '欧阳晓燕',
        gender: '2',
        ethnicity: '汉',
        birthDate: '1980-01-01',
        address: '湖北省武汉市江岸区沿江大道1号',
      },
    });
  });

  it('obtains the 安全控件 medium for the visit’s last transaction', async () => {
    double.set({ mode: 'present', ...PERSON });
    const result = await reader({ safeMediumFunction: 'GetSafeMedium' }).read({ infno: '2207' });
    expect(result.safeInfo?.source).toBe('safe-medium');
    expect(result.safeInfo?.infno).toBe('2207');
    expect(result.safeInfo?.value).toMatch(/^SM1\.2207\.[0-9A-F]{32}$/);
    expect(double.calls().map((c) => c.call)).toContain('GetSafeMedium infno=2207');
  });

  it('two reads at once both complete, one after the other', async () => {
    double.set({ mode: 'slow', delay_ms: 200, ...PERSON });
    const r = reader();
    await r.read();
    const started = performance.now();
    const [a, b] = await Promise.all([r.read(), r.read()]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(card(a).cardNo).toBe(PERSON.card_no);
    expect(card(b).cardNo).toBe(PERSON.card_no);
    expect(double.calls().filter((c) => c.call.startsWith('ReadCardBas'))).toHaveLength(3);
  });
});

describe('no card, card removed, garbage, vendor errors', () => {
  it('no card: E_DEVICE_NO_CARD for card, QR and ID reads, keeping the vendor text in the detail', async () => {
    double.set({ mode: 'nocard', ...PERSON });
    const r = reader();
    const cardErr = await failure(r.read());
    expect(cardErr.code).toBe('E_DEVICE_NO_CARD');
    expect(cardErr.messageZh).toContain('没有社保卡');
    expect(cardErr.detail).toEqual({ vendorCode: -11, vendorMessage: '未检测到卡片, 请插入社保卡' });
    expect((await failure(r.read({ credential: 'ec' }))).messageZh).toContain('电子凭证');
    expect((await failure(r.read({ credential: 'id' }))).messageZh).toContain('身份证');
  });

  it('card removed mid-read: E_DEVICE_CARD_REMOVED', async () => {
    double.set({ mode: 'removed', ...PERSON });
    const e = await failure(reader().read());
    expect(e.code).toBe('E_DEVICE_CARD_REMOVED');
    expect(e.detail).toMatchObject({ vendorCode: -13 });
  });

  it('card removed without the DLL noticing (success with half the data): unreadable, never half a person', async () => {
    double.set({ mode: 'truncated', ...PERSON });
    const e = await failure(reader().read());
    expect(e.code).toBe('E_DEVICE_UNREADABLE');
    expect(e.messageZh).toContain('11 个字段');
    expect(JSON.stringify(e.detail)).not.toContain(PERSON.certno);
  });

  it('garbage bytes with a success code: unreadable in either charset', async () => {
    double.set({ mode: 'garbage', ...PERSON });
    for (const charset of ['gbk', 'utf8'] as const) {
      const e = await failure(reader({ charset }).read());
      expect(e.code).toBe('E_DEVICE_UNREADABLE');
      expect(e.messageZh).toContain('不是有效的');
    }
    const ec = await failure(reader({ ec: { ...EC, via: 'NationEcTrans' } }).read({ credential: 'ec' }));
    expect(ec.code).toBe('E_DEVICE_UNREADABLE');
  });

  it('a vendor error code comes with its GBK message decoded', async () => {
    double.set({ mode: 'error', error_code: -27, error_msg: '读卡器通讯失败 (COM3)', ...PERSON });
    const e = await failure(reader().read());
    expect(e.code).toBe('E_DEVICE_VENDOR_ERROR');
    expect(e.messageZh).toBe('读卡器返回错误 -27 (ReadCardBas): 读卡器通讯失败 (COM3)');
    expect(e.detail).toMatchObject({ function: 'ReadCardBas', vendorCode: -27 });
  });

  it('NationEcTrans failure: its code and message', async () => {
    double.set({ mode: 'error', error_code: 2003, error_msg: '电子凭证已过期', ...PERSON });
    const e = await failure(reader({ ec: { ...EC, via: 'NationEcTrans' } }).read({ credential: 'ec' }));
    expect(e.code).toBe('E_DEVICE_VENDOR_ERROR');
    expect(e.messageZh).toContain('2003');
    expect(e.messageZh).toContain('电子凭证已过期');
  });

  it('Init failing is reported and retried on the next read', async () => {
    double.set({ mode: 'present', init_rc: -5, ...PERSON });
    const r = reader();
    const e = await failure(r.read());
    expect(e.code).toBe('E_DEVICE_INIT_FAILED');
    expect(e.messageZh).toContain('-5');
    double.set({ mode: 'present', ...PERSON });
    expect(card(await r.read()).cardNo).toBe(PERSON.card_no);
  });
});

describe('slow and hung DLLs never block the counter', () => {
  it('a slow read (1.5 s) completes while the event loop keeps running', async () => {
    double.set({ mode: 'slow', delay_ms: 1500, ...PERSON });
    const r = reader({ timeoutMs: 5000 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const started = performance.now();
    try {
      expect(card(await r.read()).cardNo).toBe(PERSON.card_no);
    } finally {
      clearInterval(timer);
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual(1400);
    // 1.5 s of 20 ms ticks: a blocked loop would give at most one or two; a free but loaded one gives
    // fewer than the ideal 75, so only "clearly more than a blocked loop" is asserted.
    expect(ticks).toBeGreaterThan(10);
  });

  it('a hung DLL is stopped at the deadline, its host killed, and the next read starts afresh', async () => {
    const r = reader({ timeoutMs: 1000 });
    // The host is started and initialised first with time to spare, so the 1 s deadline falls on the hung
    // ReadCardBas itself and not on a host start that a loaded machine makes slow.
    double.set({ mode: 'present', ...PERSON });
    await r.read({ timeoutMs: 30_000 });
    double.set({ mode: 'slow', delay_ms: 60_000, ...PERSON });
    const started = performance.now();
    const e = await failure(r.read());
    const waited = performance.now() - started;
    expect(e.code).toBe('E_DEVICE_TIMEOUT');
    expect(e.messageZh).toContain('1 秒内没有响应 (ReadCardBas)');
    expect(waited).toBeGreaterThanOrEqual(950);
    // Stopped at the deadline, not when the DLL answers after 60 s; the margin is for a loaded machine.
    expect(waited).toBeLessThan(30_000);
    const hungPid = double.calls()[0]?.pid as number;

    // At once, while the killed host may still be exiting: its exit must not fail the new host's calls.
    double.set({ mode: 'present', ...PERSON });
    expect(card(await r.read({ timeoutMs: 30_000 })).cardNo).toBe(PERSON.card_no);
    expect(alive(hungPid)).toBe(false);
    const inits = double.calls().filter((c) => c.call.startsWith('Init'));
    expect(inits).toHaveLength(2);
    expect(inits[1]?.pid).not.toBe(hungPid);
  });

  it('the killed host’s exit does not fail the calls of the host that replaces it', async () => {
    double.set({ mode: 'slow', delay_ms: 60_000, ...PERSON });
    const host = new DllHostProcess({ libraryPath: native.reader, env: double.env });
    try {
      await host.load(5000);
      await host.call(initCall('stdcall', Uint8Array.of(0), Uint8Array.of(0)), 5000);
      const hung = host.pid;
      expect((await failure(host.call(readCardCall('stdcall'), 300))).code).toBe('E_DEVICE_TIMEOUT');
      // Same tick as the kill: the old host has not exited yet when the new one gets its first request.
      await host.load(5000);
      expect(host.pid).not.toBe(hung);
      expect(host.generation).toBe(2);
    } finally {
      host.kill();
    }
  });

  it('a cancelled read stops the DLL at once', async () => {
    double.set({ mode: 'slow', delay_ms: 60_000, ...PERSON });
    const controller = new AbortController();
    const r = reader({ timeoutMs: 30_000 });
    const reads = readsLogged();
    const pending = failure(r.read({ signal: controller.signal }));
    await waitFor('the DLL inside ReadCardBas', () => readsLogged() > reads);
    const cancelled = performance.now();
    controller.abort();
    const e = await pending;
    expect(e.code).toBe('E_DEVICE_CANCELLED');
    // Far below both the DLL's 60 s and the reader's 30 s deadline: stopped, not waited out (no
    // tighter bound: on a loaded machine killing and reporting a host can take a few seconds).
    expect(performance.now() - cancelled).toBeLessThan(15_000);
  });

  it('a DLL that crashes takes only its host down: reported, and the next read works', async () => {
    double.set({ mode: 'crash', ...PERSON });
    const r = reader();
    const e = await failure(r.read());
    expect(e.code).toBe('E_DEVICE_HOST_CRASHED');
    expect(e.detail).toMatchObject({ signal: 'SIGSEGV' });
    double.set({ mode: 'present', ...PERSON });
    expect(card(await r.read()).cardNo).toBe(PERSON.card_no);
  });
});

describe('the socket transport (the 32-bit host’s and Wine’s), with a Node of this machine', () => {
  it('reads the card and the 安全控件 medium the same as over the IPC channel, and stops a hung call', async () => {
    const runtime: HostRuntime = {
      ...sameProcessRuntime(),
      launcher: () => socketHostLauncher({ file: process.execPath, args: [] }),
    };
    double.set({ mode: 'present', ...PERSON });
    const r = reader({ runtimes: [runtime], safeMediumFunction: 'GetSafeMedium' });
    const result = await r.read({ infno: '2207' });
    expect(card(result).name).toBe('欧阳晓燕');
    expect(result.safeInfo?.value).toMatch(/^SM1\.2207\.[0-9A-F]{32}$/);
    double.set({ mode: 'slow', delay_ms: 60_000, ...PERSON });
    expect((await failure(r.read({ timeoutMs: 1000 }))).code).toBe('E_DEVICE_TIMEOUT');
    double.set({ mode: 'present', ...PERSON });
    expect(card(await r.read()).cardNo).toBe(PERSON.card_no);
    expect(double.calls().filter((c) => c.call.startsWith('Init'))).toHaveLength(2);
  });
});

describe('the library itself', () => {
  it('DLL not found', async () => {
    const e = await failure(reader({ path: join(temp.dir, 'SSCard.dll') }).read());
    expect(e.code).toBe('E_DEVICE_DLL_NOT_FOUND');
    expect(e.messageZh).toContain('SSCard.dll');
  });

  it('no DLL configured', async () => {
    const e = await failure(reader({ path: '' }).read());
    expect(e.code).toBe('E_DEVICE_NOT_CONFIGURED');
    expect(e.detail).toEqual({ setting: 'devices.dll.path' });
  });

  it('a 32-bit library in this 64-bit process: says so and what to do, before trying to load it', async () => {
    // A real -m32 build when the toolchain has it (it does on the project's Debian machines), else a 32-bit ELF header.
    const path = native.ia32 ?? join(temp.dir, 'lib32.so');
    if (!native.ia32) writeFileSync(path, crafted32BitElf());
    const e = await failure(reader({ path }).read());
    expect(e.code).toBe('E_DEVICE_DLL_ARCH');
    expect(e.messageZh).toContain('32 位');
    expect(e.messageZh).toContain('64 位程序');
    expect(e.messageZh).toContain('ia32');
    expect(e.detail).toMatchObject({ libraryArch: 'ia32', libraryBits: 32, processArch: process.arch });
  });

  it('a library without ReadCardBas: the missing function by name', async () => {
    double.set({ mode: 'present', ...PERSON });
    const e = await failure(reader({ path: native.noReadCard }).read());
    expect(e.code).toBe('E_DEVICE_FUNCTION_MISSING');
    expect(e.messageZh).toContain('ReadCardBas');
    expect(e.detail).toMatchObject({ function: 'ReadCardBas' });
  });

  it('a file that is not a library for this system (a Windows DLL here)', async () => {
    const path = join(temp.dir, 'SSCard-win.dll');
    writeFileSync(path, craftedPe(0x014c));
    const e = await failure(reader({ path }).read());
    expect(e.code).toBe('E_DEVICE_DLL_INVALID');
    expect(e.messageZh).toContain('Windows 的 DLL');
  });

  it('closing the reader during a read ends that read as closed', async () => {
    double.set({ mode: 'slow', delay_ms: 60_000, ...PERSON });
    const r = reader();
    const reads = readsLogged();
    const pending = r.read();
    await waitFor('the DLL inside ReadCardBas', () => readsLogged() > reads);
    await r.close();
    expect((await failure(pending)).code).toBe('E_DEVICE_CLOSED');
  });

  it('a closed reader refuses to read', async () => {
    const r = reader();
    await r.close();
    expect((await failure(r.read())).code).toBe('E_DEVICE_CLOSED');
  });
});

/** ReadCardBas calls the double has logged so far (it logs on entry, before any delay). */
function readsLogged(): number {
  return double.calls().filter((c) => c.call.startsWith('ReadCardBas')).length;
}

function crafted32BitElf(): Buffer {
  const b = Buffer.alloc(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  b.writeUInt16LE(3, 16);
  b.writeUInt16LE(3, 18);
  return b;
}

function craftedPe(machine: number): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(machine, 0x84);
  return b;
}
