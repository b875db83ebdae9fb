/**
 * An outpatient visit as the journal records it: registration (2201 / 2201A), visit info and
 * diagnoses (2203 / 2203A), bills (2204 per chrg_bchno), their pre-settlements (2206 / 2206A),
 * settlements (2207 / 2207A), refunds (2208), fee cancellations (2205) and the registration
 * cancel (2202). Replaying the successful calls in order gives each bill's state, so a visit can
 * be continued or refunded after a restart exactly as the center sees it.
 */
import { YibaoError } from '../core/errors';
import { sumFen, type Fen } from '../core/money';
import type { JournalEntry, JournalStore } from '../journal/journal-store';
import { block, inputOf, outputOf, rows, str, type Json } from './journal-records';
import { fenOf } from './settlement-view';
import type { BillState } from './views';

export interface BillRecord {
  readonly chrgBchno: string;
  /** feedetail rows as sent. */
  lines: Json[];
  /** 2204 answer rows (the split per line). */
  splits: Json[];
  uploadedAt: string;
  state: BillState;
  pre: JournalEntry | null;
  settled: JournalEntry | null;
  refund: JournalEntry | null;
}

export interface VisitRecord {
  readonly mdtrtId: string;
  readonly iptOtpNo: string;
  readonly psnNo: string;
  readonly insutype: string;
  readonly begntime: string;
  readonly cert: { readonly mdtrt_cert_type: '01' | '02' | '03'; readonly mdtrt_cert_no: string };
  readonly doctor: { readonly code: string; readonly name: string };
  readonly dept: { readonly code: string; readonly name: string };
  readonly register: JournalEntry;
  medType: string | null;
  diagnoses: { code: string; name: string }[];
  mainCondDscr: string;
  readonly bills: Map<string, BillRecord>;
  cancelled: boolean;
  /** Name from the settlement answers (the registration does not carry it). */
  psnName: string;
}

export const REGISTER_CODES = ['2201', '2201A'];
const VISIT_INFO_CODES = ['2203', '2203A'];
const PRE_SETTLE_CODES = ['2206', '2206A'];
const SETTLE_CODES = ['2207', '2207A'];

export function billTotalFen(bill: BillRecord): Fen {
  return sumFen(bill.lines.map((l) => fenOf(l['det_item_fee_sumamt'])));
}

/** What can still be cancelled before 2202: bills that are settled or still hold uploaded lines. */
export function billsBlockingCancel(visit: VisitRecord): BillRecord[] {
  return [...visit.bills.values()].filter((b) => b.state !== 'cancelled');
}

function certTypeOf(value: string): '01' | '02' | '03' {
  return value === '01' || value === '03' ? value : '02';
}

