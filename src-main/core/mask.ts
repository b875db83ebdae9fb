/**
 * Masking personal data wherever it is not the legal record: logs, CLI output, exports.
 * 身份证号 keeps its first 6 and last 4, names their first character, card numbers their
 * last 4; inside JSON text the same rules apply to the protocol's field names.
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

export function maskCardNo(card: string): string {
  if (card.length <= 4) return '*'.repeat(card.length);
  return '*'.repeat(card.length - 4) + card.slice(-4);
}

/** A birth date keeps its year: enough to tell an adult from a child, not enough to identify. */
export function maskBirthDate(date: string): string {
  return /^\d{4}/.test(date) ? date.slice(0, 4) + date.slice(4).replace(/\d/g, '*') : '*'.repeat(date.length);
}

const RULES: readonly [RegExp, (v: string) => string][] = [
  [/^(certno|mdtrt_cert_no|idNo|psn_cert_no|psn_no|psnNo)$/, maskIdNumber],
  [/^(psn_name|psnName|userName|name_of_patient|coner_name|patn_name)$/, maskName],
  [/^(card_sn|card_no|ecToken|ec_token|tel|mob|coner_tel|addr|emp_tel)$/, maskCardNo],
  [/^(brdy|birthday|birthDate)$/, maskBirthDate],
];

/** ID-number-shaped runs (18 or 15 digits) inside free text: error messages, log lines. */
export function maskFreeText(text: string): string {
  return text.replace(/(?<![0-9])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g, (id) => maskIdNumber(id));
}

/** Deep copy of a JSON value with personal fields masked. */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const rule = typeof v === 'string' ? RULES.find(([re]) => re.test(k)) : undefined;
      out[k] = rule ? rule[1](v as string) : maskPersonalData(v);
    }
    return out;
  }
  return value;
}

/** Masks personal fields inside a JSON text (returns the text unchanged when it is not JSON). */
export function maskJsonText(text: string | null): string | null {
  if (text === null) return null;
  try {
    return JSON.stringify(maskPersonalData(JSON.parse(text)));
  } catch {
    return text;
  }
}
