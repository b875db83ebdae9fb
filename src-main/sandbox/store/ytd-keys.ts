/**
 * The policy engine's YearToDate shape ⇄ the store's generic accumulator rows. Keys are
 * `<pool>.<field>` for the pools and the bare field for the rest, e.g.
 * `outpatient.deductibleUsed`, `inpatient.poolPaid`, `assistancePaid`.
 */
import { fen, subFen, FEN_ZERO, type Fen } from '../amounts';
import type { BenefitPool, YearToDate } from '../policy/types';
import type { YtdAmounts } from './ledger';

const POOLS: readonly BenefitPool[] = ['outpatient', 'chronic', 'inpatient'];
const POOL_FIELDS = ['deductibleUsed', 'poolPaid'] as const;
const PLAIN_FIELDS = ['cvlservPaid', 'assistancePaid'] as const;

/** Every key the policy engine's accumulators use. */
export const YTD_KEYS: readonly string[] = [...POOLS.flatMap((pool) => POOL_FIELDS.map((f) => `${pool}.${f}`)), ...PLAIN_FIELDS];

/** Store rows → the engine's YearToDate (missing keys are 0). */
export function toYearToDate(amounts: YtdAmounts): YearToDate {
  const get = (key: string): Fen => amounts[key] ?? FEN_ZERO;
  const pool = (p: BenefitPool) => ({ deductibleUsed: get(`${p}.deductibleUsed`), poolPaid: get(`${p}.poolPaid`) });
  return {
    outpatient: pool('outpatient'),
    chronic: pool('chronic'),
    inpatient: pool('inpatient'),
    cvlservPaid: get('cvlservPaid'),
    assistancePaid: get('assistancePaid'),
  };
}

/** The engine's YearToDate → store rows. */
export function fromYearToDate(ytd: YearToDate): YtdAmounts {
  const out: YtdAmounts = {};
  for (const p of POOLS) for (const f of POOL_FIELDS) out[`${p}.${f}`] = ytd[p][f];
  for (const f of PLAIN_FIELDS) out[f] = ytd[f];
  return out;
}

/** after − before per key, zero deltas left out: what a settlement's NewSettlement.ytdDeltas should be. */
export function ytdDeltas(before: YearToDate, after: YearToDate): YtdAmounts {
  const b = fromYearToDate(before);
  const a = fromYearToDate(after);
  const out: YtdAmounts = {};
  for (const key of YTD_KEYS) {
    const d = subFen(a[key] ?? FEN_ZERO, b[key] ?? FEN_ZERO);
    if (d !== 0) out[key] = fen(d);
  }
  return out;
}
