import { describe, expect, it } from 'vitest';
import { withTap } from '../../src-main/protocol/observer-tap';
import type { CallObserver } from '../../src-main/protocol/center-client';
import type { RequestEnvelope } from '../../src-main/protocol/envelope';
import { UnknownOutcomeError } from '../../src-main/protocol/call-errors';

const envelope = { infno: '2207', msgid: 'H42010000002202611230902030001' } as RequestEnvelope;
const failure = new UnknownOutcomeError('E_TIMEOUT_AFTER_SEND', '结果未知', envelope);

/** A primary listener that, like the journal, finishes its work only after a turn of the event loop. */
function slowPrimary(events: string[], withOnSent = true): CallObserver {
  const later = (what: string) => new Promise<void>((resolve) => setImmediate(() => (events.push(what), resolve())));
  return {
    beforeSend: () => later('journal:before'),
    ...(withOnSent ? { onSent: () => void events.push('journal:sent') } : {}),
    afterSuccess: () => later('journal:success'),
    afterFailure: () => later('journal:failure'),
  };
}

describe('withTap: a second listener behind the journal', () => {
  it('without a tap the journal observer is used as it is', () => {
    const primary = slowPrimary([]);
    expect(withTap(primary, undefined)).toBe(primary);
  });

  it('the tap hears each step only after the journal has finished it, with the same arguments', async () => {
    const events: string[] = [];
    const heard: unknown[][] = [];
    const observer = withTap(slowPrimary(events), {
      beforeSend: (...args) => void (events.push('tap:before'), heard.push(args)),
      onSent: (...args) => void (events.push('tap:sent'), heard.push(args)),
      afterSuccess: (...args) => void (events.push('tap:success'), heard.push(args)),
      afterFailure: (...args) => void (events.push('tap:failure'), heard.push(args)),
    });
    await observer.beforeSend(envelope, '{"infno":"2207"}');
    observer.onSent?.(envelope);
    await observer.afterSuccess(envelope, { bytes: 12 }, []);
    await observer.afterFailure(envelope, failure);
    expect(events).toEqual([
      'journal:before',
      'tap:before',
      'journal:sent',
      'tap:sent',
      'journal:success',
      'tap:success',
      'journal:failure',
      'tap:failure',
    ]);
    expect(heard).toEqual([[envelope, '{"infno":"2207"}'], [envelope], [envelope, { bytes: 12 }, []], [envelope, failure]]);
  });

  it('a tap that listens to one step only, and a journal without onSent, still let every step through', async () => {
    const steps = async (observer: CallObserver) => {
      await observer.beforeSend(envelope, '{}');
      observer.onSent?.(envelope);
      await observer.afterSuccess(envelope, { bytes: 1 });
      await observer.afterFailure(envelope, failure);
    };
    const events: string[] = [];
    await steps(withTap(slowPrimary(events, false), { afterSuccess: () => void events.push('tap:success') }));
    expect(events).toEqual(['journal:before', 'journal:success', 'tap:success', 'journal:failure']);
    events.length = 0;
    await steps(withTap(slowPrimary(events, false), { beforeSend: () => void events.push('tap:before') }));
    expect(events).toEqual(['journal:before', 'tap:before', 'journal:success', 'journal:failure']);
  });
});
