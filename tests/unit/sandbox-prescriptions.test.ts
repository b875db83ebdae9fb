/**
 * The sandbox's electronic prescriptions and practitioners are a function of the seed: two stores
 * of the same seed issue the same prescriptions (numbers, persons, drugs, quantities, prices) and
 * list the same staff; issuing twice adds nothing; exactly one prescription is expired.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src-main/core/time';
import { openSandboxStore } from '../../src-main/sandbox/seed/open';
import { ensurePrescriptions } from '../../src-main/sandbox/seed/prescriptions';
import { practitionersOf } from '../../src-main/sandbox/seed/practitioners';
import { PrescriptionRepo } from '../../src-main/sandbox/store/prescriptions';
import type { SandboxStore } from '../../src-main/sandbox/store';
import { makeTempDir } from '../helpers/temp-dir';

const SEED = 20261123;
const temp = makeTempDir('sandbox-rx-');
let a: SandboxStore;
let b: SandboxStore;

beforeAll(() => {
  a = openSandboxStore(`${temp.dir}/a`, { seed: SEED });
  b = openSandboxStore(`${temp.dir}/b`, { seed: SEED });
}, 120_000);
afterAll(() => {
  a?.close();
  b?.close();
  temp.cleanup();
});

/** What a seed decides: everything but the issue times. */
function content(store: SandboxStore) {
  const repo = new PrescriptionRepo(store.db);
  return repo.all().map((rx) => ({
    hiRxno: rx.hiRxno,
    psnNo: rx.psnNo,
    diag: rx.diagCode,
    lines: repo.lines(rx.hiRxno).map((l) => [l.medListCodg, l.cnt, l.pric, l.sumamt]),
  }));
}

describe('sandbox electronic prescriptions', () => {
  it('issues the same prescriptions for the same seed, once', () => {
    const now = new Date();
    ensurePrescriptions(a, now);
    ensurePrescriptions(b, new Date(now.getTime() + 60_000));
    expect(content(a).length).toBeGreaterThan(20);
    expect(content(b)).toEqual(content(a));
    const before = content(a).length;
    ensurePrescriptions(a, now);
    expect(content(a)).toHaveLength(before);
  });

  it('gives every in-service employee one; one expired prescription, of a retired employee; every other valid and open', () => {
    const repo = new PrescriptionRepo(a.db);
    const nowText = formatDateTime(new Date());
    const expired = repo.all().filter((rx) => rx.validEndTime < nowText);
    expect(expired).toHaveLength(1);
    expect(a.persons.getByPsnNo(expired[0]!.psnNo)?.category).toBe('emp-retired');
    expect(a.persons.identities(expired[0]!.psnNo)).toEqual([]);
    const holders = new Set(repo.all().map((rx) => rx.psnNo));
    const employees = a.persons
      .list()
      .filter((p) => p.category === 'emp-active' && a.persons.insurance(p.psnNo)[0]?.psnInsuStas === '1');
    expect(employees.length).toBeGreaterThan(5);
    expect(employees.every((p) => holders.has(p.psnNo))).toBe(true);
    expect(repo.all().every((rx) => rx.state === 'issued' && rx.prscTime < rx.validEndTime)).toBe(true);
  });

  it('lists the same staff for the same seed and another for another seed', () => {
    const staff = practitionersOf(SEED, 'P42010000001');
    expect(staff.map((p) => p.pracPsnType)).toEqual(['2', '3', '3', '3']);
    expect(practitionersOf(SEED, 'P42010000001')).toEqual(staff);
    expect(practitionersOf(SEED + 1, 'P42010000001').map((p) => p.certno)).not.toEqual(staff.map((p) => p.certno));
    expect(practitionersOf(SEED, 'H42010000002').filter((p) => p.pracPsnType === '1')).toHaveLength(4);
    expect(practitionersOf(SEED, 'X00000000000')).toEqual([]);
  });
});
