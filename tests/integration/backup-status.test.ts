/**
 * The daily backup as the running counter does it, seen through the API the 设置 screen and the
 * header use: no backup yet → warning; 立即备份 → last good backup shown; two days later → warning.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../src-main/api/handlers';
import type { AppStatus, BackupView } from '../../src-main/api/contract';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices, type CounterServices } from '../../src-main/counter/counter-services';
import type { CounterApp } from '../../src-main/app/counter-app';
import { backupStatus } from '../../src-main/backup/backup-status';
import { listBackups } from '../../src-main/backup/backup-files';
import { verifyBackupFile } from '../../src-main/backup/backup-verify';
import { BackupScheduler } from '../../src-main/backup/backup-scheduler';
import { startHarness, type Harness } from '../helpers/sandbox-harness';

describe('backup status in the API', () => {
  let h: Harness;
  let app: CounterApp;
  let services: CounterServices;
  let folder: string;

  beforeAll(async () => {
    h = await startHarness();
    folder = join(h.dir, 'share');
    app = await h.openApp({ backup: { folder } }, 'shop');
    services = createCounterServices(app, new CounterEvents());
  }, 120_000);
  afterAll(async () => {
    await services?.stop();
    await h?.close();
  });

  it('warns without a backup, shows the last good one after 立即备份, warns again two days later', async () => {
    const invoke = createApiHandlers({
      app,
      services,
      version: 'test',
      applySettings: () => Promise.reject(new Error('not in this test')),
    });
    const status = async () => {
      const r = await invoke('app.status', {});
      if (!r.ok) throw new Error(r.error.message);
      return r.value as AppStatus;
    };
    expect((await status()).backup).toMatchObject({ folder, count: 0, stale: true, last: null });
    expect((await status()).backup.warning).toMatch(/还没有成功的备份/);

    const made = await invoke('backup.now', {});
    expect(made.ok).toBe(true);
    const view = (made as { value: BackupView }).value;
    expect(view).toMatchObject({ count: 1, stale: false, warning: null, lastError: null });
    expect(verifyBackupFile(listBackups(folder)[0]?.file as string).ok).toBe(true);

    const later = new Date(Date.now() + 2 * 86_400_000 + 60_000);
    expect(backupStatus(app.loaded, later).warning).toMatch(/已超过两天/);
  }, 120_000);

  it('the daily check writes only when the newest backup is a day old', async () => {
    const count = listBackups(folder).length;
    await new BackupScheduler(app.db, app.loaded).runIfDue();
    expect(listBackups(folder)).toHaveLength(count);
    const tomorrow = new Date(Date.now() + 86_400_000 + 60_000);
    await new BackupScheduler(app.db, app.loaded, () => tomorrow).runIfDue();
    expect(listBackups(folder).length).toBe(count + 1);
  }, 120_000);

  it('a folder that cannot be written gives a clear error, not a crash', async () => {
    const blocked = join(h.dir, 'shop', 'config.json', 'not-a-dir');
    const broken = { ...app.loaded, config: { ...app.loaded.config, backup: { ...app.loaded.config.backup, folder: blocked } } };
    const s = new BackupScheduler(app.db, broken);
    await s.runNow();
    expect(s.lastError).toMatch(/无法写入备份到 .*not-a-dir/);
  }, 60_000);
});
