/** The journal's states, in the order an entry moves through them. Pure: the renderer's API contract uses it too. */
export const JOURNAL_STATES = [
  'prepared',
  'sent',
  'ok',
  'rejected',
  'not-sent',
  'unknown',
  'reversing',
  'reversed',
  'no-effect',
  'needs-manual',
] as const;
export type JournalState = (typeof JOURNAL_STATES)[number];

/*
 * `no-effect`: the call left nothing at the center to undo. Two ways in: an unknown outcome
 * of a call the profile says has no lasting effect (queries, pre-settlements), and an original
 * money call whose 2601 the center answered "原交易不存在" (it never took effect, so nothing
 * was reversed). The second is counted apart from reversals everywhere (issue 16): see
 * isNotApplied.
 */

/** An original whose 2601 the center answered "原交易不存在": it never took effect and was not reversed. */
export function isNotApplied(entry: {
  readonly state: JournalState;
  readonly attempts: number;
  readonly reversesId: number | null;
}): boolean {
  return entry.state === 'no-effect' && entry.attempts > 0 && entry.reversesId === null;
}
