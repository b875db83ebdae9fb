/** EAN-13 barcodes: 12 data digits and a mod-10 check digit (weights 1, 3 alternating). */

export function ean13CheckDigit(first12: string): string {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`need 12 digits: ${first12}`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

export function makeEan13(first12: string): string {
  return first12 + ean13CheckDigit(first12);
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === code[12];
}
