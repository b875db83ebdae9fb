/**
 * The business ids a journal entry is found by — a visit, a bill, a settlement, a basket's fee
 * lines, a card — indexed in `journal_key` when the entry is written, so "every call of this
 * visit" is an index lookup instead of a scan of every request and answer ever journaled.
 */
export const JOURNAL_KEY_FIELDS = ['mdtrt_id', 'setl_id', 'chrg_bchno', 'psn_no', 'mdtrt_cert_no', 'feedetl_sn'] as const;
export type JournalKeyField = (typeof JOURNAL_KEY_FIELDS)[number];

export interface JournalKey {
  readonly field: JournalKeyField;
  readonly value: string;
}

const FIELDS = new Set<string>(JOURNAL_KEY_FIELDS);
/** input.data.x, input.feedetail[i].x, output.setlinfo.x: three levels reach every id the counter looks up. */
const MAX_DEPTH = 3;

/** The key fields found in a request input or an answer output (distinct pairs). */
export function keysOf(json: unknown): JournalKey[] {
  const seen = new Map<string, JournalKey>();
  const walk = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      if (FIELDS.has(name) && (typeof v === 'string' || typeof v === 'number') && v !== '') {
        const text = String(v);
        seen.set(`${name}\u0000${text}`, { field: name as JournalKeyField, value: text });
      } else walk(v, depth + 1);
    }
  };
  walk(json, 0);
  return [...seen.values()];
}
