/** Fee lines being entered (pharmacy basket, clinic bill): text fields as typed, validated on the main side. */
import type { CatalogueHit } from '../../../src-main/api/contract';

export interface DraftLine {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly cntText: string;
  readonly pricText: string;
  /** The item's 医保限价 as decimal yuan text ('' when it has none or is not known). */
  readonly priceCap?: string;
}

let serial = 0;

export function draftOf(hit: CatalogueHit): DraftLine {
  serial += 1;
  // The institution's own price (price list, else last charged) is filled: the cashier changes it only when it differs.
  return {
    id: `L${serial}`,
    code: hit.code,
    name: hit.name,
    level: hit.chrgitmLv.label,
    cntText: '1',
    pricText: hit.ownPrice ?? '',
    priceCap: hit.priceCap,
  };
}

export function wireLines(lines: readonly DraftLine[]) {
  return lines.map((l) => ({ code: l.code, name: l.name, cntText: l.cntText.trim(), pricText: l.pricText.trim() }));
}

/** What a pre-settlement was computed for: a settle after any change needs a new one. */
export function draftKey(parts: unknown): string {
  return JSON.stringify(parts);
}
