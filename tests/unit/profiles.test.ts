import { describe, expect, it } from 'vitest';
import { buildProfile, isReversible, timeoutsFor, PROFILE_IDS } from '../../src-main/registry/profile';

describe('region profiles', () => {
  it('builds every profile and all its codes exist in the registry', () => {
    for (const id of PROFILE_IDS) expect(() => buildProfile(id)).not.toThrow();
  });

  it('selects the variant of each flow per region', () => {
    const national = buildProfile('national');
    const hubei = buildProfile('hubei');
    const sichuan = buildProfile('sichuan');
    expect([national.flows.pharmacySettle, hubei.flows.pharmacySettle, sichuan.flows.pharmacySettle]).toEqual([
      '2102',
      '2102A',
      '2102A',
    ]);
    expect([national.flows.clinicPreSettle, hubei.flows.clinicPreSettle, sichuan.flows.clinicPreSettle]).toEqual([
      '2206',
      '2206',
      '2206A',
    ]);
    expect([national.flows.catalogueQuery, hubei.flows.catalogueQuery, sichuan.flows.catalogueQuery]).toEqual([
      '1312',
      '1312a',
      '1312',
    ]);
    expect(hubei.catalogueDownloads['1301']).toBe('via-catalogue-query');
    expect(national.catalogueDownloads['1301']).toBe('file');
    expect(sichuan.monthlyClearingAfterReconcile).toBe(true);
  });

  it('lists the transactions 2601 may reverse', () => {
    const p = buildProfile('national');
    for (const code of ['2102', '2102A', '2103', '2207', '2207A', '2208', '2304', '2305', '2401']) {
      expect(isReversible(p, code)).toBe(true);
    }
    expect(isReversible(p, '2101')).toBe(false);
    expect(isReversible(p, '2206')).toBe(false);
  });

  it('merges per-transaction timeouts over the default', () => {
    const p = buildProfile('hubei');
    expect(timeoutsFor(p, '9102')).toEqual({ connectMs: 5000, readMs: 300000 });
    expect(timeoutsFor(p, '2204')).toEqual({ connectMs: 5000, readMs: 30000 });
  });

  it('sichuan: reverses what seed 003 l.182 names, and every code beyond it is a stated departure', () => {
    const sichuan = buildProfile('sichuan');
    const documented = ['2102', '2103', '2207', '2208', '2304', '2305', '2401'];
    for (const code of documented) expect(isReversible(sichuan, code), code).toBe(true);
    const beyond = [...sichuan.reversible].filter((c) => !documented.includes(c)).sort();
    const stated = sichuan.departures.filter((d) => d.document.includes('l.182')).flatMap((d) => d.codes);
    expect(beyond).toEqual(['2102A', '2207A', '2304A']);
    expect([...stated].sort()).toEqual(beyond);
    for (const d of sichuan.departures) expect(d.why.length, d.codes.join()).toBeGreaterThan(40);
  });

  it('hubei: 1312 stays unused only as a stated departure from seed 002; departures are not inherited', () => {
    const hubei = buildProfile('hubei');
    expect(hubei.catalogueDownloads['1312']).toBe('not-used');
    expect(hubei.departures.flatMap((d) => d.codes)).toContain('1312');
    expect(hubei.departures.find((d) => d.codes.includes('1312'))?.document).toContain('seed 002');
    expect(buildProfile('national').departures).toEqual([]);
    expect(buildProfile('sichuan').departures.flatMap((d) => d.codes)).not.toContain('1312');
  });
});
