/** Public surface of the sandbox store. */
export { SandboxStore } from './store';
export { openSandboxDb, SANDBOX_SCHEMA_VERSION, type Db } from './db';
export * from './errors';
export type { PersonRow, InsuranceRow, IdentityRow, ChronicFilingRow, PersonRecord, CredentialType } from './persons';
export type { YtdAmounts } from './ledger';
export { YTD_KEYS, toYearToDate, fromYearToDate, ytdDeltas } from './ytd-keys';
export type { SignInRow, NewSignIn } from './signins';
export {
  ALL_BATCHES,
  type VisitRow,
  type NewVisit,
  type VisitInfoUpdate,
  type FeeLine,
  type FeeLineRow,
  type Diagnosis,
} from './visits';
export type {
  SettlementAmounts,
  SetlDetail,
  SettlementRow,
  SettlementRecord,
  SettlementState,
  NewSettlement,
  CancelSettlement,
  ReverseSettlement,
  ReverseCancellation,
  StatementFilter,
  StatementTotals,
} from './settlements';
export type { MessageEntry, MessageRow, MessageOutcome, MessageQuery } from './messages';
export type { StoredFile, StoredFileInfo } from './files';
export { ANY_INFNO, type FaultRule } from './faults';
export {
  CATALOGUE_INFNOS,
  type CatalogueInfno,
  type CatalogueItem,
  type CatalogueItemRow,
  type CatalogueVersion,
  type HilistQuery,
  type HilistPage,
} from './catalogue';
export type { DictionaryEntry } from './dictionary';
export {
  buildCatalogueFile,
  readCatalogueFile,
  CATALOGUE_FILE_COLUMNS,
  NULL_TEXT,
  type CatalogueFile,
  type CatalogueFileColumn,
} from './catalogue-file';
export { contentFingerprint, type Fingerprint } from './fingerprint';
