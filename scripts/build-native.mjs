#!/usr/bin/env node
// `npm run build:native`: compiles the vendor-DLL test double (native/*.c) with the system C compiler
// ($CC or cc) into native/build/, and writes native/build/manifest.json naming what was built.
//   libyibao_reader_double   the reader / e-certificate / security-control double (protocol.md §4)
//   libyibao_no_readcard     a reader library without ReadCardBas ("function missing")
//   libyibao_arch_ia32       a real 32-bit library (-m32, no libc), when the toolchain can target i386
// and, when MinGW is installed (gcc-mingw-w64-x86-64, gcc-mingw-w64-i686), the same double as Windows DLLs
// in the export shapes vendors ship (run under Wine by tests/windows, see scripts/wine-node.mjs):
//   yibao_reader_double_x64.dll         x64 (one calling convention, names undecorated)
//   yibao_no_readcard_x64.dll           x64, without ReadCardBas
//   yibao_reader_double_ia32.dll        32-bit __stdcall, undecorated names (`Name`, as with /DEF or --kill-at)
//   yibao_reader_double_msvc_ia32.dll   32-bit __stdcall, MSVC-decorated names (`_Name@N`)
// Up-to-date outputs are kept; each output is written to a temporary name and renamed, so test files
// building at the same time never load half a library. On Windows the real vendor DLL is configured
// instead, and this script only says so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, 'native');
const buildDir = join(nativeDir, 'build');
const cc = process.env.CC || 'cc';
const ext = process.platform === 'darwin' ? 'dylib' : 'so';
const warnings = ['-O2', '-std=c11', '-Wall', '-Wextra', '-Werror'];
const common = ['-shared', '-fPIC', ...warnings, '-fvisibility=hidden'];
const MINGW = { x64: 'x86_64-w64-mingw32-gcc', ia32: 'i686-w64-mingw32-gcc' };
// --kill-at: export `Name` instead of MinGW's `Name@N` (a no-op for x64, which has no decoration).
const undecorated = ['-shared', ...warnings, '-Wl,--kill-at'];

const targets = [
  { key: 'reader', source: 'reader-double.c', out: `libyibao_reader_double.${ext}`, flags: [...common], libs: iconvLibs() },
  { key: 'noReadCard', source: 'no-readcard.c', out: `libyibao_no_readcard.${ext}`, flags: [...common], libs: [] },
  {
    key: 'ia32',
    source: 'arch-probe.c',
    out: `libyibao_arch_ia32.${ext}`,
    // No libc: 64-bit toolchains often lack the 32-bit crt files but can still emit a 32-bit object.
    flags: ['-m32', '-shared', '-fPIC', '-O2', '-nostdlib'],
    libs: [],
    optional: true,
  },
  {
    key: 'readerWinX64',
    cc: MINGW.x64,
    source: 'reader-double.c',
    out: 'yibao_reader_double_x64.dll',
    flags: undecorated,
    libs: [],
    optional: true,
  },
  {
    key: 'noReadCardWinX64',
    cc: MINGW.x64,
    source: 'no-readcard.c',
    out: 'yibao_no_readcard_x64.dll',
    flags: undecorated,
    libs: [],
    optional: true,
  },
  {
    key: 'readerWinIa32',
    cc: MINGW.ia32,
    source: 'reader-double.c',
    out: 'yibao_reader_double_ia32.dll',
    flags: undecorated,
    libs: [],
    optional: true,
  },
  {
    key: 'readerWinIa32Msvc',
    cc: MINGW.ia32,
    source: 'reader-double.c',
    out: 'yibao_reader_double_msvc_ia32.dll',
    flags: ['-shared', ...warnings, '-DYIBAO_DEF_EXPORTS'],
    libs: [join(nativeDir, 'reader-double-msvc.def')],
    optional: true,
  },
];

function iconvLibs() {
  return process.platform === 'darwin' ? ['-liconv'] : [];
}

function compilerVersion(compiler = cc) {
  const r = spawnSync(compiler, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : null;
}

function upToDate(out, source) {
  if (!existsSync(out)) return false;
  const built = statSync(out).mtimeMs;
  return built >= statSync(source).mtimeMs && built >= statSync(fileURLToPath(import.meta.url)).mtimeMs;
}

function compile(target) {
  const source = join(nativeDir, target.source);
  const out = join(buildDir, target.out);
  if (upToDate(out, source) && target.libs.every((lib) => !lib.endsWith('.def') || upToDate(out, lib))) {
    return { path: out, built: false };
  }
  const tmp = `${out}.tmp-${process.pid}`;
  const r = spawnSync(target.cc ?? cc, [...target.flags, '-o', tmp, source, ...target.libs], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(tmp, { force: true });
    return { error: (r.stderr || r.error?.message || `exit ${r.status}`).trim() };
  }
  renameSync(tmp, out);
  return { path: out, built: true };
}

if (process.platform === 'win32') {
  console.log('build:native: on Windows the counter uses the vendor DLL configured in devices.dll.path; nothing to build');
  process.exit(0);
}
const version = compilerVersion();
if (!version) {
  console.error(`build:native: no C compiler (${cc}); install build-essential`);
  process.exit(1);
}
mkdirSync(buildDir, { recursive: true });
const manifest = { compiler: version, platform: process.platform, arch: process.arch };
let failed = false;
for (const target of targets) {
  // A missing cross compiler is a skip with its name, not a compile error to parse.
  const result = target.cc && !compilerVersion(target.cc) ? { error: `${target.cc} not installed` } : compile(target);
  if (result.error) {
    manifest[target.key] = null;
    manifest[`${target.key}Skipped`] = result.error.split('\n').slice(-3).join(' ');
    if (target.optional) {
      const why = target.cc ? `${target.cc} not installed` : `${cc} ${target.flags[0]} unavailable here`;
      console.log(`build:native: ${target.out} skipped (${why})`);
    } else {
      console.error(`build:native: ${target.source} failed:\n${result.error}`);
      failed = true;
    }
    continue;
  }
  manifest[target.key] = result.path;
  if (result.built) console.log(`build:native: ${target.out}`);
}
writeFileSync(join(buildDir, `manifest.json.tmp-${process.pid}`), JSON.stringify(manifest, null, 2) + '\n');
renameSync(join(buildDir, `manifest.json.tmp-${process.pid}`), join(buildDir, 'manifest.json'));
process.exit(failed ? 1 : 0);
