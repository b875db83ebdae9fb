/**
 * `yibao catalogue …` as a child process against a running sandbox: sync with --only and
 * --json, search, status, and a sync killed with SIGKILL in the middle of a 1312 pass that
 * the next run completes from where it stopped.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';
import { SANDBOX_DEFAULT_INSTITUTION } from '../../src-main/config/schema';
import { startSandboxCenter, type RunningSandbox } from '../../src-main/sandbox/server';
import type { CatalogueInfno } from '../../src-main/sandbox/store';

const ROOT = join(__dirname, '..', '..');
const OPERATOR = ['--opter', 'C003', '--name', '目录员三'];

let sandbox: RunningSandbox;
let temp: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  temp = makeTempDir('yibao-catalogue-cli-');
  sandbox = await startSandboxCenter({ dataDir: join(temp.dir, 'sandbox') });
  ensureCliBuilt();
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
  temp?.cleanup();
});

/**
 * Each counter is another PC of the same institution: its own data directory and terminal slot
 * (msgid range), or two of them could send the same msgid within one second.
 */
const slots = new Map<string, number>();
function envFor(name: string): NodeJS.ProcessEnv {
  const dir = join(temp.dir, name);
  if (!slots.has(name)) {
    slots.set(name, slots.size + 1);
    mkdirSync(dir, { recursive: true });
    const institution = { ...SANDBOX_DEFAULT_INSTITUTION, terminalSlot: slots.get(name) };
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ institution }));
  }
  return { YIBAO_DATA_DIR: dir, YIBAO_CENTER_URL: sandbox.url };
}
const distinct = (where: string) =>
  (sandbox.center.store.db.prepare(`SELECT count(DISTINCT code) AS n FROM catalogue_item WHERE ${where}`).get() as { n: number })
    .n;

