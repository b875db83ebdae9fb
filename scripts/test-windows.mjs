#!/usr/bin/env node
// `npm run test:windows` (a stage of `npm test`): the vendor-DLL host as it runs on the counter PC, under
// Wine. Builds the double as Windows DLLs (MinGW), checks that Wine runs node.exe here and prepares it
// (scripts/win-node.mjs wine: node.exe, koffi, a Windows 10 prefix, cached under ~/.cache/yibao-counter),
// then runs tests/windows. Prints each part's time and the stage's total.
// Needs: apt-get install wine wine64 gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 (npm test installs them as root).
// $YIBAO_VITEST_JSON: where to write vitest's JSON results (npm test counts them).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seconds } from './win-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const stageStarted = Date.now();

function step(label, cmd, args) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  console.log(`test:windows: ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} (${seconds(started)})`);
  if (r.status !== 0) process.exit(1);
}

step('build the double (Linux .so and Windows DLLs)', 'node', ['scripts/build-native.mjs']);
const manifest = JSON.parse(readFileSync(join(root, 'native', 'build', 'manifest.json'), 'utf8'));
const missing = ['readerWinX64', 'noReadCardWinX64', 'readerWinIa32', 'readerWinIa32Msvc'].filter((k) => !manifest[k]);
if (missing.length > 0) {
  console.error(
    `test:windows: the Windows double was not built (${missing.join(', ')}): ` +
      'apt-get install gcc-mingw-w64-x86-64 gcc-mingw-w64-i686',
  );
  process.exit(1);
}
step('Wine runs node.exe here (prepare and check)', 'node', ['scripts/win-node.mjs', 'wine']);
const json = process.env.YIBAO_VITEST_JSON;
step('tests/windows under Wine', npx, [
  'vitest',
  'run',
  '--config',
  'vitest.windows.config.ts',
  '--reporter=verbose',
  ...(json ? ['--reporter=json', `--outputFile.json=${json}`] : []),
]);
console.log(`test:windows: stage total ${seconds(stageStarted)}`);
