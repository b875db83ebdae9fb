/**
 * The settlements this counter made and their refunds, read from the journal: the history a
 * refund starts from (2103 for a pharmacy sale, 2208 for an outpatient bill), and the durable
 * answer to "was this already settled / refunded?" after a restart.
 *
 * Transaction families, not region variants: a sale settled as 2102 under one profile is still
 * found after the counter moved to a profile that settles with 2102A.
 */
import { maskName } from '../core/mask';
import type { JournalEntry, JournalStore } from '../journal/journal-store';
import { block, inputOf, outputOf, str } from './journal-records';
import { fenOf } from './settlement-view';
import type { SettlementRecord } from './views';

export type SettlementKind = 'pharmacy' | 'clinic';

export const SETTLE_CODES: Record<SettlementKind, readonly string[]> = {
  pharmacy: ['2102', '2102A'],
  clinic: ['2207', '2207A'],
};
export const REFUND_CODES: Record<SettlementKind, readonly string[]> = {
  pharmacy: ['2103'],
  clinic: ['2208'],
};
export const ALL_SETTLE_CODES = [...SETTLE_CODES.pharmacy, ...SETTLE_CODES.clinic];
export const ALL_REFUND_CODES = [...REFUND_CODES.pharmacy, ...REFUND_CODES.clinic];

/** The ids a settlement answer carries (2102 / 2207 setlinfo). */
export interface SettledKey {
  readonly setlId: string;
  readonly mdtrtId: string;
  readonly psnNo: string;
}

export function settledKeyOf(entry: JournalEntry): SettledKey | null {
  const setlinfo = block(outputOf(entry), 'setlinfo');
  const setlId = str(setlinfo, 'setl_id');
  const mdtrtId = str(setlinfo, 'mdtrt_id');
  const psnNo = str(setlinfo, 'psn_no') || entry.psnNo || '';
  return setlId && mdtrtId && psnNo ? { setlId, mdtrtId, psnNo } : null;
}

export class SettlementHistory {
  constructor(
    private readonly journal: JournalStore,
    private readonly fixmedinsCode: string,
  ) {}

  /** Newest first. */
  list(kind: SettlementKind, options: { limit?: number; since?: string } = {}): SettlementRecord[] {
    const settles = this.journal.list({
      infnos: SETTLE_CODES[kind],
      states: ['ok'],
      fixmedinsCode: this.fixmedinsCode,
      since: options.since,
      limit: options.limit ?? 100,
    });
    const oldest = settles.at(-1)?.preparedAt;
    const refunds = oldest
      ? this.journal.list({
          infnos: REFUND_CODES[kind],
          states: ['ok'],
          fixmedinsCode: this.fixmedinsCode,
          since: oldest,
          limit: 100_000,
        })
      : [];
    const refundBySetlId = new Map<string, JournalEntry>();
    for (const r of refunds) refundBySetlId.set(str(block(inputOf(r), 'data'), 'setl_id'), r);
    const out: SettlementRecord[] = [];
    for (const entry of settles) {
      const key = settledKeyOf(entry);
      if (!key) continue;
      out.push(recordOf(entry, key, refundBySetlId.get(key.setlId) ?? null));
    }
    return out;
  }

  /** A settlement entry of this institution by msgid, with its ids. */
  settlement(msgid: string, kind: SettlementKind): { entry: JournalEntry; key: SettledKey } | null {
    const entry = this.journal.byMsgid(msgid);
    if (!entry || entry.fixmedinsCode !== this.fixmedinsCode || !SETTLE_CODES[kind].includes(entry.infno)) return null;
    if (entry.state !== 'ok') return null;
    const key = settledKeyOf(entry);
    return key ? { entry, key } : null;
  }

  /** A successful settlement of this institution by its setl_id (either kind, any region variant). */
  bySetlId(setlId: string): { entry: JournalEntry; key: SettledKey; kind: SettlementKind } | null {
    const found = this.journal
      .list({
        infnos: ALL_SETTLE_CODES,
        states: ['ok'],
        fixmedinsCode: this.fixmedinsCode,
        key: { field: 'setl_id', value: setlId },
        originalsOnly: true,
        limit: 10,
      })
      .map((entry) => ({ entry, key: settledKeyOf(entry) }))
      .find((x) => x.key?.setlId === setlId);
    if (!found?.key) return null;
    const kind: SettlementKind = SETTLE_CODES.pharmacy.includes(found.entry.infno) ? 'pharmacy' : 'clinic';
    return { entry: found.entry, key: found.key, kind };
  }

  /** Refund calls naming this settlement, oldest first (any state). */
  refundCalls(kind: SettlementKind, setlId: string): JournalEntry[] {
    return this.journal
      .list({
        infnos: REFUND_CODES[kind],
        fixmedinsCode: this.fixmedinsCode,
        key: { field: 'setl_id', value: setlId },
        originalsOnly: true,
        limit: 1000,
      })
      .filter((e) => str(block(inputOf(e), 'data'), 'setl_id') === setlId)
      .reverse();
  }
}

function recordOf(entry: JournalEntry, key: SettledKey, refund: JournalEntry | null): SettlementRecord {
  const output = outputOf(entry);
  const setlinfo = block(output, 'setlinfo');
  const input = inputOf(entry);
  const name = str(setlinfo, 'psn_name') || str(block(input, 'druginfo'), 'psn_name');
  const chrgBchno = str(block(input, 'data'), 'chrg_bchno');
  return {
    msgid: entry.msgid,
    infno: entry.infno,
    time: entry.preparedAt,
    opter: entry.opter,
    psnNameMasked: name ? maskName(name) : '',
    setlId: key.setlId,
    mdtrtId: key.mdtrtId,
    chrgBchno: chrgBchno || null,
    medfeeFen: fenOf(setlinfo['medfee_sumamt']),
    fundPaySumFen: fenOf(setlinfo['fund_pay_sumamt']),
    acctPayFen: fenOf(setlinfo['acct_pay']),
    psnCashPayFen: fenOf(setlinfo['psn_cash_pay']),
    refund: refund ? { msgid: refund.msgid, infno: refund.infno, time: refund.preparedAt } : null,
  };
}
