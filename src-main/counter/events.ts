/**
 * Live updates for the screens: journal activity (a reversal progressing, a call finishing in
 * another window or in the CLI) and the steps of a long operation. The web host streams them as
 * server-sent events, the Electron shell forwards them through the preload bridge.
 */
import { formatDateTime } from '../core/time';
import type { CounterEvent } from './views';

export type CounterListener = (event: CounterEvent) => void;

export class CounterEvents {
  private readonly listeners = new Set<CounterListener>();

  subscribe(listener: CounterListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  emit(event: CounterEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (closed connection) must not stop the others.
      }
    }
  }

  /** One step of a long operation, e.g. ('clinic.settle', '正在结算 (2207)'). */
  progress(op: string, step: string, done = false): void {
    this.emit({ type: 'progress', op, step, done, at: formatDateTime(new Date()) });
  }
}

/** Progress reporting as the services see it. */
export type Progress = (step: string) => void;
