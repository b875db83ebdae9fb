/**
 * Property-style check of the policy engine: thousands of generated (but
 * deterministic, seeded) requests, each settled in a chain so deductibles and
 * caps fill up, and every result checked against the protocol identities here,
 * independently of the engine's own assertion.
 */
import { describe, expect, it } from 'vitest';
import { isYibaoError } from '../../src-main/core/errors';
import { addFen, lineAmount, sumFen, type Fen, type Qty, type Ratio, type UnitPrice } from '../../src-main/sandbox/amounts';
import {
  assertSettlementInvariants,
  computeSettlement,
  emptyYearToDate,
  SANDBOX_POLICY,
  type AssistanceCategory,
  type ChrgitmLv,
  type FeeItem,
  type InstitutionLevel,
  type PolicyPerson,
  type SettlementRequest,
  type SettlementResult,
  type SupportedMedType,
  type YearToDate,
} from '../../src-main/sandbox/policy';

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed: number) {
  const next = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[int(0, xs.length - 1)];
    if (x === undefined) throw new Error('empty choice');
    return x;
  };
  const chance = (p: number): boolean => next() < p;
  return { int, pick, chance };
}
type Gen = ReturnType<typeof generator>;

function genItem(g: Gen, sn: number, big: boolean): FeeItem {
  const cnt = g.pick([g.int(1, 9) * 10000, g.int(1, 99999), g.int(1, 3) * 5000]) as Qty; // whole, fractional, halves
  const pric = (
    big ? g.int(0, 30_000) * 1_000_000 + g.int(0, 999_999) : g.int(0, 800) * 10_000 + g.int(0, 9_999) * g.int(0, 1)
  ) as UnitPrice;
  const lv = g.pick<ChrgitmLv>(['01', '01', '02', '02', '03']);
  const uplmt = g.chance(0.3)
    ? (Math.max(0, pric - g.int(0, pric)) as UnitPrice)
    : g.chance(0.1)
      ? ((pric + g.int(0, 1000)) as UnitPrice)
      : null;
  return {
    feedetlSn: `R${sn}`,
    medListCodg: `GEN${sn}`,
    cnt,
    pric,
    amount: lineAmount(cnt, pric),
    chrgitmLv: lv,
    medChrgitmType: g.pick(['09', '11', '12', '03', '05', '12']),
    selfpayProp: g.pick([0, 500, 1000, 1500, 2000, 3333, g.int(0, 10000)]) as Ratio,
    pricUplmt: uplmt,
  };
}

function genPerson(g: Gen): PolicyPerson {
  const insutype = g.pick(['310', '310', '390', '390', '340'] as const);
  return {
    insutype,
    psnType: insutype === '340' ? '31' : g.pick(['11', '21', '41', '42', '43', '50', '60']),
    age: g.chance(0.2) ? g.pick([49.9, 50, 59.9, 60, 70, 100, 104]) : g.int(0, 105),
    residentTier: g.chance(0.8) ? g.pick(['high', 'low', 'student'] as const) : undefined,
    collegeStudent: insutype === '390' && g.chance(0.2),
    retiredCadreKind: insutype === '340' ? g.pick(['enterprise', 'organ', 'institution'] as const) : undefined,
    assistance: g.chance(0.35) ? g.pick<AssistanceCategory>(['tekun', 'kunjingChild', 'dibaoDisabled', 'dibaoOther']) : null,
    insuRegion: g.pick(['local', 'local', 'in-province', 'cross-province'] as const),
    cvlserv: insutype === '310' && g.chance(0.2),
    acctBalance: g.pick([0, g.int(0, 5_000), g.int(0, 500_000), g.int(0, 50_000_000)]) as Fen,
  };
}

