/**
 * The schema a code is typed by in a region. The transactions' schemas (transactions/) follow the
 * national numbering; where a profile numbers the 电子处方 steps its own way (registry/profile.ts
 * rxCodes), its code takes the schema of the step it stands for, and a national 电子处方 code that
 * means something else there is left untyped rather than checked against the wrong field list.
 */
import { z } from 'zod';
import { getProfile, rxStepOf, type RegionProfile, type RxCodeStep } from '../registry/profile';
import { rxAuditInput, rxAuditOutput, rxVerifyInput } from './transactions/prescription';
import { schemaFor, type TransactionSchema } from './transactions';

/**
 * 审核 where the region has no separate 核验 (Hubei 7204): one call with the fields of both national
 * steps, 7205 核验 (凭证 and person) and 7206 审方 (the pharmacist's review). Seeds 002 / 004 give the
 * name only: the field list is the union of the national ones.
 */
export const rxVerifyAuditInput = z.strictObject({
  data: rxVerifyInput.shape.data.extend(rxAuditInput.shape.data.shape),
});
export const rxVerifyAuditSchema: TransactionSchema = { input: rxVerifyAuditInput, output: rxAuditOutput };

/** The national code of each step (the numbering the transactions' schemas are written for). */
const NATIONAL = getProfile('national').rxCodes;

function stepSchema(profile: RegionProfile, step: RxCodeStep): TransactionSchema | undefined {
  if (step === 'audit' && profile.rxCodes.verify === 'with-audit') return rxVerifyAuditSchema;
  return schemaFor(NATIONAL[step]);
}

export function schemaIn(profile: RegionProfile, infno: string): TransactionSchema | undefined {
  const step = rxStepOf(profile, infno);
  if (step) return stepSchema(profile, step);
  // A national 电子处方 code this region gives another meaning (Hubei 7201 二维码解析).
  if (rxStepOf(getProfile('national'), infno)) return undefined;
  return schemaFor(infno);
}
