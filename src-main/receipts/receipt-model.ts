/**
 * What a receipt shows, as plain data: everything comes from the journal (the settlement answer,
 * the lines that were sent and the center's per-line split, a refund) and the configured
 * institution, never from what a screen happens to hold. Pure types, shared with the renderer.
 * Amounts are integer fen.
 */
import type { Coded } from '../counter/views';

export const RECEIPT_FORMATS = ['58', '80', 'a4'] as const;
export type ReceiptFormat = (typeof RECEIPT_FORMATS)[number];

/** One labelled amount of setlinfo (e.g. 统筹基金支出). `key` is the protocol field. */
export interface ReceiptAmount {
  readonly key: string;
  readonly label: string;
  readonly fen: number;
}

/** One fund of setldetail (fund_pay_type and its payment). */
export interface ReceiptFund {
  readonly fundPayType: Coded;
  readonly fen: number;
}

/** Σ line amounts of one 收费项目类别. */
export interface ReceiptCategory {
  readonly category: Coded;
  readonly fen: number;
}

export interface ReceiptLine {
  readonly sn: string;
  readonly code: string;
  /** Empty when no name is known for the code (the code is printed instead). */
  readonly name: string;
  /** 收费项目类别 (med_chrgitm_type: 西药费, 诊察费 …). */
  readonly category: Coded;
  /** 医保等级 (chrgitm_lv: 甲类 / 乙类 / 丙类). */
  readonly level: Coded;
  readonly cntText: string;
  readonly pricText: string;
  readonly amountFen: number;
  readonly fulamtOwnpayFen: number;
  readonly overlmtFen: number;
  readonly preselfpayFen: number;
}

export interface ReceiptRefund {
  readonly infno: string;
  readonly msgid: string;
  readonly time: string;
  /** Account balance after the refund (balc of the refund answer). */
  readonly balanceAfterFen: number;
}

export interface ReceiptModel {
  readonly kind: 'pharmacy' | 'clinic';
  readonly institution: { readonly code: string; readonly name: string };
  readonly infno: string;
  readonly msgid: string;
  readonly setlId: string;
  readonly mdtrtId: string;
  /** The clinic bill (收费批次号); null for a pharmacy sale. */
  readonly chrgBchno: string | null;
  readonly setlTime: string;
  readonly medType: Coded;
  readonly insutype: Coded;
  readonly psnType: Coded;
  readonly person: {
    /** In full: the receipt is handed to this person. */
    readonly name: string;
    readonly certnoMasked: string;
    readonly psnNoMasked: string;
    readonly gender: string;
    readonly age: string;
  };
  readonly operator: { readonly code: string; readonly name: string };
  /** Clinic only: 门诊号, 科室, 医生, 诊断. */
  readonly visit: {
    readonly iptOtpNo: string;
    readonly deptName: string;
    readonly doctorName: string;
    readonly diagnoses: readonly string[];
  } | null;
  readonly lines: readonly ReceiptLine[];
  /** Σ line amounts per 收费项目类别, in the order the categories first appear. */
  readonly categories: readonly ReceiptCategory[];
  readonly medfeeFen: number;
  /** 全自费, 超限价自费, 先行自付, 符合范围. */
  readonly selfpay: readonly ReceiptAmount[];
  /** Every fund field of setlinfo (统筹, 公务员补助, 大病, 大额, 救助 …), zero or not. */
  readonly fundFields: readonly ReceiptAmount[];
  /** setldetail: the center's list per fund_pay_type. */
  readonly funds: readonly ReceiptFund[];
  readonly fundPaySumFen: number;
  readonly psnPartFen: number;
  readonly acctPayFen: number;
  readonly acctMulaidPayFen: number;
  readonly psnCashPayFen: number;
  /** 个人账户余额 after this settlement (balc). */
  readonly balanceAfterFen: number;
  readonly refund: ReceiptRefund | null;
}

export interface ReceiptRequest {
  readonly setlId: string;
  /** Default: the configured paper. */
  readonly format?: ReceiptFormat;
  /** 重打 from the history: the paper says 补打. */
  readonly reprint?: boolean;
}

/** A page for the printer in one paper format: a receipt or a 交班单. */
export interface RenderedPage {
  readonly format: ReceiptFormat;
  readonly title: string;
  readonly html: string;
  readonly widthMm: number;
  /** Roll paper: the printing side sizes the page to the content. */
  readonly roll: boolean;
}

export interface RenderedReceipt extends RenderedPage {
  readonly setlId: string;
  readonly refunded: boolean;
}

/** How a page went to the printer: through the desktop shell, or (false) back to the browser to print. */
export interface PrintedOn {
  /** False in web mode: the browser prints the page's html itself (with its dialog). */
  readonly printed: boolean;
  readonly deviceName: string;
  readonly silent: boolean;
}

/** 交班单 printed (or handed to the browser to print). */
export interface ShiftSlipPrintOutcome extends PrintedOn {
  readonly slip: RenderedPage;
}

export interface PrintOutcome {
  readonly receipt: RenderedReceipt;
  /** False in web mode: the browser prints `receipt.html` itself (with its dialog). */
  readonly printed: boolean;
  readonly deviceName: string;
  readonly silent: boolean;
}
