/** Who is at the counter: app status, the signed-in operator, the shift and the last hand-over slip. */
import { create } from 'zustand';
import type { AppStatus, SessionInfo, ShiftSummary } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';
import { finishPrint } from '../print/browser-print';

interface SessionState {
  status: AppStatus | null;
  session: SessionInfo | null;
  shift: ShiftSummary | null;
  /** The slip of the shift that was just signed out, kept on screen for the hand-over. */
  handover: ShiftSummary | null;
  /** The region's 安全控件 is required and not ready: why, for the cashier (from sign-in). */
  safeControlNotice: string | null;
  loading: boolean;
  error: UiError | null;
  /** 交班单 printing: in flight, and what became of the last print. */
  printingShift: boolean;
  shiftPrinted: string | null;
  refresh(): Promise<void>;
  loadShift(): Promise<void>;
  signIn(opter: string, opterName: string): Promise<boolean>;
  signOut(): Promise<boolean>;
  /** 交班单 of the signed-in operator, through the receipts' printer (the browser's print in web mode). */
  printShift(): Promise<void>;
}

export const useSessionStore = create<SessionState>((set, get) => ({
  status: null,
  session: null,
  shift: null,
  handover: null,
  safeControlNotice: null,
  loading: false,
  error: null,
  printingShift: false,
  shiftPrinted: null,
  async refresh() {
    try {
      const [status, session] = await Promise.all([call('app.status', {}), call('session.current', {})]);
      set({ status, session, error: null });
      if (session) await get().loadShift();
    } catch (e) {
      set({ error: uiError(e) });
    }
  },
  async loadShift() {
    if (!get().session) return set({ shift: null });
    try {
      set({ shift: await call('session.shiftSummary', {}) });
    } catch (e) {
      set({ error: uiError(e) });
    }
  },
  async signIn(opter, opterName) {
    set({ loading: true, error: null });
    try {
      const s = await call('session.signIn', { opter, opterName });
      set({
        session: { opter: s.opter, opterName: s.opterName, signNo: s.signNo, signTime: s.signTime },
        safeControlNotice: s.safeControl.message,
      });
      await get().loadShift();
      return true;
    } catch (e) {
      set({ error: uiError(e) });
      return false;
    } finally {
      set({ loading: false });
    }
  },
  async printShift() {
    if (!get().session || get().printingShift) return;
    set({ printingShift: true, shiftPrinted: null, error: null });
    try {
      const out = await call('session.printShift', {});
      set({ shiftPrinted: `交班单${await finishPrint(out.slip, out)}` });
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ printingShift: false });
    }
  },
  async signOut() {
    const current = get().session;
    if (!current) return false;
    set({ loading: true, error: null });
    try {
      const out = await call('session.signOut', { opter: current.opter });
      set({ session: null, shift: null, handover: out.summary, shiftPrinted: null });
      return true;
    } catch (e) {
      set({ error: uiError(e) });
      return false;
    } finally {
      set({ loading: false });
    }
  },
}));
