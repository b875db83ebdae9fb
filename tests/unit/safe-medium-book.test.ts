/** The medium each person's visit carries (SafeMediumBook): which calls get it, which refuse, and when it goes. */
import { describe, expect, it } from 'vitest';
import { SafeMediumBook, isVisitStep } from '../../src-main/devices/safe-medium';

const sale = { source: 'safe-medium', infno: '2102A', value: 'SM-SALE' } as const;
const clinic = { source: 'safe-medium', infno: '2207A', value: 'SM-VISIT' } as const;

describe('SafeMediumBook', () => {
  it('gives the visit medium to the steps it covers, nothing to a person without one', () => {
    const book = new SafeMediumBook();
    book.remember('P1', sale);
    for (const infno of ['1101', '2101A', '2102A']) expect(book.devSafeInfo('P1', infno)).toBe('SM-SALE');
    expect(book.devSafeInfo('P2', '2102A')).toBe('');
    expect(book.devSafeInfo(undefined, '2102A')).toBe('');
  });

  it('sends nothing on calls outside the visits (2001, 2601, queries)', () => {
    const book = new SafeMediumBook();
    book.remember('P1', clinic);
    expect(book.devSafeInfo('P1', '2001')).toBe('');
    expect(book.devSafeInfo('P1', '2601')).toBe('');
    expect(book.devSafeInfo('P1', '5205')).toBe('');
    expect(isVisitStep('2001')).toBe(false);
    expect(isVisitStep('2203A')).toBe(true);
  });

  it('refuses a visit step the medium does not cover: a refund after the sale, a 2201 medium for 2204', () => {
    const book = new SafeMediumBook();
    book.remember('P1', sale);
    expect(() => book.devSafeInfo('P1', '2103')).toThrow(expect.objectContaining({ code: 'E_DEVICE_SAFE_MEDIUM_MISMATCH' }));
    book.remember('P1', { source: 'safe-medium', infno: '2201', value: 'SM-REG' });
    expect(book.devSafeInfo('P1', '2201')).toBe('SM-REG');
    expect(() => book.devSafeInfo('P1', '2204')).toThrow(/2201.*2204/);
  });

  it('a new read of the person replaces the medium; a read without the control clears it', () => {
    const book = new SafeMediumBook();
    book.remember('P1', sale);
    book.remember('P1', clinic);
    expect(book.devSafeInfo('P1', '2204')).toBe('SM-VISIT');
    book.remember('P1', null);
    expect(book.current('P1')).toBeNull();
    expect(book.devSafeInfo('P1', '2207A')).toBe('');
  });
});
