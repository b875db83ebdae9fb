#!/usr/bin/env node
/**
 * Regenerates tests/fixtures/db/: one counter database per client migration level, made by the
 * code of the commit that introduced that level.
 *
 * For each level N the script finds, in git history, the first commit whose migrations 1..N are
 * the ones the current code has (same names, so a branch that once used N for something else is
 * skipped). It extracts that commit into a temporary directory (git archive: the committed tree
 * only; the current node_modules linked in) and:
 * - when that commit's newest level is N, runs a real flow with that commit's code against that
 *   commit's sandbox center (scripts/db-fixtures/flow-*.ts) and keeps the data directory's database;
 * - when N arrived together with later levels in one commit (no released code ever ran at N), it
 *   takes the previous real-flow fixture and applies that commit's migrations 1..N to it
 *   (scripts/db-fixtures/migrate-only.ts). The manifest says which.
 *
 * Usage: node scripts/make-db-fixtures.mjs [LEVEL ...]   (default: every level)
 * Writes tests/fixtures/db/level-N.sqlite and tests/fixtures/db/manifest.json.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'tests', 'fixtures', 'db');
const manifestFile = join(outDir, 'manifest.json');
const MIGRATIONS_DIR = 'src-main/storage/client';

const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });

/** level → migration name, as the migration files of `rev` declare them. */
function migrationNames(rev) {
  const files = git('ls-tree', '-r', '--name-only', rev, '--', MIGRATIONS_DIR).split('\n').filter(Boolean);
  const names = new Map();
  for (const file of files) {
    const text = git('show', `${rev}:${file}`);
    for (const m of text.matchAll(/version:\s*(\d+),\s*name:\s*(['"])(.*?)\2/gs)) names.set(Number(m[1]), m[3]);
  }
  return names;
}

/** Commits touching the migrations, oldest first (all branches that reached HEAD). */
function candidateCommits() {
  return git('log', '--reverse', '--topo-order', '--format=%H %cI', 'HEAD', '--', MIGRATIONS_DIR)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [commit, date] = line.split(' ');
      return { commit, date, names: migrationNames(commit) };
    });
}

const real = (c, n) => Math.max(...c.names.keys()) === n;

/** Up to two commits of the main line after `found` that still match (the merge-fix commits). */
function laterAtLevel(found, matches) {
  const line = git('log', '--first-parent', '--reverse', '--format=%H %cI', 'HEAD').split('\n').filter(Boolean);
  const at = line.findIndex((l) => l.startsWith(found.commit));
  return line
    .slice(at + 1, at + 3)
    .map((l) => {
      const [commit, date] = l.split(' ');
      return { commit, date, names: migrationNames(commit) };
    })
    .filter(matches);
}

function plan() {
  const current = migrationNames('HEAD');
  const commits = candidateCommits();
  const levels = [];
  for (let n = 1; n <= current.size; n++) {
    const same = (c) => [...Array(n).keys()].every((i) => c.names.get(i + 1) === current.get(i + 1));
    const found = commits.find(same);
    if (!found) throw new Error(`no commit introduced migration ${n} as the current code has it`);
    const top = (c) => Math.max(...c.names.keys());
    // A commit that cannot run (a merge fixed by the next commit) gives way to the next one at the same level.
    const fallbacks = real(found, n) ? laterAtLevel(found, (c) => same(c) && top(c) === n) : [];
    levels.push({ level: n, name: current.get(n), commit: found.commit, date: found.date, real: real(found, n), fallbacks });
  }
  return levels;
}

/** The commit's tree in a temporary directory, with this checkout's node_modules and the drivers. */
function checkout(commit) {
  const dir = mkdtempSync(join(tmpdir(), `yibao-fixture-${commit.slice(0, 7)}-`));
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  cpSync(join(root, 'scripts', 'db-fixtures'), join(dir, 'scripts', 'db-fixtures'), { recursive: true });
  return dir;
}

function runDriver(dir, args) {
  execFileSync(join(root, 'node_modules', '.bin', 'tsx'), args, {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, TZ: 'Asia/Shanghai', YIBAO_CONFIG: '' },
    timeout: 600_000,
  });
}

/** What a fixture holds, read with plain SQL so that the test can compare after migrating. */
function describeFile(file) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all();
    const rows = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()]));
    const msgids = tables.includes('journal') ? db.prepare('SELECT msgid FROM journal ORDER BY id').pluck().all() : [];
    return { userVersion: db.pragma('user_version', { simple: true }), rows, msgids };
  } finally {
    db.close();
  }
}

