/** One request of a store under its busy flag: refused while another runs, its error kept for the screen. */
import { uiError, type UiError } from '../format';

export interface BusyStore<B> {
  get(): { busy: B | null };
  set(patch: { busy?: B | null; error?: UiError | null }): void;
}

/** True when `work` finished; false when another request was running or `work` failed (the error is set). */
export async function busyRun<B>(store: BusyStore<B>, busy: B, work: () => Promise<void>): Promise<boolean> {
  if (store.get().busy !== null) return false;
  store.set({ busy, error: null });
  try {
    await work();
    return true;
  } catch (e) {
    store.set({ error: uiError(e) });
    return false;
  } finally {
    store.set({ busy: null });
  }
}
