/** Which screen is shown, and when its home field should take the keyboard focus again. */
import { create } from 'zustand';

export type ScreenKey =
  | 'signin'
  | 'card'
  | 'sale'
  | 'journal'
  | 'settings'
  | 'interfaces'
  | 'reports'
  | 'mapping'
  | 'inventory'
  | 'rx'
  | 'prices'
  | 'region';

interface NavState {
  screen: ScreenKey;
  /**
   * Bumped by every F-key navigation (also to the screen already shown), Esc and a closed dialog:
   * the screen puts the cursor back into its one home field, so a scanner or the next typing
   * never goes nowhere.
   */
  focusTick: number;
  go(screen: ScreenKey): void;
  refocus(): void;
}

export const useNavStore = create<NavState>((set) => ({
  screen: 'signin',
  focusTick: 0,
  go: (screen) => set((s) => ({ screen, focusTick: s.focusTick + 1 })),
  refocus: () => set((s) => ({ focusTick: s.focusTick + 1 })),
}));
