/**
 * Settlements (2207 / 2102 / 2304) with their setldetail rows, and the two ways one is
 * undone: a cancellation (2208 / 2103 / 2305), which writes a refund record with negated
 * amounts, and a reversal (2601), which voids the original as if it never happened. Each
 * operation moves the account balance and the year-to-date accumulators in the same SQLite
 * transaction as the rows, and undoing restores them exactly: what a settlement added is
 * recorded in settlement_ytd and subtracted again, never recomputed.
 */
import { fen, negFen, subFen, type Fen } from '../amounts';
import { insertSql, selectList, toParams } from './columns';
import type { Db } from './db';
import { DuplicateKeyError, DuplicateMsgidError, isUniqueViolation, NotFoundError, StateError } from './errors';
import type { LedgerRepo, YtdAmounts } from './ledger';
import type { SettlementAmounts } from '../policy/types';

/** setlinfo amounts as stored (the policy engine's SettlementAmounts fits this shape). */
/** setlinfo amounts, as the policy engine computes them (balc is ignored on input: the store computes it). */
export type { SettlementAmounts };

/** One setldetail row. */
export interface SetlDetail {
  fundPayType: string;
  fundPayTypeName: string;
  inscpScpAmt: Fen;
  crtPaybLmtAmt: Fen;
  fundPayamt: Fen;
  setlProcInfo: string | null;
}

export type SettlementState = 'settled' | 'cancelled' | 'reversed';

export interface SettlementRow extends SettlementAmounts {
  setlId: string;
  /** settle = an original settlement; refund = the negative record a cancellation writes. */
  kind: 'settle' | 'refund';
  mdtrtId: string;
  psnNo: string;
  fixmedinsCode: string;
  /** The transaction that wrote this record (2207, 2102, 2208 …). */
  infno: string;
  /** That message's msgid (= medins_setl_id). */
  msgid: string;
  chrgBchno: string | null;
  setlTime: string;
  insutype: string;
  psnType: string;
  cvlservFlag: string;
  medType: string;
  mdtrtCertType: string | null;
  clrType: string;
  clrWay: string;
  clrOptins: string;
  invono: string | null;
  state: SettlementState;
  /** For refund records: the settlement they cancel. */
  origSetlId: string | null;
  /** For a cancelled original: its refund record. */
  reverseSetlId: string | null;
  /** msgid of the 2208/2103/2305 that cancelled, or of the 2601 that reversed, this record. */
  reverseMsgid: string | null;
  reversedAt: string | null;
}

export interface SettlementRecord extends SettlementRow {
  details: SetlDetail[];
}

export interface NewSettlement {
  setlId: string;
  mdtrtId: string;
  psnNo: string;
  fixmedinsCode: string;
  infno: string;
  msgid: string;
  chrgBchno: string | null;
  setlTime: string;
  insutype: string;
  psnType: string;
  cvlservFlag: string;
  medType: string;
  mdtrtCertType: string | null;
  clrType: string;
  clrWay: string;
  clrOptins: string;
  invono: string | null;
  amounts: SettlementAmounts;
  details: readonly SetlDetail[];
  /** What this settlement adds to the year-to-date accumulators of the setl_time's year. */
  ytdDeltas: YtdAmounts;
  /**
   * Fee lines this settlement consumes (state uploaded → settled). Default: every uploaded
   * line of (mdtrtId, chrgBchno); null chrgBchno with no list consumes none.
   */
  feedetlSns?: readonly string[];
}

export interface CancelSettlement {
  /** The original settlement. */
  setlId: string;
  /** New id for the refund record. */
  refundSetlId: string;
  /** The cancelling message (2208/2103/2305). */
  msgid: string;
  infno: string;
  time: string;
}

export interface ReverseSettlement {
  setlId: string;
  /** The 2601 message's msgid. */
  msgid: string;
  time: string;
  /**
   * What becomes of the consumed fee lines: `uploaded` when they were uploaded separately
   * (2204 → 2207, so the counter may settle them again), `cancelled` when the reversed
   * call uploaded them itself (2102).
   */
  feeLines?: 'uploaded' | 'cancelled';
}

export interface ReverseCancellation {
  /** The refund record written by the cancellation being reversed. */
  refundSetlId: string;
  /** The 2601 message's msgid. */
  msgid: string;
  time: string;
}

