/**
 * Whether the screen a component belongs to is the one shown. The till's own screens (读卡 and 收费) stay mounted
 * while another is shown (App.tsx), so F1 / F2 and the read going on to 收费 only show them (issue 17: mounting
 * them anew was most of those steps' time). A hidden screen's keys (useHotkeys), home field (useHomeField) and
 * dialogs are off. Outside a screen (the shell) it is always true.
 */
import { createContext, useContext } from 'react';

export const ScreenActive = createContext(true);

export function useScreenActive(): boolean {
  return useContext(ScreenActive);
}
