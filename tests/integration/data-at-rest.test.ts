/**
 * Data at rest: the counter's folder is 0700 and its database (with -wal / -shm) and config 0600,
 * also when an older version or a person left them wider; a saved config is 0600 from its first byte.
 */
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveConfig } from '../../src-main/config/load';
import { openCounterApp } from '../../src-main/app/counter-app';
import { startHarness, type Harness } from '../helpers/sandbox-harness';

const mode = (path: string) => statSync(path).mode & 0o777;
const posix = process.platform !== 'win32';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => h.close());

describe.runIf(posix)('file modes of the counter’s data', () => {
  it('narrows a wide data folder, config and journal to this user on start', async () => {
    const first = await h.openApp({}, 'modes');
    await first.close();
    const dir = join(h.dir, 'modes');
    for (const f of ['config.json', 'yibao.sqlite']) chmodSync(join(dir, f), 0o644);
    chmodSync(dir, 0o755);

    const app = await h.openApp({}, 'modes');
    try {
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, 'config.json'))).toBe(0o600);
      for (const f of ['yibao.sqlite', 'yibao.sqlite-wal', 'yibao.sqlite-shm']) {
        expect(existsSync(join(dir, f)), f).toBe(true);
        expect(mode(join(dir, f)), f).toBe(0o600);
      }
    } finally {
      await app.close();
    }
  });

  it('creates the embedded sandbox’s ledger folder private', async () => {
    const dir = join(h.dir, 'embedded');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ center: { url: null } }));
    const app = await openCounterApp({ configPath: join(dir, 'config.json'), env: {} });
    try {
      expect(mode(join(dir, 'sandbox'))).toBe(0o700);
    } finally {
      await app.close();
    }
  });

  it('creates a new journal and its sandbox ledger private', async () => {
    const app = await h.openApp({}, 'fresh');
    try {
      expect(mode(join(h.dir, 'fresh', 'yibao.sqlite'))).toBe(0o600);
      expect(mode(join(h.dir, 'fresh', 'yibao.sqlite-wal'))).toBe(0o600);
    } finally {
      await app.close();
    }
  });

  it('writes a saved config (it holds the gateway secret) as 0600 in a 0700 folder', () => {
    const dir = join(h.dir, 'settings', 'nested');
    const path = join(dir, 'config.json');
    saveConfig(path, { center: { url: h.sandbox.url } });
    expect(mode(path)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
  });

  it('leaves a shared parent folder it did not create as it was', () => {
    const shared = join(h.dir, 'shared');
    mkdirSync(shared, { mode: 0o755 });
    chmodSync(shared, 0o755);
    writeFileSync(join(shared, 'other.txt'), 'x');
    saveConfig(join(shared, 'config.json'), {});
    expect(mode(shared)).toBe(0o755);
  });
});
