/**
 * The counter's side of a reconciliation: every settlement record this institution made in a
 * period, read from the journal (the legal record). Like the center's ledger (protocol.md
 * §2.14), a settlement and its refund are two records: the original with its amounts and the
 * refund record (2103 / 2208 answer) with negative amounts and refd_setl_flag 1. Reversed
 * calls (2601) never settled and do not appear. The day of a record is the center's
 * setl_time, not the counter's clock.
 */
import { negFen, type Fen } from '../core/money';
import type { JournalEntry, JournalStore } from '../journal/journal-store';
import { journalWindow } from '../journal/day-window';
import { block, envelopeField, inputOf, outputOf, str } from '../counter/journal-records';
import { ALL_REFUND_CODES, ALL_SETTLE_CODES } from '../counter/settlement-history';
import { fenOf } from '../counter/settlement-view';

export interface LedgerRecord {
  readonly msgid: string;
  readonly infno: string;
  readonly opter: string;
  readonly setlId: string;
  readonly mdtrtId: string;
  readonly psnNo: string;
  readonly insutype: string;
  readonly clrType: string;
  readonly clrOptins: string;
  /** The center's settlement time (yyyy-MM-dd HH:mm:ss). */
  readonly setlTime: string;
  /** '0' a settlement, '1' the record of its refund. */
  readonly refdSetlFlag: '0' | '1';
  /** Signed: refund records are negative. */
  readonly medfee: Fen;
  readonly fund: Fen;
  readonly acct: Fen;
  readonly cash: Fen;
  /** With a shop store: the name of the counter that holds the record. */
  readonly counter?: string;
}

/** Refund answers differ in sign between centers; a refund record is always counted negative. */
const negative = (f: Fen): Fen => (f > 0 ? negFen(f) : f);

/** One journal entry (ok 2102/2102A/2207/2207A or 2103/2208) as a ledger record; null if the answer lacks ids. */
export function ledgerRecordOf(entry: JournalEntry): LedgerRecord | null {
  const refund = ALL_REFUND_CODES.includes(entry.infno);
  if (!refund && !ALL_SETTLE_CODES.includes(entry.infno)) return null;
  const s = block(outputOf(entry), 'setlinfo');
  const setlId = str(s, 'setl_id');
  if (!setlId) return null;
  const amount = (key: string): Fen => (refund ? negative(fenOf(s[key])) : fenOf(s[key]));
  return {
    msgid: entry.msgid,
    infno: entry.infno,
    opter: entry.opter,
    setlId,
    mdtrtId: str(s, 'mdtrt_id'),
    psnNo: str(s, 'psn_no') || entry.psnNo || '',
    // insutype and clr_optins are not non-null in the answer (protocol.md §2.9): a center that
    // leaves them out settled what was asked, under the insured area the call was sent to.
    insutype: str(s, 'insutype') || requestInsutype(entry),
    clrType: str(s, 'clr_type'),
    clrOptins: str(s, 'clr_optins') || envelopeField(entry, 'insuplc_admdvs'),
    setlTime: str(s, 'setl_time') || entry.finishedAt || entry.preparedAt,
    refdSetlFlag: refund ? '1' : '0',
    medfee: amount('medfee_sumamt'),
    fund: amount('fund_pay_sumamt'),
    acct: amount('acct_pay'),
    cash: amount('psn_cash_pay'),
  };
}

/** The insutype the settlement was asked for (2102 druginfo / 2207 data); a refund names none. */
function requestInsutype(entry: JournalEntry): string {
  const input = inputOf(entry);
  return str(block(input, 'druginfo'), 'insutype') || str(block(input, 'data'), 'insutype');
}

/**
 * A refund whose answer does not name its insutype (optional, see ledgerRecordOf) belongs to the
 * insutype of the settlement it refunds (its request names that settlement's setl_id).
 */
function withRefundInsutype(
  findOriginal: (setlId: string) => LedgerRecord | null | undefined,
  entry: JournalEntry,
  record: LedgerRecord | null,
): LedgerRecord | null {
  if (!record || record.insutype || record.refdSetlFlag !== '1') return record;
  const originalSetlId = str(block(inputOf(entry), 'data'), 'setl_id');
  if (!originalSetlId) return record;
  const original = findOriginal(originalSetlId);
  return original ? { ...record, insutype: original.insutype } : record;
}

/** The settlement with this setl_id in this counter's journal. */
const journalOriginal = (journal: JournalStore) => (setlId: string) =>
  journal
    .list({ key: { field: 'setl_id', value: setlId }, infnos: ALL_SETTLE_CODES, states: ['ok'], limit: 5 })
    .map(ledgerRecordOf)
    .find((r) => r?.setlId === setlId);

/**
 * Settlement and refund records of this institution whose setl_time falls in
 * [begndate, enddate] (whole days), in settlement-time order.
 */
export function readLedger(journal: JournalStore, fixmedinsCode: string, begndate: string, enddate: string): LedgerRecord[] {
  const entries = journal.listAll({
    infnos: [...ALL_SETTLE_CODES, ...ALL_REFUND_CODES],
    states: ['ok'],
    fixmedinsCode,
    // The counter's clock may differ from the center's by a little: a day either side, filter by setl_time.
    ...journalWindow(begndate, enddate),
    originalsOnly: true,
  });
  return ledgerOfEntries(entries, begndate, enddate, journalOriginal(journal));
}

/**
 * The ledger records of settlement and refund entries (ok, originals) whose setl_id falls in the
 * period, in settlement-time order; `findOriginal` finds the settlement a refund names.
 */
export function ledgerOfEntries(
  entries: readonly JournalEntry[],
  begndate: string,
  enddate: string,
  findOriginal: (setlId: string) => LedgerRecord | null | undefined,
  counterOf: (entry: JournalEntry) => string | undefined = () => undefined,
): LedgerRecord[] {
  return entries
    .map((e) => {
      const record = withRefundInsutype(findOriginal, e, ledgerRecordOf(e));
      const counter = counterOf(e);
      return record && counter !== undefined ? { ...record, counter } : record;
    })
    .filter((r): r is LedgerRecord => r !== null)
    .filter((r) => r.setlTime.slice(0, 10) >= begndate && r.setlTime.slice(0, 10) <= enddate)
    .sort((a, b) => (a.setlTime === b.setlTime ? a.msgid.localeCompare(b.msgid) : a.setlTime.localeCompare(b.setlTime)));
}
