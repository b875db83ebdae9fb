/**
 * `--answers sparse` (issue 16): the sandbox answers the way a province center that follows
 * protocol.md to the letter may. One step on the outgoing `output`, right before it is
 * serialized, keyed by the spec's field-rule table (src-main/spec, generated from protocol.md):
 *  - every field the document lists for an output node without marking it non-null is left out;
 *  - a number the document does list is sent as a string at random (deterministic from the seed).
 * A node whose document text marks no field non-null at all (2201 `data`, whose prose lists
 * mdtrt_id without a 非空 column) is left whole: the document does not say which of its fields
 * a center may leave out, and without mdtrt_id no visit could go on at any center.
 * Fields the document does not list for the node are kept as the handler wrote them.
 */
import { Prng } from '../seed/prng';
import { specTransaction, type SpecNode } from '../../spec/field-rules';

export type AnswerStyle = 'full' | 'sparse';
export const ANSWER_STYLES: readonly AnswerStyle[] = ['full', 'sparse'];

type Json = Record<string, unknown>;

/** A deterministic stream in [0, 1), one per center from its seed (the seed's own mulberry32). */
export function seededRandom(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.nextUint32() / 0x100000000;
}

function shapeRow(row: Json, node: SpecNode, random: () => number): void {
  const marksNonNull = node.fields.some((f) => f.required === 'Y');
  for (const field of node.fields) {
    if (!(field.field in row)) continue;
    if (marksNonNull && field.required !== 'Y') {
      delete row[field.field];
      continue;
    }
    const v = row[field.field];
    if (typeof v === 'number' && random() < 0.5) row[field.field] = String(v);
  }
}

/** The output as a sparse center sends it (a copy; the handler's value is not touched). */
export function sparseOutput(infno: string, output: unknown, random: () => number): unknown {
  const spec = specTransaction(infno);
  if (!spec || output === null || typeof output !== 'object') return output;
  const out = structuredClone(output) as Json;
  for (const node of spec.output) {
    const target = node.node === '' ? out : out[node.node];
    const rows = Array.isArray(target) ? target : [target];
    for (const row of rows) {
      if (row !== null && typeof row === 'object' && !Array.isArray(row)) shapeRow(row as Json, node, random);
    }
  }
  return out;
}
