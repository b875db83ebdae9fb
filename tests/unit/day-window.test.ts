/**
 * The journal window of a period of days (journal/day-window.ts): a day early to a day late, across month, year and
 * leap-day edges. Expected dates are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { journalWindow, shiftDay } from '../../src-main/journal/day-window';

describe('shiftDay', () => {
  it('moves a date by whole days across month, year and leap-day edges', () => {
    expect(shiftDay('2026-12-06', 1)).toBe('2026-12-07');
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-01-01', -1)).toBe('2025-12-31');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftDay('2026-12-06', 0)).toBe('2026-12-06');
    expect(shiftDay('2026-12-06', -30)).toBe('2026-11-06');
  });
});

describe('journalWindow', () => {
  it('reads one day from the start of the day before to the end of the day after', () => {
    expect(journalWindow('2026-12-06')).toEqual({ since: '2026-12-05 00:00:00', until: '2026-12-07 23:59:59' });
  });

  it('reads a period from the day before its first day to the day after its last', () => {
    expect(journalWindow('2026-03-01', '2026-03-31')).toEqual({
      since: '2026-02-28 00:00:00',
      until: '2026-04-01 23:59:59',
    });
    expect(journalWindow('2026-12-01', '2026-12-31')).toEqual({
      since: '2026-11-30 00:00:00',
      until: '2027-01-01 23:59:59',
    });
  });
});
