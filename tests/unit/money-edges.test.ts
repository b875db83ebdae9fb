/**
 * The edges of core/money.ts that the mutation run (npm run test:mutation -- money) showed untested:
 * the small fen helpers, the other scales' formatters, JSON numbers in exponent form, malformed text,
 * unsafe integers and rounding of negative amounts. Expected values are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  addFen,
  applyRatio,
  clampFen,
  fen,
  formatPrice,
  formatQty,
  formatRatio,
  formatPercent,
  formatPriceShort,
  formatScaled,
  formatYuan,
  maxFen,
  minFen,
  MoneyFormatError,
  negFen,
  parseScaled,
  parseYuan,
  priceFromFen,
  priceNumber,
  qtyNumber,
  ratio,
  ratioComplement,
  ratioNumber,
  subFen,
  type Qty,
  type UnitPrice,
} from '../../src-main/core/money';

describe('fen helpers', () => {
  it('add, subtract, negate, min, max and clamp exactly', () => {
    expect(addFen(fen(150), fen(-30), fen(7))).toBe(127);
    expect(subFen(fen(100), fen(250))).toBe(-150);
    expect(negFen(fen(120))).toBe(-120);
    expect(Object.is(negFen(fen(0)), 0)).toBe(true); // never -0
    expect(minFen(fen(5), fen(-2), fen(9))).toBe(-2);
    expect(maxFen(fen(5), fen(-2), fen(9))).toBe(9);
    expect(clampFen(fen(-1))).toBe(0);
    expect(clampFen(fen(0))).toBe(0);
    expect(clampFen(fen(1))).toBe(1);
  });

  it('refuses amounts that are not safe integers, naming what', () => {
    expect(() => fen(1.5)).toThrow(/fen out of safe integer range/);
    expect(() => fen(2 ** 53)).toThrow(RangeError);
    expect(() => ratio(0.5)).toThrow(/ratio out of safe integer range/);
    expect(() => formatScaled(1.5, 2)).toThrow(/decimal out of safe integer range/);
  });
});

describe('formatting at every scale', () => {
  it('quantities, prices and ratios as text and as JSON numbers', () => {
    expect(formatQty(15000 as Qty)).toBe('1.5000');
    expect(qtyNumber(5 as Qty)).toBe(0.0005);
    expect(formatPrice(12345678 as UnitPrice)).toBe('12.345678');
    expect(priceNumber(1 as UnitPrice)).toBe(0.000001);
    expect(priceFromFen(fen(1250))).toBe(12500000);
    expect(formatRatio(ratio(2500))).toBe('0.2500');
    expect(ratioNumber(ratio(10000))).toBe(1);
    expect(ratioComplement(ratio(3000))).toBe(7000);
  });

  it('zero has no sign, negatives one, scale 0 no point', () => {
    expect(formatYuan(fen(0))).toBe('0.00');
    expect(formatYuan(fen(-5))).toBe('-0.05');
    expect(formatScaled(1234, 0)).toBe('1234');
  });
});

describe('prices and ratios as the cashier reads them', () => {
  it('a unit price keeps at least 2 places and drops only the trailing zeros beyond', () => {
    expect(formatPriceShort(12345600 as UnitPrice)).toBe('12.3456');
    expect(formatPriceShort(8000000 as UnitPrice)).toBe('8.00');
    expect(formatPriceShort(8100000 as UnitPrice)).toBe('8.10');
    expect(formatPriceShort(500100 as UnitPrice)).toBe('0.5001'); // an inner zero stays
    expect(formatPriceShort(12345678 as UnitPrice)).toBe('12.345678');
    expect(formatPriceShort(1 as UnitPrice)).toBe('0.000001');
    expect(formatPriceShort(0 as UnitPrice)).toBe('0.00');
    expect(formatPriceShort(100000000 as UnitPrice)).toBe('100.00'); // zeros before the point stay
  });

  it('a ratio as a percentage without trailing zeros', () => {
    expect(formatPercent(ratio(1000))).toBe('10%');
    expect(formatPercent(ratio(1250))).toBe('12.5%');
    expect(formatPercent(ratio(1234))).toBe('12.34%');
    expect(formatPercent(ratio(10000))).toBe('100%');
    expect(formatPercent(ratio(100))).toBe('1%');
    expect(formatPercent(ratio(5))).toBe('0.05%');
    expect(formatPercent(ratio(0))).toBe('0%');
  });
});

describe('reading decimals', () => {
  it('accepts surrounding spaces, a leading or trailing point, and a sign', () => {
    expect(parseYuan(' 12.5 ')).toBe(1250);
    expect(parseYuan('.5')).toBe(50);
    expect(parseYuan('.55')).toBe(55);
    expect(parseYuan('-.5')).toBe(-50);
    expect(parseYuan('5.')).toBe(500);
    expect(Object.is(parseYuan('-0.00'), 0)).toBe(true); // never -0
  });

  it('refuses anything around the number', () => {
    for (const text of ['12abc', 'x.5', '.5x', '1.2.3', '']) expect(() => parseYuan(text)).toThrow(MoneyFormatError);
  });

  it('reads JSON numbers that print in exponent form exactly', () => {
    expect(parseScaled(1.25e-10, 12)).toBe(125);
    expect(parseScaled(-1.25e-10, 12)).toBe(-125);
    expect(parseScaled(2.5e-7, 8)).toBe(25);
    expect(() => parseScaled(2.5e-7, 7)).toThrow(MoneyFormatError);
    expect(parseScaled(2.5e-7, 7, true)).toBe(3);
    // Read as 1 followed by 21 zeros (digits then zeros, the sign kept): beyond a safe integer, and said so.
    expect(() => parseScaled(1e21, 0)).toThrow(new RangeError('decimal out of safe integer range: 1e+21'));
    expect(() => parseScaled(-1.5e21, 2)).toThrow(new RangeError('decimal out of safe integer range: -1.5e+23'));
  });

  it('its error carries a code, a name and the scale', () => {
    const e = (() => {
      try {
        parseYuan('1.005');
      } catch (error) {
        return error as MoneyFormatError;
      }
      return null;
    })();
    expect(e).toMatchObject({ code: 'E_MONEY_FORMAT', name: 'MoneyFormatError', scale: 2, input: '1.005' });
    expect(e?.message).toBe('不是有效的金额/数量 (最多 2 位小数): 1.005');
  });
});

describe('rounding of negative products', () => {
  it('rounds half away from zero on both sides', () => {
    expect(applyRatio(fen(5), ratio(5000))).toBe(3); // 2.5 fen → 3
    expect(applyRatio(fen(-5), ratio(5000))).toBe(-3); // −2.5 fen → −3
    expect(applyRatio(fen(-4), ratio(5000))).toBe(-2);
  });
});
