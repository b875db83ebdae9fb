/**
 * Visits (2201 registration, 2203 visit info, 2202 cancel; the pharmacy's 2102 creates one
 * too) and their fee lines (2204 upload with the policy split, 2205 cancel). Lines move
 * uploaded → settled (by a settlement) → back to uploaded (settlement cancelled) or
 * cancelled (2205, or a pharmacy sale that was reversed).
 */
import type { Fen, Qty, Ratio, UnitPrice } from '../amounts';
import { insertSql, selectList, toParams } from './columns';
import type { Db } from './db';
import { DuplicateKeyError, NotFoundError } from './errors';

/** One 2203 `diseinfo` row, kept as sent. */
export type Diagnosis = Record<string, unknown>;

export interface VisitRow {
  mdtrtId: string;
  psnNo: string;
  fixmedinsCode: string;
  iptOtpNo: string | null;
  insutype: string;
  medType: string | null;
  begntime: string;
  mdtrtCertType: string | null;
  mdtrtCertNo: string | null;
  cardSn: string | null;
  atddrNo: string | null;
  drName: string | null;
  deptCode: string | null;
  deptName: string | null;
  caty: string | null;
  mainCondDscr: string | null;
  diseCodg: string | null;
  diseName: string | null;
  diagnoses: Diagnosis[];
  state: 'registered' | 'cancelled';
  createdAt: string;
  updatedAt: string;
}

export type NewVisit = Omit<VisitRow, 'state' | 'createdAt' | 'updatedAt' | 'diagnoses'> & {
  diagnoses?: Diagnosis[];
  /** yyyy-MM-dd HH:mm:ss */
  at: string;
};

/** 2203 fields that update a registered visit. */
export interface VisitInfoUpdate {
  medType: string;
  mainCondDscr: string | null;
  diseCodg: string | null;
  diseName: string | null;
  diagnoses: Diagnosis[];
}

/** A fee line as uploaded (2204 feedetail / 2102 drugdetail) plus the policy's split (2204 result). */
export interface FeeLine {
  mdtrtId: string;
  feedetlSn: string;
  psnNo: string;
  chrgBchno: string;
  diseCodg: string | null;
  rxno: string | null;
  rxCircFlag: string | null;
  feeOcurTime: string;
  medListCodg: string;
  medinsListCodg: string;
  detItemFeeSumamt: Fen;
  cnt: Qty;
  pric: UnitPrice;
  sinDosDscr: string | null;
  usedFrquDscr: string | null;
  /** N4,2 kept as the decimal text received. */
  prdDays: string | null;
  medcWayDscr: string | null;
  bilgDeptCodg: string | null;
  bilgDeptName: string | null;
  bilgDrCodg: string | null;
  bilgDrName: string | null;
  acordDeptCodg: string | null;
  acordDeptName: string | null;
  ordersDrCode: string | null;
  ordersDrName: string | null;
  hospApprFlag: string | null;
  tcmdrugUsedWay: string | null;
  etipFlag: string | null;
  etipHospCode: string | null;
  dscgTkdrugFlag: string | null;
  matnFeeFlag: string | null;
  /** exp_content as JSON text. */
  expContent: string | null;
  // ---- split ----
  pricUplmtAmt: UnitPrice | null;
  selfpayProp: Ratio;
  fulamtOwnpayAmt: Fen;
  overlmtAmt: Fen;
  preselfpayAmt: Fen;
  inscpScpAmt: Fen;
  chrgitmLv: string;
  medChrgitmType: string;
  basMednFlag: string;
  hiNegoDrugFlag: string;
  chldMedcFlag: string;
  listSpItemFlag: string;
  lmtUsedFlag: string;
  drtReimFlag: string;
  memo: string | null;
}

export interface FeeLineRow extends FeeLine {
  state: 'uploaded' | 'settled' | 'cancelled';
  setlId: string | null;
  uploadedAt: string;
}

/** 2205's "all unsettled lines of the visit" batch number. */
export const ALL_BATCHES = '0000';

const VISIT_COLUMNS = [
  'mdtrt_id',
  'psn_no',
  'fixmedins_code',
  'ipt_otp_no',
  'insutype',
  'med_type',
  'begntime',
  'mdtrt_cert_type',
  'mdtrt_cert_no',
  'card_sn',
  'atddr_no',
  'dr_name',
  'dept_code',
  'dept_name',
  'caty',
  'main_cond_dscr',
  'dise_codg',
  'dise_name',
  'diagnoses',
  'state',
  'created_at',
  'updated_at',
] as const;

