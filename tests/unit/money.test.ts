import { describe, expect, it } from 'vitest';
import {
  applyRatio,
  formatYuan,
  lineAmount,
  parsePrice,
  parseQty,
  parseRatio,
  parseYuan,
  sumFen,
  yuanNumber,
  fen,
  MoneyFormatError,
} from '../../src-main/core/money';

describe('money', () => {
  it('parses yuan from strings and JSON numbers exactly', () => {
    expect(parseYuan('12.34')).toBe(1234);
    expect(parseYuan(12.34)).toBe(1234);
    expect(parseYuan(0.1)).toBe(10);
    expect(parseYuan('-0.05')).toBe(-5);
    expect(parseYuan(1e21 / 1e10)).toBe(10000000000000);
    expect(parseYuan('.5')).toBe(50);
    expect(parseYuan(5e-7, true)).toBe(0);
  });

  it('rejects a third decimal unless rounding is asked for', () => {
    expect(() => parseYuan('1.005')).toThrow(MoneyFormatError);
    expect(parseYuan('1.005', true)).toBe(101);
    expect(parseYuan('1.004', true)).toBe(100);
    expect(parseYuan('1.000')).toBe(100);
    expect(() => parseYuan('abc')).toThrow(MoneyFormatError);
    expect(() => parseYuan(Number.NaN)).toThrow(MoneyFormatError);
  });

  it('sums where floats would drift', () => {
    const tenths = Array.from({ length: 10 }, () => parseYuan(0.1));
    expect(sumFen(tenths)).toBe(100);
    expect(formatYuan(sumFen(tenths))).toBe('1.00');
    expect(formatYuan(fen(-5))).toBe('-0.05');
    expect(yuanNumber(fen(123456))).toBe(1234.56);
  });

  it('computes line amounts cnt × pric rounded half-up to the fen', () => {
    expect(lineAmount(parseQty(3), parsePrice('12.345'))).toBe(3704); // 37.035 → 37.04
    expect(lineAmount(parseQty('0.3333'), parsePrice('10'))).toBe(333); // 3.333 → 3.33
    expect(lineAmount(parseQty(2), parsePrice('0.005'))).toBe(1); // 0.01
    expect(lineAmount(parseQty(1), parsePrice('0.004999'))).toBe(0);
  });

  it('applies ratios with half-up rounding', () => {
    expect(applyRatio(fen(1001), parseRatio('0.5'))).toBe(501); // 5.005 → 5.01
    expect(applyRatio(fen(999), parseRatio('0.1'))).toBe(100); // 0.999 → 1.00
    expect(applyRatio(fen(-1001), parseRatio('0.5'))).toBe(-501);
  });
});
