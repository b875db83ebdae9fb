/**
 * The Windows side of the vendor-DLL path, run under Wine (`npm run test:windows`, a stage of `npm test`):
 * the real DLL host (dll-host.mjs) in node.exe win-x64 with koffi's win32 build, loading the MinGW build
 * of the vendor double (native/, scripts/build-native.mjs), driven by the counter's DllReader. The same
 * behaviours as tests/integration/devices-dll.test.ts against the .so, where they apply to Windows, and
 * the 32-bit path: a PE32 DLL goes to the 32-bit host; that run needs a machine that executes 32-bit
 * x86 code, and is reported as skipped, with the reason, where it cannot run.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DllReader, type DllReaderOptions } from '../../src-main/devices/dll/dll-reader';
import { DllHostProcess } from '../../src-main/devices/dll/host-process';
import { chooseHostRuntime, type HostRuntime } from '../../src-main/devices/dll/host-runtime';
import { initCall, readCardCall } from '../../src-main/devices/dll/vendor-api';
import { isDeviceError } from '../../src-main/devices/device-errors';
import * as doubles from '../helpers/devices-native';
import { makeTempDir } from '../helpers/temp-dir';
import { rejectionOf } from '../helpers/rejection';
import { waitFor } from '../helpers/wait-for';
import { wineNode, wineRuntime } from '../helpers/wine-host';

const PERSON = doubles.DOUBLE_PERSON;
const wine = wineNode();
/** Far above a Wine start on a loaded machine (seconds); the deadline itself is tested with its own budget. */
const READ_BUDGET_MS = 60_000;

let native: doubles.NativeBuild;
let temp: ReturnType<typeof makeTempDir>;
let double: doubles.DoubleControl;
let x64: HostRuntime;
let ia32: HostRuntime;
const readers: DllReader[] = [];
const timings: string[] = [];

function dll(key: 'readerWinX64' | 'noReadCardWinX64' | 'readerWinIa32' | 'readerWinIa32Msvc'): string {
  const path = native[key];
  if (!path) throw new Error(`native/build has no ${key}: install gcc-mingw-w64-x86-64 and gcc-mingw-w64-i686`);
  return path;
}

beforeAll(() => {
  native = doubles.buildNativeDouble();
  temp = makeTempDir('yibao-wine-dll-');
  double = new doubles.DoubleControl(temp.dir);
  x64 = wineRuntime(wine, temp.dir, 'x64');
  ia32 = wineRuntime(wine, temp.dir, 'ia32');
});
afterEach(async () => {
  for (const r of readers.splice(0)) await r.close();
  double.clearLog();
});
afterAll(() => {
  temp.cleanup();
  console.log(`Wine DLL host timings (${wine.wineVersion}, node.exe win-x64):\n  ${timings.join('\n  ')}`);
});

function reader(options: Partial<DllReaderOptions> = {}): DllReader {
  const r = new DllReader({
    ...doubles.doubleReaderOptions(dll('readerWinX64'), double.env, READ_BUDGET_MS),
    runtimes: [x64],
    ...options,
  });
  readers.push(r);
  return r;
}

const failure = (p: Promise<unknown>) => rejectionOf(p, isDeviceError);

const card = doubles.cardOf;

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  timings.push(`${what}: ${Math.round(performance.now() - started)} ms`);
  return result;
}

const alive = doubles.processAlive;

