/**
 * Typed transactions: infno → input / output schemas. The client validates what it sends
 * and what it receives with these; the sandbox center validates what it is sent. Every
 * other registry code goes through the generic, untyped call.
 */
import type { z } from 'zod';
import * as sign from './sign';
import * as person from './person';
import * as clinic from './clinic';
import * as pharmacy from './pharmacy';
import * as reversal from './reversal';
import * as reconcile from './reconcile';
import * as catalogue from './catalogue';
import * as query from './query';
import * as files from './files';

export interface TransactionSchema {
  readonly input: z.ZodType;
  /** null: the answer is a byte stream (9102), not a JSON envelope. */
  readonly output: z.ZodType | null;
}

const versionDownload = { input: catalogue.versionDownloadInput, output: catalogue.versionDownloadOutput };
const paged = { input: catalogue.pagedQueryInput, output: catalogue.pagedOutput };

export const TRANSACTIONS = {
  '9001': { input: sign.signInput, output: sign.signOutput },
  '9002': { input: sign.signOutInput, output: sign.signOutOutput },
  '1101': { input: person.personInfoInput, output: person.personInfoOutput },
  '2001': { input: person.treatmentCheckInput, output: person.treatmentCheckOutput },
  '2201': { input: clinic.registerInput, output: clinic.registerOutput },
  '2201A': { input: clinic.registerAInput, output: clinic.registerOutput },
  '2202': { input: clinic.registerCancelInput, output: null },
  '2203': { input: clinic.visitInfoInput, output: null },
  '2203A': { input: clinic.visitInfoInput, output: null },
  '2204': { input: clinic.feeUploadInput, output: clinic.feeUploadOutput },
  '2205': { input: clinic.feeCancelInput, output: null },
  '2206': { input: clinic.clinicPreSettleInput, output: clinic.clinicPreSettleOutput },
  '2206A': { input: clinic.clinicPreSettleInput, output: clinic.clinicPreSettleOutput },
  '2207': { input: clinic.clinicSettleInput, output: clinic.clinicSettleOutput },
  '2207A': { input: clinic.clinicSettleInput, output: clinic.clinicSettleOutput },
  '2208': { input: clinic.clinicSettleCancelInput, output: clinic.clinicSettleCancelOutput },
  '2101': { input: pharmacy.pharmacyPreSettleInput, output: pharmacy.pharmacyPreSettleOutput },
  '2101A': { input: pharmacy.pharmacyPreSettleInput, output: pharmacy.pharmacyPreSettleOutput },
  '2102': { input: pharmacy.pharmacySettleInput, output: pharmacy.pharmacySettleOutput },
  '2102A': { input: pharmacy.pharmacySettleInput, output: pharmacy.pharmacySettleOutput },
  '2103': { input: pharmacy.pharmacyRefundInput, output: pharmacy.pharmacyRefundOutput },
  '2601': { input: reversal.reversalInput, output: null },
  '3201': { input: reconcile.totalReconcileInput, output: reconcile.totalReconcileOutput },
  '3202': { input: reconcile.detailReconcileInput, output: reconcile.detailReconcileOutput },
  '1301': versionDownload,
  '1302': versionDownload,
  '1303': versionDownload,
  '1304': versionDownload,
  '1305': versionDownload,
  '1306': versionDownload,
  '1307': versionDownload,
  '1308': versionDownload,
  '1309': versionDownload,
  '1310': versionDownload,
  '1311': versionDownload,
  '1313': versionDownload,
  '1314': versionDownload,
  '1315': versionDownload,
  '1312': { input: catalogue.catalogueQueryInput, output: catalogue.pagedOutput },
  '1312a': { input: catalogue.catalogueQueryInput, output: catalogue.pagedOutput },
  '1316': paged,
  '1317': paged,
  '1318': paged,
  '1319': paged,
  '1901': { input: catalogue.dictionaryInput, output: catalogue.dictionaryOutput },
  '5203': { input: query.settlementQueryInput, output: query.settlementQueryOutput },
  '5204': { input: query.feeQueryInput, output: query.feeQueryOutput },
  '9101': { input: files.fileUploadInput, output: files.fileUploadOutput },
  '9102': { input: files.fileDownloadInput, output: null },
} as const satisfies Record<string, TransactionSchema>;

export type TypedInfno = keyof typeof TRANSACTIONS;
export type InputOf<K extends TypedInfno> = z.input<(typeof TRANSACTIONS)[K]['input']>;
export type OutputOf<K extends TypedInfno> = (typeof TRANSACTIONS)[K]['output'] extends z.ZodType
  ? z.output<(typeof TRANSACTIONS)[K]['output']>
  : K extends '9102'
    ? Buffer
    : unknown;

/** Transactions whose answer is raw bytes rather than a JSON envelope. */
export const BINARY_OUTPUT: ReadonlySet<string> = new Set(['9102']);

export function isTypedInfno(infno: string): infno is TypedInfno {
  return Object.prototype.hasOwnProperty.call(TRANSACTIONS, infno);
}

export function schemaFor(infno: string): TransactionSchema | undefined {
  return isTypedInfno(infno) ? TRANSACTIONS[infno] : undefined;
}
