/**
 * Shapes of the field-rule table generated from shared/spec/protocol.md
 * (scripts/gen-spec-fields.mjs → spec-fields.generated.ts). The table is read by the
 * sandbox center, which must judge requests by the document and not by the client's
 * own schemas, and by tests that compare the two.
 */

/** The spec's field types: C 字符型, N 数值型, D 日期型 yyyy-MM-dd, DT 日期时间型 yyyy-MM-dd HH:mm:ss. */
export type SpecType = 'C' | 'N' | 'D' | 'DT';

/**
 * Y: on input the field must be sent (是否必填); on output the platform always fills it (是否非空).
 * cond: required in some cases the document names in prose (e.g. card_sn for credential type 03).
 * N: the document does not require it.
 */
export type SpecRequired = 'Y' | 'cond' | 'N';

export interface SpecField {
  readonly field: string;
  /** null: the document names the field without a type. */
  readonly type: SpecType | null;
  /** C: maximum length; N: total digits ("16,2" → 16). null when not given. */
  readonly length: number | null;
  /** N: decimals ("16,2" → 2). null when not given (an N without a scale is an integer only if length is given). */
  readonly scale: number | null;
  /** 代码标识: the value comes from a dictionary. */
  readonly coded: boolean;
  readonly required: SpecRequired;
}

export interface SpecNode {
  /** The JSON node under input / output; '' for fields directly under output (e.g. 1301's file_qury_no). */
  readonly node: string;
  readonly shape: 'object' | 'array';
  /** document: protocol.md names the node; practice: it lists the fields but names no node, the name is what centers send. */
  readonly nodeFrom: 'document' | 'practice';
  readonly fields: readonly SpecField[];
}

export interface SpecTransaction {
  readonly infno: string;
  /** Section of protocol.md the rules come from, e.g. "2.11". */
  readonly section: string;
  readonly input: readonly SpecNode[];
  readonly output: readonly SpecNode[];
}

/** The catalogue download file as protocol.md §1.3 / §2.16 describe it (in prose: only some columns are named). */
export interface SpecCatalogueFile {
  readonly encoding: string;
  readonly separator: string;
  readonly nullText: string;
  readonly documentedColumnCount: number;
  readonly leadingColumns: readonly string[];
  readonly adjacentColumns: readonly (readonly string[])[];
  readonly infnos: readonly string[];
}
