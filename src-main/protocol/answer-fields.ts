/**
 * Reading the center's answers the way real province centers send them (issue 16).
 *
 * Every field of an answer object (outObject) is one of two kinds:
 *  - required (`must(…)`): the counter relies on it — ids it stores and sends back later
 *    (setl_id, mdtrt_id, psn_no …) and the amounts it books, prints or reconciles. A problem
 *    here leaves the outcome unknown (a reversible call is reversed with 2601).
 *  - everything else: typed when present; absent, `null` or `""` read as null; a value of the
 *    wrong type is a warning (recorded in the journal), never a failure. Centers differ by
 *    province and release, and a settled sale must not be reversed over a field nobody uses.
 *
 * Both kinds are lenient on form: a number sent as a string and the reverse, surrounding
 * blanks, `yyyy-MM-dd HH:mm` for a date-time, a date-time where a date is expected.
 *
 * zod assembles an issue's path only while the issue travels up, so the path of a problem in
 * an optional field is known only from the failed parse: readAnswer parses once collecting
 * (optional problems are issues marked soft), and only when the sole problems were soft, once
 * more with optional problems swallowed to get the value. The usual, clean answer is parsed once.
 */
import { z } from 'zod';
import { formatPath } from '../core/errors';

/** One thing wrong with an answer: where, and what (never the value itself: it may be personal data). */
export interface AnswerProblem {
  readonly path: string;
  readonly problem: string;
}

export type AnswerReading<T> =
  | { readonly ok: true; readonly data: T; readonly warnings: readonly AnswerProblem[] }
  | { readonly ok: false; readonly errors: readonly AnswerProblem[]; readonly warnings: readonly AnswerProblem[] };

const required = new WeakSet<z.ZodType>();

/** A required field's schema (the mark is for the types; at run time the WeakSet holds it). */
export type Must<T extends z.ZodType> = T & { readonly __answerField: 'required' };

/** Marks a field of an answer object as one the counter relies on (see above). */
export function must<T extends z.ZodType>(schema: T): Must<T> {
  required.add(schema);
  return schema as Must<T>;
}

/** While true, optional fields swallow their problems (second pass of readAnswer). Parsing is synchronous. */
let swallowOptional = false;

const MINUTES_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}(:\d{2})?$/;
const NUMBER_RE = /^[+-]?\d+(\.\d+)?$/;

/** Other forms of the same value that centers are seen to send, tried in order when the value as sent fails. */
function otherForms(v: unknown): unknown[] {
  if (typeof v === 'number') return Number.isFinite(v) ? [String(v)] : [];
  if (typeof v !== 'string') return [];
  const t = v.trim();
  const forms: unknown[] = t === v ? [] : [t];
  if (NUMBER_RE.test(t)) forms.push(Number(t));
  if (MINUTES_RE.test(t)) forms.push(`${t}:00`);
  const date = DATE_TIME_RE.exec(t)?.[1];
  if (date) forms.push(date);
  return forms;
}

function readLenient<T extends z.ZodType>(schema: T, v: unknown): z.ZodSafeParseResult<z.output<T>> {
  const first = schema.safeParse(v);
  if (first.success) return first;
  for (const form of otherForms(v)) {
    const again = schema.safeParse(form);
    if (again.success) return again;
  }
  return first;
}

const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The part of `value` an issue's path points to. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** A problem as the cashier's IT person reads it. */
function problemText(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.path.length === 0 && isEmpty(value)) return '缺少';
  if (issue.code === 'invalid_type') {
    // Not issue.input: zod 4 leaves it out unless asked (reportInput), which read every wrong type as missing.
    const at = valueAt(value, issue.path);
    return at === undefined || at === null ? '缺少' : `类型不正确 (应为 ${issue.expected})`;
  }
  if (issue.code === 'invalid_value') return '取值不在允许范围内';
  return issue.message;
}

type Issue = z.core.$ZodIssue & { params?: Record<string, unknown> };

/**
 * Passes the inner problems up with their paths. `soft`: the field is optional, so its own
 * problems are warnings; a required field inside it stays required (an optional block may be
 * absent, but when it is there, what the counter relies on in it must be right).
 */
