/**
 * The 32-bit DLL host as the Windows build ships it: `node scripts/win-node.mjs host-ia32` (run by
 * `npm run dist:win`) lays out node-win-x86 and koffi's win32-ia32 build, electron-builder copies that
 * folder to resources/dll-host-ia32. The stage prepared the same layout in its cache with the same
 * function; here it is put where the packaged app has it and checked from the counter's side: the
 * runtime the 64-bit app picks for a PE32 DLL finds a 32-bit node.exe and a 32-bit koffi there.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseHostRuntime, defaultHostRuntimes, IA32_HOST_DIR } from '../../src-main/devices/dll/host-runtime';
import { readLibraryHeader } from '../../src-main/devices/library-arch';
import { DllReader } from '../../src-main/devices/dll/dll-reader';
import { isDeviceError } from '../../src-main/devices/device-errors';
import { buildNativeDouble, DOUBLE_EC } from '../helpers/devices-native';
import { rejectionOf } from '../helpers/rejection';
import { makeTempDir } from '../helpers/temp-dir';
import { wineNode } from '../helpers/wine-host';

let temp: ReturnType<typeof makeTempDir>;
let resources: string;

beforeAll(() => {
  temp = makeTempDir('yibao-ia32-layout-');
  resources = join(temp.dir, 'resources');
  // Copied as electron-builder.yml's extraResources says.
  const extra = (load(readFileSync('electron-builder.yml', 'utf8')) as { extraResources: { from: string; to: string }[] })
    .extraResources;
  const entry = extra.find((r) => r.from === 'build/dll-host-ia32');
  if (!entry) throw new Error('electron-builder.yml does not ship build/dll-host-ia32');
  cpSync(wineNode().ia32HostDir, join(resources, entry.to), { recursive: true });
});
afterAll(() => temp.cleanup());

describe('the packaged 32-bit DLL host', () => {
  it('is a 32-bit node.exe (PE32, i386) of Node 22 with koffi’s 32-bit Windows module beside it', async () => {
    const dir = join(resources, IA32_HOST_DIR);
    expect(await readLibraryHeader(join(dir, 'node.exe'))).toMatchObject({ format: 'pe', arch: 'ia32', bits: 32 });
    const koffiNode = join(dir, 'node_modules', '@koromix', 'koffi-win32-ia32', 'win32_ia32', 'koffi.node');
    expect(await readLibraryHeader(koffiNode)).toMatchObject({ format: 'pe', arch: 'ia32', bits: 32 });
    const versions = JSON.parse(readFileSync(join(dir, 'versions.json'), 'utf8')) as { node: string; koffi: string };
    expect(versions.node).toMatch(/^22\./);
    const projectKoffi = JSON.parse(readFileSync('node_modules/koffi/package.json', 'utf8')) as { version: string };
    expect(versions.koffi).toBe(projectKoffi.version);
  });

  it('is what the 64-bit counter picks for a PE32 vendor DLL, with koffi where the host requires it', async () => {
    const native = buildNativeDouble();
    const runtimes = defaultHostRuntimes('win32', 'x64', resources);
    // This process is Linux, so only the 32-bit runtime can take a Windows DLL here: it must be the one.
    const chosen = await chooseHostRuntime(native.readerWinIa32Msvc as string, runtimes);
    expect(chosen).toBe(runtimes[1]);
    expect(chosen).toMatchObject({ platform: 'win32', arch: 'ia32' });
    expect(existsSync(join(chosen.koffiEntry, 'package.json'))).toBe(true);
  });

  it('missing from an incomplete installation: the read says so instead of a spawn error', async () => {
    const native = buildNativeDouble();
    const reader = new DllReader({
      path: native.readerWinIa32 as string,
      convention: 'stdcall',
      charset: 'gbk',
      initUrl: '',
      initUser: '',
      defaultCredential: 'card',
      ec: DOUBLE_EC,
      safeMediumFunction: null,
      timeoutMs: 5000,
      runtimes: defaultHostRuntimes('win32', 'x64', join(temp.dir, 'broken-install')),
    });
    try {
      const e = await rejectionOf(reader.read(), isDeviceError);
      expect(e.code).toBe('E_DEVICE_DLL_LOAD');
      expect(e.messageZh).toContain('32 位读卡组件');
      expect(e.messageZh).toContain('请重新安装');
    } finally {
      await reader.close();
    }
  });
});
