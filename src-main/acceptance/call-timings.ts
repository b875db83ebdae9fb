/** Milliseconds per call by msgid, heard through the app's call tap (after the journal). */
import type { CallTap } from '../protocol/observer-tap';

export class CallTimings {
  private readonly started = new Map<string, number>();
  private readonly elapsed = new Map<string, number>();

  readonly tap: CallTap = {
    beforeSend: (envelope) => {
      this.started.set(envelope.msgid, performance.now());
    },
    afterSuccess: (envelope) => this.stop(envelope.msgid),
    afterFailure: (envelope) => this.stop(envelope.msgid),
  };

  private stop(msgid: string): void {
    const t0 = this.started.get(msgid);
    if (t0 !== undefined) this.elapsed.set(msgid, performance.now() - t0);
  }

  of(msgid: string): number | null {
    return this.elapsed.get(msgid) ?? null;
  }
}