function raise(ctx: z.core.$RefinementCtx, issues: readonly Issue[], value: unknown, soft: boolean): void {
  for (const issue of issues) {
    const ours = issue.code === 'custom' && issue.params?.['answerProblem'] === true;
    const innerSoft = ours && issue.params?.['soft'] === true;
    const innerRequired = ours && !innerSoft;
    ctx.addIssue({
      code: 'custom',
      message: ours ? issue.message : problemText(issue, value),
      path: [...issue.path],
      params: { soft: innerSoft || (soft && !innerRequired), answerProblem: true },
    });
  }
}

const anyValue = () => z.unknown();

function requiredField<T extends z.ZodType>(schema: T) {
  return anyValue().transform((v, ctx): z.output<T> => {
    const r = readLenient(schema, typeof v === 'string' && v.trim() === '' ? undefined : v);
    if (r.success) return r.data;
    raise(ctx, r.error.issues as Issue[], v, false);
    return z.NEVER;
  });
}

function optionalField<T extends z.ZodType>(schema: T) {
  // A field with a default (a list: absent is empty) reads as its default when absent or wrong.
  const fallback = schema.safeParse(undefined);
  const empty = fallback.success ? ((fallback.data as z.output<T> | undefined) ?? null) : null;
  return anyValue().transform((v, ctx): z.output<T> | null => {
    if (isEmpty(v)) return empty;
    const r = readLenient(schema, v);
    if (r.success) return r.data;
    if (!swallowOptional) raise(ctx, r.error.issues as Issue[], v, true);
    return empty;
  });
}

/** What an optional field reads as: its type or null, or its type alone when it has a default. */
type OptionalOut<T extends z.ZodType> =
  undefined extends z.output<T> ? z.output<T> | null : undefined extends z.input<T> ? z.output<T> : z.output<T> | null;

/** A required field keeps its type; an optional one may be null. */
type AnswerShape<S extends z.ZodRawShape> = {
  [K in keyof S]: z.ZodPipe<
    z.ZodUnknown,
    z.ZodTransform<S[K] extends { readonly __answerField: 'required' } ? z.output<S[K]> : OptionalOut<S[K] & z.ZodType>, unknown>
  >;
};

/**
 * An answer object: fields marked `must` are required, every other field optional (see above);
 * fields the counter does not model pass through untouched.
 */
export function outObject<S extends z.ZodRawShape>(shape: S) {
  const wrapped: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape) as [string, z.ZodType][]) {
    wrapped[key] = required.has(field) ? requiredField(field) : optionalField(field);
  }
  const keys = Object.keys(wrapped);
  // An absent field is read as null: zod skips the schema of a key that is absent, and it is
  // the field's own reading that decides whether absence is a problem.
  const present = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? { ...Object.fromEntries(keys.map((k) => [k, null])), ...(v as Record<string, unknown>) }
      : v;
  return z.preprocess(present, z.looseObject(wrapped as unknown as AnswerShape<S>));
}

/**
 * Reads a transaction's answer: the value (optional problems as warnings), or every problem of
 * the required fields (with the warnings found on the way).
 */
export function readAnswer<T extends z.ZodType>(schema: T, output: unknown): AnswerReading<z.output<T>> {
  const first = schema.safeParse(output ?? {});
  if (first.success) return { ok: true, data: first.data, warnings: [] };
  const errors: AnswerProblem[] = [];
  const warnings: AnswerProblem[] = [];
  for (const issue of first.error.issues as Issue[]) {
    const soft = issue.code === 'custom' && issue.params?.['soft'] === true;
    const message = issue.code === 'custom' && issue.params?.['answerProblem'] ? issue.message : problemText(issue, output);
    (soft ? warnings : errors).push({ path: formatPath(issue.path), problem: message });
  }
  if (errors.length > 0) return { ok: false, errors, warnings };
  swallowOptional = true;
  try {
    const second = schema.safeParse(output ?? {});
    if (second.success) return { ok: true, data: second.data, warnings };
    // Not expected (the first pass found only optional problems); treated as required problems, never guessed.
    return {
      ok: false,
      errors: second.error.issues.map((i) => ({ path: formatPath(i.path), problem: problemText(i, output) })),
      warnings,
    };
  } finally {
    swallowOptional = false;
  }
}

/** `a.b: 缺少; c[0].d: 类型不正确 …` for messages and the journal screen. */
export function describeProblems(problems: readonly AnswerProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.problem}`).join('; ');
}