function genYtd(g: Gen): YearToDate {
  const y = emptyYearToDate();
  if (g.chance(0.5)) return y;
  const pool = () => ({
    deductibleUsed: g.int(0, 100_000) as Fen,
    poolPaid: g.pick([0, g.int(0, 500_000), g.int(0, 20_000_000)]) as Fen,
  });
  return {
    outpatient: pool(),
    chronic: pool(),
    inpatient: pool(),
    cvlservPaid: g.int(0, 100_000) as Fen,
    assistancePaid: g.pick([0, g.int(0, 4_500_000)]) as Fen,
  };
}

function genRequest(g: Gen, p: PolicyPerson, ytd: YearToDate, serial: number): SettlementRequest {
  const medType = g.pick<SupportedMedType>(['11', '11', '14', '21', '41']);
  const level = g.pick<InstitutionLevel>(SANDBOX_POLICY.medTypes[medType].levels);
  const n = g.int(1, 8);
  const big = medType === '21' || g.chance(0.1);
  return {
    person: p,
    medType,
    institutionLevel: level,
    acctUsed: g.chance(0.6),
    ytd,
    items: Array.from({ length: n }, (_, i) => genItem(g, serial * 100 + i, big)),
    chronicCategory: medType === '14' ? g.pick([1, 2, 3, 4] as const) : undefined,
    collegeFirstContact: g.chance(0.3),
    seriousIllness: g.chance(0.2),
  };
}

/** The identities, recomputed here from the result's own numbers. */
function checkIdentities(req: SettlementRequest, r: SettlementResult): void {
  const s = r.setlinfo;
  for (const l of r.lines) {
    expect(addFen(l.fulamtOwnpayAmt, l.overlmtAmt, l.preselfpayAmt, l.inscpScpAmt)).toBe(l.detItemFeeSumamt);
    for (const v of [l.fulamtOwnpayAmt, l.overlmtAmt, l.preselfpayAmt, l.inscpScpAmt]) expect(v).toBeGreaterThanOrEqual(0);
    if (l.chrgitmLv === '03') expect(l.fulamtOwnpayAmt).toBe(l.detItemFeeSumamt);
    else expect(l.fulamtOwnpayAmt).toBe(0);
    if (l.pricUplmtAmt === null || l.pric <= l.pricUplmtAmt || l.chrgitmLv === '03') expect(l.overlmtAmt).toBe(0);
  }
  expect(r.lines.map((l) => l.detItemFeeSumamt)).toEqual(req.items.map((i) => i.amount));
  const sum = (pick: (l: SettlementResult['lines'][number]) => Fen) => sumFen(r.lines.map(pick));
  expect(s.medfeeSumamt).toBe(sum((l) => l.detItemFeeSumamt));
  expect(s.fulamtOwnpayAmt).toBe(sum((l) => l.fulamtOwnpayAmt));
  expect(s.overlmtSelfpay).toBe(sum((l) => l.overlmtAmt));
  expect(s.preselfpayAmt).toBe(sum((l) => l.preselfpayAmt));
  expect(s.inscpScpAmt).toBe(sum((l) => l.inscpScpAmt));

  expect(s.fundPaySumamt).toBe(addFen(s.hifpPay, s.cvlservPay, s.hifesPay, s.hifmiPay, s.hifobPay, s.mafPay, s.othPay));
  expect(s.hospPartAmt).toBe(0);
  expect(addFen(s.fundPaySumamt, s.psnPartAmt)).toBe(s.medfeeSumamt);
  expect(addFen(s.acctPay, s.psnCashPay)).toBe(s.psnPartAmt);
  expect(sumFen(r.setldetail.map((d) => d.fundPayamt))).toBe(s.fundPaySumamt);
  for (const v of Object.values(s)) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);

  // Funds pay only in-scope amounts; the patient always bears the out-of-scope part.
  expect(s.psnPartAmt).toBeGreaterThanOrEqual(addFen(s.fulamtOwnpayAmt, s.overlmtSelfpay, s.preselfpayAmt));
  // Account: only 职工, only with the flag, never beyond the balance.
  const expectedAcct = req.acctUsed && req.person.insutype === '310' ? Math.min(s.psnPartAmt, req.person.acctBalance) : 0;
  expect(s.acctPay).toBe(expectedAcct);
  expect(s.balc).toBe(req.person.acctBalance - s.acctPay);
  if (req.person.insutype === '340') {
    expect(s.psnPartAmt).toBe(addFen(s.fulamtOwnpayAmt, s.overlmtSelfpay)); // 离休: 100 %, no 先行自付
    expect(s.preselfpayAmt).toBe(0);
  }
  if (
    (req.person.assistance === 'tekun' || req.person.assistance === 'kunjingChild') &&
    req.person.insutype !== '340' &&
    r.pool !== 'outpatient'
  ) {
    expect(s.psnPartAmt).toBe(addFen(s.fulamtOwnpayAmt, s.overlmtSelfpay, s.preselfpayAmt)); // 救助 100 %, no cap
  }
  if (req.person.insutype !== '340') {
    const scheme =
      req.person.insutype === '310'
        ? SANDBOX_POLICY.schemes.employee
        : {
            high: SANDBOX_POLICY.schemes.residentHigh,
            low: SANDBOX_POLICY.schemes.residentLow,
            student: SANDBOX_POLICY.schemes.residentStudent,
          }[req.person.residentTier ?? 'high'];
    expect(r.ytdAfter[r.pool].poolPaid).toBeLessThanOrEqual(Math.max(scheme.pools[r.pool].annualCap, req.ytd[r.pool].poolPaid));
  }
}