describe('yibao catalogue', () => {
  it('sync --only … --json, then search and status', async () => {
    const env = envFor('counter-a');
    const sync = await runCli(['catalogue', 'sync', '--only', '1309,1305,1901', ...OPERATOR, '--json'], env);
    expect(sync.stderr).toContain('1305 医疗服务项目目录');
    expect(sync.code).toBe(0);
    const report = JSON.parse(sync.stdout) as { steps: { infno: string; rows: number; versions: number }[]; items: number };
    expect(report.steps.map((s) => s.infno)).toEqual(['1305', '1309', '1901']);
    expect(report.steps[0]?.rows).toBe(sandbox.center.store.catalogue.count('1305'));
    expect(report.items).toBe(distinct("catalogue IN ('1305', '1309')"));

    const service = sandbox.center.store.catalogue.rowsAfter('1305', '00000000000000', 1)[0];
    if (!service) throw new Error('no 1305 row');
    const search = await runCli(['catalogue', 'search', service.name, '--limit', '3', '--json'], env);
    expect(search.code).toBe(0);
    const hits = JSON.parse(search.stdout) as { match: string; code: string; name: string }[];
    expect(hits[0]).toMatchObject({ match: 'name', name: service.name });
    expect(hits.length).toBeLessThanOrEqual(3);

    const table = await runCli(['catalogue', 'search', service.code], env);
    expect(table.stdout).toContain(service.code);
    // Codes are shown with their 1901 labels.
    expect(table.stdout).toMatch(/甲类|乙类|丙类/);

    const status = await runCli(['catalogue', 'status', '--json'], env);
    const s = JSON.parse(status.stdout) as { profile: string; states: { infno: string; localVer: string | null }[] };
    expect(s.profile).toBe('national');
    const versions = sandbox.center.store.catalogue.versions('1309' as CatalogueInfno);
    expect(s.states.find((x) => x.infno === '1309')?.localVer).toBe(versions.at(-1)?.ver);

    // A step the center refuses is skipped, said on its line and again in the summary.
    const partial = await runCli(['catalogue', 'sync', '--only', '1303,1309', ...OPERATOR], env);
    expect(partial.code, partial.stderr).toBe(0);
    expect(partial.stderr).toMatch(/1303 医疗机构制剂目录 +中心拒绝, 已跳过: 沙箱未发布该目录/);
    expect(partial.stderr).toMatch(/1309 门诊慢特病种目录 +收到 0 行/);
    expect(partial.stdout).toMatch(/^同步完成: 本地目录 \d+ 条, 用时 \d+ 秒; 中心拒绝、未同步: 1303\n$/);

    const bad = await runCli(['catalogue', 'sync', '--only', '1312a', ...OPERATOR], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('1312a 不是可同步的目录交易');
  }, 120_000);

  it('sync --only 1301: the 100,000-row first version is parsed by the bundled worker threads', async () => {
    const env = envFor('counter-c');
    const sync = await runCli(['catalogue', 'sync', '--only', '1301', ...OPERATOR, '--json'], env);
    expect(sync.code, sync.stderr).toBe(0);
    const report = JSON.parse(sync.stdout) as { steps: { rows: number; parseThreads: number; versions: number }[] };
    const versions = sandbox.center.store.catalogue.versions('1301');
    expect(report.steps[0]).toMatchObject({ versions: versions.length, rows: sandbox.center.store.catalogue.count('1301') });
    // Not the fallback on the main thread: out/cli/catalogue-stage-worker.mjs loaded in each worker.
    expect(report.steps[0]?.parseThreads).toBe(Math.min(3, availableParallelism()));
    expect(sync.stderr).toMatch(/个线程解析/);
    const status = await runCli(['catalogue', 'status', '--json'], env);
    const s = JSON.parse(status.stdout) as { states: { infno: string; localVer: string | null }[] };
    expect(s.states.find((x) => x.infno === '1301')?.localVer).toBe(versions.at(-1)?.ver);
  }, 120_000);

  it('a sync killed mid-pass continues where it stopped on the next run', async () => {
    const env = envFor('counter-b');
    const dbFile = join(temp.dir, 'counter-b', 'yibao.sqlite');
    const child = spawn(
      process.execPath,
      [join(ROOT, 'scripts', 'yibao.mjs'), 'catalogue', 'sync', '--only', '1312', ...OPERATOR],
      {
        cwd: ROOT,
        env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until a few pages are committed, then kill without warning.
    let done = 0;
    for (let i = 0; i < 600 && done < 5000; i++) {
      // Stays: a poll of another process's database file for the state we need (pages committed); there is
      // no event across processes, and opening the file on every loop turn would slow the child down.
      await new Promise((r) => setTimeout(r, 50));
      try {
        const db = new Database(dbFile, { readonly: true, fileMustExist: true });
        try {
          done =
            (
              db.prepare("SELECT rows_done AS n FROM catalogue_sync_state WHERE infno = '1312'").get() as
                { n: number } | undefined
            )?.n ?? 0;
        } finally {
          db.close();
        }
      } catch {
        // Not created yet.
      }
    }
    child.kill('SIGKILL');
    await exited;
    expect(done).toBeGreaterThanOrEqual(5000);
    const total = (['1301', '1302', '1304', '1305', '1306'] as CatalogueInfno[]).reduce(
      (n, c) => n + sandbox.center.store.catalogue.count(c),
      0,
    );

    const fromId = sandbox.center.messages({ newest: true, limit: 1 })[0]?.id ?? 0;
    const rerun = await runCli(['catalogue', 'sync', '--only', '1312', ...OPERATOR, '--json'], env);
    expect(rerun.code).toBe(0);
    const firstPage = sandbox.center.messages({ afterId: fromId, infno: '1312', limit: 1 })[0];
    expect(JSON.parse(firstPage?.requestJson ?? '{}').input.data.page_num).toBeGreaterThan(5);
    const report = JSON.parse(rerun.stdout) as { steps: { rows: number }[]; items: number };
    expect(report.steps[0]?.rows).toBeLessThan(total);
    expect(report.items).toBe(distinct('list_type IS NOT NULL'));
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.prepare("SELECT rows_done, pass_open FROM catalogue_sync_state WHERE infno = '1312'").get()).toEqual({
        rows_done: total,
        pass_open: 0,
      });
    } finally {
      db.close();
    }
  }, 180_000);
});
