/**
 * The center's own fixed-point arithmetic, written from protocol.md's types (N16,2 amounts, N16,4
 * quantities, N16,6 prices, N5,4 ratios) and POLICY.md §1 ("every multiplication by a ratio is rounded
 * half-up to the fen"), independently of the client's core/money.ts. The sandbox is the tests' oracle:
 * if it settled with the client's rounding, a rounding bug would move both sides and no integration
 * test could see it (issue 22). Lint keeps src-main/sandbox from importing core/money.
 *
 * Every value is an integer count of the type's smallest unit; conversions go through BigInt and
 * decimal text, never through float multiplication.
 */

declare const sandboxFen: unique symbol;
declare const sandboxQty: unique symbol;
declare const sandboxPrice: unique symbol;
declare const sandboxRatio: unique symbol;

/** Amount in fen. */
export type Fen = number & { readonly [sandboxFen]: true };
/** Quantity in units of 0.0001. */
export type Qty = number & { readonly [sandboxQty]: true };
/** Unit price in units of 0.000001 yuan. */
export type UnitPrice = number & { readonly [sandboxPrice]: true };
/** Ratio in units of 0.0001 (10000 = 100 %). */
export type Ratio = number & { readonly [sandboxRatio]: true };

const FEN_PLACES = 2;
const QTY_PLACES = 4;
const PRICE_PLACES = 6;
const RATIO_PLACES = 4;

export const FEN_ZERO = 0 as Fen;
export const RATIO_ZERO = 0 as Ratio;
export const RATIO_ONE = 10000 as Ratio;

/** A decimal the center cannot read at the scale it needs (carries the input for the center's refusal). */
export class SandboxDecimalError extends Error {
  readonly code = 'E_SANDBOX_DECIMAL';
  constructor(input: unknown, places: number) {
    super(`不是有效的数值 (最多 ${places} 位小数): ${String(input)}`);
    this.name = 'SandboxDecimalError';
  }
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function toSafe(value: bigint, input: unknown, places: number): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new SandboxDecimalError(input, places);
  }
  const n = Number(value);
  return n === 0 ? 0 : n; // never -0
}

/**
 * Quotient of a / b rounded half away from zero (b > 0). 四舍五入: the remainder is compared with
 * half the divisor, on magnitudes, so −2.5 → −3 like 2.5 → 3.
 */
export function roundedQuotient(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError('divisor must be positive');
  const magnitude = a < 0n ? -a : a;
  let q = magnitude / b;
  if ((magnitude % b) * 2n >= b) q += 1n;
  return a < 0n ? -q : q;
}

/**
 * Reads decimal text (or a JSON number, through its shortest text, "1e-7" included) as an integer
 * count of 10^-places. Digits beyond `places` must be zeros unless `round`, which rounds half away from zero.
 */
export function parseFixed(input: string | number, places: number, round = false): number {
  const text = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  const whole = m?.[2] ?? '';
  const fraction = m?.[3] ?? '';
  if (!m || whole + fraction === '') throw new SandboxDecimalError(input, places);
  const digits = BigInt(whole + fraction);
  const signed = m[1] === '-' ? -digits : digits;
  // value = signed × 10^(exponent − fraction.length); wanted: value × 10^places
  const shift = places + Number(m[4] ?? '0') - fraction.length;
  if (shift >= 0) return toSafe(signed * pow10(shift), input, places);
  const divisor = pow10(-shift);
  if (!round && signed % divisor !== 0n) throw new SandboxDecimalError(input, places);
  return toSafe(roundedQuotient(signed, divisor), input, places);
}

/** Integer count of 10^-places as decimal text with exactly `places` decimals. */
export function formatFixed(value: number, places: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer count: ${value}`);
  const digits = String(value < 0 ? -value : value).padStart(places + 1, '0');
  const point = digits.length - places;
  const body = places === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return value < 0 ? `-${body}` : body;
}

/** The same value as a JSON number, for the center's answers only. */
const asJsonNumber = (value: number, places: number): number => Number(formatFixed(value, places));

function integer(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a safe integer: ${n}`);
  return n === 0 ? 0 : n;
}

// ---- fen -------------------------------------------------------------------------------------

export const fen = (n: number): Fen => integer(n, 'fen') as Fen;
export const parseYuan = (input: string | number, round = false): Fen => parseFixed(input, FEN_PLACES, round) as Fen;
export const formatYuan = (f: Fen): string => formatFixed(f, FEN_PLACES);
export const yuanNumber = (f: Fen): number => asJsonNumber(f, FEN_PLACES);
export const sumFen = (values: Iterable<Fen>): Fen => fen([...values].reduce((total, v) => total + v, 0));
export const addFen = (...values: Fen[]): Fen => sumFen(values);
export const subFen = (a: Fen, b: Fen): Fen => fen(a - b);
export const negFen = (a: Fen): Fen => fen(-a);
export const minFen = (...values: Fen[]): Fen => values.reduce((low, v) => (v < low ? v : low));
/** max(0, a) */
export const clampFen = (a: Fen): Fen => (a > 0 ? a : FEN_ZERO);

// ---- quantities, prices, ratios --------------------------------------------------------------

export const parseQty = (input: string | number): Qty => parseFixed(input, QTY_PLACES) as Qty;
export const formatQty = (q: Qty): string => formatFixed(q, QTY_PLACES);
export const qtyNumber = (q: Qty): number => asJsonNumber(q, QTY_PLACES);
export const parsePrice = (input: string | number): UnitPrice => parseFixed(input, PRICE_PLACES) as UnitPrice;
export const formatPrice = (p: UnitPrice): string => formatFixed(p, PRICE_PLACES);
export const priceNumber = (p: UnitPrice): number => asJsonNumber(p, PRICE_PLACES);
export const parseRatio = (input: string | number): Ratio => parseFixed(input, RATIO_PLACES) as Ratio;
export const formatRatio = (r: Ratio): string => formatFixed(r, RATIO_PLACES);
export const ratioNumber = (r: Ratio): number => asJsonNumber(r, RATIO_PLACES);
export const ratio = (tenThousandths: number): Ratio => integer(tenThousandths, 'ratio') as Ratio;

/** A price in whole fen (a catalogue's 限价) as a unit price: one fen is 10^(6−2) price units. */
export const priceFromFen = (f: Fen): UnitPrice =>
  integer(Number(BigInt(f) * pow10(PRICE_PLACES - FEN_PLACES)), 'price') as UnitPrice;

/** cnt × pric to the fen, half-up (POLICY.md §2: det_item_fee_sumamt must equal it). */
export function lineAmount(cnt: Qty, pric: UnitPrice): Fen {
  const exact = BigInt(cnt) * BigInt(pric); // in 10^-(4+6) yuan
  return fen(Number(roundedQuotient(exact, pow10(QTY_PLACES + PRICE_PLACES - FEN_PLACES))));
}

/** amount × ratio to the fen, half-up (POLICY.md §1). */
export function applyRatio(amount: Fen, r: Ratio): Fen {
  return fen(Number(roundedQuotient(BigInt(amount) * BigInt(r), pow10(RATIO_PLACES))));
}

/** formatFixed under the name the policy document's renderer uses. */
export const formatScaled = formatFixed;
