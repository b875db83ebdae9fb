/** 读卡: the person read for the current customer (masked view; the identity stays on the main side). */
import { create } from 'zustand';
import type { PersonView } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';

export type ReadEntry = { kind: 'id'; idNumber: string; name: string } | { kind: 'scan'; text: string };

interface PersonState {
  person: PersonView | null;
  reading: boolean;
  error: UiError | null;
  /**
   * `then` runs right after the person is stored, in the same turn (what the screen does next, e.g. go on to
   * 收费, is drawn in the same render as the person: one render, not two; issue 17).
   */
  read(entry: ReadEntry, then?: () => void): Promise<boolean>;
  readDevice(): Promise<boolean>;
  choose(index: number): Promise<void>;
  clear(): void;
}

export const usePersonStore = create<PersonState>((set, get) => ({
  person: null,
  reading: false,
  error: null,
  async read(entry, then) {
    set({ reading: true, error: null });
    try {
      set({ person: await call('person.read', { entry }) });
      // Still this turn, as is `finally` below: the person, the next step and reading: false are one render.
      then?.();
      return true;
    } catch (e) {
      set({ error: uiError(e) });
      return false;
    } finally {
      set({ reading: false });
    }
  },
  async readDevice() {
    set({ reading: true, error: null });
    try {
      set({ person: await call('person.readDevice', {}) });
      return true;
    } catch (e) {
      set({ error: uiError(e) });
      return false;
    } finally {
      set({ reading: false });
    }
  },
  async choose(index) {
    const person = get().person;
    if (!person) return;
    set({ reading: true, error: null });
    try {
      set({ person: await call('person.choose', { key: person.key, index }) });
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ reading: false });
    }
  },
  clear: () => set({ person: null, error: null }),
}));

/**
 * A read person the cashier can sell to at once: one insurance, 正常参保, the 2001 check found
 * nothing refused, and where the region has a 安全控件 the read went through it. Then the read goes
 * straight on to 收费 (the cursor in the item search, no F2); otherwise the 读卡 screen stays, showing
 * the choice or the warning to look at (a typed ID under 四川: this person cannot be settled).
 */
export function readyToSell(person: PersonView | null): boolean {
  if (!person || person.insurances.length !== 1 || person.insurances[0]?.status.code !== '1') return false;
  if (person.safeMedium?.obtained === false) return false;
  return person.treatment.error === null && (person.treatment.rows ?? []).every((r) => r.enjoyed);
}
