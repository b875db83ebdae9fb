/**
 * Hands scans to reads. A scanner sends whenever the patient holds up a code; a read waits for the
 * next scan. A scan that arrives while no read waits is kept for a short while (the cashier's screen
 * may be between two reads), then dropped: an old scan must never identify the next patient.
 */
import { cancelled, noCard } from '../device-errors';

interface Waiter {
  resolve(text: string): void;
  reject(error: Error): void;
}

export class ScanInbox {
  private waiter: Waiter | null = null;
  private kept: { value: string | Error; at: number } | null = null;

  constructor(
    /** How long an unclaimed scan stays valid. */
    private readonly keepMs = 5_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** A complete scan (text) or a failure of the device (error) for the waiting read. */
  deliver(value: string | Error): void {
    const w = this.waiter;
    if (w) {
      this.waiter = null;
      if (typeof value === 'string') w.resolve(value);
      else w.reject(value);
      return;
    }
    this.kept = { value, at: this.now() };
  }

  /** The next scan; E_DEVICE_NO_CARD when none comes within `timeoutMs`. */
  next(timeoutMs: number, signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) return Promise.reject(cancelled());
    const kept = this.kept;
    this.kept = null;
    if (kept && this.now() - kept.at <= this.keepMs) {
      return typeof kept.value === 'string' ? Promise.resolve(kept.value) : Promise.reject(kept.value);
    }
    if (this.waiter) this.waiter.reject(cancelled());
    return new Promise<string>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (this.waiter === waiter) this.waiter = null;
      };
      const waiter: Waiter = {
        resolve: (t) => {
          done();
          resolve(t);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      };
      const timer = setTimeout(() => waiter.reject(noCard('ec')), timeoutMs);
      const onAbort = () => waiter.reject(cancelled());
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = waiter;
    });
  }

  /** Rejects a waiting read (the device went away or the reader closed). */
  fail(error: Error): void {
    const w = this.waiter;
    this.waiter = null;
    this.kept = null;
    w?.reject(error);
  }
}
