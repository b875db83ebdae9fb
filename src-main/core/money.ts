/**
 * Money and other fixed-point quantities of the protocol, kept as integers.
 *
 * The spec's numeric types are decimals: amounts N16,2 (fen), quantities N16,4,
 * unit prices N16,6 and ratios N5,4. Each gets an integer type scaled to its
 * decimal places so arithmetic is exact; JSON numbers are only produced or
 * parsed here, at the edge. Nothing else in the code base may use parseFloat,
 * toFixed or multiply amounts by 100 (guarded by eslint and tests/unit/money-guard).
 */

declare const fenBrand: unique symbol;
declare const qtyBrand: unique symbol;
declare const priceBrand: unique symbol;
declare const ratioBrand: unique symbol;

/** Amount in fen (0.01 yuan). */
export type Fen = number & { readonly [fenBrand]: true };
/** Quantity in 1/10000 units (N16,4). */
export type Qty = number & { readonly [qtyBrand]: true };
/** Unit price in 1/1000000 yuan (N16,6). */
export type UnitPrice = number & { readonly [priceBrand]: true };
/** Ratio in 1/10000 (N5,4): 10000 = 100 %. */
export type Ratio = number & { readonly [ratioBrand]: true };

export const FEN_ZERO = 0 as Fen;
export const RATIO_ONE = 10000 as Ratio;
export const RATIO_ZERO = 0 as Ratio;

export class MoneyFormatError extends Error {
  readonly code = 'E_MONEY_FORMAT';
  constructor(
    readonly input: unknown,
    readonly scale: number,
  ) {
    super(`不是有效的金额/数量 (最多 ${scale} 位小数): ${String(input)}`);
    this.name = 'MoneyFormatError';
  }
}

function assertSafeInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} out of safe integer range: ${n}`);
}

/**
 * Parses a decimal given as string or JSON number into an integer scaled by 10^scale.
 * Numbers are read through their shortest decimal representation (String(n)), which
 * is exactly the literal the JSON carried. With `round`, extra digits are rounded
 * half away from zero instead of rejected.
 */
export function parseScaled(input: string | number, scale: number, round = false): number {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new MoneyFormatError(input, scale);
    text = expandExponent(String(input));
  } else {
    text = input.trim();
  }
  const m = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(text) ?? /^([+-])?()\.(\d+)$/.exec(text);
  if (!m) throw new MoneyFormatError(input, scale);
  const negative = m[1] === '-';
  const intPart = m[2] === '' ? '0' : (m[2] ?? '0');
  let frac = m[3] ?? '';
  let roundUp = false;
  if (frac.length > scale) {
    const extra = frac.slice(scale);
    if (!round && /[1-9]/.test(extra)) throw new MoneyFormatError(input, scale);
    roundUp = round && extra.charCodeAt(0) >= 53; /* '5' */
    frac = frac.slice(0, scale);
  }
  frac = frac.padEnd(scale, '0');
  let value = BigInt(intPart + frac);
  if (roundUp) value += 1n;
  const result = Number(negative ? -value : value);
  assertSafeInteger(result, 'decimal');
  return result === 0 ? 0 : result; // no -0
}

function expandExponent(text: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const sign = m[1] ?? '';
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const exp = Number(m[4]);
  const pointPos = 1 + exp;
  if (pointPos <= 0) return `${sign}0.${'0'.repeat(-pointPos)}${digits}`;
  if (pointPos >= digits.length) return sign + digits + '0'.repeat(pointPos - digits.length);
  return `${sign}${digits.slice(0, pointPos)}.${digits.slice(pointPos)}`;
}

/** Renders an integer scaled by 10^scale as a plain decimal string with exactly `scale` places. */
export function formatScaled(value: number, scale: number): string {
  assertSafeInteger(value, 'decimal');
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  const intPart = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return (negative ? '-' : '') + intPart + (scale > 0 ? '.' + frac : '');
}

// ---- Fen ------------------------------------------------------------------

export function fen(n: number): Fen {
  assertSafeInteger(n, 'fen');
  return n as Fen;
}
/** "12.34" or 12.34 → 1234 fen. Rejects a third decimal unless `round`. */
export function parseYuan(input: string | number, round = false): Fen {
  return parseScaled(input, 2, round) as Fen;
}
/** 1234 → "12.34" */
export function formatYuan(f: Fen): string {
  return formatScaled(f, 2);
}
/** 1234 → 12.34 as a JSON number, for protocol output only. */
export function yuanNumber(f: Fen): number {
  return Number(formatScaled(f, 2));
}
export function addFen(...values: Fen[]): Fen {
  let total = 0;
  for (const v of values) total += v;
  return fen(total);
}
export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0;
  for (const v of values) total += v;
  return fen(total);
}
export function subFen(a: Fen, b: Fen): Fen {
  return fen(a - b);
}
export function negFen(a: Fen): Fen {
  return fen(a === 0 ? 0 : -a);
}
export function minFen(...values: Fen[]): Fen {
  return fen(Math.min(...values));
}
export function maxFen(...values: Fen[]): Fen {
  return fen(Math.max(...values));
}
/** max(0, a) */
export function clampFen(a: Fen): Fen {
  return a < 0 ? FEN_ZERO : a;
}

// ---- Quantities, prices, ratios -------------------------------------------

export function parseQty(input: string | number): Qty {
  return parseScaled(input, 4) as Qty;
}
export function formatQty(q: Qty): string {
  return formatScaled(q, 4);
}
export function qtyNumber(q: Qty): number {
  return Number(formatScaled(q, 4));
}
export function parsePrice(input: string | number): UnitPrice {
  return parseScaled(input, 6) as UnitPrice;
}
export function formatPrice(p: UnitPrice): string {
  return formatScaled(p, 6);
}
export function priceNumber(p: UnitPrice): number {
  return Number(formatScaled(p, 6));
}
/** Price given in fen (e.g. a catalogue's 限价) as a UnitPrice. */
export function priceFromFen(f: Fen): UnitPrice {
  return (f * 10000) as UnitPrice;
}
/** A unit price as the cashier reads it: at least 2 places, no trailing zeros beyond ("12.3456", "8.00"). */
export function formatPriceShort(p: UnitPrice): string {
  return formatPrice(p).replace(/(\.\d\d\d*?)0+$/, '$1');
}
export function parseRatio(input: string | number): Ratio {
  return parseScaled(input, 4) as Ratio;
}
export function formatRatio(r: Ratio): string {
  return formatScaled(r, 4);
}
/** A ratio as a percentage text ("10%", "12.5%"). */
export function formatPercent(r: Ratio): string {
  return `${formatScaled(r, 2).replace(/\.?0+$/, '')}%`;
}
export function ratioNumber(r: Ratio): number {
  return Number(formatScaled(r, 4));
}
export function ratio(tenThousandths: number): Ratio {
  assertSafeInteger(tenThousandths, 'ratio');
  return tenThousandths as Ratio;
}

/** Divides with rounding half away from zero, exactly, in BigInt. */
function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/** Line amount = cnt × pric, rounded half-up to the fen (spec: det_item_fee_sumamt = cnt × pric). */
export function lineAmount(cnt: Qty, pric: UnitPrice): Fen {
  // cnt·10^4 × pric·10^6 = amount·10^10; fen = amount·10^2
  return fen(Number(divRoundHalfUp(BigInt(cnt) * BigInt(pric), 100000000n)));
}

/** amount × ratio, rounded half-up to the fen. */
export function applyRatio(amount: Fen, r: Ratio): Fen {
  return fen(Number(divRoundHalfUp(BigInt(amount) * BigInt(r), 10000n)));
}

/** Complement of a ratio: 1 − r. */
export function ratioComplement(r: Ratio): Ratio {
  return (RATIO_ONE - r) as Ratio;
}
