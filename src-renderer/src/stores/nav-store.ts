/** Which screen is shown. */
import { create } from 'zustand';

export type ScreenKey =
  'signin' | 'card' | 'sale' | 'journal' | 'settings' | 'interfaces' | 'reports' | 'mapping' | 'inventory' | 'rx';

interface NavState {
  screen: ScreenKey;
  go(screen: ScreenKey): void;
}

export const useNavStore = create<NavState>((set) => ({
  screen: 'signin',
  go: (screen) => set({ screen }),
}));
