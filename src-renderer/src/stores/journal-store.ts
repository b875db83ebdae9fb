/** 交易流水: rows with a filter, the open detail, and the work still pending (reversals, manual checks). */
import { create } from 'zustand';
import type { JournalDetail, JournalRow, PendingWork } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';

export interface JournalFilterForm {
  states: string[];
  infno: string;
  since: string;
  text: string;
}

interface JournalState {
  filter: JournalFilterForm;
  rows: readonly JournalRow[];
  pending: PendingWork | null;
  detail: JournalDetail | null;
  loading: boolean;
  resolving: boolean;
  resolveLines: readonly string[];
  error: UiError | null;
  setFilter(patch: Partial<JournalFilterForm>): void;
  load(): Promise<void>;
  openDetail(id: number): Promise<void>;
  closeDetail(): void;
  resolveNow(): Promise<void>;
}

export const useJournalStore = create<JournalState>((set, get) => ({
  filter: { states: [], infno: '', since: '', text: '' },
  rows: [],
  pending: null,
  detail: null,
  loading: false,
  resolving: false,
  resolveLines: [],
  error: null,
  setFilter(patch) {
    set((s) => ({ filter: { ...s.filter, ...patch } }));
    void get().load();
  },
  async load() {
    const f = get().filter;
    set({ loading: true });
    try {
      const [rows, pending] = await Promise.all([
        call('journal.list', {
          states: f.states.length ? (f.states as never) : undefined,
          infno: f.infno || undefined,
          since: f.since || undefined,
          text: f.text || undefined,
          limit: 300,
        }),
        call('journal.pending', {}),
      ]);
      set({ rows, pending, error: null });
      const open = get().detail;
      if (open) set({ detail: await call('journal.detail', { id: open.row.id }) });
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ loading: false });
    }
  },
  async openDetail(id) {
    try {
      set({ detail: await call('journal.detail', { id }) });
    } catch (e) {
      set({ error: uiError(e) });
    }
  },
  closeDetail: () => set({ detail: null }),
  async resolveNow() {
    if (get().resolving) return;
    set({ resolving: true });
    try {
      const r = await call('journal.resolveNow', {});
      set({ resolveLines: r.lines.length ? r.lines : ['没有需要处理的交易'] });
      await get().load();
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ resolving: false });
    }
  },
}));
