/**
 * 3201 is sent once per (insutype, clr_type, setl_optins) (protocol.md §2.14): the center's
 * totals are kept per 险种, 清算类别 and 清算经办机构. The sandbox sets clr_type 41 for pharmacy
 * sales and 11 for outpatient bills, and clr_optins to the insured person's area, and counts
 * a refund as a record of its own with negative amounts; these groups add up the same way.
 */
import { addFen, FEN_ZERO, type Fen } from '../core/money';
import type { LedgerRecord } from './local-ledger';

export interface GroupKey {
  readonly insutype: string;
  readonly clrType: string;
  readonly setlOptins: string;
}

export interface LedgerTotals {
  /** Records: settlements and refund records alike (a refunded sale counts twice). */
  readonly count: number;
  readonly medfee: Fen;
  readonly fund: Fen;
  readonly acct: Fen;
  readonly cash: Fen;
}

export interface LedgerGroup extends GroupKey {
  readonly totals: LedgerTotals;
  readonly records: readonly LedgerRecord[];
}

export const ZERO_TOTALS: LedgerTotals = { count: 0, medfee: FEN_ZERO, fund: FEN_ZERO, acct: FEN_ZERO, cash: FEN_ZERO };

export function totalsOf(records: readonly LedgerRecord[]): LedgerTotals {
  return records.reduce<LedgerTotals>(
    (t, r) => ({
      count: t.count + 1,
      medfee: addFen(t.medfee, r.medfee),
      fund: addFen(t.fund, r.fund),
      acct: addFen(t.acct, r.acct),
      cash: addFen(t.cash, r.cash),
    }),
    ZERO_TOTALS,
  );
}

function keyText(k: GroupKey): string {
  return `${k.insutype}|${k.clrType}|${k.setlOptins}`;
}

/** Groups in a stable order (insutype, clr_type, setl_optins). */
export function groupLedger(records: readonly LedgerRecord[]): LedgerGroup[] {
  const byKey = new Map<string, { key: GroupKey; records: LedgerRecord[] }>();
  for (const r of records) {
    const key: GroupKey = { insutype: r.insutype, clrType: r.clrType, setlOptins: r.clrOptins };
    const text = keyText(key);
    const g = byKey.get(text) ?? { key, records: [] };
    g.records.push(r);
    byKey.set(text, g);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => ({ ...g.key, totals: totalsOf(g.records), records: g.records }));
}

/**
 * 3202 has no insutype: the center compares every record of one (clr_type, setl_optins) in the
 * period, so the detail file of a group that did not balance carries all of them.
 */
export function detailScopeOf(records: readonly LedgerRecord[], key: Pick<GroupKey, 'clrType' | 'setlOptins'>): LedgerRecord[] {
  return records.filter((r) => r.clrType === key.clrType && r.clrOptins === key.setlOptins);
}

/** Every day of a period, yyyy-MM-dd, inclusive. */
export function daysOf(begndate: string, enddate: string): string[] {
  const out: string[] = [];
  const d = new Date(`${begndate}T00:00:00Z`);
  for (let i = 0; i < 400; i += 1) {
    const day = d.toISOString().slice(0, 10);
    if (day > enddate) break;
    out.push(day);
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** First and last day of the month before the one `today` (yyyy-MM-dd) is in. */
export function previousMonth(today: string): { begndate: string; enddate: string; month: string } {
  const first = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  const last = new Date(first.getTime() - 24 * 60 * 60 * 1000);
  const begndate = `${last.toISOString().slice(0, 7)}-01`;
  return { begndate, enddate: last.toISOString().slice(0, 10), month: begndate.slice(0, 7) };
}
