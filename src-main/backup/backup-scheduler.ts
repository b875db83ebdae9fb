/**
 * The running app's daily backup: checked at start and every hour, a backup is written when the
 * newest good one is more than a day old. One at a time; a failure is kept for the screen and
 * tried again at the next check.
 */
import type { LoadedConfig } from '../config/load';
import type { Db } from '../storage/sqlite';
import { backupFolderOf, listBackups } from './backup-files';
import { writeBackup } from './backup-writer';

const DAY_MS = 86_400_000;
const CHECK_EVERY_MS = 3_600_000;

export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** The last failure, in Chinese (null after a success). */
  lastError: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly loaded: LoadedConfig,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): void {
    if (!this.loaded.config.backup.daily || this.timer) return;
    this.timer = setInterval(() => void this.runIfDue(), CHECK_EVERY_MS);
    this.timer.unref();
    void this.runIfDue();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Writes a backup if the newest is older than a day; resolves when done (or at once when not due). */
  runIfDue(): Promise<void> {
    const newest = listBackups(backupFolderOf(this.loaded))[0];
    if (newest && this.clock().getTime() - newest.takenAt.getTime() < DAY_MS) return Promise.resolve();
    return this.runNow();
  }

  /** A backup now (the 设置 screen's button); joins one already running. */
  runNow(): Promise<void> {
    const folder = backupFolderOf(this.loaded);
    this.running ??= writeBackup(this.db, folder, { keep: this.loaded.config.backup.keep, now: this.clock() })
      .then(
        () => {
          this.lastError = null;
        },
        (error: Error & { messageZh?: string }) => {
          this.lastError = error.messageZh ?? error.message;
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
