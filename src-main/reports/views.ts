/** The daily / per-shift settlement report as the screen, the CLI and the exports see it (types only). Amounts in fen. */

export interface ReportTotals {
  readonly settleCount: number;
  readonly refundCount: number;
  /** What the settlements were, and what the refunds gave back (both positive). */
  readonly settledMedfeeFen: number;
  readonly refundedMedfeeFen: number;
  /** Net of refunds. */
  readonly medfeeFen: number;
  readonly fundPayFen: number;
  readonly acctPayFen: number;
  readonly cashFen: number;
}

export interface ReportRow {
  readonly key: string;
  readonly label: string;
  readonly totals: ReportTotals;
}

/** One fund: what settlements paid from it, what refunds returned, and the net. */
export interface FundRow {
  readonly key: string;
  readonly label: string;
  readonly settledFen: number;
  readonly refundedFen: number;
  readonly netFen: number;
}

export interface HourPoint {
  /** 0–23, the center's settlement time (CST). */
  readonly hour: number;
  readonly settleCount: number;
  readonly refundCount: number;
  /** Net medical fees of the hour. */
  readonly medfeeFen: number;
}

export interface ReversalRow {
  readonly msgid: string;
  readonly infno: string;
  readonly opter: string;
  readonly time: string;
  /** reversed (2601 confirmed), no-effect (2601: 原交易不存在, the original never took effect) or needs-manual. */
  readonly state: string;
  readonly resolution: string;
}

export interface DailyReport {
  readonly date: string;
  readonly fixmedinsCode: string;
  readonly fixmedinsName: string;
  /** A shift report names its operator and the time it starts; a day report has opter null. */
  readonly scope: { readonly opter: string | null; readonly opterName: string; readonly since: string; readonly until: string };
  readonly generatedAt: string;
  readonly totals: ReportTotals;
  readonly byOperator: readonly ReportRow[];
  readonly byInsutype: readonly ReportRow[];
  /** setlinfo: 统筹 hifp_pay, 公务员 cvlserv_pay, 大病 hifmi_pay, 救助 maf_pay, 其他 oth_pay, 个账 acct_pay, 现金 psn_cash_pay. */
  readonly byFund: readonly FundRow[];
  /** setldetail fund_pay_type rows. */
  readonly byFundPayType: readonly FundRow[];
  readonly reversals: {
    readonly reversed: number;
    /** Originals the center said never took effect: nothing was reversed. */
    readonly notApplied: number;
    readonly needsManual: number;
    readonly rows: readonly ReversalRow[];
  };
  readonly hourly: readonly HourPoint[];
}

export interface ReportExport {
  readonly filename: string;
  readonly mime: string;
  readonly base64: string;
}
