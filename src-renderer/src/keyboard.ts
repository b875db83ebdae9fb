/**
 * Keyboard first: F-keys for the main actions (global ones in the shell, the screen's own ones in
 * the screen), Enter confirms (forms, dialogs), Esc backs out. A handled F-key never reaches the
 * browser (F5 would reload the page).
 */
import { useEffect, useRef } from 'react';

export type KeyMap = Partial<Record<string, () => void>>;

/** A dialog is open (not closing): screen keys wait (the dialog handles Enter / Esc itself). */
export function dialogOpen(): boolean {
  for (const modal of document.querySelectorAll<HTMLElement>('.ant-modal')) {
    const closing = [...modal.classList].some((c) => c.endsWith('-leave') || c.endsWith('-leave-active'));
    if (!closing && modal.offsetParent !== null) return true;
  }
  return false;
}

export function useHotkeys(keys: KeyMap, options: { enabled?: boolean; inDialogs?: boolean } = {}): void {
  const ref = useRef(keys);
  ref.current = keys;
  const enabled = options.enabled ?? true;
  const inDialogs = options.inDialogs ?? false;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const action = ref.current[event.key];
      if (!action) return;
      if (!inDialogs && dialogOpen()) return;
      // A dropdown or an input that used Esc itself (closing a list) keeps it.
      if (event.key === 'Escape' && event.defaultPrevented) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, inDialogs]);
}
