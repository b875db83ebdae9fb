import { describe, expect, it } from 'vitest';
import { parseScaled } from '../../src-main/core/money';
import { amount, flag01, hasAtMostDecimals, num, outAmount } from '../../src-main/protocol/wire';
import { Prng } from '../../src-main/sandbox/seed/prng';

/** What the fast check must always agree with: parseScaled accepting the number. */
function accepted(n: number, scale: number): boolean {
  try {
    parseScaled(n, scale);
    return true;
  } catch {
    return false;
  }
}

describe('hasAtMostDecimals (the check every amount of every call goes through)', () => {
  it('agrees with parseScaled on edge values', () => {
    const edges = [
      0,
      -0,
      1,
      -1,
      0.1,
      0.01,
      0.001,
      12.34,
      12.345,
      -12.34,
      0.000001,
      0.0000001,
      1e-7,
      5e-324,
      999999999.99,
      999999999.999,
      1e9,
      1e9 + 0.5,
      90071992547409,
      90071992547410,
      9007199254,
      9007199255,
      1e15,
      1e21,
      1.5e21,
      Number.MAX_SAFE_INTEGER,
      Number.MAX_VALUE,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      0.1 + 0.2,
    ];
    for (const n of edges)
      for (const scale of [0, 2, 4, 6]) expect([n, scale, hasAtMostDecimals(n, scale)]).toEqual([n, scale, accepted(n, scale)]);
  });

  it('agrees with parseScaled on 100,000 random amounts of every size and precision', () => {
    const p = Prng.derive(20261123, 'wire-decimals');
    for (let i = 0; i < 100_000; i++) {
      const magnitude = 10 ** (p.int(0, 160) / 10);
      const n =
        (Math.round((p.int(0, 2_000_000) / 1_000_000 - 1) * magnitude * 10 ** p.int(0, 8)) / 10 ** p.int(0, 8)) *
        (i % 7 === 0 ? 1e-5 : 1);
      for (const scale of [2, 4, 6])
        if (hasAtMostDecimals(n, scale) !== accepted(n, scale)) expect({ n, scale }).toBe('in agreement');
    }
  });

  it('still rejects an amount with too many decimals from the center', () => {
    expect(outAmount().safeParse(12.345).success).toBe(false);
    expect(outAmount().safeParse('12.3').data).toBe(12.3);
    expect(outAmount().safeParse(0.1 + 0.2).success).toBe(false);
  });

  it('reads an amount the center sent as text only when the whole text is a plain decimal', () => {
    expect(outAmount().safeParse('12.34').data).toBe(12.34);
    expect(outAmount().safeParse('-5').data).toBe(-5);
    for (const text of ['12.', '.5', '12.34x', 'x12.34', '1e3', '']) expect(outAmount().safeParse(text).success).toBe(false);
    const tooPrecise = outAmount().safeParse('12.345');
    expect(tooPrecise.success).toBe(false);
    expect(tooPrecise.error?.issues[0]?.message).toBe('数值最多 2 位小数');
  });
});

describe('the schemas of what the counter sends', () => {
  it('an amount: a finite JSON number with at most 2 decimals, the message naming the scale', () => {
    expect(amount().safeParse(12.34).success).toBe(true);
    expect(amount().safeParse(12.345).error?.issues[0]?.message).toBe('数值最多 2 位小数');
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) expect(amount().safeParse(bad).success, String(bad)).toBe(false);
    expect(amount().safeParse('12.34').success).toBe(false); // the counter sends numbers, never text
  });

  it('a minimum, when given, is inclusive and named in the message', () => {
    const count = num(0, { min: 1 });
    expect(count.safeParse(1).success).toBe(true);
    expect(count.safeParse(0).error?.issues[0]?.message).toBe('数值不能小于 1');
    expect(num(2).safeParse(-5).success).toBe(true); // no minimum: refunds and corrections may be negative
  });

  it('a 0/1 flag takes only the texts "0" and "1"', () => {
    expect(['0', '1'].map((f) => flag01().safeParse(f).success)).toEqual([true, true]);
    for (const bad of ['', '2', 0, 1]) expect(flag01().safeParse(bad).success, String(bad)).toBe(false);
  });
});
