/**
 * A confirmation dialog whose Enter means "yes": its OK button holds the cursor once the dialog is open.
 * `autoFocus` alone loses a race now and then (the dialog's own focus handling or a home field's deferred focus
 * lands after it, and Enter then goes nowhere), so the button is focused again when the opening animation ends.
 */
import { useRef } from 'react';
import type { ButtonProps } from 'antd';

export function useOkFocus(): { okRef: React.RefObject<HTMLButtonElement | null>; afterOpenChange(open: boolean): void } {
  const okRef = useRef<HTMLButtonElement | null>(null);
  return {
    okRef,
    afterOpenChange: (open) => {
      if (open && document.activeElement !== okRef.current) okRef.current?.focus();
    },
  };
}

/** The OK button of a confirmation that does something that cannot be taken back (a refund): red, holding the cursor. */
export function dangerOkProps(okRef: React.RefObject<HTMLButtonElement | null>, testId: string, loading: boolean): ButtonProps {
  return { danger: true, loading, autoFocus: true, ref: okRef, 'data-testid': testId } as ButtonProps;
}
