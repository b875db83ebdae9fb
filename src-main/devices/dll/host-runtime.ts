/**
 * Which process loads a vendor DLL. A library loads only into a process of its own machine: the 64-bit
 * counter loads a 64-bit DLL in a host started like itself (host-launcher.ts), and a 32-bit (PE32) DLL
 * — what most card-reader vendors ship — in the 32-bit Node the Windows build puts under
 * resources/dll-host-ia32 (node-win-x86 and koffi's win32-ia32 build, electron-builder.yml), which talks
 * to the counter over loopback (socket-launcher.ts). The host protocol is the same for both.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { checkLibraryLoadable } from '../library-arch';
import { hostLauncher, type HostLauncher } from './host-launcher';
import { hostProgramMissing, socketHostLauncher } from './socket-launcher';

export interface HostRuntime {
  /** What libraries the host process loads: its OS and machine (process.platform / process.arch terms). */
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /** Read when a host starts: the Electron shell replaces the process-wide launcher after start-up. */
  launcher(): HostLauncher;
  /** koffi's entry, as a path the host process can require. */
  readonly koffiEntry: string;
  /** The variable that lists library folders, where the DLL's folder is put first; null: leave it. */
  readonly searchPath: { readonly name: string; readonly delimiter: string } | null;
}

/** A host like this process: same Node (or Electron), same koffi. */
export function sameProcessRuntime(): HostRuntime {
  const win = process.platform === 'win32';
  return {
    platform: process.platform,
    arch: process.arch,
    launcher: hostLauncher,
    koffiEntry: createRequire(import.meta.url).resolve('koffi'),
    searchPath: { name: win ? 'PATH' : 'LD_LIBRARY_PATH', delimiter: win ? ';' : ':' },
  };
}

/** Where the Windows build puts the 32-bit host: resources/dll-host-ia32/{node.exe,node_modules/koffi}. */
export const IA32_HOST_DIR = 'dll-host-ia32';

/** The 32-bit Node host shipped under `resourcesPath` (checked when it starts, not here). */
export function ia32SidecarRuntime(resourcesPath: string): HostRuntime {
  const dir = join(resourcesPath, IA32_HOST_DIR);
  const nodeExe = join(dir, 'node.exe');
  const launcher = socketHostLauncher({
    file: nodeExe,
    args: [],
    check: () => {
      if (!existsSync(nodeExe)) throw hostProgramMissing('32 位读卡组件', nodeExe);
    },
  });
  return {
    platform: 'win32',
    arch: 'ia32',
    launcher: () => launcher,
    koffiEntry: join(dir, 'node_modules', 'koffi'),
    searchPath: { name: 'PATH', delimiter: ';' },
  };
}

/**
 * The hosts this counter can start, preferred first: its own kind, and on 64-bit Windows the 32-bit
 * sidecar (in the packaged app's resources; next to the executable when run unpackaged).
 */
export function defaultHostRuntimes(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
  resourcesPath: string | undefined = (process as { resourcesPath?: string }).resourcesPath,
): HostRuntime[] {
  const runtimes = [sameProcessRuntime()];
  if (platform === 'win32' && arch === 'x64' && resourcesPath) runtimes.push(ia32SidecarRuntime(resourcesPath));
  return runtimes;
}

/**
 * The first runtime whose process can load the library (its header read from disk); when none can,
 * the refusal for the preferred one (missing file, another OS's library, wrong machine and what to do).
 */
export async function chooseHostRuntime(path: string, runtimes: readonly HostRuntime[]): Promise<HostRuntime> {
  let refusal: unknown = null;
  for (const runtime of runtimes) {
    try {
      await checkLibraryLoadable(path, runtime.arch, runtime.platform);
      return runtime;
    } catch (e) {
      refusal ??= e;
    }
  }
  throw refusal ?? new Error('no DLL host runtime configured');
}
