/** What the screens get about backups (pure: the API contract and the renderer share it). */
export interface BackupStatus {
  readonly folder: string;
  readonly count: number;
  readonly last: { readonly name: string; readonly takenAt: string; readonly bytes: number } | null;
  /** No backup, or the newest is older than two days. */
  readonly stale: boolean;
  /** The warning for the header (null when all is well). */
  readonly warning: string | null;
}
