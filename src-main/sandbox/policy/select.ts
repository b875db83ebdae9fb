/** Picks the parts of SANDBOX_POLICY that apply to one person. */
import { YibaoError } from '../../core/errors';
import { AGE_BANDS, SANDBOX_POLICY, type AgeBand, type SandboxPolicy, type SchemeRule } from './table';
import type { PolicyPerson } from './types';

/** Age band of `age`: the highest band whose lower bound (inclusive) it reaches; 100+ falls in the last band. */
export function ageBandOf(age: number, policy: SandboxPolicy = SANDBOX_POLICY): AgeBand {
  let band: AgeBand = 'under50';
  for (const b of AGE_BANDS) if (age >= policy.ageBandFrom[b]) band = b;
  return band;
}

/** The 310/390 scheme rule that applies to `person` (390 by tier, 高档 by default). */
export function schemeOf(
  person: Pick<PolicyPerson, 'insutype' | 'residentTier'>,
  policy: SandboxPolicy = SANDBOX_POLICY,
): SchemeRule {
  if (person.insutype === '310') return policy.schemes.employee;
  if (person.insutype === '390') {
    const tier = person.residentTier ?? 'high';
    if (tier === 'low') return policy.schemes.residentLow;
    if (tier === 'student') return policy.schemes.residentStudent;
    return policy.schemes.residentHigh;
  }
  throw new YibaoError('E_POLICY_INPUT', `险种 ${person.insutype} 不按统筹方案结算`, { insutype: person.insutype });
}
