/** What a reconciliation run looks like to the screen, the CLI and the auditor (types only: the renderer imports them). */

export type ReconcileKind = 'daily' | 'clearing';
export type ReconcileResult = 'running' | 'balanced' | 'unbalanced' | 'failed';

export interface ReconcileGroupView {
  readonly insutype: string;
  readonly insutypeLabel: string;
  readonly clrType: string;
  readonly setlOptins: string;
  /** The counter's totals as sent with 3201 (fen; records incl. refund records). */
  readonly count: number;
  readonly medfeeFen: number;
  readonly fundPayFen: number;
  readonly acctPayFen: number;
  readonly cashFen: number;
  /** The 3201 call's msgid (null when the call did not happen). */
  readonly msgid: string | null;
  readonly stmtRslt: string | null;
  readonly stmtRsltDscr: string | null;
  readonly balanced: boolean;
}

export interface ReconcileDifferenceView {
  readonly kind: 'center-only' | 'local-only' | 'amount-differs';
  /** 中心多 / 本机多 / 金额不符 */
  readonly kindLabel: string;
  readonly stmtRslt: string;
  readonly clrType: string;
  readonly setlOptins: string;
  readonly setlId: string;
  readonly msgid: string;
  readonly psnNo: string;
  readonly mdtrtId: string;
  readonly refdSetlFlag: string;
  readonly memo: string;
  /** The 3202 call that found it. */
  readonly detailMsgid: string;
  /** With a shop store: the counter holding the record (null for a counter's own 对账). */
  readonly counter: string | null;
}

export interface ReconcileRunView {
  readonly id: number;
  readonly kind: ReconcileKind;
  readonly begndate: string;
  readonly enddate: string;
  readonly opter: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly result: ReconcileResult;
  readonly note: string | null;
  readonly groups: readonly ReconcileGroupView[];
  readonly differences: readonly ReconcileDifferenceView[];
  /** With a shop store (issue 20): the counter that ran this institution-level run, and when it ended. */
  readonly ranBy?: { readonly counter: string; readonly finishedAt: string };
}

export interface ClearingOutcome {
  /** yyyy-MM of the month the application is for. */
  readonly month: string;
  readonly status: 'sent' | 'already-sent' | 'not-ready' | 'nothing-to-clear' | 'failed';
  /** Chinese, for the screen and the CLI. */
  readonly message: string;
  /** The clearing run (3201 over the whole month) when one was made now or earlier. */
  readonly runId: number | null;
  /** With the region's own clearing codes: the applications made now (or standing, when already sent). */
  readonly applications?: readonly ClearingApplicationView[];
}

export interface ReconcileOutcome {
  readonly run: ReconcileRunView;
  /** null when the region profile does not apply for clearing after reconciliation. */
  readonly clearing: ClearingOutcome | null;
}

/** A clearing application made with the region's own codes (湖北 3202a / 1608). */
export interface ClearingApplicationView {
  readonly id: number;
  readonly persons: 'local' | 'remote';
  /** 本地 / 异地 */
  readonly personsLabel: string;
  readonly infno: string;
  readonly msgid: string;
  /** The center's application id (clr_appy_evt_id). */
  readonly evtId: string;
  readonly insutype: string;
  readonly clrType: string;
  readonly setlOptins: string;
  readonly begndate: string;
  readonly enddate: string;
  readonly count: number;
  readonly medfeeFen: number;
  readonly fundPayFen: number;
  readonly acctPayFen: number;
  readonly appliedAt: string;
  readonly cancelMsgid: string | null;
  readonly cancelledAt: string | null;
  /** Not withdrawn. */
  readonly standing: boolean;
  /** Only on an application just made: the center's totals differ from the counter's. */
  readonly mismatch?: boolean;
}
