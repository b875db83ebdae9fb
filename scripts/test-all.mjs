#!/usr/bin/env node
// `npm test`: every check the project has, in one command (the README's second command,
// and what .ci/run calls). Installs the system packages the tests need when run as root
// on Debian (chromium for e2e, socat for the serial tests, poppler-utils for PDF checks,
// libusb for node-hid, postgresql for the shop store; Wine and MinGW for the Windows stage), then: typecheck, lint, registry freshness,
// build, all vitest suites, and the Windows DLL-host stage under Wine (`npm run test:windows` alone).
// Ends with one summary line "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SYSTEM_PACKAGES = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'socat', present: () => which('socat') },
  { pkg: 'poppler-utils', present: () => which('pdftotext') },
  {
    pkg: 'libusb-1.0-0',
    present: () =>
      existsSync('/usr/lib/x86_64-linux-gnu/libusb-1.0.so.0') || existsSync('/usr/lib/aarch64-linux-gnu/libusb-1.0.so.0'),
  },
  { pkg: 'build-essential', present: () => which('cc') && which('make') },
  { pkg: 'python3', present: () => which('python3') },
  // The Windows stage: node.exe under Wine, the vendor double built as Windows DLLs (about 445 MB).
  { pkg: 'wine', present: () => which('wine') },
  { pkg: 'wine64', present: () => existsSync('/usr/lib/wine/wine64') },
  { pkg: 'gcc-mingw-w64-x86-64', present: () => which('x86_64-w64-mingw32-gcc') },
  { pkg: 'gcc-mingw-w64-i686', present: () => which('i686-w64-mingw32-gcc') },
  // The shop store's tests start a real PostgreSQL server (tests/helpers/postgres.ts).
  {
    pkg: 'postgresql',
    present: () => spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/pg_ctl'], { stdio: 'ignore' }).status === 0,
  },
  // Screenshots of the zh-CN screens need CJK glyphs.
  {
    pkg: 'fonts-noto-cjk',
    present: () => spawnSync('sh', ['-c', 'fc-list :lang=zh | grep -q .'], { stdio: 'ignore' }).status === 0,
  },
];

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function run(label, cmd, args, options = {}) {
  const started = Date.now();
  process.stdout.write(`\n=== ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
  const secs = String(Math.round((Date.now() - started) / 100) / 10);
  if (r.status !== 0) {
    process.stdout.write(`=== ${label}: FAILED after ${secs} s\n`);
    return false;
  }
  process.stdout.write(`=== ${label}: ok (${secs} s)\n`);
  return true;
}

function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((p) => !p.present()).map((p) => p.pkg);
  if (missing.length === 0) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !which('apt-get')) {
    console.error(`missing system packages: ${missing.join(' ')} (install them with apt-get as root)`);
    return false;
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return (
    run('apt-get update', 'apt-get', ['update', '-qq'], { env }) &&
    run(
      `apt-get install ${missing.join(' ')}`,
      'apt-get',
      ['-o', 'DPkg::Lock::Timeout=900', 'install', '-y', '-qq', '--no-install-recommends', ...missing],
      { env },
    )
  );
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
mkdirSync(join(root, 'out'), { recursive: true });
const resultsFile = join(root, 'out', 'vitest-results.json');
const windowsResultsFile = join(root, 'out', 'vitest-windows-results.json');
// A result file from an earlier run must not count in this one.
rmSync(windowsResultsFile, { force: true });

const steps = [
  () => ensureSystemPackages(),
  () => run('registry is generated from interfaces.tsv', 'node', ['scripts/gen-registry.mjs', '--check']),
  () => run('typecheck', npm, ['run', '-s', 'typecheck']),
  () => run('lint', npm, ['run', '-s', 'lint']),
  () => run('electronegativity (Electron security checks, allow-list in .ci/)', 'node', ['scripts/electronegativity.mjs']),
  () => run('build', npm, ['run', '-s', 'build']),
  () => run('build:native (vendor-DLL test double)', npm, ['run', '-s', 'build:native']),
  () =>
    run('vitest (unit, integration, e2e, crash)', npx, [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${resultsFile}`,
    ]),
  () =>
    run('Windows DLL host under Wine (node.exe win-x64, the MinGW double)', 'node', ['scripts/test-windows.mjs'], {
      env: { YIBAO_VITEST_JSON: windowsResultsFile },
    }),
];

let ok = true;
for (const step of steps) {
  if (!step()) {
    ok = false;
    break;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of [resultsFile, windowsResultsFile]) {
  if (!existsSync(file)) continue;
  const results = JSON.parse(readFileSync(file, 'utf8'));
  passed += results.numPassedTests ?? 0;
  skipped += results.numPendingTests ?? 0;
  // A suite that fails to load has no failed tests of its own: count it once.
  const brokenSuites = (results.testResults ?? []).filter(
    (s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  failed += (results.numFailedTests ?? 0) + brokenSuites;
}
if (!ok && failed === 0) failed = 1;
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(ok && failed === 0 ? 0 : 1);
