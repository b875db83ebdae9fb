/** Who is at the counter: app status and the signed-in operator. */
import { create } from 'zustand';
import type { AppStatus, SessionInfo } from '../../../src-main/api/contract';
import { call } from '../api/client';

interface SessionState {
  status: AppStatus | null;
  session: SessionInfo | null;
  loading: boolean;
  error: string | null;
  refresh(): Promise<void>;
  signIn(opter: string, opterName: string): Promise<void>;
  signOut(): Promise<void>;
}

export const useSessionStore = create<SessionState>((set, get) => ({
  status: null,
  session: null,
  loading: false,
  error: null,
  async refresh() {
    try {
      const [status, session] = await Promise.all([call('app.status', {}), call('session.current', {})]);
      set({ status, session, error: null });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  },
  async signIn(opter, opterName) {
    set({ loading: true, error: null });
    try {
      const s = await call('session.signIn', { opter, opterName });
      set({ session: { opter: s.opter, opterName: s.opterName, signNo: s.signNo, signTime: s.signTime } });
    } catch (e) {
      set({ error: (e as Error).message });
    } finally {
      set({ loading: false });
    }
  },
  async signOut() {
    const current = get().session;
    if (!current) return;
    set({ loading: true, error: null });
    try {
      await call('session.signOut', { opter: current.opter });
      set({ session: null });
    } catch (e) {
      set({ error: (e as Error).message });
    } finally {
      set({ loading: false });
    }
  },
}));
