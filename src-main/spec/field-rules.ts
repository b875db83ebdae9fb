/**
 * Lookups in the spec's field-rule table (generated from shared/spec/protocol.md by
 * scripts/gen-spec-fields.mjs). Nothing here reads the client's protocol/ schemas.
 */
import { SPEC_REQUEST_ENVELOPE, SPEC_RESPONSE_ENVELOPE, SPEC_TRANSACTIONS } from './spec-fields.generated';
import type { SpecField, SpecNode, SpecTransaction } from './types';

export type { SpecField, SpecNode, SpecTransaction, SpecRequired, SpecType } from './types';
export { SPEC_REQUEST_ENVELOPE, SPEC_RESPONSE_ENVELOPE, SPEC_TRANSACTIONS };

/** The document's rules for a transaction, or undefined when protocol.md gives no fields for it. */
export function specTransaction(infno: string): SpecTransaction | undefined {
  const all: Readonly<Record<string, SpecTransaction>> = SPEC_TRANSACTIONS;
  return Object.prototype.hasOwnProperty.call(all, infno) ? all[infno] : undefined;
}

/** The codes protocol.md gives fields for. */
export type SpecInfno = keyof typeof SPEC_TRANSACTIONS;

export function specNode(infno: string, direction: 'input' | 'output', node: string): SpecNode | undefined {
  return specTransaction(infno)?.[direction].find((n) => n.node === node);
}

export function specField(node: SpecNode, field: string): SpecField | undefined {
  return node.fields.find((f) => f.field === field);
}