export const FEE_LINE_COLUMNS = [
  'mdtrt_id',
  'feedetl_sn',
  'psn_no',
  'chrg_bchno',
  'dise_codg',
  'rxno',
  'rx_circ_flag',
  'fee_ocur_time',
  'med_list_codg',
  'medins_list_codg',
  'det_item_fee_sumamt',
  'cnt',
  'pric',
  'sin_dos_dscr',
  'used_frqu_dscr',
  'prd_days',
  'medc_way_dscr',
  'bilg_dept_codg',
  'bilg_dept_name',
  'bilg_dr_codg',
  'bilg_dr_name',
  'acord_dept_codg',
  'acord_dept_name',
  'orders_dr_code',
  'orders_dr_name',
  'hosp_appr_flag',
  'tcmdrug_used_way',
  'etip_flag',
  'etip_hosp_code',
  'dscg_tkdrug_flag',
  'matn_fee_flag',
  'exp_content',
  'pric_uplmt_amt',
  'selfpay_prop',
  'fulamt_ownpay_amt',
  'overlmt_amt',
  'preselfpay_amt',
  'inscp_scp_amt',
  'chrgitm_lv',
  'med_chrgitm_type',
  'bas_medn_flag',
  'hi_nego_drug_flag',
  'chld_medc_flag',
  'list_sp_item_flag',
  'lmt_used_flag',
  'drt_reim_flag',
  'memo',
] as const;
const FEE_ROW_COLUMNS = [...FEE_LINE_COLUMNS, 'state', 'setl_id', 'uploaded_at'] as const;

type VisitDbRow = Omit<VisitRow, 'diagnoses'> & { diagnoses: string };

export class VisitRepo {
  private readonly insertVisitStmt;
  private readonly getVisitStmt;
  private readonly visitsOfPersonStmt;
  private readonly byIptOtpNoStmt;
  private readonly updateInfoStmt;
  private readonly cancelVisitStmt;
  private readonly insertLineStmt;
  private readonly getLineStmt;
  private readonly deleteLineStmt;
  private readonly linesOfVisitStmt;
  private readonly linesOfBatchStmt;
  private readonly linesOfSetlStmt;
  private readonly cancelBatchStmt;
  private readonly cancelAllStmt;

  constructor(private readonly db: Db) {
    const visitSelect = `SELECT ${selectList(VISIT_COLUMNS)} FROM visit`;
    const lineSelect = `SELECT ${selectList(FEE_ROW_COLUMNS)} FROM fee_detail`;
    this.insertVisitStmt = db.prepare(insertSql('visit', VISIT_COLUMNS));
    this.getVisitStmt = db.prepare<[string], VisitDbRow>(`${visitSelect} WHERE mdtrt_id = ?`);
    this.visitsOfPersonStmt = db.prepare<[string], VisitDbRow>(`${visitSelect} WHERE psn_no = ? ORDER BY created_at, mdtrt_id`);
    this.byIptOtpNoStmt = db.prepare<[string, string], VisitDbRow>(
      `${visitSelect} WHERE fixmedins_code = ? AND ipt_otp_no = ? ORDER BY created_at, mdtrt_id`,
    );
    this.updateInfoStmt = db.prepare(
      `UPDATE visit SET med_type = @med_type, main_cond_dscr = @main_cond_dscr, dise_codg = @dise_codg,
         dise_name = @dise_name, diagnoses = @diagnoses, updated_at = @at WHERE mdtrt_id = @mdtrt_id`,
    );
    this.cancelVisitStmt = db.prepare<[string, string]>(
      "UPDATE visit SET state = 'cancelled', updated_at = ? WHERE mdtrt_id = ? AND state = 'registered'",
    );
    this.insertLineStmt = db.prepare(insertSql('fee_detail', FEE_ROW_COLUMNS));
    this.getLineStmt = db.prepare<[string, string], FeeLineRow>(`${lineSelect} WHERE mdtrt_id = ? AND feedetl_sn = ?`);
    this.deleteLineStmt = db.prepare<[string, string]>(
      "DELETE FROM fee_detail WHERE mdtrt_id = ? AND feedetl_sn = ? AND state = 'cancelled'",
    );
    this.linesOfVisitStmt = db.prepare<[string], FeeLineRow>(`${lineSelect} WHERE mdtrt_id = ? ORDER BY rowid`);
    this.linesOfBatchStmt = db.prepare<[string, string, string], FeeLineRow>(
      `${lineSelect} WHERE mdtrt_id = ? AND chrg_bchno = ? AND state = ? ORDER BY rowid`,
    );
    this.linesOfSetlStmt = db.prepare<[string], FeeLineRow>(`${lineSelect} WHERE setl_id = ? ORDER BY rowid`);
    this.cancelBatchStmt = db.prepare<[string, string]>(
      "UPDATE fee_detail SET state = 'cancelled' WHERE mdtrt_id = ? AND chrg_bchno = ? AND state = 'uploaded'",
    );
    this.cancelAllStmt = db.prepare<[string]>(
      "UPDATE fee_detail SET state = 'cancelled' WHERE mdtrt_id = ? AND state = 'uploaded'",
    );
  }

