/**
 * Which transaction proves a mandatory code under a region profile: the code itself, or the
 * variant the profile uses in its place (2101A for 2101 in Hubei, 1312a for the 1301–1306
 * downloads there). Read from the profile data, so a new region needs no code here.
 */
import { getProfile, type FlowName, type RegionProfile } from '../registry/profile';
import { mandatoryFor } from '../registry/registry';
import type { AcceptanceType, CallEvidence, CodeResult, StepResult } from './types';

export function provingInfno(profile: RegionProfile, code: string): string {
  const baseline = getProfile('national');
  for (const [flow, infno] of Object.entries(baseline.flows) as [FlowName, string][]) {
    if (infno === code) return profile.flows[flow];
  }
  const mode = profile.catalogueDownloads[code];
  if (mode === 'via-catalogue-query' || mode === 'not-used') return profile.flows.catalogueQuery;
  return code;
}

/** Every mandatory code of the type with the first successful call that proves it. */
export function judgeCodes(type: AcceptanceType, profile: RegionProfile, steps: readonly StepResult[]): CodeResult[] {
  return mandatoryFor(type).map((record) => {
    const via = provingInfno(profile, record.code);
    let found: { call: CallEvidence; step: StepResult; ms: number | null } | null = null;
    let failure: { call: CallEvidence; step: StepResult } | null = null;
    for (const step of steps) {
      for (const call of step.calls) {
        if (call.infno !== via) continue;
        if (call.state === 'ok') {
          found ??= { call, step, ms: call.elapsedMs };
        } else failure ??= { call, step };
      }
    }
    if (found) {
      return {
        code: record.code,
        name: record.name,
        passed: true,
        via,
        msgid: found.call.msgid,
        step: found.step.title,
        elapsedMs: found.ms,
        reason: null,
      };
    }
    return {
      code: record.code,
      name: record.name,
      passed: false,
      via: failure ? via : null,
      msgid: failure?.call.msgid ?? null,
      step: failure?.step.title ?? null,
      elapsedMs: failure?.call.elapsedMs ?? null,
      reason: failure
        ? `${failure.call.state}: ${failure.call.failure ?? ''}`.trim()
        : `场景中没有成功调用 ${via}${via === record.code ? '' : ` (代替 ${record.code})`}`,
    };
  });
}
