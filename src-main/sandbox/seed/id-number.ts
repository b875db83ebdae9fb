/**
 * 18-digit citizen ID numbers (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit
 * sequence (odd = male, even = female), ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`need 17 digits: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/** Builds an ID number. `brdy` is yyyy-MM-dd; the sequence's parity follows `gend` (1 男, 2 女). */
export function makeIdNumber(area: string, brdy: string, sequence: number, gend: '1' | '2'): string {
  if (!/^\d{6}$/.test(area)) throw new RangeError(`area must be 6 digits: ${area}`);
  let seq = sequence % 1000;
  if ((seq % 2 === 1) !== (gend === '1')) seq = seq === 999 ? 998 : seq + 1;
  const first17 = area + brdy.replace(/-/g, '') + String(seq).padStart(3, '0');
  return first17 + idCheckChar(first17);
}

/** Format, real calendar date and check character. */
export function isValidIdNumber(id: string): boolean {
  const m = /^(\d{6})(\d{4})(\d{2})(\d{2})(\d{3})([\dX])$/.exec(id);
  if (!m) return false;
  const [, , y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d))
    return false;
  return idCheckChar(id.slice(0, 17)) === id[17];
}

/** Birth date (yyyy-MM-dd) and gender code carried by an ID number. */
export function parseIdNumber(id: string): { brdy: string; gend: '1' | '2' } {
  return {
    brdy: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gend: Number(id[16]) % 2 === 1 ? '1' : '2',
  };
}