/** Filter for 3201/3202: settlement time is inclusive, whole days are the caller's job. */
export interface StatementFilter {
  fixmedinsCode: string;
  begin: string;
  end: string;
  insutype?: string;
  clrType?: string;
  clrOptins?: string;
  /** '0' originals only, '1' refund records only; omitted: both. */
  refdSetlFlag?: '0' | '1';
}

export interface StatementTotals {
  medfeeSumamt: Fen;
  fundPaySumamt: Fen;
  acctPay: Fen;
  psnCashPay: Fen;
  count: number;
}

const AMOUNT_COLUMNS = [
  'medfee_sumamt',
  'fulamt_ownpay_amt',
  'overlmt_selfpay',
  'preselfpay_amt',
  'inscp_scp_amt',
  'act_pay_dedc',
  'hifp_pay',
  'pool_prop_selfpay',
  'cvlserv_pay',
  'hifes_pay',
  'hifmi_pay',
  'hifob_pay',
  'maf_pay',
  'oth_pay',
  'fund_pay_sumamt',
  'psn_part_amt',
  'acct_pay',
  'psn_cash_pay',
  'hosp_part_amt',
  'balc',
  'acct_mulaid_pay',
] as const;
const SETTLEMENT_COLUMNS = [
  'setl_id',
  'kind',
  'mdtrt_id',
  'psn_no',
  'fixmedins_code',
  'infno',
  'msgid',
  'chrg_bchno',
  'setl_time',
  'insutype',
  'psn_type',
  'cvlserv_flag',
  'med_type',
  'mdtrt_cert_type',
  'clr_type',
  'clr_way',
  'clr_optins',
  'invono',
  ...AMOUNT_COLUMNS,
  'state',
  'orig_setl_id',
  'reverse_setl_id',
  'reverse_msgid',
  'reversed_at',
] as const;
const DETAIL_COLUMNS = [
  'setl_id',
  'seq',
  'fund_pay_type',
  'fund_pay_type_name',
  'inscp_scp_amt',
  'crt_payb_lmt_amt',
  'fund_payamt',
  'setl_proc_info',
] as const;

/** Amounts that flip sign on a refund record (the ratio and the balance do not). */
const SIGNED_AMOUNTS = [
  'medfeeSumamt',
  'fulamtOwnpayAmt',
  'overlmtSelfpay',
  'preselfpayAmt',
  'inscpScpAmt',
  'actPayDedc',
  'hifpPay',
  'cvlservPay',
  'hifesPay',
  'hifmiPay',
  'hifobPay',
  'mafPay',
  'othPay',
  'fundPaySumamt',
  'psnPartAmt',
  'acctPay',
  'psnCashPay',
  'hospPartAmt',
  'acctMulaidPay',
] as const satisfies readonly (keyof SettlementAmounts)[];

export class SettlementRepo {
  private readonly insertStmt;
  private readonly insertDetailStmt;
  private readonly insertYtdStmt;
  private readonly getStmt;
  private readonly byMsgidStmt;
  private readonly byVisitStmt;
  private readonly detailsStmt;
  private readonly ytdOfStmt;
  private readonly settleLinesStmt;
  private readonly settleNamedLineStmt;
  private readonly releaseLinesStmt;
  private readonly relinkLinesStmt;
  private readonly markStmt;
  private readonly statementStmt;

