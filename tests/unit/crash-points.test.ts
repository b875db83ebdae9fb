/**
 * Where the journal observer's crash points sit, and when they fire: the crash harness (tests/crash) kills a real
 * counter at each of them hundreds of times, but only tells whether recovery coped, not that the point it named is
 * the one that fired. Here the module reads YIBAO_TEST_CRASH_AT / YIBAO_TEST_CRASH_INFNO afresh for each case, and
 * process.kill is replaced for the duration of one call by a recorder that ends the call the way the SIGKILL would
 * (nothing after it runs); the journal file then shows what a crash at that point leaves behind.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JournalObserver } from '../../src-main/journal/journal-observer';
import { requestEnvelope } from '../helpers/journal-entry';
import { openJournalFile } from '../helpers/journal-file';

const saved = { at: process.env['YIBAO_TEST_CRASH_AT'], infno: process.env['YIBAO_TEST_CRASH_INFNO'] };
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  vi.restoreAllMocks();
  setEnv('YIBAO_TEST_CRASH_AT', saved.at);
  setEnv('YIBAO_TEST_CRASH_INFNO', saved.infno);
});

function setEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

class Killed extends Error {}

/** A fresh observer whose crash points read the given settings, on a real journal file; kills are recorded. */
async function observerWith(at: string | undefined, infno?: string) {
  setEnv('YIBAO_TEST_CRASH_AT', at);
  setEnv('YIBAO_TEST_CRASH_INFNO', infno);
  vi.resetModules();
  const { JournalObserver: Observer } = await import('../../src-main/journal/journal-observer');
  const opened = openJournalFile();
  cleanups.push(opened.close);
  const kills: unknown[][] = [];
  vi.spyOn(process, 'kill').mockImplementation(((...args: unknown[]) => {
    kills.push(args);
    throw new Killed();
  }) as typeof process.kill);
  return { observer: new Observer(opened.journal) as JournalObserver, journal: opened.journal, kills };
}

const envelope = requestEnvelope;

const answer = { output: {}, warnMsg: null, infRefmsgid: null, respondTime: null, refmsgTime: null };

/** Runs the four steps of one successful call; returns the step the process died in, or null. */
function call(observer: JournalObserver, msgid: string, infno: string): string | null {
  const e = envelope(msgid, infno);
  const steps: [string, () => void][] = [
    ['beforeSend', () => observer.beforeSend(e)],
    ['onSent', () => observer.onSent?.(e)],
    ['afterSuccess', () => observer.afterSuccess(e, answer)],
  ];
  for (const [name, step] of steps) {
    try {
      step();
    } catch (error) {
      if (error instanceof Killed) return name;
      throw error;
    }
  }
  return null;
}

describe('crash points of the journal observer', () => {
  it('are inert without YIBAO_TEST_CRASH_AT, and for a name that is none of them', async () => {
    for (const at of [undefined, 'no-such-point']) {
      const { observer, journal, kills } = await observerWith(at);
      expect(call(observer, 'M1', '2207')).toBeNull();
      expect(journal.byMsgid('M1')?.state).toBe('ok');
      expect(kills).toEqual([]);
    }
  });

  it('each kills the process with SIGKILL at its own step, leaving the journal as that step left it', async () => {
    const cases = [
      ['after-prepare', 'beforeSend', 'prepared'],
      ['after-send', 'onSent', 'sent'],
      ['before-result-commit', 'afterSuccess', 'sent'],
      ['after-result-commit', 'afterSuccess', 'ok'],
    ] as const;
    for (const [at, step, state] of cases) {
      const { observer, journal, kills } = await observerWith(at);
      expect(call(observer, 'M1', '2207')).toBe(step);
      expect(kills).toEqual([[process.pid, 'SIGKILL']]);
      expect(journal.byMsgid('M1')?.state).toBe(state);
    }
  });

  it('with YIBAO_TEST_CRASH_INFNO, only at a call of that code; an empty one means every code', async () => {
    const only2207 = await observerWith('after-prepare', '2207');
    expect(call(only2207.observer, 'M1', '1101')).toBeNull();
    expect(call(only2207.observer, 'M2', '2207')).toBe('beforeSend');
    expect(only2207.kills).toHaveLength(1);
    const every = await observerWith('after-prepare', '');
    expect(call(every.observer, 'M3', '1101')).toBe('beforeSend');
  });
});
