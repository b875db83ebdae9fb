/**
 * "Impossible to pay twice" inside one process: one run per business key at a time (a double
 * click, a repeated request or a second window joins the run in flight), and a finished run's
 * result is answered again for the same key. Across restarts the services look the key up in
 * the journal, which is the durable half of the same rule.
 */
/** A pre-settlement older than this is repeated before settling (balance and year totals move): pharmacy and clinic alike. */
export const PRE_SETTLE_VALID_MS = 30 * 60 * 1000;

export class SettleOnce<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly done = new Map<string, T>();

  constructor(private readonly remember = 500) {}

  /** True while a run for this key has not finished. */
  busy(key: string): boolean {
    return this.inFlight.has(key);
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /**
   * Runs `work` once for `key`. `repeat` marks an answer that was not produced by this call
   * (joined an earlier run, or answered from memory).
   */
  async run(key: string, work: () => Promise<T>, repeat: (first: T) => T): Promise<T> {
    const finished = this.done.get(key);
    if (finished !== undefined) return repeat(finished);
    const running = this.inFlight.get(key);
    if (running) return repeat(await running);
    const started = work();
    this.inFlight.set(key, started);
    try {
      const result = await started;
      this.done.set(key, result);
      while (this.done.size > this.remember) {
        const oldest = this.done.keys().next().value;
        if (oldest === undefined) break;
        this.done.delete(oldest);
      }
      return result;
    } finally {
      this.inFlight.delete(key);
    }
  }
}