function sums(settlements) {
  const total = (list) => list.reduce((a, s) => a + s.medfeeFen, 0);
  return {
    standingFen: total(settlements.filter((s) => s.refundedBy === null)),
    refundedFen: total(settlements.filter((s) => s.refundedBy !== null)),
  };
}

/** The line naming the error in a driver's output (the stack and source excerpt left out). */
function firstErrorLine(text) {
  return text.split('\n').find((l) => /^\w*Error\b|^\w+Error:/.test(l.trim())) ?? text.slice(0, 300);
}

/** The real flow with the code of the introducing commit, or of the next commit at that level when it cannot run. */
function makeReal(entry, out) {
  const failed = [];
  for (const { commit, date } of [entry, ...entry.fallbacks]) {
    const dir = checkout(commit);
    try {
      const driver = existsSync(join(dir, 'src-main', 'counter', 'counter-services.ts')) ? 'flow-services.ts' : 'flow-calls.ts';
      runDriver(dir, [join('scripts', 'db-fixtures', driver), out]);
      const record = JSON.parse(readFileSync(`${out}.flows.json`, 'utf8'));
      rmSync(`${out}.flows.json`);
      const { fallbacks: _, ...rest } = entry;
      return {
        ...rest,
        ...(failed.length > 0 ? { introducedBy: entry.commit, commit, date, couldNotRun: failed } : {}),
        source: `real flow (${driver})`,
        flows: record.flows,
        settlements: record.settlements,
        ...sums(record.settlements),
      };
    } catch (e) {
      const error = String(e.stderr ?? e.message);
      process.stderr.write(error);
      failed.push({ commit, error: firstErrorLine(error) });
      process.stderr.write(`level ${entry.level}: ${commit.slice(0, 7)} could not run the flow\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  throw new Error(`level ${entry.level}: no commit could run the flow: ${JSON.stringify(failed)}`);
}

function make(entry, previous) {
  const out = join(outDir, `level-${entry.level}.sqlite`);
  if (entry.real) return makeReal(entry, out);
  const dir = checkout(entry.commit);
  try {
    if (!previous) throw new Error(`level ${entry.level} has no earlier real-flow fixture to migrate`);
    runDriver(dir, [
      join('scripts', 'db-fixtures', 'migrate-only.ts'),
      join(outDir, `level-${previous.level}.sqlite`),
      String(entry.level),
      out,
    ]);
    const { fallbacks: _, ...rest } = entry;
    return {
      ...rest,
      source: `level-${previous.level} fixture migrated to ${entry.level} by the migrations of ${entry.commit.slice(0, 7)} (no commit ran at this level)`,
      flows: previous.flows,
      settlements: previous.settlements,
      standingFen: previous.standingFen,
      refundedFen: previous.refundedFen,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--plan') {
  for (const l of plan())
    process.stdout.write(`${l.level}\t${l.commit.slice(0, 7)}\t${l.real ? 'real' : 'migrated'}\t${l.name}\n`);
  process.exit(0);
}
const only = process.argv.slice(2).map(Number);
mkdirSync(outDir, { recursive: true });
const old = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : { levels: [] };
const byLevel = new Map(old.levels.map((l) => [l.level, l]));
let previous = null;
for (const entry of plan()) {
  if (only.length === 0 || only.includes(entry.level)) {
    process.stderr.write(`level ${entry.level}: ${entry.commit.slice(0, 7)} ${entry.real ? 'real flow' : 'migrated'}\n`);
    const made = make(entry, previous);
    byLevel.set(entry.level, { ...made, ...describeFile(join(outDir, `level-${entry.level}.sqlite`)) });
    const levels = [...byLevel.values()].sort((a, b) => a.level - b.level);
    writeFileSync(manifestFile, `${JSON.stringify({ generatedBy: 'scripts/make-db-fixtures.mjs', levels }, null, 2)}\n`);
  }
  const known = byLevel.get(entry.level);
  if (known?.source?.startsWith('real')) previous = known;
}
