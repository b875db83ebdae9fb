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
import * as inventory from './inventory';
import * as mapping from './mapping';
import * as prescription from './prescription';
import * as audit from './audit';
import * as einvoice from './e-invoice';
import * as info from './info';
import * as clearing from './clearing';
import * as sichuan from './sichuan';

export interface TransactionSchema {
  readonly input: z.ZodType;
  /** null: the answer is a byte stream (9102), not a JSON envelope. */
  readonly output: z.ZodType | null;
}

const versionDownload = { input: catalogue.versionDownloadInput, output: catalogue.versionDownloadOutput };
const clearingApply = { input: clearing.clearingApplyInput, output: clearing.clearingApplyOutput };
const clearingCancel = { input: clearing.clearingEventInput, output: clearing.clearingCancelOutput };
const settlementRange = { input: clearing.settlementRangeInput, output: clearing.settlementRangeOutput };
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
  '1304': { input: catalogue.fileOrQueryInput, output: catalogue.fileOrQueryOutput },
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
  '1306A': versionDownload,
  '1320': versionDownload,
  '1322': versionDownload,
  '1323': versionDownload,
  '1324': versionDownload,
  '1325': versionDownload,
  '1326': versionDownload,
  '1327': versionDownload,
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
  '3301': { input: mapping.mappingUploadInput, output: mapping.mappingOutput },
  '3302': { input: mapping.mappingRevokeInput, output: mapping.mappingOutput },
  '3501': { input: inventory.countInput, output: inventory.uploadOutput },
  '3501A': { input: inventory.countBatchInput, output: inventory.batchUploadOutput },
  '3502': { input: inventory.changeInput, output: inventory.uploadOutput },
  '3502A': { input: inventory.changeBatchInput, output: inventory.batchUploadOutput },
  '3503': { input: inventory.purchaseInput, output: inventory.uploadOutput },
  '3503A': { input: inventory.purchaseBatchInput, output: inventory.batchUploadOutput },
  '3504': { input: inventory.purchaseReturnInput, output: inventory.uploadOutput },
  '3504A': { input: inventory.purchaseReturnBatchInput, output: inventory.batchUploadOutput },
  '3505': { input: inventory.saleInput, output: inventory.uploadOutput },
  '3505A': { input: inventory.saleBatchInput, output: inventory.batchUploadOutput },
  '3506': { input: inventory.saleReturnInput, output: inventory.uploadOutput },
  '3506A': { input: inventory.saleReturnBatchInput, output: inventory.batchUploadOutput },
  '3507': { input: inventory.deleteInput, output: inventory.uploadOutput },
  '3507A': { input: inventory.deleteBatchInput, output: inventory.batchUploadOutput },
  '3508': { input: inventory.ledgerQueryInput, output: inventory.stockQueryOutput },
  '3509': { input: inventory.ledgerQueryInput, output: inventory.changeQueryOutput },
  '3510': { input: inventory.ledgerQueryInput, output: inventory.purchaseQueryOutput },
  '3511': { input: inventory.ledgerQueryInput, output: inventory.saleQueryOutput },
  '7201': { input: prescription.rxAuthorizeInput, output: prescription.rxAuthorizeOutput },
  '7204': { input: prescription.rxDownloadInput, output: prescription.rxDownloadOutput },
  '7205': { input: prescription.rxVerifyInput, output: prescription.rxVerifyOutput },
  '7206': { input: prescription.rxAuditInput, output: prescription.rxAuditOutput },
  '7207': { input: prescription.rxSaleInput, output: prescription.rxSaleOutput },
  '7208': { input: prescription.rxSaleRevokeInput, output: prescription.rxSaleRevokeOutput },
  '7209': { input: prescription.rxDeliveryInput, output: prescription.rxDeliveryOutput },
  '7210': { input: prescription.rxSignInput, output: prescription.rxSignOutput },
  '7211': { input: prescription.rxDrugQueryInput, output: prescription.rxDrugQueryOutput },
  '3101': { input: audit.detailAuditInput, output: audit.detailAuditOutput },
  '3102': { input: audit.detailAuditInput, output: audit.detailAuditOutput },
  '3103': { input: audit.auditFeedbackInput, output: audit.auditFeedbackOutput },
  '4901': { input: einvoice.einvoiceUploadInput, output: einvoice.einvoiceUploadOutput },
  '4902': { input: einvoice.einvoiceResultInput, output: einvoice.einvoiceResultOutput },
  '4905': { input: einvoice.einvoiceUploadInput, output: einvoice.einvoiceUploadOutput },
  '5501': { input: einvoice.einvoiceStatusInput, output: einvoice.einvoiceStatusOutput },
  '1201': { input: info.institutionQueryInput, output: info.institutionQueryOutput },
  '5102': { input: info.practitionerQueryInput, output: info.practitionerQueryOutput },
  '100001': { input: info.policyQueryInput, output: info.policyQueryOutput },
  '3203': clearingApply,
  '3202a': clearingApply,
  '1608': clearingApply,
  '3203a': { input: clearing.clearingApplyByDetailInput, output: clearing.clearingApplyOutput },
  '3204': clearingCancel,
  '3204a': clearingCancel,
  '3204b': clearingCancel,
  '1618': clearingCancel,
  '3205a': { input: clearing.clearingEventInput, output: clearing.clearingPrintOutput },
  '5262': settlementRange,
  '5267': settlementRange,
  S3301: { input: sichuan.fiscalInvoiceUploadInput, output: sichuan.fiscalInvoiceUploadOutput },
  S3302: { input: sichuan.fiscalInvoiceQueryInput, output: sichuan.fiscalInvoiceQueryOutput },
  S3601: { input: sichuan.settlementSheetInput, output: sichuan.settlementSheetOutput },
  S3701: { input: sichuan.chronicRxUploadInput, output: sichuan.chronicRxUploadOutput },
  S5201: { input: sichuan.chronicRxQueryInput, output: sichuan.chronicRxQueryOutput },
  S3702: { input: sichuan.dialysisIndicatorsInput, output: sichuan.dialysisIndicatorsOutput },
  Z1101: { input: sichuan.twoDiseaseFilingInput, output: sichuan.twoDiseaseFilingOutput },
  Z1102: { input: sichuan.twoDiseaseRevokeInput, output: sichuan.twoDiseaseRevokeOutput },
  S3901: { input: sichuan.noPasswordApplyInput, output: sichuan.noPasswordApplyOutput },
  S5901: { input: sichuan.noPasswordQueryInput, output: sichuan.noPasswordQueryOutput },
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
