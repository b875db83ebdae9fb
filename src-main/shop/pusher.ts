/**
 * Pushes the outbox to the shop store, oldest first, in batches: the store appends what it does
 * not have yet (keyed by msgid:state), then the outbox marks the batch pushed. A LAN outage only
 * leaves events waiting; a crash between the two steps only pushes a batch again. The state of
 * the push (waiting events, last success, last error) is what the header and `yibao shop status` show.
 */
import { YibaoError } from '../core/errors';
import { formatDateTime } from '../core/time';
import { crashPoint } from '../journal/crash-points';
import type { ShopOutbox } from './outbox';
import type { ShopStore } from './shop-store';

const BATCH = 200;

export interface ShopPushState {
  /** Events journaled here that the shop store does not have yet. */
  readonly pending: number;
  readonly pushed: number;
  /** When the oldest waiting event was journaled (null when none waits). */
  readonly oldestPendingAt: string | null;
  readonly lastPushAt: string | null;
  /** The last failure, in Chinese (null after a success). */
  readonly lastError: string | null;
  /** The last attempt reached the shop store. */
  readonly online: boolean;
}

export class ShopPusher {
  private running: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPushAt: string | null = null;
  private lastError: string | null = null;
  private online: boolean;

  constructor(
    private readonly outbox: ShopOutbox,
    private readonly store: ShopStore,
    private readonly counterId: string,
    reachable: boolean,
  ) {
    this.online = reachable;
  }

  /** Pushes until the outbox is empty; one push at a time (a second caller waits for the running one). */
  pushAll(): Promise<number> {
    this.running ??= this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const rows = this.outbox.unpushed(BATCH);
        if (rows.length === 0) break;
        await this.store.append(this.counterId, rows);
        crashPoint('shop-after-append', rows[0]?.infno ?? '');
        this.outbox.markPushed(rows.map((r) => r.id));
        total += rows.length;
      }
      this.online = true;
      this.lastError = null;
      this.lastPushAt = formatDateTime(new Date());
    } catch (error) {
      this.online = false;
      this.lastError = error instanceof YibaoError ? error.messageZh : String((error as Error)?.message ?? error);
    }
    return total;
  }

  /** Pushes now and then every `intervalMs` while there is something to push (timer does not hold the process). */
  start(intervalMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.outbox.counts().pending > 0) void this.pushAll();
    }, intervalMs);
    this.timer.unref();
    void this.pushAll();
  }

  /** Stops the timer and makes a last attempt, bounded by `waitMs` (a closed LAN must not hold up closing). */
  async stop(waitMs = 3000): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      this.pushAll(),
      new Promise((resolve) => {
        timeout = setTimeout(resolve, waitMs);
      }),
    ]);
    clearTimeout(timeout);
  }

  state(): ShopPushState {
    const counts = this.outbox.counts();
    return { ...counts, lastPushAt: this.lastPushAt, lastError: this.lastError, online: this.online };
  }
}
