/**
 * When archiving runs in the app (issue 19): after the app opened (recovery and the integrity
 * check are done by then), in the background, at most once a day; and on demand (`yibao journal
 * archive --now`). One run at a time; each run is a line in the app log and its result is kept
 * in the archive folder for 设置.
 */
import type { Db } from '../../storage/sqlite';
import { logError, type LogSink } from '../../core/log';
import { parseDateTime } from '../../core/time';
import { readLastRun, writeLastRun } from './archive-files';
import { archiveOldYears, archiveRunLine } from './archive-run';
import type { ArchiveShelf } from './archive-shelf';
import type { ArchiveRunResult, ArchiveView } from './archive-views';

const DAY_MS = 86_400_000;
/**
 * The daily run starts this long after the app opened: never while the first screen and the
 * sign-in load. Its steps run on the app's thread with pauses between them (the archive file's
 * quick_check on a worker); the longest hold is about 0.7 s for a year of 100,000 entries (README 流水归档).
 */
export const ARCHIVE_START_DELAY_MS = 60_000;

const stderrLine: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

export class ArchiveScheduler {
  private running: Promise<ArchiveRunResult> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly shelf: ArchiveShelf,
    /** config journal.archiveAfterYears (null: off). */
    readonly afterYears: number | null,
    private readonly clock: () => Date = () => new Date(),
    private readonly log: LogSink = stderrLine,
  ) {}

  get enabled(): boolean {
    return this.afterYears !== null;
  }

  lastRun(): ArchiveRunResult | null {
    return readLastRun(this.shelf.folder);
  }

  /** Queues the daily run a minute behind the first screen. */
  start(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runIfDue().catch((error: unknown) => logError('E_ARCHIVE_RUN', error, '流水归档失败 (收银台照常运行)', this.log));
    }, ARCHIVE_START_DELAY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs when archiving is on and the last run is more than a day old; null when not due. */
  async runIfDue(): Promise<ArchiveRunResult | null> {
    if (!this.enabled) return null;
    const last = this.lastRun();
    const lastAt = last ? parseDateTime(last.at) : undefined;
    if (lastAt && this.clock().getTime() - lastAt.getTime() < DAY_MS) return null;
    return this.runNow();
  }

  /** A run now with the configured years (or `afterYears` given by the caller); joins one already running. */
  runNow(afterYears: number | null = this.afterYears): Promise<ArchiveRunResult> {
    if (afterYears === null) throw new Error('archiving is off');
    this.running ??= this.run(afterYears).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(afterYears: number): Promise<ArchiveRunResult> {
    // The screens' read-only connections are closed while the files change; they re-open on use.
    this.shelf.close();
    const result = await archiveOldYears({
      db: this.db,
      folder: this.shelf.folder,
      afterYears,
      now: this.clock(),
      yieldBetween: () => new Promise((resolve) => setImmediate(resolve)),
    });
    this.shelf.close();
    writeLastRun(this.shelf.folder, result);
    this.log(`${new Date().toISOString()} ARCHIVE ${archiveRunLine(result)}`);
    return result;
  }
}

/** What 设置 and the year picker of 交易流水 show. */
export function archiveViewOf(scheduler: ArchiveScheduler, shelf: ArchiveShelf): ArchiveView {
  return { afterYears: scheduler.afterYears, folder: shelf.folder, years: shelf.years(), lastRun: scheduler.lastRun() };
}
