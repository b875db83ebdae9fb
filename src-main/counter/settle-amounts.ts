/**
 * The four amounts 2207 repeats (protocol.md §5.7): what the 2204 answers split the bill's lines
 * into. The spec does not mark those split amounts non-null (§2.7), and a center that leaves
 * them out still states the bill's totals in the 2206 answer, where they are non-null: then
 * the pre-settlement's amounts are sent (issue 16).
 */
import { sumFen, yuanNumber } from '../core/money';
import { fenOf } from './settlement-view';
import type { Json } from './journal-records';

/** 2207 field → the field of a 2204 split line and of the 2206 setlinfo that carries it. */
const FIELDS = [
  ['fulamt_ownpay_amt', 'fulamt_ownpay_amt', 'fulamt_ownpay_amt'],
  ['overlmt_selfpay', 'overlmt_amt', 'overlmt_selfpay'],
  ['preselfpay_amt', 'preselfpay_amt', 'preselfpay_amt'],
  ['inscp_scp_amt', 'inscp_scp_amt', 'inscp_scp_amt'],
] as const;

const given = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

export type SettleAmounts = Record<(typeof FIELDS)[number][0], number>;

export function settleAmounts(splits: readonly Json[], preSetlinfo: Json): SettleAmounts {
  const out = {} as SettleAmounts;
  for (const [field, splitField, preField] of FIELDS) {
    const fromSplits = splits.length > 0 && splits.every((s) => given(s[splitField]));
    out[field] = fromSplits
      ? yuanNumber(sumFen(splits.map((s) => fenOf(s[splitField]))))
      : yuanNumber(fenOf(preSetlinfo[preField]));
  }
  return out;
}
