/**
 * zod building blocks for the spec's field types (C / N p,s / D / DT), shared by the
 * client (validating what it sends and receives) and the sandbox center (validating
 * what it is sent). A schema describes the wire: numbers stay JSON numbers here and
 * become Fen / Qty only in domain code through core/money.
 */
import { z } from 'zod';
import { parseScaled } from '../core/money';
import { DATE_RE, DATE_TIME_RE } from '../core/time';

/**
 * Whether parseScaled(n, scale) would accept n. Every amount of every call passes here, so the
 * usual values are answered without parseScaled's string and BigInt work: below 1e9 the scaled
 * value is a safe integer (scale ≤ 6), and String(n) is n's shortest literal, which has no
 * trailing zeros and, from 1e-6 up, no exponent. Anything else goes through parseScaled itself.
 */
export function hasAtMostDecimals(n: number, scale: number): boolean {
  const size = Math.abs(n);
  if (size < 1e9 && scale <= 6) {
    if (Number.isInteger(n)) return true;
    if (size >= 1e-6) {
      const text = String(n);
      return text.length - text.indexOf('.') - 1 <= scale;
    }
  }
  try {
    parseScaled(n, scale);
    return true;
  } catch {
    return false;
  }
}

/** Numeric field with `scale` decimals (N16,2 → 2). Center output may send numbers as strings: accept both there. */
export function num(scale: number, opts: { min?: number } = {}) {
  let s = z.number().refine((n) => Number.isFinite(n) && hasAtMostDecimals(n, scale), {
    message: `数值最多 ${scale} 位小数`,
  });
  if (opts.min !== undefined) s = s.refine((n) => n >= (opts.min ?? 0), { message: `数值不能小于 ${opts.min}` });
  return s;
}

/** Amount N16,2 (yuan with 2 decimals). */
export const amount = () => num(2);
/** Quantity N16,4. */
export const quantity = () => num(4);
/** Unit price N16,6. */
export const unitPrice = () => num(6);
/** Ratio N5,4. */
export const ratioField = () => num(4);

/** A lenient reader for center output: "12.34" or 12.34 → 12.34, validated for decimals. */
export function outNum(scale: number) {
  return z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((v, ctx) => {
    const n = typeof v === 'string' ? Number(v) : v;
    if (!hasAtMostDecimals(n, scale)) {
      ctx.addIssue({ code: 'custom', message: `数值最多 ${scale} 位小数` });
      return z.NEVER;
    }
    return n;
  });
}
export const outAmount = () => outNum(2);

/** C field with a maximum length. */
export const str = (max: number) => z.string().max(max, { message: `长度不能超过 ${max}` });
/** Required, non-empty C field. */
export const req = (max: number) => str(max).min(1, { message: '必填' });
/** Coded field (dictionary value). */
export const code = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[0-9A-Za-z]*$/, { message: '代码只能含字母和数字' });
export const reqCode = (max: number) => code(max).min(1, { message: '必填' });
/**
 * A file id the center issued (file_qury_no), sent back as it came (9102, 3202). protocol.md says
 * C40, but a Zhejiang center issues 44-character storage paths (tests/fixtures/answers README).
 */
export const fileQueryNo = () => req(100);
export const dateTime = () => z.string().regex(DATE_TIME_RE, { message: '日期时间格式应为 yyyy-MM-dd HH:mm:ss' });
export const date = () => z.string().regex(DATE_RE, { message: '日期格式应为 yyyy-MM-dd' });
export const flag01 = () => z.enum(['0', '1']);

/** Optional in input: may be absent, "" or null (the spec sends empties as ""). */
export function opt<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.literal(''), z.null()]).optional();
}

/**
 * Output objects: keep fields we do not model (regions add fields); fields marked `must` are
 * required, the others optional and lenient (answer-fields.ts).
 */
export { outObject, must } from './answer-fields';
