/**
 * Protocol time formats. The platform runs on China Standard Time (UTC+8, no DST);
 * we format in that zone explicitly so a counter PC with a wrong zone setting, or a
 * UTC server, still sends the times the center expects.
 */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

interface Parts {
  y: string;
  mo: string;
  d: string;
  h: string;
  mi: string;
  s: string;
  ms: string;
}

function cstParts(date: Date): Parts {
  const t = new Date(date.getTime() + CST_OFFSET_MS);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return {
    y: String(t.getUTCFullYear()).padStart(4, '0'),
    mo: p2(t.getUTCMonth() + 1),
    d: p2(t.getUTCDate()),
    h: p2(t.getUTCHours()),
    mi: p2(t.getUTCMinutes()),
    s: p2(t.getUTCSeconds()),
    ms: String(t.getUTCMilliseconds()).padStart(3, '0'),
  };
}

/** `yyyy-MM-dd HH:mm:ss` (DT fields, envelope inf_time). */
export function formatDateTime(date: Date): string {
  const p = cstParts(date);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}`;
}

/** `yyyy-MM-dd` (D fields). */
export function formatDate(date: Date): string {
  const p = cstParts(date);
  return `${p.y}-${p.mo}-${p.d}`;
}

/** `yyyyMMddHHmmss` (msgid middle part). */
export function formatCompact(date: Date): string {
  const p = cstParts(date);
  return `${p.y}${p.mo}${p.d}${p.h}${p.mi}${p.s}`;
}

/** `yyyyMMddHHmmssSSS` (response refmsg_time / respond_time). */
export function formatCompactMillis(date: Date): string {
  return formatCompact(date) + cstParts(date).ms;
}

export const DATE_TIME_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Parses `yyyy-MM-dd HH:mm:ss` (CST) to a Date; undefined when malformed. */
export function parseDateTime(text: string): Date | undefined {
  if (!DATE_TIME_RE.test(text)) return undefined;
  const iso = `${text.slice(0, 10)}T${text.slice(11)}+08:00`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Parses `yyyy-MM-dd` (CST midnight). */
export function parseDate(text: string): Date | undefined {
  if (!DATE_RE.test(text)) return undefined;
  const d = new Date(`${text}T00:00:00+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Parses `yyyyMMddHHmmss` (CST). */
export function parseCompact(text: string): Date | undefined {
  if (!/^\d{14}$/.test(text)) return undefined;
  return parseDateTime(
    `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)} ${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}`,
  );
}

/** Full years between a yyyy-MM-dd birth date and a yyyy-MM-dd date. */
export function ageOn(brdy: string, date: string): number {
  const [by, bm, bd] = brdy.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
