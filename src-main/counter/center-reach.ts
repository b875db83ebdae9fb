/**
 * Whether the center answers, judged from the last calls the journal holds (no extra probe
 * traffic): the newest outcome decides, the few before it say whether it is a blip or a run.
 *   up:       the center answered (accepted or refused: either way it is there)
 *   down:     the request never reached it (refused connection, DNS, TLS, connect timeout)
 *   unsure:   sent, but the answer was lost or garbled (timeout, reset, HTTP 5xx)
 *   untested: no call yet to this center
 */
import type { JournalState } from '../journal/states';
import type { RecentOutcome } from '../journal/journal-store';

export type CenterReachState = 'up' | 'down' | 'unsure' | 'untested';

export interface CenterReachView {
  readonly state: CenterReachState;
  /** When the newest call ended ('' when none). */
  readonly lastAt: string;
  /** Of the recent calls looked at, how many did not get an answer. */
  readonly failed: number;
  readonly looked: number;
  /** Why the newest call failed ('' when it did not). */
  readonly lastError: string;
}

/** How many of the newest calls are looked at. */
export const REACH_WINDOW = 5;

const ANSWERED: ReadonlySet<JournalState> = new Set(['ok', 'rejected']);

export function centerReachOf(outcomes: readonly RecentOutcome[]): CenterReachView {
  const newest = outcomes[0];
  if (!newest) return { state: 'untested', lastAt: '', failed: 0, looked: 0, lastError: '' };
  const failed = outcomes.filter((o) => !ANSWERED.has(o.state)).length;
  const state: CenterReachState = ANSWERED.has(newest.state) ? 'up' : newest.state === 'not-sent' ? 'down' : 'unsure';
  return {
    state,
    lastAt: newest.finishedAt,
    failed,
    looked: outcomes.length,
    lastError: state === 'up' ? '' : (newest.failureMsg ?? ''),
  };
}
