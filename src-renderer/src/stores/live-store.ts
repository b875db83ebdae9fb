/**
 * Live state from the main side's event stream: journal activity (open reversals, calls that
 * need a person) and the current step of a long operation.
 */
import { create } from 'zustand';
import type { CounterEvent } from '../../../src-main/api/contract';
import type { CatalogueFillView, CenterReachView, ShopHeaderView } from '../../../src-main/counter/views';
import { subscribe } from '../api/client';

interface LiveState {
  open: number;
  needsManual: number;
  /** Increments on every journal event: screens reload when it changes. */
  journalTick: number;
  progress: Record<string, { step: string; done: boolean; at: string }>;
  restartedAt: string | null;
  /** The shop store push state as last reported (null until the first change; app.status has the start). */
  shop: ShopHeaderView | null;
  /** The local catalogue's first fill as last reported (null until the first report). */
  catalogueFill: CatalogueFillView | null;
  /** Whether the center answers, as of the last journal change (null until then; app.status has the start). */
  center: CenterReachView | null;
  apply(event: CounterEvent): void;
}

export const useLiveStore = create<LiveState>((set) => ({
  open: 0,
  needsManual: 0,
  journalTick: 0,
  progress: {},
  restartedAt: null,
  shop: null,
  catalogueFill: null,
  center: null,
  apply(event) {
    if (event.type === 'journal') {
      set((s) => ({
        open: event.open,
        needsManual: event.needsManual,
        journalTick: s.journalTick + 1,
        center: event.center ?? s.center,
      }));
    } else if (event.type === 'catalogue') {
      set({ catalogueFill: event.fill });
    } else if (event.type === 'shop') {
      set({ shop: event.shop });
    } else if (event.type === 'progress') {
      set((s) => ({ progress: { ...s.progress, [event.op]: { step: event.step, done: event.done, at: event.at } } }));
    } else {
      // Reopened (perhaps on another center): app.status tells the new one's state.
      set((s) => ({ restartedAt: event.at, journalTick: s.journalTick + 1, center: null }));
    }
  },
}));

/** Starts forwarding the event stream into the store; returns the stop function. */
export function startLiveUpdates(): () => void {
  return subscribe((event) => useLiveStore.getState().apply(event));
}
