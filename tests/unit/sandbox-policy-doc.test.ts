import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { POLICY_TABLES_BEGIN, POLICY_TABLES_END, renderPolicyTablesBlock } from '../../src-main/sandbox/policy/policy-markdown';
import { BENEFIT_POOLS, INSTITUTION_LEVELS, SANDBOX_POLICY } from '../../src-main/sandbox/policy/table';

const policyMd = fileURLToPath(new URL('../../src-main/sandbox/policy/POLICY.md', import.meta.url));
const readme = fileURLToPath(new URL('../../README.md', import.meta.url));

describe.each([
  ['POLICY.md', policyMd],
  ['README.md (sandbox section)', readme],
])('%s', (_name, docPath) => {
  it('carries exactly the tables the engine runs on', () => {
    const text = readFileSync(docPath, 'utf8');
    const begin = text.indexOf(POLICY_TABLES_BEGIN);
    const endMarker = text.indexOf(POLICY_TABLES_END);
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(endMarker).toBeGreaterThan(begin);
    const current = text.slice(begin, endMarker + POLICY_TABLES_END.length);
    const fresh = renderPolicyTablesBlock();
    if (process.env.UPDATE_POLICY_MD === '1' && current !== fresh) {
      writeFileSync(docPath, text.slice(0, begin) + fresh + text.slice(endMarker + POLICY_TABLES_END.length));
      return;
    }
    expect(current).toBe(fresh);
  });
});

describe('SANDBOX_POLICY consistency', () => {
  it('every level a med_type may be settled at has a ratio and deductible in every scheme', () => {
    for (const scheme of Object.values(SANDBOX_POLICY.schemes)) {
      for (const medType of Object.values(SANDBOX_POLICY.medTypes)) {
        const pool = scheme.pools[medType.pool];
        for (const level of medType.levels) {
          expect(pool.deductible[level], `${scheme.name} ${medType.name} ${level} deductible`).not.toBeNull();
          for (const band of Object.values(pool.ratios)) {
            expect(band[level], `${scheme.name} ${medType.name} ${level} ratio`).not.toBeNull();
          }
        }
      }
    }
  });

  it('ratios are within 0..100 % and every pool has all levels listed', () => {
    for (const scheme of Object.values(SANDBOX_POLICY.schemes)) {
      for (const poolName of BENEFIT_POOLS) {
        for (const band of Object.values(scheme.pools[poolName].ratios)) {
          expect(Object.keys(band).sort()).toEqual([...INSTITUTION_LEVELS].sort());
          for (const r of Object.values(band)) if (r !== null) expect(r >= 0 && r <= 10000).toBe(true);
        }
      }
    }
  });
});
