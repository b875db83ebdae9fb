/**
 * The Windows DLL host under Wine (tests/windows): node.exe (win-x64) with koffi's win32 build, laid out
 * and checked by `node scripts/win-node.mjs wine`, which writes the manifest read here. The host is the
 * real src-main/devices/dll/dll-host.mjs, started through the same socket launcher as the 32-bit host
 * on a counter PC; wine64 runs it with its output in a file (Node under Wine dies with EBADF on pipes).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { HostRuntime } from '../../src-main/devices/dll/host-runtime';
import { socketHostLauncher } from '../../src-main/devices/dll/socket-launcher';

export interface WineNode {
  readonly wine64: string;
  readonly wineVersion: string;
  readonly prefix: string;
  readonly nodeExe: string;
  readonly koffiEntry: string;
  /** The 32-bit host as the Windows build ships it (node.exe, node_modules/koffi). */
  readonly ia32HostDir: string;
  /** How to run it, when this machine can run 32-bit Windows programs. */
  readonly ia32: { readonly wine: string } | null;
  /** Why it cannot, by name. */
  readonly ia32Skipped: string | null;
}

const MANIFEST = join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'yibao-counter', 'wine-node.json');

export function wineNode(): WineNode {
  if (!existsSync(MANIFEST)) {
    throw new Error(`${MANIFEST} missing: run \`node scripts/win-node.mjs wine\` first (npm run test:windows does)`);
  }
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as WineNode;
}

/** A host runtime that runs `nodeExe` under `wine` as a Windows process of `arch`. */
export function wineRuntime(wine: WineNode, outputDir: string, arch: 'x64' | 'ia32' = 'x64'): HostRuntime {
  const ia32 = arch === 'ia32';
  const launcher = socketHostLauncher({
    file: ia32 ? (wine.ia32?.wine ?? '/usr/lib/wine/wine') : wine.wine64,
    args: [ia32 ? join(wine.ia32HostDir, 'node.exe') : wine.nodeExe],
    env: { WINEPREFIX: wine.prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' },
    outputDir,
  });
  return {
    platform: 'win32',
    arch,
    launcher: () => launcher,
    koffiEntry: ia32 ? join(wine.ia32HostDir, 'node_modules', 'koffi') : wine.koffiEntry,
    // The DLL's folder is the host's working directory, which Windows searches for its companions.
    searchPath: null,
  };
}