  constructor(
    private readonly db: Db,
    private readonly ledger: LedgerRepo,
  ) {
    const select = `SELECT ${selectList(SETTLEMENT_COLUMNS)} FROM settlement`;
    this.insertStmt = db.prepare(insertSql('settlement', SETTLEMENT_COLUMNS));
    this.insertDetailStmt = db.prepare(insertSql('setl_detail', DETAIL_COLUMNS));
    this.insertYtdStmt = db.prepare<[string, number, string, number]>(
      'INSERT INTO settlement_ytd (setl_id, year, key, amount) VALUES (?, ?, ?, ?)',
    );
    this.getStmt = db.prepare<[string], SettlementRow>(`${select} WHERE setl_id = ?`);
    this.byMsgidStmt = db.prepare<[string], SettlementRow>(`${select} WHERE msgid = ?`);
    this.byVisitStmt = db.prepare<[string], SettlementRow>(`${select} WHERE mdtrt_id = ? ORDER BY setl_time, rowid`);
    this.detailsStmt = db.prepare<[string], SetlDetail>(
      `SELECT ${selectList(DETAIL_COLUMNS.slice(2))} FROM setl_detail WHERE setl_id = ? ORDER BY seq`,
    );
    this.ytdOfStmt = db.prepare<[string], { year: number; key: string; amount: number }>(
      'SELECT year, key, amount FROM settlement_ytd WHERE setl_id = ? ORDER BY key',
    );
    this.settleLinesStmt = db.prepare<[string, string, string]>(
      "UPDATE fee_detail SET state = 'settled', setl_id = ? WHERE mdtrt_id = ? AND chrg_bchno = ? AND state = 'uploaded'",
    );
    this.settleNamedLineStmt = db.prepare<[string, string, string]>(
      "UPDATE fee_detail SET state = 'settled', setl_id = ? WHERE mdtrt_id = ? AND feedetl_sn = ? AND state = 'uploaded'",
    );
    // Released lines keep their setl_id (the settlement that last took them), so a reversed
    // cancellation can take exactly those lines back; the next settlement overwrites it.
    this.releaseLinesStmt = db.prepare<[string, string]>(
      "UPDATE fee_detail SET state = ? WHERE setl_id = ? AND state = 'settled'",
    );
    this.relinkLinesStmt = db.prepare<[string]>(
      "UPDATE fee_detail SET state = 'settled' WHERE setl_id = ? AND state = 'uploaded'",
    );
    this.markStmt = db.prepare(
      `UPDATE settlement SET state = @state, reverse_setl_id = @reverse_setl_id, reverse_msgid = @reverse_msgid,
         reversed_at = @reversed_at WHERE setl_id = @setl_id`,
    );
    this.statementStmt = db.prepare(
      `${select} WHERE fixmedins_code = @fixmedins_code AND setl_time BETWEEN @begin AND @end AND state <> 'reversed'
         AND (@insutype IS NULL OR insutype = @insutype) AND (@clr_type IS NULL OR clr_type = @clr_type)
         AND (@clr_optins IS NULL OR clr_optins = @clr_optins)
         AND (@kind IS NULL OR kind = @kind)
       ORDER BY setl_time, rowid`,
    );
  }

  /**
   * Records a settlement: the row, its setldetail, the account debit (acct_pay less the
   * family mutual-aid part, which is not this person's money), the YTD deltas and the fee
   * lines it consumes, in one transaction. Returns the stored record (balc = balance after).
   */
  record(input: NewSettlement): SettlementRecord {
    return this.db.transaction((): SettlementRecord => {
      const ownAccountPay = subFen(input.amounts.acctPay, input.amounts.acctMulaidPay);
      const balc = this.ledger.debit(input.psnNo, input.insutype, ownAccountPay);
      const row: SettlementRow = {
        ...input.amounts,
        ...pickHeader(input),
        balc,
        kind: 'settle',
        state: 'settled',
        origSetlId: null,
        reverseSetlId: null,
        reverseMsgid: null,
        reversedAt: null,
      };
      this.insertRow(row, input.details);
      this.addYtd(row.setlId, row.psnNo, yearOf(row.setlTime), input.ytdDeltas);
      if (input.feedetlSns) {
        for (const sn of input.feedetlSns) {
          if (this.settleNamedLineStmt.run(row.setlId, row.mdtrtId, sn).changes !== 1) {
            throw new StateError('费用明细', sn, 'not-uploaded', `费用明细 ${sn} 不存在或不是待结算状态`);
          }
        }
      } else if (input.chrgBchno !== null) {
        this.settleLinesStmt.run(row.setlId, row.mdtrtId, input.chrgBchno);
      }
      return { ...row, details: [...input.details] };
    })();
  }

  /**
   * Cancels a settlement (2208 / 2103 / 2305): writes the refund record (amounts negated,
   * setldetail negated), credits the account, subtracts exactly the YTD the original added,
   * marks the original cancelled and puts its fee lines back to uploaded.
   */
  cancel(input: CancelSettlement): { original: SettlementRecord; refund: SettlementRecord } {
    return this.db.transaction(() => {
      const original = this.require(input.setlId);
      if (original.kind !== 'settle' || original.state !== 'settled') {
        throw new StateError('结算', original.setlId, original.state, cancelRefusal(original));
      }
      const balc = this.ledger.credit(original.psnNo, original.insutype, ownAccountPart(original));
      const refund: SettlementRow = {
        ...negateAmounts(original),
        balc,
        setlId: input.refundSetlId,
        kind: 'refund',
        infno: input.infno,
        msgid: input.msgid,
        setlTime: input.time,
        state: 'settled',
        origSetlId: original.setlId,
        reverseSetlId: null,
        reverseMsgid: null,
        reversedAt: null,
      };
      const refundDetails = original.details.map((d) => ({
        ...d,
        inscpScpAmt: negFen(d.inscpScpAmt),
        fundPayamt: negFen(d.fundPayamt),
      }));
      this.insertRow(refund, refundDetails);
      const added = this.ytdOf(original.setlId);
      for (const { year, deltas } of added) this.addYtd(refund.setlId, refund.psnNo, year, negateAll(deltas));
      this.mark(original.setlId, 'cancelled', refund.setlId, input.msgid, input.time);
      this.releaseLinesStmt.run('uploaded', original.setlId);
      return { original: this.require(original.setlId), refund: this.require(refund.setlId) };
    })();
  }

