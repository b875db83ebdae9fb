/**
 * The journal window of a period of whole days: a day early to a day late. The counter's clock
 * (prepared_at) and the center's (setl_time) may differ a little around midnight, so a period's
 * records are read from this window and kept by the center's time. Bounded on both sides: for an
 * old day in a journal of years, only the rows of those days are read.
 */

/** yyyy-MM-dd plus `days` (negative: earlier). */
export function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The day before a yyyy-MM-dd date. */
const dayBefore = (date: string): string => shiftDay(date, -1);

/** prepared_at bounds (yyyy-MM-dd HH:mm:ss, inclusive) for the days begndate..enddate. */
export function journalWindow(begndate: string, enddate: string = begndate): { since: string; until: string } {
  return { since: `${dayBefore(begndate)} 00:00:00`, until: `${shiftDay(enddate, 1)} 23:59:59` };
}
