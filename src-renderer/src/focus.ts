/**
 * Every screen has one home field that holds the cursor (读卡: the ID number or scan field; 收费: the
 * item search; 签到: 操作员编号). It takes the focus when the screen opens, after each F-key
 * navigation, Esc or closed dialog, and whenever `ready` turns true again (an input disabled while a
 * call was in flight lost the focus to the page). A screen kept mounted (App.tsx) runs this again when it is shown.
 */
import { useEffect, type RefObject } from 'react';
import { useNavStore } from './stores/nav-store';
import { dialogOpen } from './keyboard';

export function useHomeField(field: RefObject<{ focus(): void } | null>, ready = true): void {
  const tick = useNavStore((s) => s.focusTick);
  useEffect(() => {
    if (!ready) return;
    // After React has enabled the field again (a disabled input refuses the focus).
    const timer = setTimeout(() => field.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [field, ready, tick]);
}

/** Esc anywhere (no dialog open) brings the cursor back to the screen's home field, whatever else Esc does there. */
export function useEscapeRefocus(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !dialogOpen()) useNavStore.getState().refocus();
    };
    // Capture: before a dropdown or screen handler marks the key as used.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