  /**
   * Reverses a settlement (2601 of 2207 / 2102 / 2304): the original becomes `reversed`,
   * the account and YTD get back exactly what it took, no refund record is written.
   */
  reverse(input: ReverseSettlement): SettlementRecord {
    return this.db.transaction(() => {
      const original = this.require(input.setlId);
      if (original.kind !== 'settle' || original.state !== 'settled') {
        throw new StateError('结算', original.setlId, original.state, reverseRefusal(original));
      }
      this.ledger.credit(original.psnNo, original.insutype, ownAccountPart(original));
      for (const { year, deltas } of this.ytdOf(original.setlId)) {
        this.ledger.applyYtd(original.psnNo, year, negateAll(deltas));
      }
      this.mark(original.setlId, 'reversed', null, input.msgid, input.time);
      this.releaseLinesStmt.run(input.feeLines ?? 'uploaded', original.setlId);
      return this.require(original.setlId);
    })();
  }

  /**
   * Reverses a cancellation (2601 of 2208 / 2103 / 2305): the refund record becomes
   * `reversed`, the original is `settled` again with its fee lines, and the account and YTD
   * are debited again by exactly what the refund gave back (an emptied account refuses).
   */
  reverseCancellation(input: ReverseCancellation): { original: SettlementRecord; refund: SettlementRecord } {
    return this.db.transaction(() => {
      const refund = this.require(input.refundSetlId);
      if (refund.kind !== 'refund' || refund.state !== 'settled' || refund.origSetlId === null) {
        throw new StateError('结算', refund.setlId, refund.state, `${refund.setlId} 不是可冲正的撤销记录`);
      }
      const original = this.require(refund.origSetlId);
      this.ledger.debit(original.psnNo, original.insutype, ownAccountPart(original));
      for (const { year, deltas } of this.ytdOf(refund.setlId)) {
        this.ledger.applyYtd(refund.psnNo, year, negateAll(deltas));
      }
      this.mark(refund.setlId, 'reversed', null, input.msgid, input.time);
      this.mark(original.setlId, 'settled', null, null, null);
      // The lines went back to uploaded when the original was cancelled; take them again
      // unless the counter has cancelled or re-settled them since.
      this.relinkLinesStmt.run(original.setlId);
      return { original: this.require(original.setlId), refund: this.require(refund.setlId) };
    })();
  }

  get(setlId: string): SettlementRecord | undefined {
    const row = this.getStmt.get(setlId);
    return row && { ...row, details: this.detailsStmt.all(setlId) };
  }

  /** The record a message wrote (msgid = medins_setl_id), for 2601 and 5203. */
  getByMsgid(msgid: string): SettlementRecord | undefined {
    const row = this.byMsgidStmt.get(msgid);
    return row && { ...row, details: this.detailsStmt.all(row.setlId) };
  }

  ofVisit(mdtrtId: string): SettlementRow[] {
    return this.byVisitStmt.all(mdtrtId);
  }

  /** YTD deltas a record applied, by year. */
  ytdOf(setlId: string): { year: number; deltas: YtdAmounts }[] {
    const byYear = new Map<number, YtdAmounts>();
    for (const r of this.ytdOfStmt.all(setlId)) {
      const deltas = byYear.get(r.year) ?? {};
      deltas[r.key] = fen(r.amount);
      byYear.set(r.year, deltas);
    }
    return [...byYear].map(([year, deltas]) => ({ year, deltas }));
  }

  /**
   * Records 3201/3202 count: originals and refund records in the window, excluding reversed
   * ones (a reversal means the center never settled it). A cancelled original still counts,
   * its refund record cancels it out.
   */
  forStatement(filter: StatementFilter): SettlementRow[] {
    return this.statementStmt.all({
      fixmedins_code: filter.fixmedinsCode,
      begin: filter.begin,
      end: filter.end,
      insutype: filter.insutype ?? null,
      clr_type: filter.clrType ?? null,
      clr_optins: filter.clrOptins ?? null,
      kind: filter.refdSetlFlag === undefined ? null : filter.refdSetlFlag === '1' ? 'refund' : 'settle',
    }) as SettlementRow[];
  }