describe('the DLL host in node.exe under Wine, x64 double', () => {
  it('reads the GBK card string into typed fields, Init once with the configured arguments', async () => {
    double.set({ mode: 'present', charset: 'gbk', ...PERSON });
    const r = reader();
    const first = await timed('first read (Wine start, node.exe, load, Init, ReadCardBas)', () => r.read());
    expect(card(first)).toMatchObject({
      issuingArea: '420100',
      socialSecurityNo: PERSON.certno,
      cardNo: PERSON.card_no,
      cardSn: PERSON.card_sn,
      name: '欧阳晓燕',
      expiryDate: '2029-03-01',
    });
    expect(first.safeInfo?.value).toMatch(/^RZ[0-9A-F]{32}$/);
    for (let i = 0; i < 3; i++) await timed(`warm read ${i + 1}`, () => r.read());
    const calls = double.calls();
    expect(calls.map((c) => c.call)).toEqual([
      'Init url=http://10.0.0.1:8080/init user=420100',
      ...Array<string>(4).fill('ReadCardBas buffers=1024/1024'),
    ]);
    // One Windows process served every call.
    expect(new Set(calls.map((c) => c.pid)).size).toBe(1);
  });

  it('reads the e-certificate through GetQRBase and through NationEcTrans (operator sent in GBK)', async () => {
    double.set({ mode: 'present', ...PERSON });
    const qr = await reader().read({ credential: 'ec' });
    expect(qr.credential).toEqual({
      kind: 'ec',
      ec: { ecToken: PERSON.ec_token, idNo: PERSON.certno, idType: '01', userName: '欧阳晓燕', insuOrg: '420100' },
    });
    const trans = await reader({ ec: { ...doubles.DOUBLE_EC, via: 'NationEcTrans' } }).read({
      credential: 'ec',
      operator: { opter: 'OP001', opterName: '张收费' },
    });
    expect(trans.credential).toEqual(qr.credential);
    const call = double.calls().find((c) => c.call.startsWith('NationEcTrans'));
    expect(call?.call).toContain('"transType":"ec.query"');
  });

  it('obtains the 安全控件 medium for the transaction', async () => {
    double.set({ mode: 'present', ...PERSON });
    const result = await reader({ safeMediumFunction: 'GetSafeMedium' }).read({ infno: '2207' });
    expect(result.safeInfo).toMatchObject({ source: 'safe-medium', infno: '2207' });
    expect(result.safeInfo?.value).toMatch(/^SM1\.2207\.[0-9A-F]{32}$/);
  });

  it('reads the ID card with its GBK name and address', async () => {
    double.set({ mode: 'present', ...PERSON });
    const result = await reader().read({ credential: 'id' });
    expect(result.credential).toMatchObject({
      kind: 'id',
      id: { name: '欧阳晓燕', gender: '2', ethnicity: '汉', address: '湖北省武汉市江岸区沿江大道1号' },
    });
  });

  it('no card, and a vendor error code with its GBK message', async () => {
    double.set({ mode: 'nocard', ...PERSON });
    const r = reader();
    const none = await failure(r.read());
    expect(none.code).toBe('E_DEVICE_NO_CARD');
    expect(none.detail).toEqual({ vendorCode: -11, vendorMessage: '未检测到卡片, 请插入社保卡' });
    double.set({ mode: 'error', error_code: -27, error_msg: '读卡器通讯失败 (COM3)', ...PERSON });
    const e = await failure(r.read());
    expect(e.code).toBe('E_DEVICE_VENDOR_ERROR');
    expect(e.messageZh).toBe('读卡器返回错误 -27 (ReadCardBas): 读卡器通讯失败 (COM3)');
  });

  it('a hung DLL: the host is killed at the deadline and the next read starts a new one', async () => {
    double.set({ mode: 'present', ...PERSON });
    const host = new DllHostProcess({ libraryPath: dll('readerWinX64'), env: double.env, runtime: x64 });
    try {
      await host.load(READ_BUDGET_MS);
      await host.call(initCall('stdcall', Uint8Array.of(0), Uint8Array.of(0)), READ_BUDGET_MS);
      const hung = host.pid as number;
      double.set({ mode: 'slow', delay_ms: 60_000, ...PERSON });
      const started = performance.now();
      const e = await failure(host.call(readCardCall('stdcall'), 3000));
      const waited = performance.now() - started;
      timings.push(`hung call stopped after ${Math.round(waited)} ms (deadline 3000 ms)`);
      expect(e.code).toBe('E_DEVICE_TIMEOUT');
      expect(waited).toBeGreaterThanOrEqual(2950);
      expect(waited).toBeLessThan(4000);
      // The Wine process that ran node.exe is gone, not left blocked in the DLL.
      await waitFor('the hung host to exit', () => !alive(hung));

      double.set({ mode: 'present', ...PERSON });
      await host.load(READ_BUDGET_MS);
      expect(host.pid).not.toBe(hung);
      expect(host.generation).toBe(2);
      await host.call(initCall('stdcall', Uint8Array.of(0), Uint8Array.of(0)), READ_BUDGET_MS);
      const r = await host.call(readCardCall('stdcall'), READ_BUDGET_MS);
      expect(r.result).toBe(0);
    } finally {
      host.kill();
    }
    const inits = double.calls().filter((c) => c.call.startsWith('Init'));
    expect(inits).toHaveLength(2);
    expect(inits[1]?.pid).not.toBe(inits[0]?.pid);
  });

  it('a DLL that crashes (access violation) takes only its host down; the next read works', async () => {
    double.set({ mode: 'crash', ...PERSON });
    const r = reader();
    const e = await failure(r.read());
    expect(e.code).toBe('E_DEVICE_HOST_CRASHED');
    double.set({ mode: 'present', ...PERSON });
    expect(card(await r.read()).cardNo).toBe(PERSON.card_no);
  });
});

