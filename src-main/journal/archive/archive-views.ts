/** What an archive run reports and what the screens get about archiving (pure: the API contract and the renderer share it). */

export interface ArchiveYearResult {
  readonly year: number;
  /** Entries copied to the archive and deleted from the live journal in this run. */
  readonly moved: number;
  /** Their business-id rows (journal_key). */
  readonly keys: number;
  /** Entries of that year left in the live journal: not final yet, needs-manual, or with a 2601 in another year. */
  readonly kept: number;
  /** Why nothing moved this year, in Chinese (null when the year went through). */
  readonly note: string | null;
  /** Wall milliseconds of each stage (copy and delete run in steps of 2,000 entries, the app's work goes on between them). */
  readonly stepsMs?: { readonly copy: number; readonly verify: number; readonly delete: number };
}

export interface ArchiveRunResult {
  /** yyyy-MM-dd HH:mm:ss, when the run started. */
  readonly at: string;
  readonly afterYears: number;
  /** The newest year whose entries are all older than afterYears years. */
  readonly lastYear: number;
  readonly years: readonly ArchiveYearResult[];
  readonly moved: number;
  readonly ms: number;
  /** The run stopped on this (Chinese); what was moved before it stays moved. */
  readonly error: string | null;
}

/** 设置 → 流水归档, and the year picker of 交易流水. */
export interface ArchiveView {
  /** null: archiving is off (the default). */
  readonly afterYears: number | null;
  readonly folder: string;
  /** Years with an archive file, newest first. */
  readonly years: readonly number[];
  readonly lastRun: ArchiveRunResult | null;
}
