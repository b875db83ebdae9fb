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