describe('the library itself, on Windows', () => {
  it('DLL not found', async () => {
    const e = await failure(reader({ path: join(temp.dir, 'SSCard.dll') }).read());
    expect(e.code).toBe('E_DEVICE_DLL_NOT_FOUND');
    expect(e.messageZh).toContain('SSCard.dll');
  });

  it('a DLL without ReadCardBas: the missing function by name', async () => {
    double.set({ mode: 'present', ...PERSON });
    const e = await failure(reader({ path: dll('noReadCardWinX64') }).read());
    expect(e.code).toBe('E_DEVICE_FUNCTION_MISSING');
    expect(e.detail).toMatchObject({ function: 'ReadCardBas' });
  });

  it('a 32-bit DLL loaded into the 64-bit node.exe fails with koffi’s own message', async () => {
    const host = new DllHostProcess({ libraryPath: dll('readerWinIa32'), env: double.env, runtime: x64 });
    try {
      const e = await failure(host.load(READ_BUDGET_MS));
      expect(e.code).toBe('E_DEVICE_DLL_LOAD');
      expect(e.messageZh).toContain("Cannot load 'Intel 386+' DLL in 'AMD x64' process");
    } finally {
      host.kill();
    }
  });

  it('a 32-bit DLL with no 32-bit host available is refused from its header, before any load', async () => {
    const e = await failure(reader({ path: dll('readerWinIa32'), runtimes: [x64] }).read());
    expect(e.code).toBe('E_DEVICE_DLL_ARCH');
    expect(e.detail).toMatchObject({ libraryArch: 'ia32', libraryBits: 32, processArch: 'x64' });
    expect(double.calls()).toEqual([]);
  });
});

describe('32-bit vendor DLLs from the 64-bit counter', () => {
  it('the PE header sends each DLL to the host of its machine', async () => {
    const runtimes = [x64, ia32];
    expect(await chooseHostRuntime(dll('readerWinX64'), runtimes)).toBe(x64);
    expect(await chooseHostRuntime(dll('readerWinIa32'), runtimes)).toBe(ia32);
    expect(await chooseHostRuntime(dll('readerWinIa32Msvc'), runtimes)).toBe(ia32);
  });

  it('the 32-bit doubles export the names vendors ship: `Name`, and MSVC’s `_Name@N`', () => {
    expect(exportsOf(dll('readerWinIa32'))).toEqual([
      'GetQRBase',
      'GetSafeMedium',
      'Init',
      'NationEcTrans',
      'ReadCardBas',
      'ReadSFZ',
    ]);
    expect(exportsOf(dll('readerWinIa32Msvc'))).toEqual([
      '_GetQRBase@20',
      '_GetSafeMedium@12',
      '_Init@8',
      '_NationEcTrans@12',
      '_ReadCardBas@16',
      '_ReadSFZ@16',
    ]);
  });

  const skipped = wine.ia32 ? '' : ` — SKIPPED here: ${wine.ia32Skipped ?? 'no 32-bit Wine'}`;
  for (const [shape, key] of [
    ['undecorated __stdcall', 'readerWinIa32'],
    ['MSVC-decorated __stdcall', 'readerWinIa32Msvc'],
  ] as const) {
    it.skipIf(!wine.ia32)(
      `reads the card, the ID card and the 安全控件 medium through the 32-bit host (${shape})${skipped}`,
      async () => {
        double.set({ mode: 'present', ...PERSON });
        const r = reader({ path: dll(key), runtimes: [x64, ia32], safeMediumFunction: 'GetSafeMedium' });
        const result = await timed(`32-bit first read (${shape})`, () => r.read({ infno: '2207' }));
        expect(card(result).name).toBe('欧阳晓燕');
        expect(result.safeInfo?.value).toMatch(/^SM1\.2207\./);
        expect((await r.read({ credential: 'id' })).credential).toMatchObject({ id: { name: '欧阳晓燕' } });
      },
    );
  }
});

/** The export names of a PE DLL, sorted (binutils' objdump from the MinGW toolchain). */
function exportsOf(path: string): string[] {
  const r = spawnSync('x86_64-w64-mingw32-objdump', ['-p', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`objdump failed: ${r.stderr}`);
  const table = r.stdout.split('[Ordinal/Name Pointer] Table')[1] ?? '';
  return [...table.matchAll(/^\s+\[\s*\d+\]\s+(\S+)$/gm)].map((m) => m[1] as string).sort();
}