  statementTotals(filter: StatementFilter): StatementTotals {
    let medfee = 0;
    let fund = 0;
    let acct = 0;
    let cash = 0;
    const rows = this.forStatement(filter);
    for (const r of rows) {
      medfee += r.medfeeSumamt;
      fund += r.fundPaySumamt;
      acct += r.acctPay;
      cash += r.psnCashPay;
    }
    return { medfeeSumamt: fen(medfee), fundPaySumamt: fen(fund), acctPay: fen(acct), psnCashPay: fen(cash), count: rows.length };
  }

  private require(setlId: string): SettlementRecord {
    const record = this.get(setlId);
    if (!record) throw new NotFoundError('结算ID', setlId);
    return record;
  }

  private insertRow(row: SettlementRow, details: readonly SetlDetail[]): void {
    try {
      this.insertStmt.run(toParams(SETTLEMENT_COLUMNS, row));
    } catch (e) {
      if (isUniqueViolation(e, 'settlement.msgid')) throw new DuplicateMsgidError(row.msgid);
      if (isUniqueViolation(e, 'settlement.setl_id')) throw new DuplicateKeyError('结算ID', row.setlId);
      throw e;
    }
    details.forEach((d, i) => this.insertDetailStmt.run(toParams(DETAIL_COLUMNS, { ...d, setlId: row.setlId, seq: i + 1 })));
  }

  private addYtd(setlId: string, psnNo: string, year: number, deltas: YtdAmounts): void {
    for (const [key, amount] of Object.entries(deltas)) {
      if (amount === 0) continue;
      this.insertYtdStmt.run(setlId, year, key, fen(amount));
    }
    this.ledger.applyYtd(psnNo, year, deltas);
  }

  private mark(
    setlId: string,
    state: SettlementState,
    reverseSetlId: string | null,
    reverseMsgid: string | null,
    at: string | null,
  ): void {
    this.markStmt.run({
      setl_id: setlId,
      state,
      reverse_setl_id: reverseSetlId,
      reverse_msgid: reverseMsgid,
      reversed_at: at,
    });
  }
}

function pickHeader(input: NewSettlement) {
  return {
    setlId: input.setlId,
    mdtrtId: input.mdtrtId,
    psnNo: input.psnNo,
    fixmedinsCode: input.fixmedinsCode,
    infno: input.infno,
    msgid: input.msgid,
    chrgBchno: input.chrgBchno,
    setlTime: input.setlTime,
    insutype: input.insutype,
    psnType: input.psnType,
    cvlservFlag: input.cvlservFlag,
    medType: input.medType,
    mdtrtCertType: input.mdtrtCertType,
    clrType: input.clrType,
    clrWay: input.clrWay,
    clrOptins: input.clrOptins,
    invono: input.invono,
  };
}

function ownAccountPart(s: SettlementAmounts): Fen {
  return subFen(s.acctPay, s.acctMulaidPay);
}

function negateAmounts<T extends SettlementAmounts>(s: T): T {
  const out = { ...s };
  for (const k of SIGNED_AMOUNTS) out[k] = negFen(s[k]);
  return out;
}

function negateAll(deltas: YtdAmounts): YtdAmounts {
  const out: YtdAmounts = {};
  for (const [k, v] of Object.entries(deltas)) out[k] = negFen(v);
  return out;
}

function yearOf(dateTime: string): number {
  const year = Number(dateTime.slice(0, 4));
  if (!Number.isInteger(year) || year < 1900) throw new RangeError(`not a yyyy-MM-dd HH:mm:ss time: ${dateTime}`);
  return year;
}

function cancelRefusal(s: SettlementRow): string {
  if (s.kind === 'refund') return `${s.setlId} 是撤销记录, 不能再撤销`;
  return s.state === 'cancelled' ? `结算 ${s.setlId} 已撤销, 不能重复撤销` : `结算 ${s.setlId} 已冲正, 不能撤销`;
}

function reverseRefusal(s: SettlementRow): string {
  if (s.kind === 'refund') return `${s.setlId} 是撤销记录, 请冲正撤销交易本身`;
  return s.state === 'reversed' ? `结算 ${s.setlId} 已冲正, 不能重复冲正` : `结算 ${s.setlId} 已撤销, 不能冲正`;
}