function applyEntry(visit: VisitRecord, e: JournalEntry): void {
  const input = inputOf(e);
  const output = outputOf(e);
  if (VISIT_INFO_CODES.includes(e.infno)) {
    const m = block(input, 'mdtrtinfo');
    visit.medType = str(m, 'med_type') || visit.medType;
    visit.mainCondDscr = str(m, 'main_cond_dscr');
    visit.diagnoses = rows(input, 'diseinfo').map((d) => ({ code: str(d, 'diag_code'), name: str(d, 'diag_name') }));
    return;
  }
  if (e.infno === '2204') {
    const lines = rows(input, 'feedetail');
    const chrgBchno = str(lines[0] ?? {}, 'chrg_bchno');
    const splits = rows(output, 'result');
    const bill = visit.bills.get(chrgBchno);
    if (bill && bill.state !== 'cancelled') {
      bill.lines.push(...lines);
      bill.splits.push(...splits);
      bill.state = 'uploaded';
      bill.pre = null;
    } else {
      visit.bills.set(chrgBchno, {
        chrgBchno,
        lines,
        splits,
        uploadedAt: e.preparedAt,
        state: 'uploaded',
        pre: null,
        settled: null,
        refund: null,
      });
    }
    return;
  }
  const data = block(input, 'data');
  const bill = visit.bills.get(str(data, 'chrg_bchno'));
  const name = str(block(output, 'setlinfo'), 'psn_name');
  if (name) visit.psnName = name;
  if (PRE_SETTLE_CODES.includes(e.infno) && bill && bill.state !== 'settled' && bill.state !== 'cancelled') {
    bill.pre = e;
    bill.state = 'pre-settled';
  } else if (SETTLE_CODES.includes(e.infno) && bill) {
    bill.settled = e;
    bill.refund = null;
    bill.state = 'settled';
  } else if (e.infno === '2208') {
    const setlId = str(data, 'setl_id');
    for (const b of visit.bills.values()) {
      if (b.settled && str(block(outputOf(b.settled), 'setlinfo'), 'setl_id') === setlId) {
        b.refund = e;
        b.pre = null;
        b.state = 'refunded';
      }
    }
  } else if (e.infno === '2205') {
    const which = str(data, 'chrg_bchno');
    for (const b of visit.bills.values()) {
      if ((b.chrgBchno === which || which === '0000') && b.state !== 'settled') b.state = 'cancelled';
    }
  } else if (e.infno === '2202') {
    visit.cancelled = true;
  }
}

/**
 * The visit, replayed from every successful call naming its mdtrt_id at this institution.
 * `refundsElsewhere`: 2208s of its bills made at other counters of the shop (issue 20); each is
 * replayed right after the settlement it undoes (the clocks of two PCs cannot order them).
 */
export function loadVisit(
  journal: JournalStore,
  fixmedinsCode: string,
  mdtrtId: string,
  refundsElsewhere: readonly JournalEntry[] = [],
): VisitRecord {
  const entries = journal
    .list({ fixmedinsCode, states: ['ok'], key: { field: 'mdtrt_id', value: mdtrtId }, originalsOnly: true, limit: 100_000 })
    .reverse();
  const register = entries.find(
    (e) => REGISTER_CODES.includes(e.infno) && str(block(outputOf(e), 'data'), 'mdtrt_id') === mdtrtId,
  );
  if (!register) throw new YibaoError('E_VISIT_NOT_FOUND', `找不到就诊ID ${mdtrtId} 的挂号记录, 请从就诊列表重新选择`);
  const d = block(inputOf(register), 'data');
  const visit: VisitRecord = {
    mdtrtId,
    iptOtpNo: str(d, 'ipt_otp_no'),
    psnNo: str(d, 'psn_no'),
    insutype: str(d, 'insutype'),
    begntime: str(d, 'begntime'),
    cert: { mdtrt_cert_type: certTypeOf(str(d, 'mdtrt_cert_type')), mdtrt_cert_no: str(d, 'mdtrt_cert_no') },
    doctor: { code: str(d, 'atddr_no'), name: str(d, 'dr_name') },
    dept: { code: str(d, 'dept_code'), name: str(d, 'dept_name') },
    register,
    medType: str(d, 'med_type') || null,
    diagnoses: [],
    mainCondDscr: '',
    bills: new Map(),
    cancelled: false,
    psnName: '',
  };
  for (const e of entries) {
    if (e.id <= register.id) continue;
    // Every later call names the visit; be strict that it is this one (a text match could be a substring).
    const named = [block(inputOf(e), 'data'), block(inputOf(e), 'mdtrtinfo'), block(inputOf(e), 'feedetail')];
    if (!named.some((b) => str(b, 'mdtrt_id') === mdtrtId)) continue;
    applyEntry(visit, e);
    if (SETTLE_CODES.includes(e.infno)) {
      const setlId = str(block(outputOf(e), 'setlinfo'), 'setl_id');
      for (const r of refundsElsewhere) if (str(block(inputOf(r), 'data'), 'setl_id') === setlId) applyEntry(visit, r);
    }
  }
  return visit;
}
