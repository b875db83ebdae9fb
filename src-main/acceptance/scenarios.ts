/**
 * The scripted day per institution type, in the order a counter does things: sign in, download,
 * serve patients, refund and reverse, reconcile, sign out.
 */
import type { AcceptanceStep, AcceptanceType } from './types';
import { reconcileStep } from './steps/reconcile';
import { referenceStep } from './steps/reference';
import { einvoiceStep } from './steps/einvoice';
import { auditStep } from './steps/audit';
import { prescriptionStep } from './steps/prescription';
import { inventoryStep, ledgerQueryStep, mappingRevokeStep, mappingUploadStep } from './steps/inventory';
import { catalogueStep, personStep, signInStep, signOutStep } from './steps/counter-day';
import { pharmacyRefundStep, pharmacyReversalStep, pharmacySaleStep } from './steps/pharmacy';
import {
  clinicBillsStep,
  clinicCancelRegistrationStep,
  clinicRefundStep,
  clinicRegisterStep,
  clinicReversalStep,
} from './steps/clinic';

export const SCENARIOS: Record<AcceptanceType, readonly AcceptanceStep[]> = {
  pharmacy: [
    signInStep,
    catalogueStep,
    referenceStep,
    mappingUploadStep,
    personStep,
    pharmacySaleStep,
    einvoiceStep,
    pharmacyRefundStep,
    pharmacyReversalStep,
    prescriptionStep,
    inventoryStep,
    ledgerQueryStep,
    mappingRevokeStep,
    reconcileStep,
    signOutStep,
  ],
  clinic: [
    signInStep,
    catalogueStep,
    referenceStep,
    mappingUploadStep,
    personStep,
    clinicRegisterStep,
    clinicBillsStep,
    einvoiceStep,
    auditStep,
    clinicRefundStep,
    clinicCancelRegistrationStep,
    clinicReversalStep,
    inventoryStep,
    ledgerQueryStep,
    mappingRevokeStep,
    reconcileStep,
    signOutStep,
  ],
};
