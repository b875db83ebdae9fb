/**
 * `yibao backup` as a real child process on a real SQLite file: now / list / verify / restore
 * with --to, and a kill -9 in the middle of a backup, which must leave every earlier backup
 * whole and no half-written file under a backup's name.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillJournal } from '../helpers/filled-db';
import { listBackups, PARTIAL_RE } from '../../src-main/backup/backup-files';
import { verifyBackupFile } from '../../src-main/backup/backup-verify';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';

const ROOT = join(__dirname, '..', '..');
const ROWS = 12_000;

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('yibao backup (child process, real files)', () => {
  const temp = makeTempDir('yibao-backup-');
  const config = join(temp.dir, 'data', 'config.json');
  const usb = join(temp.dir, 'usb');
  const env = { YIBAO_CONFIG: config };

  beforeAll(() => {
    ensureCliBuilt();
    fillJournal(join(temp.dir, 'data', 'yibao.sqlite'), ROWS);
    writeFileSync(config, JSON.stringify({ backup: { folder: join(temp.dir, 'configured') } }));
  }, 120_000);
  afterAll(() => temp.cleanup());

  it('now / list / verify with --to, and into the configured folder', async () => {
    const now = await runCli(['backup', 'now', '--to', usb, '--json'], env);
    expect(now.code, now.stderr).toBe(0);
    const made = JSON.parse(now.stdout) as { file: string; counts: Record<string, number> };
    expect(made.counts['journal']).toBe(ROWS);
    expect(verifyBackupFile(made.file).ok).toBe(true);
    // One file: no -wal / -shm beside it.
    expect(readdirSync(usb)).toEqual([made.file.split('/').at(-1)]);

    const configured = await runCli(['backup', 'now'], env);
    expect(configured.code, configured.stderr).toBe(0);
    expect(listBackups(join(temp.dir, 'configured'))).toHaveLength(1);

    const list = await runCli(['backup', 'list', '--to', usb, '--json'], env);
    const status = JSON.parse(list.stdout) as { count: number; stale: boolean; backups: unknown[] };
    expect(status).toMatchObject({ count: 1, stale: false });

    const verify = await runCli(['backup', 'verify', '--to', usb], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/完好/);
  }, 120_000);

  it('verify says which backup is damaged (exit 2)', async () => {
    const bad = join(temp.dir, 'bad.sqlite');
    const good = listBackups(usb)[0]?.file as string;
    const bytes = readFileSync(good);
    bytes.fill(0x41, 4096 * 3, 4096 * 40); // overwrite pages of the journal's b-tree
    writeFileSync(bad, bytes);
    const r = await runCli(['backup', 'verify', bad], env);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/损坏/);
  }, 60_000);

  it('kill -9 in the middle of a backup leaves the earlier backups intact', async () => {
    const before = listBackups(usb).map((b) => ({ name: b.name, sha: sha(b.file) }));
    expect(before.length).toBeGreaterThan(0);
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'yibao.mjs'), 'backup', 'now', '--to', usb], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...env, YIBAO_BACKUP_STEP_PAGES: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Killed as soon as the partial file exists: the backup API is copying pages into it.
    await new Promise<void>((resolve) => {
      const watcher = watch(usb, () => {
        if (readdirSync(usb).some((n) => PARTIAL_RE.test(n))) {
          watcher.close();
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await exited;
    const names = readdirSync(usb);
    expect(names.some((n) => PARTIAL_RE.test(n))).toBe(true);
    const after = listBackups(usb).map((b) => ({ name: b.name, sha: sha(b.file) }));
    expect(after).toEqual(before);
    for (const b of listBackups(usb)) expect(verifyBackupFile(b.file).ok).toBe(true);

    // The next backup clears what the killed one left and succeeds.
    const again = await runCli(['backup', 'now', '--to', usb], env);
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(usb).some((n) => PARTIAL_RE.test(n))).toBe(false);
    // A new newest backup; the earlier one of the same day went by rotation (newest per day is kept).
    const newest = listBackups(usb)[0]?.name;
    expect(before.map((b) => b.name)).not.toContain(newest);
    expect(listBackups(usb)).toHaveLength(1);
  }, 120_000);

  it('restore --to: the database in use is kept aside, the backup takes its place', async () => {
    const name = listBackups(usb)[0]?.name as string;
    const r = await runCli(['backup', 'restore', name, '--to', usb], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/原数据库已改名保留/);
    const kept = readdirSync(join(temp.dir, 'data')).filter((n) => n.startsWith('yibao.sqlite.replaced-'));
    expect(kept.length).toBeGreaterThan(0);
    expect(existsSync(join(temp.dir, 'data', 'restore-pending.json'))).toBe(true);
    expect(verifyBackupFile(join(temp.dir, 'data', 'yibao.sqlite')).counts['journal']).toBe(ROWS);
    const missing = await runCli(['backup', 'restore', 'yibao-20000101-000000.sqlite', '--to', usb], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/备份文件不存在/);
  }, 60_000);
});
