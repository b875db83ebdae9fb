/** 电子处方: the prescriptions this pharmacy handles and the step in progress. */
import { create } from 'zustand';
import type { PharmacistView, RxView } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';

type Step = 'list' | 'authorize' | 'download' | 'verify' | 'audit' | 'basket' | 'upload' | 'refund' | 'deliver' | 'sign';

interface RxState {
  list: readonly RxView[];
  selected: RxView | null;
  pharmacists: readonly PharmacistView[];
  busy: Step | null;
  error: UiError | null;
  load(): Promise<void>;
  select(hiRxno: string): Promise<void>;
  /** Runs one step; the answer replaces the selected prescription and the list is reloaded. */
  run(step: Step, fn: () => Promise<RxView | readonly RxView[]>): Promise<boolean>;
  loadPharmacists(): Promise<void>;
  clearError(): void;
}

export const useRxStore = create<RxState>((set, get) => ({
  list: [],
  selected: null,
  pharmacists: [],
  busy: null,
  error: null,
  async load() {
    try {
      const list = await call('rx.list', {});
      const current = get().selected;
      set({ list, selected: current ? (list.find((r) => r.hiRxno === current.hiRxno) ?? current) : null });
    } catch (e) {
      set({ error: uiError(e) });
    }
  },
  async select(hiRxno) {
    try {
      set({ selected: await call('rx.get', { hiRxno }), error: null });
    } catch (e) {
      set({ error: uiError(e) });
    }
  },
  async run(step, fn) {
    if (get().busy) return false;
    set({ busy: step, error: null });
    try {
      const result = await fn();
      const views = Array.isArray(result) ? (result as readonly RxView[]) : [result as RxView];
      set({ selected: views[0] ?? get().selected });
      return true;
    } catch (e) {
      set({ error: uiError(e) });
      return false;
    } finally {
      set({ busy: null });
      await get().load();
    }
  },
  async loadPharmacists() {
    try {
      set({ pharmacists: await call('rx.pharmacists', {}) });
    } catch (e) {
      set({ error: uiError(e) });
    }
  },
  clearError: () => set({ error: null }),
}));
