#!/usr/bin/env node
// npm run test:mutation [-- <folder>... [--stryker-option value ...]]
//
// Runs Stryker once per folder issue 22 names (journal, money, protocol, counter), each with only the tests
// that exercise that folder, concurrency 1 (the machine is shared; a run is slow, so it is not in CI), its own
// temp dir and its own reports under reports/mutation/<folder>/. Prints the score per folder and per file at
// the end and writes reports/mutation/summary.md. Folder names pick a subset; anything starting with "--" goes
// to Stryker unchanged (e.g. `npm run test:mutation -- journal --mutate src-main/journal/states.ts`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const base = JSON.parse(readFileSync(join(root, 'stryker.config.json'), 'utf8'));

/** What each folder mutates and which tests judge it (the tests that import it, minus the minutes-long ones). */
export const FOLDERS = {
  money: {
    mutate: ['src-main/core/money.ts'],
    testFiles: [
      'tests/unit/money.test.ts',
      'tests/unit/money-edges.test.ts',
      'tests/unit/money-guard.test.ts',
      'tests/unit/wire-decimals.test.ts',
    ],
  },
  journal: {
    mutate: ['src-main/journal/**/*.ts'],
    testFiles: [
      'tests/unit/journal-durability.test.ts',
      'tests/unit/journal-keys.test.ts',
      'tests/integration/journal.test.ts',
      'tests/integration/resolver-end-states.test.ts',
      'tests/integration/reversal-outcomes.test.ts',
    ],
  },
  protocol: {
    mutate: ['src-main/protocol/**/*.ts'],
    testFiles: [
      'tests/unit/answer-corpus.test.ts',
      'tests/unit/answer-fields.test.ts',
      'tests/unit/envelope.test.ts',
      'tests/unit/gateway-signature.test.ts',
      'tests/unit/msgid.test.ts',
      'tests/unit/response.test.ts',
      'tests/unit/wire-decimals.test.ts',
      'tests/unit/journal-keys.test.ts',
      'tests/integration/transport.test.ts',
      'tests/integration/gateway-headers.test.ts',
      'tests/integration/sandbox-oracle.test.ts',
    ],
    // The transaction schemas are module-level objects: each of their ~1000 mutants is "static" and would need
    // every test re-run in a fresh process (days on this machine). Field names and rules in them are judged by
    // sandbox-oracle.test.ts against the spec's own table instead.
    ignoreStatic: true,
  },
  counter: {
    mutate: ['src-main/counter/pharmacy-sale.ts', 'src-main/counter/clinic-visit.ts', 'src-main/counter/settle-once.ts'],
    testFiles: [
      'tests/unit/counter-pure.test.ts',
      'tests/integration/presettle-age.test.ts',
      'tests/integration/settled-amounts.test.ts',
    ],
  },
};

const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const names = firstOption === -1 ? args : args.slice(0, firstOption);
const passThrough = firstOption === -1 ? [] : args.slice(firstOption);
const unknown = names.filter((n) => !(n in FOLDERS));
if (unknown.length > 0) {
  console.error(`unknown folder ${unknown.join(', ')}; known: ${Object.keys(FOLDERS).join(', ')}`);
  process.exit(2);
}
const selected = names.length > 0 ? names : Object.keys(FOLDERS);

/** Stryker's own definition: detected / (detected + undetected), errors and ignored left out. */
function score(files) {
  const count = { killed: 0, survived: 0, noCoverage: 0, timeout: 0, other: 0 };
  for (const file of Object.values(files)) {
    for (const m of file.mutants) {
      if (m.status === 'Killed') count.killed++;
      else if (m.status === 'Survived') count.survived++;
      else if (m.status === 'NoCoverage') count.noCoverage++;
      else if (m.status === 'Timeout') count.timeout++;
      else count.other++;
    }
  }
  const detected = count.killed + count.timeout;
  const valid = detected + count.survived + count.noCoverage;
  return { ...count, score: valid === 0 ? null : (100 * detected) / valid };
}

const pct = (s) =>
  s.score === null ? '—' : `${s.score.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
const lines = ['| folder / file | score | killed | timeout | survived | no coverage |', '|---|---|---|---|---|---|'];
const row = (name, s) => `| ${name} | ${pct(s)} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} |`;
let failed = false;

for (const name of selected) {
  const folder = FOLDERS[name];
  const out = join(root, 'reports/mutation', name);
  mkdirSync(out, { recursive: true });
  const config = {
    ...base,
    mutate: folder.mutate,
    testFiles: folder.testFiles,
    ignoreStatic: folder.ignoreStatic ?? false,
    concurrency: 1,
    reporters: ['clear-text', 'progress', 'json', 'html'],
    jsonReporter: { fileName: relative(root, join(out, 'mutation.json')) },
    htmlReporter: { fileName: relative(root, join(out, 'index.html')) },
    tempDirName: `.stryker-tmp/${name}`,
  };
  delete config.$schema;
  const configFile = join(out, 'stryker.config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  console.log(`\n=== mutation testing ${name}: ${folder.mutate.join(', ')}`);
  const run = spawnSync('npx', ['stryker', 'run', relative(root, configFile), ...passThrough], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    failed = true;
    console.error(`stryker for ${name} exited ${run.status}`);
  }
}

// The summary covers every folder that has a report, so folders run one at a time still add up to one table.
for (const name of Object.keys(FOLDERS)) {
  const report = join(root, 'reports/mutation', name, 'mutation.json');
  if (!existsSync(report)) {
    lines.push(`| ${name} | not run yet | | | | |`);
    continue;
  }
  const files = JSON.parse(readFileSync(report, 'utf8')).files;
  lines.push(row(`**${name}**`, score(files)));
  for (const [file, data] of Object.entries(files).sort()) lines.push(row(`  ${file}`, score({ [file]: data })));
}

const summary = lines.join('\n');
writeFileSync(join(root, 'reports/mutation/summary.md'), `${summary}\n`);
console.log(`\n${summary}\n\n(reports/mutation/summary.md; per folder HTML in reports/mutation/<folder>/index.html)`);
process.exit(failed ? 1 : 0);
