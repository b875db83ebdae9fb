/**
 * Background work while a counter window is open:
 *  - JournalWatcher: polls the journal's activity mark and tells the screens when it moved
 *    (a reversal attempt, a call from the CLI or another window);
 *  - ReversalDriver: moves on reversals that wait for their next attempt (2601 backoff). Only
 *    entries already in `reversing` are touched: an entry in `sent` may be a call still in flight
 *    in this process and must not be treated as lost. 2601 attempts whose own answer was lost
 *    (not in flight any more) are closed, as recovery would.
 */
import { formatDateTime, parseDateTime } from '../core/time';
import type { JournalStore } from '../journal/journal-store';
import type { OutcomeResolver } from '../journal/outcome-resolver';
import type { CounterEvents } from './events';
import type { MoneyLane } from './money-lane';
import type { ShopHeaderView } from './views';
import type { CenterReachView } from './center-reach';

export class JournalWatcher {
  private timer: NodeJS.Timeout | null = null;
  private last = '';

  constructor(
    private readonly journal: JournalStore,
    private readonly events: CounterEvents,
    private readonly intervalMs = 1000,
    /** Whether the center answers, sent along with each change (the header's badge). */
    private readonly centerReach?: () => CenterReachView,
    /** Codes not counted in the header's 「n 笔处理中」 (the background catalogue download's calls). */
    private readonly notCounted: readonly string[] = [],
  ) {}

  start(): void {
    this.last = this.journal.activity(this.notCounted).mark;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** Checks once; emits when the journal moved since the last check. */
  tick(): void {
    try {
      const a = this.journal.activity(this.notCounted);
      if (a.mark === this.last) return;
      this.last = a.mark;
      this.events.emit({
        type: 'journal',
        open: a.open,
        needsManual: a.needsManual,
        at: formatDateTime(new Date()),
        ...(this.centerReach ? { center: this.centerReach() } : {}),
      });
    } catch {
      // The database is being closed (reopen after settings): the next runtime has its own watcher.
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** Tells the header when the shop store push state changed (events waiting, link down or back). */
export class ShopWatcher {
  private timer: NodeJS.Timeout | null = null;
  private last = '';

  constructor(
    private readonly state: () => ShopHeaderView,
    private readonly events: CounterEvents,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  tick(): void {
    try {
      const shop = this.state();
      const mark = `${shop.pending}|${shop.online}|${shop.lastError ?? ''}`;
      if (mark === this.last) return;
      this.last = mark;
      this.events.emit({ type: 'shop', shop, at: formatDateTime(new Date()) });
    } catch {
      // The database is being closed (reopen after settings).
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

export class ReversalDriver {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly journal: JournalStore,
    private readonly resolver: OutcomeResolver,
    private readonly lane: MoneyLane | null = null,
    private readonly intervalMs = 3000,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** One pass over reversals that are due; concurrent ticks share it. */
  tick(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    let due;
    try {
      const now = this.clock().getTime();
      due = this.journal
        .open()
        .filter((e) => e.reversesId === null && e.state === 'reversing')
        .filter((e) => !e.nextAttemptAt || (parseDateTime(e.nextAttemptAt)?.getTime() ?? 0) <= now);
    } catch {
      return;
    }
    for (const entry of due) {
      try {
        const attempt = () => this.resolver.resolveEntry(entry);
        await (this.lane ? this.lane.run(attempt) : attempt());
      } catch {
        // Recorded on the entry by the resolver; the next tick tries again.
      }
    }
    try {
      // A 2601 attempt whose answer was lost would otherwise wait for the next `journal resolve` or restart.
      this.resolver.settleLostAttempts();
    } catch {
      // The database is being closed (reopen after settings).
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
