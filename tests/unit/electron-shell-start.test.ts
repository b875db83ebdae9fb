/**
 * The Electron shell's start through its seam (electron/shell-start.ts) with the real counter
 * runtime on real files and stand-ins for the window and the IPC channel: a database that cannot
 * be opened (not a database, from a newer version) opens the window on the problem screen, whose
 * every call answers with the problem, and leaves the file as it was; a healthy one opens the
 * counter; any other start error still stops without a window.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCounterRuntime } from '../../src-main/app/counter-runtime';
import { startShell, type ShellInvoke, type ShellSubscribe } from '../../src-main/electron/shell-start';
import type { YibaoError } from '../../src-main/core/errors';
import { makeTempDir } from '../helpers/temp-dir';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let cleanup: () => void = () => {};
afterEach(() => cleanup());

/** A data folder with a config (a center on a closed port: nothing may be sent) and the database `fill` writes. */
function dataDir(fill: (dbFile: string) => void): { config: string; dbFile: string } {
  const temp = makeTempDir('yibao-shell-');
  cleanup = temp.cleanup;
  const config = join(temp.dir, 'config.json');
  const dbFile = join(temp.dir, 'yibao.sqlite');
  writeFileSync(config, JSON.stringify({ center: { url: 'http://127.0.0.1:9/' } }));
  fill(dbFile);
  return { config, dbFile };
}

/** The shell's ports as Electron would have them, recording what main.ts would do. */
function shellOf(config: string) {
  const seen = {
    invoke: null as ShellInvoke | null,
    windows: [] as (ShellSubscribe | null)[],
    logged: [] as YibaoError[],
  };
  const ports = {
    startRuntime: () => startCounterRuntime({ configPath: config, env: {}, version: 'test' }),
    answerCalls: (invoke: ShellInvoke) => void (seen.invoke = invoke),
    openWindow: async (subscribe: ShellSubscribe | null) => void seen.windows.push(subscribe),
    logProblem: (problem: YibaoError) => void seen.logged.push(problem),
  };
  return { ports, seen };
}

describe('Electron shell start', () => {
  it('a file that is not a database: the window opens on the problem screen and the file is not touched', async () => {
    const { config, dbFile } = dataDir((file) => writeFileSync(file, Buffer.alloc(16384, 0x41)));
    const before = sha(dbFile);
    const { ports, seen } = shellOf(config);

    const started = await startShell(ports);

    expect(started).toMatchObject({ kind: 'problem', problem: { code: 'E_DB_CORRUPT' } });
    expect(seen.windows).toEqual([null]);
    expect(seen.logged.map((p) => p.code)).toEqual(['E_DB_CORRUPT']);
    for (const method of ['app.status', 'session.current', 'pharmacy.settle']) {
      const answer = await seen.invoke?.(method, {});
      expect(answer, method).toMatchObject({
        ok: false,
        error: { code: 'E_DB_CORRUPT', kind: 'local', message: expect.stringContaining(dbFile) },
      });
      expect((answer as { error: { hint: string } }).error.hint).toBeTruthy();
    }
    expect(sha(dbFile)).toBe(before);
  }, 60_000);

  it('a database of a newer version: the problem screen says so and the file keeps its level', async () => {
    const { config, dbFile } = dataDir((file) => {
      const db = new Database(file);
      db.pragma('user_version = 99');
      db.close();
    });
    const { ports, seen } = shellOf(config);

    const started = await startShell(ports);

    expect(started).toMatchObject({ kind: 'problem', problem: { code: 'E_DB_TOO_NEW' } });
    expect(seen.windows).toEqual([null]);
    expect(await seen.invoke?.('app.status', {})).toMatchObject({
      ok: false,
      error: { code: 'E_DB_TOO_NEW', message: expect.stringMatching(/请升级收银台程序/) },
    });
    const db = new Database(dbFile, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(99);
    db.close();
  }, 60_000);

  it('a healthy database: the counter runs behind the window and live events are forwarded', async () => {
    const { config } = dataDir(() => {});
    const { ports, seen } = shellOf(config);

    const started = await startShell(ports);
    try {
      expect(started.kind).toBe('counter');
      expect(seen.logged).toEqual([]);
      expect(await seen.invoke?.('app.status', {})).toMatchObject({ ok: true, value: { version: 'test' } });
      const subscribe = seen.windows[0];
      expect(typeof subscribe).toBe('function');
      expect(typeof subscribe?.(() => {})).toBe('function');
    } finally {
      if (started.kind === 'counter') await started.runtime.close();
    }
  }, 60_000);

  it('any other start error stops the start without a window', async () => {
    const { config } = dataDir(() => {});
    writeFileSync(config, '{ not json');
    const { ports, seen } = shellOf(config);

    await expect(startShell(ports)).rejects.toMatchObject({ code: expect.stringMatching(/^E_CONFIG/) });
    expect(seen.windows).toEqual([]);
    expect(seen.invoke).toBeNull();
  }, 60_000);
});
