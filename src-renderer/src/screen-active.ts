/**
 * Whether the screen a component belongs to is the one shown. The till's own screens (读卡 and 收费) stay mounted
 * while another is shown (App.tsx, React's <Activity>), so F1 / F2 and the read going on to 收费 only show them
 * (issue 17: mounting them anew was most of those steps' time). A hidden screen keeps its state, but its effects
 * are off (no keys: useHotkeys, no cursor: useHomeField; both run again when it is shown) and it is drawn anew at
 * low priority. What an effect cannot switch off asks here: a dialog (a portal, outside the hidden screen's
 * elements) and content that must not stand twice in the page. Outside a kept screen it is always true.
 */
import { createContext, useContext } from 'react';

export const ScreenActive = createContext(true);

export function useScreenActive(): boolean {
  return useContext(ScreenActive);
}
