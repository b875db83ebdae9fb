/**
 * A damaged database at start, on real files: the counter refuses to open it with a message that
 * names the last good backup and the restore command, never writes to the file (same bytes after),
 * `yibao serve` stays up with a problem page instead of crashing, and after `yibao backup restore`
 * the counter opens again with the damaged file kept aside.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCounterApp } from '../../src-main/app/counter-app';
import { openDatabase } from '../../src-main/storage/sqlite';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { writeBackup } from '../../src-main/backup/backup-writer';
import { listBackups } from '../../src-main/backup/backup-files';
import { databaseProblems } from '../../src-main/backup/db-health';
import { fillJournal } from '../helpers/filled-db';
import { isDatabaseProblem, startProblemHost } from '../../src-main/host/problem-mode';
import type { YibaoError } from '../../src-main/core/errors';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';

const ROOT = join(__dirname, '..', '..');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a corrupt database at start', () => {
  const temp = makeTempDir('yibao-corrupt-');
  const data = join(temp.dir, 'data');
  const config = join(data, 'config.json');
  const dbFile = join(data, 'yibao.sqlite');
  let backupName: string;

  beforeAll(async () => {
    ensureCliBuilt();
    fillJournal(dbFile, 2000);
    writeFileSync(
      config,
      JSON.stringify({ backup: { folder: join(temp.dir, 'usb') }, sandbox: { dataDir: join(temp.dir, 'sb') } }),
    );
    const db = openDatabase(dbFile, { migrations: CLIENT_MIGRATIONS });
    backupName = (await writeBackup(db, join(temp.dir, 'usb'), { keep: { daily: 7, weekly: 4, monthly: 12 } })).file
      .split('/')
      .at(-1) as string;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Damage pages in the middle of the journal's b-tree (the header stays intact).
    const bytes = readFileSync(dbFile);
    bytes.fill(0x5a, 4096 * 20, 4096 * 60);
    writeFileSync(dbFile, bytes);
  }, 120_000);
  afterAll(() => temp.cleanup());

  it('is refused with what happened, the last good backup and how to restore; the file is not touched', async () => {
    const before = sha(dbFile);
    expect(databaseProblems(dbFile).problems.length).toBeGreaterThan(0);
    await expect(openCounterApp({ configPath: config, env: {} })).rejects.toMatchObject({
      code: 'E_DB_CORRUPT',
      // The backup's name carries its zone (+0800): quoted, not read as a pattern.
      messageZh: expect.stringMatching(new RegExp(`已损坏.*${quoted(backupName)}.*yibao backup restore ${quoted(backupName)}`)),
    });
    expect(sha(dbFile)).toBe(before);
    // A read-only open may leave an empty -wal beside it; nothing is ever written into it.
    if (existsSync(`${dbFile}-wal`)) expect(statSync(`${dbFile}-wal`).size).toBe(0);
  }, 60_000);

  it('a file that is not a database at all is refused the same way', () => {
    const junk = join(temp.dir, 'junk.sqlite');
    writeFileSync(junk, Buffer.alloc(8192, 0x41));
    expect(databaseProblems(junk).problems.join()).toMatch(/not a database/);
  });

  it('yibao serve shows a problem page instead of crashing', async () => {
    const before = sha(dbFile);
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'yibao.mjs'), '--config', config, 'serve', '--port', '0'], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stderr = await new Promise<string>((resolve) => {
      let text = '';
      child.stderr.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('说明页: http')) resolve(text);
      });
    });
    expect(stderr).toMatch(/E_DB_CORRUPT/);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    expect(sha(dbFile)).toBe(before);
  }, 120_000);

  it('the problem page answers every API call with the error and what to do', async () => {
    const rendererDir = join(temp.dir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<div id="root"></div>');
    const problem = await openCounterApp({ configPath: config, env: {} }).catch((e: unknown) => e);
    expect(isDatabaseProblem(problem)).toBe(true);
    const host = await startProblemHost({ problem: problem as YibaoError, configPath: config, rendererDir, port: 0 });
    try {
      const res = await fetch(new URL('/api/invoke', host.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Yibao-Token': host.token },
        body: JSON.stringify({ method: 'app.status', args: {} }),
      });
      const body = (await res.json()) as { ok: boolean; error: { code: string; message: string; hint: string } };
      expect(body.ok).toBe(false);
      expect(body.error.code).toBe('E_DB_CORRUPT');
      expect(body.error.message).toMatch(/yibao backup restore/);
      expect(body.error.hint).toMatch(/不要办理结算/);
    } finally {
      await host.close();
    }
  }, 60_000);

  it('after yibao backup restore the counter opens again; the damaged file is kept', async () => {
    const damaged = sha(dbFile);
    const r = await runCli(['--config', config, 'backup', 'restore', backupName]);
    expect(r.code, r.stderr).toBe(0);
    const aside = readdirSync(data).find((n) => /^yibao\.sqlite\.replaced-\d+$/.test(n)) as string;
    expect(sha(join(data, aside))).toBe(damaged);
    const app = await openCounterApp({ configPath: config, env: {} });
    try {
      expect(app.journal.list({ limit: 1 })).toHaveLength(1);
      // No operator has signed in on this fresh data: the check with the center waits, settling is held.
      expect(app.restoreCheck?.done).toBe(false);
    } finally {
      await app.close();
    }
    expect(listBackups(join(temp.dir, 'usb'))).toHaveLength(1);
  }, 120_000);
});

/** `text` as a literal inside a regular expression. */
function quoted(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
