/**
 * A busy button's spinner, shown only once the call has taken SLOW_AFTER_MS (as the progress note). antd's
 * Button animates its spinner in and out, reading the button's width each time (a forced layout): for a quick
 * answer (the sandbox, a near center) that was drawn and taken away in the same breath, part of the time of
 * the read, F5 and F6 in the till's traces (issue 17). The button is disabled while busy all the same.
 */
export const SLOW_AFTER_MS = 300;

export function slowSpinner(busy: boolean): false | { delay: number } {
  return busy ? { delay: SLOW_AFTER_MS } : false;
}
