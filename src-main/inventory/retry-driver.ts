/**
 * While the counter runs, 进销存 rows whose upload was not sent or had an unknown outcome are
 * retried in the background when their backoff time has come (newly queued rows wait for a
 * person to press 上传). Only with an operator signed in: the calls need a sign_no.
 */
import { formatDateTime } from '../core/time';
import type { CounterApp } from '../app/counter-app';
import { inventoryDeskOf } from './inventory-desk';

export class InventoryRetryDriver {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly app: CounterApp,
    private readonly intervalMs = 5000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async tick(): Promise<void> {
    try {
      const desk = inventoryDeskOf(this.app);
      if (!this.app.sessions.current() || !desk.queue.hasDueRetries(formatDateTime(new Date()))) return;
      await desk.upload({ retriesOnly: true });
    } catch {
      // Each row keeps what happened (state, message, next attempt); the next tick tries again.
    }
  }
}