  register(visit: NewVisit): VisitRow {
    const { at, ...rest } = visit;
    const row: VisitRow = {
      ...rest,
      diagnoses: visit.diagnoses ?? [],
      state: 'registered',
      createdAt: at,
      updatedAt: at,
    };
    try {
      this.insertVisitStmt.run(toParams(VISIT_COLUMNS, { ...row, diagnoses: JSON.stringify(row.diagnoses) }));
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateKeyError('就诊ID', visit.mdtrtId);
      throw e;
    }
    return row;
  }

  get(mdtrtId: string): VisitRow | undefined {
    const row = this.getVisitStmt.get(mdtrtId);
    return row && parseVisit(row);
  }

  ofPerson(psnNo: string): VisitRow[] {
    return this.visitsOfPersonStmt.all(psnNo).map(parseVisit);
  }

  /** Visits of one institution under a HIS visit number (2201's ipt_otp_no), oldest first, any state. */
  byIptOtpNo(fixmedinsCode: string, iptOtpNo: string): VisitRow[] {
    return this.byIptOtpNoStmt.all(fixmedinsCode, iptOtpNo).map(parseVisit);
  }

  /** 2203: med_type, diagnoses and the disease fields. */
  updateInfo(mdtrtId: string, info: VisitInfoUpdate, at: string): VisitRow {
    const changes = this.updateInfoStmt.run({
      mdtrt_id: mdtrtId,
      med_type: info.medType,
      main_cond_dscr: info.mainCondDscr,
      dise_codg: info.diseCodg,
      dise_name: info.diseName,
      diagnoses: JSON.stringify(info.diagnoses),
      at,
    }).changes;
    if (changes === 0) throw new NotFoundError('就诊ID', mdtrtId);
    return this.get(mdtrtId) as VisitRow;
  }

  /** 2202 (or 2404): returns false when the visit was already cancelled. */
  cancel(mdtrtId: string, at: string): boolean {
    if (!this.get(mdtrtId)) throw new NotFoundError('就诊ID', mdtrtId);
    return this.cancelVisitStmt.run(at, mdtrtId).changes === 1;
  }

  /**
   * 2204: stores lines with their split, all or nothing. A serial already uploaded (or
   * settled) in the visit is a DuplicateKeyError; a cancelled line's serial may be reused.
   */
  uploadLines(lines: readonly FeeLine[], at: string): FeeLineRow[] {
    return this.db.transaction(() =>
      lines.map((line) => {
        const existing = this.getLineStmt.get(line.mdtrtId, line.feedetlSn);
        if (existing && existing.state !== 'cancelled') throw new DuplicateKeyError('费用明细流水号', line.feedetlSn);
        if (existing) this.deleteLineStmt.run(line.mdtrtId, line.feedetlSn);
        const row: FeeLineRow = { ...line, state: 'uploaded', setlId: null, uploadedAt: at };
        this.insertLineStmt.run(toParams(FEE_ROW_COLUMNS, row));
        return row;
      }),
    )();
  }

  /** 2205: cancels the unsettled lines of one batch, or of every batch with ALL_BATCHES. Returns how many. */
  cancelLines(mdtrtId: string, chrgBchno: string): number {
    const result = chrgBchno === ALL_BATCHES ? this.cancelAllStmt.run(mdtrtId) : this.cancelBatchStmt.run(mdtrtId, chrgBchno);
    return result.changes;
  }

  line(mdtrtId: string, feedetlSn: string): FeeLineRow | undefined {
    return this.getLineStmt.get(mdtrtId, feedetlSn);
  }

  linesOfVisit(mdtrtId: string): FeeLineRow[] {
    return this.linesOfVisitStmt.all(mdtrtId);
  }

  /** Lines of one charge batch in one state (default: uploaded, i.e. what 2206/2207 settles). */
  linesOfBatch(mdtrtId: string, chrgBchno: string, state: FeeLineRow['state'] = 'uploaded'): FeeLineRow[] {
    return this.linesOfBatchStmt.all(mdtrtId, chrgBchno, state);
  }

  /** Lines a settlement took (state settled), or last took before it was cancelled / reversed. */
  linesOfSettlement(setlId: string): FeeLineRow[] {
    return this.linesOfSetlStmt.all(setlId);
  }
}

function parseVisit(row: VisitDbRow): VisitRow {
  return { ...row, diagnoses: JSON.parse(row.diagnoses) as Diagnosis[] };
}
