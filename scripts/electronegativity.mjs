#!/usr/bin/env node
// Runs Doyensec's electronegativity (pinned in devDependencies) over the Electron shell, preload and
// renderer, and fails on any finding above LOW that is not in .ci/electronegativity-allow.json with its
// reason. Called by scripts/test-all.mjs.
//
// Two things about the tool are worked around here rather than patched in node_modules:
//  - its CLI entry requires whichever `commander` is hoisted, and breaks on ours (v15); its runner
//    (dist/runner.js) is what the CLI calls, so we call that;
//  - it fetches updated translations from the internet at every run; CI has no internet and must
//    not try, so its `got` is answered with an offline error and it uses its bundled English texts.
import Module, { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const require = createRequire(import.meta.url);
const toolDir = join(root, 'node_modules', '@doyensec', 'electronegativity') + sep;

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'got' && parent?.filename?.startsWith(toolDir)) {
    return () => Promise.reject(new Error('offline: translations are not fetched'));
  }
  return originalLoad.call(this, request, parent, isMain);
};

const run = require('@doyensec/electronegativity/dist/runner.js');
const electronVersion = require('electron/package.json').version;
const allow = JSON.parse(readFileSync(join(root, '.ci', 'electronegativity-allow.json'), 'utf8'));
const inputs = ['src-main/electron', 'src-preload', 'src-renderer/src', 'src-renderer/index.html'];

// The tool's severity values: INFORMATIONAL 0, LOW 1, MEDIUM 2, HIGH 3.
const LOW = 1;
// One scan over all parts at once (its global checks, e.g. "a permission handler exists somewhere",
// look across files), through a folder of links holding just those parts.
const scanRoot = mkdtempSync(join(tmpdir(), 'yibao-electronegativity-'));
for (const part of [...inputs, 'package.json']) {
  mkdirSync(dirname(join(scanRoot, part)), { recursive: true });
  symlinkSync(join(root, part), join(scanRoot, part));
}
const started = Date.now();
const problems = [];
let result;
try {
  result = await run({
    input: scanRoot,
    customScan: [],
    // Compares the Electron version with the newest releases: needs the internet, which CI has not.
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    electronVersionOverride: electronVersion,
    parserPlugins: [],
    isRelative: true,
    isVerbose: false,
  });
} finally {
  rmSync(scanRoot, { recursive: true, force: true });
}
for (const error of result.errors) problems.push(`parse error ${error.file}: ${error.message}`);
for (const issue of result.issues) {
  const where = `${issue.id} ${issue.severity.name} ${issue.file}:${issue.location.line}`;
  if (issue.severity.value <= LOW) {
    console.log(`  ${where} (LOW or below)`);
    continue;
  }
  const allowed = allow.find((a) => a.id === issue.id && String(issue.file).startsWith(a.file));
  if (allowed) console.log(`  ${where} allowed: ${allowed.reason}`);
  else problems.push(`${where}: ${issue.description}`);
}
const seen = result.issues.length;
console.log(
  `electronegativity ${require('@doyensec/electronegativity/package.json').version} (Electron ${electronVersion}): ${seen} findings in ${Math.round((Date.now() - started) / 100) / 10} s`,
);
if (problems.length > 0) {
  console.error(`${problems.length} finding(s) above LOW not in .ci/electronegativity-allow.json:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('no finding above LOW outside the allow-list');
