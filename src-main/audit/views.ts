/** What the clinic screen shows of a 明细审核 answer (plain JSON, amounts in fen). */

export interface AuditHitView {
  readonly jrId: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly content: string;
  /** 明确违规 / 高度可疑. */
  readonly severity: string;
  readonly evidence: string;
  readonly amountFen: number;
  /** rx_id of the lines concerned (D1, D2 … for a bill not yet uploaded: its line numbers). */
  readonly lineIds: readonly string[];
}

export interface AuditReportView {
  readonly infno: '3101' | '3102';
  readonly mdtrtId: string;
  readonly hits: readonly AuditHitView[];
}
