/**
 * Reference data the center answers for the institution: 1201 医药机构信息, 5102 医执人员 (the
 * pharmacists a 7206 review must name), 100001 政策项. Each answer is validated by its schema.
 */
import type { CounterApp } from '../app/counter-app';
import type { Operator } from '../protocol/center-client';
import { institutionQueryOutput, policyQueryOutput, practitionerQueryOutput } from '../protocol/transactions/info';

export const PRACTITIONER_TYPES = { '1': '医师', '2': '护士', '3': '药师' } as const;
export type PractitionerType = keyof typeof PRACTITIONER_TYPES;

export async function queryInstitutions(
  app: CounterApp,
  q: { type: '1' | '2'; code?: string; name?: string },
  operator?: Operator,
) {
  const result = await app.callAs(operator, '1201', {
    medinsinfo: {
      fixmedins_type: q.type,
      ...(q.code ? { fixmedins_code: q.code } : {}),
      ...(q.name ? { fixmedins_name: q.name } : {}),
    },
  });
  return institutionQueryOutput.parse(result.output).medinsinfo;
}

export async function queryPractitioners(
  app: CounterApp,
  q: { type: PractitionerType; name?: string; code?: string },
  operator?: Operator,
) {
  const result = await app.callAs(operator, '5102', {
    data: { prac_psn_type: q.type, ...(q.name ? { prac_psn_name: q.name } : {}), ...(q.code ? { prac_psn_code: q.code } : {}) },
  });
  return practitionerQueryOutput.parse(result.output).data;
}

export async function queryPolicies(
  app: CounterApp,
  q: { insutype?: string; medType?: string; code?: string },
  operator?: Operator,
) {
  const result = await app.callAs(operator, '100001', {
    data: {
      ...(q.insutype ? { insutype: q.insutype } : {}),
      ...(q.medType ? { med_type: q.medType } : {}),
      ...(q.code ? { poli_item_code: q.code } : {}),
    },
  });
  return policyQueryOutput.parse(result.output).data;
}
