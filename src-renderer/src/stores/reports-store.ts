/**
 * 对账与报表: the chosen day (and operator), its report, the reconciliation history and the last run.
 * With a shop store: the report of this counter, the whole shop or one counter, and the shop's newest 对账.
 */
import { create } from 'zustand';
import type { DailyReport, ReconcileOutcome, ReconcileRunView, ShopCounterView } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';

/** Today in China Standard Time, yyyy-MM-dd (the center's calendar, whatever the PC's zone). */
export function todayCst(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Hands the exported bytes to the browser as a download. */
function download(file: { filename: string; mime: string; base64: string }): void {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** '' = this counter, 'shop' = the whole shop, else a counter's name. */
export type ReportScope = string;

function scopeArgs(scope: ReportScope): { shop?: boolean; counter?: string } {
  return scope === '' ? {} : scope === 'shop' ? { shop: true } : { counter: scope };
}

interface ReportsState {
  date: string;
  opter: string;
  scope: ReportScope;
  /** The shop's counters; empty for a counter that works alone. */
  counters: readonly ShopCounterView[];
  /** The shop's newest 对账 of the day, whichever counter ran it. */
  shopRun: ReconcileRunView | null;
  report: DailyReport | null;
  history: readonly ReconcileRunView[];
  outcome: ReconcileOutcome | null;
  loading: boolean;
  reconciling: boolean;
  exporting: 'xlsx' | 'csv' | null;
  error: UiError | null;
  setDate(date: string): void;
  setOpter(opter: string): void;
  setScope(scope: ReportScope): void;
  load(): Promise<void>;
  reconcile(): Promise<void>;
  exportFile(format: 'xlsx' | 'csv'): Promise<void>;
}

export const useReportsStore = create<ReportsState>((set, get) => ({
  date: todayCst(),
  opter: '',
  scope: '',
  counters: [],
  shopRun: null,
  report: null,
  history: [],
  outcome: null,
  loading: false,
  reconciling: false,
  exporting: null,
  error: null,
  setDate(date) {
    set({ date, outcome: null });
    void get().load();
  },
  setOpter(opter) {
    set({ opter });
    void get().load();
  },
  setScope(scope) {
    set({ scope });
    void get().load();
  },
  async load() {
    const { date, opter, scope } = get();
    set({ loading: true });
    try {
      const [report, history, counters, shopRun] = await Promise.all([
        call('report.daily', { date, opter: opter.trim() || undefined, ...scopeArgs(scope) }),
        call('reconcile.history', { date, limit: 20 }),
        call('shop.counters', {}),
        call('reconcile.shopLatest', { date }),
      ]);
      set({ report, history, counters, shopRun, error: null });
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ loading: false });
    }
  },
  async reconcile() {
    set({ reconciling: true, error: null });
    try {
      const outcome = await call('reconcile.run', { date: get().date });
      set({ outcome });
      await get().load();
    } catch (e) {
      set({ error: uiError(e) });
      await get().load();
    } finally {
      set({ reconciling: false });
    }
  },
  async exportFile(format) {
    const { date, opter, scope } = get();
    set({ exporting: format });
    try {
      download(await call('report.export', { date, opter: opter.trim() || undefined, ...scopeArgs(scope), format }));
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ exporting: null });
    }
  },
}));