describe('policy invariants over generated settlements', () => {
  it('hold to the fen for 3,000 deterministic random settlements chained per person', () => {
    const g = generator(20240601);
    let settled = 0;
    let withAssistance = 0;
    let capHit = 0;
    for (let personNo = 0; personNo < 600; personNo++) {
      const p = genPerson(g);
      let ytd = genYtd(g);
      for (let k = 0; k < 5; k++) {
        const req = genRequest(g, p, ytd, personNo * 10 + k);
        const r = computeSettlement(req);
        checkIdentities(req, r);
        ytd = r.ytdAfter;
        settled += 1;
        if (r.setlinfo.mafPay > 0) withAssistance += 1;
        // a pooled-fund row paying exactly what was left of the annual cap: the cap bound
        if (
          r.setldetail.some((d) => (d.fundPayType === '310100' || d.fundPayType === '390100') && d.fundPayamt === d.crtPaybLmtAmt)
        )
          capHit += 1;
      }
    }
    expect(settled).toBe(3000);
    // the generator reaches the interesting branches, not only the easy ones
    expect(withAssistance).toBeGreaterThan(50);
    expect(capHit).toBeGreaterThan(20);
  });

  it('is deterministic: the same request gives the same result', () => {
    const g = generator(7);
    for (let i = 0; i < 200; i++) {
      const req = genRequest(g, genPerson(g), genYtd(g), i);
      expect(JSON.stringify(computeSettlement(req))).toBe(JSON.stringify(computeSettlement(structuredClone(req))));
    }
  });

  it('the engine assertion rejects a result that does not add up', () => {
    const g = generator(99);
    let rejected = 0;
    for (let i = 0; i < 200; i++) {
      const req = genRequest(g, genPerson(g), genYtd(g), i);
      const good = computeSettlement(req);
      const tampered = structuredClone(good);
      const field = g.pick(['hifpPay', 'psnCashPay', 'acctPay', 'inscpScpAmt', 'psnPartAmt', 'balc', 'medfeeSumamt'] as const);
      tampered.setlinfo[field] = (tampered.setlinfo[field] + 1) as Fen;
      try {
        assertSettlementInvariants(req, tampered, SANDBOX_POLICY);
      } catch (e) {
        expect(isYibaoError(e) && e.code === 'E_POLICY_INVARIANT').toBe(true);
        rejected += 1;
      }
    }
    expect(rejected).toBe(200);
  });
});
