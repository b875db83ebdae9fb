/**
 * The seven 进销存 upload kinds as the counter knows them: which profile flow picks the infno
 * (3501 or 3501A …), the row schema, where a row goes in the request, what makes two rows the
 * same record (the queue's business key, the same key the center refuses twice) and how to
 * find the record again with 3508–3511 after an answer was lost.
 */
import type { z } from 'zod';
import type { FlowName } from '../registry/profile';
import {
  changeRow,
  countRow,
  deleteRow,
  purchaseReturnRow,
  purchaseRow,
  saleReturnRow,
  saleRow,
} from '../protocol/transactions/inventory';

import { INVENTORY_KINDS, KIND_INFO, type InventoryKindName } from './views';

export { INVENTORY_KINDS };
export type InventoryKind = InventoryKindName;

/** A row of the spec, as sent (wire numbers, yyyy-MM-dd dates). */
export type SpecRow = Record<string, unknown>;

/** How to look for an uploaded row in the center's ledger (3508–3511). */
export interface LedgerLookup {
  readonly infno: '3508' | '3509' | '3510' | '3511';
  /** The business date the query range must cover. */
  dateOf(row: SpecRow): string;
  /** Whether an answered ledger row is this upload. */
  matches(row: SpecRow, found: Record<string, unknown>): boolean;
}

export interface KindSpec {
  readonly label: string;
  readonly flow: FlowName;
  readonly rowSchema: z.ZodType;
  /** The request field of the single variant and of the batch (A) variant. */
  readonly singleField: string;
  readonly batchField: string;
  /** The queue's business key: two rows with the same key are the same record. */
  keyOf(row: SpecRow): string;
  /** How a batch answer names a row (…ErrDetail): the rows of one batch call must differ in it. */
  answerKeyOf(row: { fixmedins_hilist_id?: unknown; fixmedins_bchno?: unknown; inv_data_type?: unknown }): string;
  /** null: a refusal like "nothing to delete" already means the wanted end state. */
  readonly lookup: LedgerLookup | null;
}

/** The kind's label and its profile flow (views.ts, shared with the screens). */
const info = (kind: InventoryKindName) => ({ label: KIND_INFO[kind].label, flow: KIND_INFO[kind].flow as FlowName });
const s = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const day = (v: unknown): string => s(v).slice(0, 10);
const itemBatch = (row: { fixmedins_hilist_id?: unknown; fixmedins_bchno?: unknown }) =>
  `${s(row.fixmedins_hilist_id)}|${s(row.fixmedins_bchno)}`;
/** Quantities compared as numbers: the center may answer "10.0000" for 10. */
const sameNumber = (a: unknown, b: unknown): boolean => Number(a) === Number(b);

export const KINDS: Readonly<Record<InventoryKind, KindSpec>> = {
  inventory: {
    ...info('inventory'),
    rowSchema: countRow,
    singleField: 'invinfo',
    batchField: 'invinfoDetail',
    keyOf: (r) => `${itemBatch(r)}|${s(r['invdate'])}`,
    answerKeyOf: itemBatch,
    lookup: {
      infno: '3508',
      dateOf: (r) => s(r['invdate']),
      matches: (r, f) => s(f['invdate']) === s(r['invdate']),
    },
  },
  'stock-change': {
    ...info('stock-change'),
    rowSchema: changeRow,
    singleField: 'invinfo',
    batchField: 'invinfoDetail',
    keyOf: (r) => `${itemBatch(r)}|${s(r['inv_chg_type'])}|${s(r['inv_chg_time'])}`,
    answerKeyOf: itemBatch,
    lookup: {
      infno: '3509',
      dateOf: (r) => day(r['inv_chg_time']),
      matches: (r, f) =>
        s(f['invChgType']) === s(r['inv_chg_type']) &&
        s(f['invChgTime']) === s(r['inv_chg_time']) &&
        sameNumber(f['cnt'], r['cnt']),
    },
  },
  purchase: {
    ...info('purchase'),
    rowSchema: purchaseRow,
    singleField: 'purcinfo',
    batchField: 'purcinfoDetail',
    keyOf: itemBatch,
    answerKeyOf: itemBatch,
    lookup: {
      infno: '3510',
      dateOf: (r) => day(r['purc_retn_stoin_time']),
      matches: (r, f) =>
        s(f['prodRetnFlag'] ?? '0') !== '1' &&
        s(f['purcRetnStoinTime']) === s(r['purc_retn_stoin_time']) &&
        sameNumber(f['purcRetnCnt'], r['purc_retn_cnt']),
    },
  },
  'purchase-return': {
    ...info('purchase-return'),
    rowSchema: purchaseReturnRow,
    singleField: 'purcinfo',
    batchField: 'purcinfoDetail',
    keyOf: (r) => `${itemBatch(r)}|${s(r['purc_retn_stoin_time'])}`,
    answerKeyOf: itemBatch,
    lookup: {
      infno: '3510',
      dateOf: (r) => day(r['purc_retn_stoin_time']),
      matches: (r, f) =>
        s(f['prodRetnFlag']) === '1' &&
        s(f['purcRetnStoinTime']) === s(r['purc_retn_stoin_time']) &&
        sameNumber(f['purcRetnCnt'], r['purc_retn_cnt']),
    },
  },
  sale: {
    ...info('sale'),
    rowSchema: saleRow,
    singleField: 'selinfo',
    batchField: 'selinfoDetail',
    keyOf: (r) => `${itemBatch(r)}|${s(r['rtal_docno'])}`,
    answerKeyOf: itemBatch,
    lookup: {
      infno: '3511',
      dateOf: (r) => day(r['sel_retn_time']),
      matches: (r, f) =>
        s(f['selRetnFlag'] ?? '0') !== '1' &&
        s(f['selRetnTime']) === s(r['sel_retn_time']) &&
        sameNumber(f['selRetnCnt'], r['sel_retn_cnt']),
    },
  },
  'sale-return': {
    ...info('sale-return'),
    rowSchema: saleReturnRow,
    singleField: 'selinfo',
    batchField: 'selinfoDetail',
    keyOf: (r) => `${itemBatch(r)}|${s(r['sel_retn_time'])}`,
    answerKeyOf: itemBatch,
    lookup: {
      infno: '3511',
      dateOf: (r) => day(r['sel_retn_time']),
      matches: (r, f) =>
        s(f['selRetnFlag'] ?? '1') === '1' &&
        s(f['selRetnTime']) === s(r['sel_retn_time']) &&
        sameNumber(f['selRetnCnt'], r['sel_retn_cnt']),
    },
  },
  delete: {
    ...info('delete'),
    rowSchema: deleteRow,
    singleField: 'data',
    batchField: 'goodDetail',
    keyOf: (r) => `${s(r['fixmedins_bchno'])}|${s(r['inv_data_type'])}`,
    answerKeyOf: (r) => `${s(r.fixmedins_bchno)}|${s(r.inv_data_type)}`,
    lookup: null,
  },
};

export function isInventoryKind(value: string): value is InventoryKind {
  return (INVENTORY_KINDS as readonly string[]).includes(value);
}
