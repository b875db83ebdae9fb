/**
 * Every screen has one home field that holds the cursor (读卡: the ID number or scan field; 收费: the
 * item search; 签到: 操作员编号). It takes the focus when the screen opens, after each F-key
 * navigation, Esc or closed dialog, and whenever `ready` turns true again (an input disabled while a
 * call was in flight lost the focus to the page). A screen kept mounted (App.tsx) runs this again when it is shown.
 */
import { useEffect, useLayoutEffect, type RefObject } from 'react';
import { useNavStore } from './stores/nav-store';
import { dialogOpen } from './keyboard';

export function useHomeField(field: RefObject<{ focus(): void } | null>, ready = true): void {
  const tick = useNavStore((s) => s.focusTick);
  // A layout effect: the field has its cursor in the frame that shows the screen (a passive effect runs after
  // that frame, and its focus needed one more; issue 17). React has enabled the field in the DOM by now. Where
  // the focus was still refused (a field drawn later, by a component of its own), once more after this task,
  // if the cursor is still nowhere (not taken back from a field a quick key moved it to).
  useLayoutEffect(() => {
    if (!ready) return;
    field.current?.focus();
    const timer = setTimeout(() => {
      if (document.activeElement === null || document.activeElement === document.body) field.current?.focus();
    }, 0);
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
