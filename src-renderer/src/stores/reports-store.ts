/** 对账与报表: the chosen day (and operator), its report, the reconciliation history and the last run. */
import { create } from 'zustand';
import type { DailyReport, ReconcileOutcome, ReconcileRunView } from '../../../src-main/api/contract';
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

interface ReportsState {
  date: string;
  opter: string;
  report: DailyReport | null;
  history: readonly ReconcileRunView[];
  outcome: ReconcileOutcome | null;
  loading: boolean;
  reconciling: boolean;
  exporting: 'xlsx' | 'csv' | null;
  error: UiError | null;
  setDate(date: string): void;
  setOpter(opter: string): void;
  load(): Promise<void>;
  reconcile(): Promise<void>;
  exportFile(format: 'xlsx' | 'csv'): Promise<void>;
}

export const useReportsStore = create<ReportsState>((set, get) => ({
  date: todayCst(),
  opter: '',
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
  async load() {
    const { date, opter } = get();
    set({ loading: true });
    try {
      const [report, history] = await Promise.all([
        call('report.daily', { date, opter: opter.trim() || undefined }),
        call('reconcile.history', { date, limit: 20 }),
      ]);
      set({ report, history, error: null });
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
    const { date, opter } = get();
    set({ exporting: format });
    try {
      download(await call('report.export', { date, opter: opter.trim() || undefined, format }));
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ exporting: null });
    }
  },
}));
