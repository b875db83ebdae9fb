/**
 * The in-page clock of the till benches: when the page received a key (KEY_CLOCK), when each API call left on
 * the page's socket and when its answer came (CALL_CLOCK), and a watch from the key to the first frame showing
 * a step's result (watchShown). Shared by `bench/till.ts` (the counter) and `bench/till-floor.ts` (the same
 * measurement on a bare page: what this machine allows).
 */
import type { Page } from 'playwright-core';
/** What a step shows: an element matching `css` (the nth of them), holding `text` when given. */
export interface Shown {
  readonly css: string;
  readonly nth?: number;
  readonly text?: string;
}

/** What the in-page functions below use of the browser (the bench compiles without the DOM types). */
export interface PageGlobals {
  lastKeyAt?: number;
  armedAt?: number;
  apiCalls?: { id: string; sent: number; answered?: number }[];
  addEventListener(type: 'keydown', listener: () => void, capture: boolean): void;
  requestAnimationFrame(callback: () => void): number;
  performance: { measure(name: string, options: { start: number; end: number }): void };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, boolean>): void;
    disconnect(): void;
  };
  document: {
    querySelectorAll(css: string): ArrayLike<{ textContent: string | null }>;
    addEventListener(type: 'focusin', listener: () => void, capture: boolean): void;
    removeEventListener(type: 'focusin', listener: () => void, capture: boolean): void;
  };
}

/**
 * What a watch saw: ms from the key to the frame, and for a step that called the main side, the last call's
 * split: key → request sent, the call (loopback HTTP + the main side), answer → the frame showing it.
 */
export interface Watched {
  readonly total: number;
  readonly split: readonly [toRequest: number, call: number, toFrame: number] | null;
}

/** Records the time of each key as the page receives it (before the app's own handlers). */
export const KEY_CLOCK = () => {
  const w = globalThis as unknown as PageGlobals;
  w.addEventListener('keydown', () => (w.lastKeyAt = performance.now()), true);
};

/**
 * Records when each API call leaves the page on its socket and when its answer arrives (before the app's own
 * listener sees it): the page's WebSocket with a clock, matching answers to calls by the id each text begins with.
 */
export const CALL_CLOCK = () => {
  const w = globalThis as unknown as PageGlobals & { WebSocket: new (url: string) => SocketWithClock };
  interface SocketWithClock {
    send(data: string): void;
    addEventListener(type: 'message', listener: (event: { data: string }) => void): void;
  }
  const idOf = (text: string) => /^\{"id":(\d+)/.exec(text.slice(0, 24))?.[1] ?? '';
  const Native = w.WebSocket;
  w.WebSocket = class extends (Native as new (url: string) => SocketWithClock) {
    constructor(url: string) {
      super(url);
      this.addEventListener('message', (event) => {
        const at = performance.now();
        const id = idOf(event.data);
        const call = (w.apiCalls ?? []).find((c) => c.id === id);
        if (call) call.answered = at;
      });
    }
    override send(data: string): void {
      (w.apiCalls ??= []).push({ id: idOf(data), sent: performance.now() });
      super.send(data);
    }
  };
};

/**
 * In the page: ms from the last key the page received to the first animation frame (the paint that
 * shows it) in which everything in `shown` is on screen. Armed (awaited) before the keys are sent, so
 * a key that reaches the page (and changes it) before the watch itself runs still counts.
 */
export async function watchShown(
  page: Page,
  step: string,
  shown: readonly Shown[],
  timeoutMs: number,
): Promise<() => Promise<Watched>> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.armedAt = performance.now();
  });
  const watch = page.evaluate(
    ([step, shown, timeoutMs]) =>
      new Promise<Watched>((resolve, reject) => {
        const w = globalThis as unknown as PageGlobals;
        const start = w.armedAt ?? performance.now();
        const on = (s: Shown) => {
          const el = w.document.querySelectorAll(s.css)[s.nth ?? 0];
          return el !== undefined && (s.text === undefined || (el.textContent ?? '').includes(s.text));
        };
        // Checked when the page changes (a mutation, the cursor moving), then timed at the next frame: a watch that
        // asked for every frame would have the page draw 60 frames a second for it, CPU the counter's own screens
        // do not spend while waiting (on 2 cores, taken from the very work being timed).
        let framePending = false;
        const observer = new w.MutationObserver(() => check());
        const stop = () => {
          observer.disconnect();
          w.document.removeEventListener('focusin', check, true);
          clearTimeout(timer);
        };
        const timer = setTimeout(() => (stop(), reject(new Error(`not shown: ${JSON.stringify(shown)}`))), timeoutMs);
        const ready = () => (w.lastKeyAt ?? -1) >= start && shown.every(on);
        function check(): void {
          if (framePending || !ready()) return;
          framePending = true;
          w.requestAnimationFrame(() => {
            framePending = false;
            // Undone before its frame (a list of fewer letters replaced): wait for the next change.
            if (!ready()) return;
            stop();
            const keyAt = w.lastKeyAt as number;
            const end = performance.now();
            // The step's window in a performance trace (TILL_TRACE, till-trace.ts).
            w.performance.measure(`till: ${step}`, { start: keyAt, end });
            // The API calls made meanwhile (CALL_CLOCK), for the step's split: the last one sent and answered in it.
            const last = (w.apiCalls ?? []).filter((c) => c.sent >= keyAt && c.answered !== undefined && c.answered <= end).pop();
            w.apiCalls = [];
            resolve({
              total: end - keyAt,
              split: last?.answered !== undefined ? [last.sent - keyAt, last.answered - last.sent, end - last.answered] : null,
            });
          });
        }
        observer.observe(w.document, { subtree: true, childList: true, attributes: true, characterData: true });
        w.document.addEventListener('focusin', check, true);
        // The key (armed before) may have reached the page, and changed it, before this watch began.
        check();
      }),
    [step, shown, timeoutMs] as const,
  );
  // A refused watch (not shown in time) is reported where it is awaited, not as an unhandled rejection.
  watch.catch(() => {});
  return () => watch;
}
