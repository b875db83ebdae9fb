/**
 * The scripted day per institution type, in the order a counter does things: sign in, download,
 * serve patients, refund and reverse, reconcile, sign out.
 */
import type { AcceptanceStep, AcceptanceType } from './types';
import { reconcileStep } from './steps/reconcile';
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
  pharmacy: [signInStep, catalogueStep, personStep, pharmacySaleStep, pharmacyRefundStep, pharmacyReversalStep, reconcileStep, signOutStep],
  clinic: [
    signInStep,
    catalogueStep,
    personStep,
    clinicRegisterStep,
    clinicBillsStep,
    clinicRefundStep,
    clinicCancelRegistrationStep,
    clinicReversalStep,
    reconcileStep,
    signOutStep,
  ],
};
