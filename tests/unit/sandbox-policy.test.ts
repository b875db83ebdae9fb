/**
 * Sandbox 医保中心 policy engine, against amounts computed by hand from POLICY.md.
 * The cases mirror seed 004's acceptance matrix (①职工 ②居民 ③离休 ④医疗救助).
 * Every expected number is a literal with its arithmetic in a comment.
 */
import { describe, expect, it } from 'vitest';
import { isYibaoError } from '../../src-main/core/errors';
import { formatYuan, lineAmount, parsePrice, parseQty, parseRatio, parseYuan, type Fen } from '../../src-main/sandbox/amounts';
import {
  computeSettlement,
  emptyYearToDate,
  splitLines,
  toProtocolLine,
  toProtocolSettlement,
  yearToDateAfterReversal,
  type ChrgitmLv,
  type FeeItem,
  type PolicyPerson,
  type SettlementRequest,
  type SettlementResult,
  type YearToDate,
} from '../../src-main/sandbox/policy';

// ---- builders ---------------------------------------------------------------------

let serial = 0;
function item(
  price: string,
  opts: { cnt?: string; lv?: ChrgitmLv; selfpay?: string; uplmt?: string; type?: string; sn?: string } = {},
): FeeItem {
  const cnt = parseQty(opts.cnt ?? '1');
  const pric = parsePrice(price);
  serial += 1;
  return {
    feedetlSn: opts.sn ?? `L${serial}`,
    medListCodg: `XA01${String(serial).padStart(6, '0')}`,
    cnt,
    pric,
    amount: lineAmount(cnt, pric),
    chrgitmLv: opts.lv ?? '01',
    medChrgitmType: opts.type ?? '09',
    selfpayProp: parseRatio(opts.selfpay ?? '0'),
    pricUplmt: opts.uplmt === undefined ? null : parsePrice(opts.uplmt),
  };
}

function person(p: Partial<PolicyPerson> = {}): PolicyPerson {
  return {
    insutype: '310',
    psnType: '11',
    age: 45,
    assistance: null,
    insuRegion: 'local',
    cvlserv: false,
    acctBalance: parseYuan('0'),
    ...p,
  };
}

function request(r: Partial<SettlementRequest> & Pick<SettlementRequest, 'items'>): SettlementRequest {
  return {
    person: person(),
    medType: '11',
    institutionLevel: 'level1',
    acctUsed: false,
    ytd: emptyYearToDate(),
    ...r,
  };
}

function ytd(patch: {
  outpatient?: [string, string];
  chronic?: [string, string];
  inpatient?: [string, string];
  assistancePaid?: string;
}): YearToDate {
  const y = emptyYearToDate();
  const pool = (v: [string, string]) => ({ deductibleUsed: parseYuan(v[0]), poolPaid: parseYuan(v[1]) });
  if (patch.outpatient) y.outpatient = pool(patch.outpatient);
  if (patch.chronic) y.chronic = pool(patch.chronic);
  if (patch.inpatient) y.inpatient = pool(patch.inpatient);
  if (patch.assistancePaid) y.assistancePaid = parseYuan(patch.assistancePaid);
  return y;
}

const y = (f: Fen): string => formatYuan(f);

/** The setlinfo amounts a tester checks, as 元 strings. */
function amounts(r: SettlementResult) {
  const s = r.setlinfo;
  return {
    medfee: y(s.medfeeSumamt),
    fulamt: y(s.fulamtOwnpayAmt),
    overlmt: y(s.overlmtSelfpay),
    preselfpay: y(s.preselfpayAmt),
    inscp: y(s.inscpScpAmt),
    dedc: y(s.actPayDedc),
    hifp: y(s.hifpPay),
    cvlserv: y(s.cvlservPay),
    maf: y(s.mafPay),
    oth: y(s.othPay),
    fund: y(s.fundPaySumamt),
    psnPart: y(s.psnPartAmt),
    acct: y(s.acctPay),
    cash: y(s.psnCashPay),
    balc: y(s.balc),
  };
}

function details(r: SettlementResult): [string, string][] {
  return r.setldetail.map((d) => [d.fundPayType, y(d.fundPayamt)]);
}

function expectPolicyError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(isYibaoError(e)).toBe(true);
    if (isYibaoError(e)) expect(e.code).toBe(code);
    return;
  }
  expect.unreachable(`expected ${code}`);
}

// ---- ① 城镇职工 ------------------------------------------------------------------------

describe('① 职工 (310)', () => {
  it('普通门诊 个人账户使用: deductible, 60 % at 一级, account pays the personal part', () => {
    const r = computeSettlement(
      request({
        person: person({ age: 45, acctBalance: parseYuan('1000.00') }),
        acctUsed: true,
        items: [item('50.00', { cnt: '2' }), item('200.00', { lv: '02', selfpay: '0.10' }), item('30.00', { lv: '03' })],
      }),
    );
    // split: 甲 100.00 in scope; 乙 200.00 → P 20.00, S 180.00; 丙 30.00 全自费 → S 280.00, medfee 330.00
    // 起付线 200.00 (nothing used) → dedc 200.00; (280.00 − 200.00) × 60 % = 48.00
    // personal 330.00 − 48.00 = 282.00, all from the account (balance 1000.00) → balc 718.00
    expect(amounts(r)).toEqual({
      medfee: '330.00',
      fulamt: '30.00',
      overlmt: '0.00',
      preselfpay: '20.00',
      inscp: '280.00',
      dedc: '200.00',
      hifp: '48.00',
      cvlserv: '0.00',
      maf: '0.00',
      oth: '0.00',
      fund: '48.00',
      psnPart: '282.00',
      acct: '282.00',
      cash: '0.00',
      balc: '718.00',
    });
    expect(details(r)).toEqual([['310100', '48.00']]);
    expect(r.setlinfo.poolPropSelfpay).toBe(6000);
    expect(r.clrType).toBe('11');
    expect(r.ytdAfter.outpatient).toEqual({ deductibleUsed: 20000, poolPaid: 4800 });
    expect(r.ytdAfter.inpatient).toEqual({ deductibleUsed: 0, poolPaid: 0 });
  });

  it('deductible is reached across settlements of the same year and counted once', () => {
    const base = { person: person({ age: 45 }), institutionLevel: 'level1' as const };
    // 1st: 150.00 in scope, all under the 200.00 deductible → fund 0
    const first = computeSettlement(request({ ...base, items: [item('150.00')] }));
    expect([y(first.setlinfo.actPayDedc), y(first.setlinfo.hifpPay), y(first.setlinfo.psnCashPay)]).toEqual([
      '150.00',
      '0.00',
      '150.00',
    ]);
    expect(first.setldetail).toEqual([]);
    // 2nd: 50.00 of deductible left → (100.00 − 50.00) × 60 % = 30.00; cash 70.00
    const second = computeSettlement(request({ ...base, items: [item('100.00')], ytd: first.ytdAfter }));
    expect([y(second.setlinfo.actPayDedc), y(second.setlinfo.hifpPay), y(second.setlinfo.psnCashPay)]).toEqual([
      '50.00',
      '30.00',
      '70.00',
    ]);
    // 3rd: deductible met → 100.00 × 60 % = 60.00
    const third = computeSettlement(request({ ...base, items: [item('100.00')], ytd: second.ytdAfter }));
    expect([y(third.setlinfo.actPayDedc), y(third.setlinfo.hifpPay)]).toEqual(['0.00', '60.00']);
    expect(third.ytdAfter.outpatient).toEqual({ deductibleUsed: 20000, poolPaid: 9000 }); // 200.00; 30.00 + 60.00
  });

  it('annual cap (封顶线) reached: pays only what is left, then nothing', () => {
    const p = person({ age: 65 }); // 60–70, 二级 65 %
    const r = computeSettlement(
      request({
        person: p,
        institutionLevel: 'level2',
        items: [item('200.00')],
        ytd: ytd({ outpatient: ['200.00', '3950.00'] }),
      }),
    );
    // 200.00 × 65 % = 130.00, but cap 4000.00 − 3950.00 = 50.00 left → hifp 50.00, personal 150.00
    expect(amounts(r)).toMatchObject({ hifp: '50.00', fund: '50.00', psnPart: '150.00', cash: '150.00' });
    expect(r.setldetail.map((d) => [d.fundPayType, y(d.crtPaybLmtAmt), y(d.fundPayamt)])).toEqual([['310100', '50.00', '50.00']]);
    const after = computeSettlement(request({ person: p, institutionLevel: 'level2', items: [item('200.00')], ytd: r.ytdAfter }));
    // cap used up (4000.00) → fund 0, all 200.00 personal
    expect(amounts(after)).toMatchObject({ hifp: '0.00', fund: '0.00', psnPart: '200.00' });
    expect(after.ytdAfter.outpatient.poolPaid).toBe(400000);
  });

  it('account balance smaller than the personal part: account empties, rest in cash', () => {
    const r = computeSettlement(
      request({
        person: person({ age: 55, acctBalance: parseYuan('30.00') }), // 50–60, 诊所 65 %
        institutionLevel: 'clinic',
        acctUsed: true,
        ytd: ytd({ outpatient: ['200.00', '0'] }),
        items: [item('100.00'), item('50.00', { lv: '03' })],
      }),
    );
    // 100.00 × 65 % = 65.00; personal 150.00 − 65.00 = 85.00; account 30.00 → cash 55.00, balc 0.00
    expect(amounts(r)).toMatchObject({ hifp: '65.00', psnPart: '85.00', acct: '30.00', cash: '55.00', balc: '0.00' });
  });

  it('without acct_used_flag the account is not touched', () => {
    const r = computeSettlement(
      request({ person: person({ acctBalance: parseYuan('500.00') }), acctUsed: false, items: [item('20.00')] }),
    );
    // 20.00 all under the deductible → personal 20.00 in cash, balance unchanged
    expect(amounts(r)).toMatchObject({ psnPart: '20.00', acct: '0.00', cash: '20.00', balc: '500.00' });
  });

  it('限价 over-limit and half-up rounding of 先行自付 and of the fund', () => {
    const lines = [
      item('12.50', { cnt: '3', lv: '02', selfpay: '0.20', uplmt: '10.00', sn: 'OVER' }),
      item('3.33', { lv: '02', selfpay: '0.15', sn: 'ROUND' }),
    ];
    const r = computeSettlement(
      request({
        person: person({ age: 40 }),
        institutionLevel: 'level3',
        ytd: ytd({ outpatient: ['200.00', '0'] }),
        items: lines,
      }),
    );
    // OVER: 3 × 12.50 = 37.50; within limit 3 × 10.00 = 30.00 → overlmt 7.50; P = 30.00 × 20 % = 6.00; S 24.00
    // ROUND: 3.33; P = 3.33 × 15 % = 0.4995 → 0.50 (half-up); S 2.83
    // S = 26.83; 三级 under 50 50 % → 13.415 → 13.42; personal 40.83 − 13.42 = 27.41
    expect(r.lines.map((l) => [l.feedetlSn, y(l.overlmtAmt), y(l.preselfpayAmt), y(l.inscpScpAmt)])).toEqual([
      ['OVER', '7.50', '6.00', '24.00'],
      ['ROUND', '0.00', '0.50', '2.83'],
    ]);
    expect(r.lines[0]?.memo).toContain('超限价');
    expect(amounts(r)).toMatchObject({
      medfee: '40.83',
      overlmt: '7.50',
      preselfpay: '6.50',
      inscp: '26.83',
      hifp: '13.42',
      psnPart: '27.41',
    });
  });

  it('公务员医疗补助 pays half of the in-scope part the pooled fund left', () => {
    const r = computeSettlement(
      request({
        person: person({ cvlserv: true }),
        ytd: ytd({ outpatient: ['200.00', '0'] }),
        items: [item('100.00'), item('50.00', { lv: '02', selfpay: '0.10' })],
      }),
    );
    // S = 100.00 + 45.00 = 145.00, P 5.00; hifp 145.00 × 60 % = 87.00; cvlserv (145.00 − 87.00) × 50 % = 29.00
    // fund 116.00; personal 150.00 − 116.00 = 34.00
    expect(amounts(r)).toMatchObject({ hifp: '87.00', cvlserv: '29.00', fund: '116.00', psnPart: '34.00' });
    expect(details(r)).toEqual([
      ['310100', '87.00'],
      ['320100', '29.00'],
    ]);
    expect(r.ytdAfter.cvlservPaid).toBe(2900);
  });

  it('跨省 / 省内异地 persons get the lowered ratio (普通住院, 三级)', () => {
    const items = () => [item('2000.00')];
    // 三级 under 50: 80 %; 跨省 −10 % → 70 %: (2000.00 − 900.00) × 70 % = 770.00
    const cross = computeSettlement(
      request({ person: person({ insuRegion: 'cross-province' }), medType: '21', institutionLevel: 'level3', items: items() }),
    );
    expect(amounts(cross)).toMatchObject({ dedc: '900.00', hifp: '770.00', psnPart: '1230.00' });
    expect(cross.setlinfo.poolPropSelfpay).toBe(7000);
    expect(cross.clrType).toBe('21');
    // 省内 −5 % → 75 %: 1100.00 × 75 % = 825.00
    const inProvince = computeSettlement(
      request({ person: person({ insuRegion: 'in-province' }), medType: '21', institutionLevel: 'level3', items: items() }),
    );
    expect(amounts(inProvince)).toMatchObject({ hifp: '825.00', psnPart: '1175.00' });
  });
});

// ---- 门特 by age band ----------------------------------------------------------------------

describe('门特结算 (14) by age band', () => {
  const chronic = (age: number, category: 1 | 2 | 3 | 4, ytdBefore = emptyYearToDate()) =>
    computeSettlement(
      request({
        person: person({ age }),
        medType: '14',
        institutionLevel: 'level3',
        chronicCategory: category,
        ytd: ytdBefore,
        items: [item('1000.00')],
      }),
    );

  it.each([
    // 第二类: 起付线 300.00, (1000.00 − 300.00) × ratio
    [45, '560.00', '440.00'], // 50岁以下 80 %: 700.00 × 0.80
    [49.9, '560.00', '440.00'], // still under 50
    [50, '595.00', '405.00'], // 50–60 85 %: 700.00 × 0.85 (boundary goes up)
    [55, '595.00', '405.00'],
    [65, '616.00', '384.00'], // 60–70 88 %: 700.00 × 0.88
    [101, '630.00', '370.00'], // 100岁以上 falls in 70+ 90 %: 700.00 × 0.90
  ])('age %s → hifp %s, personal %s', (age, hifp, psn) => {
    const r = chronic(age, 2);
    expect(amounts(r)).toMatchObject({ dedc: '300.00', hifp, psnPart: psn });
    expect(r.ytdAfter.chronic.deductibleUsed).toBe(30000);
    expect(r.ytdAfter.outpatient).toEqual({ deductibleUsed: 0, poolPaid: 0 }); // other pools untouched
  });

  it('第一、四类病种 have no deductible; 第二、三类 one deductible a year', () => {
    // category 1: 1000.00 × 80 % = 800.00, nothing accumulated as deductible
    const cat1 = chronic(45, 1);
    expect(amounts(cat1)).toMatchObject({ dedc: '0.00', hifp: '800.00' });
    expect(cat1.ytdAfter.chronic.deductibleUsed).toBe(0);
    expect(amounts(chronic(45, 4))).toMatchObject({ dedc: '0.00', hifp: '800.00' });
    // category 3 after the year's deductible was borne: no deductible again → 800.00
    const cat3 = chronic(45, 3, ytd({ chronic: ['300.00', '560.00'] }));
    expect(amounts(cat3)).toMatchObject({ dedc: '0.00', hifp: '800.00' });
  });
});

// ---- 药店购药 -----------------------------------------------------------------------------------

describe('药店购药 (41)', () => {
  it('职工 with 乙类 and 丙类 items, account used', () => {
    const r = computeSettlement(
      request({
        person: person({ age: 62, acctBalance: parseYuan('500.00') }),
        medType: '41',
        institutionLevel: 'pharmacy',
        acctUsed: true,
        ytd: ytd({ outpatient: ['200.00', '100.00'] }),
        items: [
          item('18.50', { cnt: '2' }), // 甲 37.00
          item('88.00', { lv: '02', selfpay: '0.05' }), // 乙: P 4.40, S 83.60
          item('25.00', { cnt: '3', lv: '03' }), // 丙: 75.00 全自费
        ],
      }),
    );
    // medfee 200.00; S 120.60; 药店 60–70 60 %: 120.60 × 0.60 = 72.36; personal 127.64 from account → balc 372.36
    expect(amounts(r)).toEqual({
      medfee: '200.00',
      fulamt: '75.00',
      overlmt: '0.00',
      preselfpay: '4.40',
      inscp: '120.60',
      dedc: '0.00',
      hifp: '72.36',
      cvlserv: '0.00',
      maf: '0.00',
      oth: '0.00',
      fund: '72.36',
      psnPart: '127.64',
      acct: '127.64',
      cash: '0.00',
      balc: '372.36',
    });
    expect(r.clrType).toBe('41');
    expect(r.lines.map((l) => y(l.fulamtOwnpayAmt))).toEqual(['0.00', '0.00', '75.00']);
  });

  it('41 is refused outside a pharmacy, and 11 at a pharmacy', () => {
    expectPolicyError(
      () => computeSettlement(request({ medType: '41', institutionLevel: 'level1', items: [item('1.00')] })),
      'E_POLICY_NOT_COVERED',
    );
    expectPolicyError(
      () => computeSettlement(request({ medType: '11', institutionLevel: 'pharmacy', items: [item('1.00')] })),
      'E_POLICY_NOT_COVERED',
    );
  });
});

// ---- ② 城乡居民 --------------------------------------------------------------------------------

describe('② 城乡居民 (390)', () => {
  const resident = (p: Partial<PolicyPerson> = {}) => person({ insutype: '390', psnType: '50', age: 30, ...p });

  it('城乡门诊统筹 高档 at 乡镇卫生院: 一般诊疗费 10.00 定额, 60 % on the rest, no account', () => {
    const r = computeSettlement(
      request({
        person: resident({ residentTier: 'high', acctBalance: parseYuan('0') }),
        institutionLevel: 'level1',
        acctUsed: true,
        items: [item('12.00', { type: '12' }), item('50.00'), item('40.00', { lv: '02', selfpay: '0.10' })],
      }),
    );
    // S = 12.00 + 50.00 + 36.00 = 98.00, P 4.00, medfee 102.00; no deductible for 居民 outpatient
    // 一般诊疗费 min(12.00, 10.00) = 10.00; (98.00 − 12.00) × 60 % = 51.60 → hifp 61.60; personal 40.40 cash
    expect(amounts(r)).toMatchObject({
      medfee: '102.00',
      inscp: '98.00',
      dedc: '0.00',
      hifp: '61.60',
      psnPart: '40.40',
      acct: '0.00',
      cash: '40.40',
    });
    expect(details(r)).toEqual([['390100', '61.60']]);
    expect(r.notes.join('\n')).toContain('无个人账户');
  });

  it('低档 at 村卫生室: 一般诊疗费 4.50 定额, 50 % on the rest', () => {
    const r = computeSettlement(
      request({
        person: resident({ residentTier: 'low' }),
        institutionLevel: 'clinic',
        items: [item('6.00', { type: '12' }), item('20.00')],
      }),
    );
    // min(6.00, 4.50) = 4.50; 20.00 × 50 % = 10.00 → 14.50; personal 26.00 − 14.50 = 11.50
    expect(amounts(r)).toMatchObject({ hifp: '14.50', psnPart: '11.50' });
  });

  it('大学生不能报销 outside the university 首诊医疗机构', () => {
    const r = computeSettlement(
      request({
        person: resident({ age: 20, psnType: '43', residentTier: 'student', collegeStudent: true }),
        institutionLevel: 'level1',
        items: [item('12.00', { type: '12' }), item('50.00')],
      }),
    );
    // not reimbursed: fund 0, 62.00 personal, nothing accumulated
    expect(amounts(r)).toMatchObject({ dedc: '0.00', hifp: '0.00', fund: '0.00', psnPart: '62.00', cash: '62.00' });
    expect(r.setldetail).toEqual([]);
    expect(r.setlinfo.poolPropSelfpay).toBe(0);
    expect(r.ytdAfter).toEqual(emptyYearToDate());
    expect(r.notes.join('\n')).toContain('大学生');
  });

  it('大学生门诊 at the university 首诊医疗机构 is reimbursed with 学生儿童档', () => {
    const r = computeSettlement(
      request({
        person: resident({ age: 20, psnType: '43', residentTier: 'student', collegeStudent: true }),
        institutionLevel: 'level1',
        collegeFirstContact: true,
        items: [item('12.00', { type: '12' }), item('50.00')],
      }),
    );
    // 10.00 定额 + 50.00 × 60 % = 40.00; personal 22.00
    expect(amounts(r)).toMatchObject({ hifp: '40.00', psnPart: '22.00' });
  });

  it('outpatient cap 800.00 (高档) limits the pooled fund', () => {
    const r = computeSettlement(
      request({
        person: resident(),
        institutionLevel: 'level2',
        ytd: ytd({ outpatient: ['0', '790.00'] }),
        items: [item('100.00')],
      }),
    );
    // 100.00 × 50 % = 50.00, only 10.00 of the cap left
    expect(amounts(r)).toMatchObject({ hifp: '10.00', psnPart: '90.00' });
  });

  it('住院 deductible: 低转高补差, 高转低免记', () => {
    const p = resident({ residentTier: 'high' });
    // 一级: 起付线 200.00; (1000.00 − 200.00) × 85 % = 680.00
    const l1 = computeSettlement(request({ person: p, medType: '21', institutionLevel: 'level1', items: [item('1000.00')] }));
    expect(amounts(l1)).toMatchObject({ dedc: '200.00', hifp: '680.00' });
    // then 三级: 800.00 − 200.00 = 600.00 more; (1000.00 − 600.00) × 60 % = 240.00
    const l3 = computeSettlement(
      request({ person: p, medType: '21', institutionLevel: 'level3', items: [item('1000.00')], ytd: l1.ytdAfter }),
    );
    expect(amounts(l3)).toMatchObject({ dedc: '600.00', hifp: '240.00' });
    // then 二级: 500.00 < 800.00 already borne → none; 1000.00 × 75 % = 750.00
    const l2 = computeSettlement(
      request({ person: p, medType: '21', institutionLevel: 'level2', items: [item('1000.00')], ytd: l3.ytdAfter }),
    );
    expect(amounts(l2)).toMatchObject({ dedc: '0.00', hifp: '750.00' });
  });

  it('低档 住院 ratio is lower than 高档', () => {
    const r = computeSettlement(
      request({ person: resident({ residentTier: 'low' }), medType: '21', institutionLevel: 'level2', items: [item('1000.00')] }),
    );
    // 二级 低档 70 %: (1000.00 − 500.00) × 0.70 = 350.00
    expect(amounts(r)).toMatchObject({ dedc: '500.00', hifp: '350.00', psnPart: '650.00' });
  });
});

// ---- ③ 离休 ------------------------------------------------------------------------------------

describe('③ 离休 (340)', () => {
  it.each(['enterprise', 'organ', 'institution'] as const)(
    '离休门诊 (%s): fund 340100 pays 100 %% of catalogue items',
    (kind) => {
      const r = computeSettlement(
        request({
          person: person({ insutype: '340', psnType: '31', age: 92, retiredCadreKind: kind, acctBalance: parseYuan('100.00') }),
          institutionLevel: 'level2',
          acctUsed: true,
          items: [
            item('80.00'), // 甲 S 80.00
            item('100.00', { lv: '02', selfpay: '0.30' }), // 乙: 离休 no 先行自付 → S 100.00
            item('20.00', { lv: '03' }), // 丙 20.00 全自费
            item('15.00', { cnt: '2', uplmt: '12.00' }), // 30.00; over limit 2 × 3.00 = 6.00; S 24.00
          ],
        }),
      );
      // S = 80.00 + 100.00 + 24.00 = 204.00 → oth_pay 204.00; personal = 20.00 + 6.00 = 26.00, no account for 离休
      expect(amounts(r)).toEqual({
        medfee: '230.00',
        fulamt: '20.00',
        overlmt: '6.00',
        preselfpay: '0.00',
        inscp: '204.00',
        dedc: '0.00',
        hifp: '0.00',
        cvlserv: '0.00',
        maf: '0.00',
        oth: '204.00',
        fund: '204.00',
        psnPart: '26.00',
        acct: '0.00',
        cash: '26.00',
        balc: '100.00',
      });
      expect(details(r)).toEqual([['340100', '204.00']]);
      expect(r.lines[1]?.selfpayProp).toBe(0);
      expect(r.ytdAfter).toEqual(emptyYearToDate());
    },
  );

  it('离休住院 likewise: no deductible, no cap', () => {
    const r = computeSettlement(
      request({
        person: person({ insutype: '340', psnType: '31', age: 95, retiredCadreKind: 'organ' }),
        medType: '21',
        institutionLevel: 'level3',
        items: [item('250000.00')],
      }),
    );
    expect(amounts(r)).toMatchObject({ oth: '250000.00', psnPart: '0.00' });
  });

  it('is refused without the 离休 kind', () => {
    expectPolicyError(
      () => computeSettlement(request({ person: person({ insutype: '340' }), items: [item('1.00')] })),
      'E_POLICY_INPUT',
    );
  });
});

// ---- ④ 医疗救助 --------------------------------------------------------------------------------

describe('④ 医疗救助', () => {
  it('特困供养人员 住院: 救助 pays 100 % of the in-scope part left, patient pays only out-of-scope', () => {
    const r = computeSettlement(
      request({
        person: person({ insutype: '390', psnType: '50', age: 40, residentTier: 'high', assistance: 'tekun' }),
        medType: '21',
        institutionLevel: 'level2',
        items: [item('5000.00'), item('2000.00', { lv: '02', selfpay: '0.10' }), item('300.00', { lv: '03' })],
      }),
    );
    // S = 5000.00 + 1800.00 = 6800.00, P 200.00, F 300.00, medfee 7300.00
    // 二级 起付线 500.00; (6800.00 − 500.00) × 75 % = 4725.00
    // 救助 (6800.00 − 4725.00) × 100 % = 2075.00; personal = 200.00 + 300.00 = 500.00
    expect(amounts(r)).toMatchObject({
      inscp: '6800.00',
      dedc: '500.00',
      hifp: '4725.00',
      maf: '2075.00',
      fund: '6800.00',
      psnPart: '500.00',
    });
    expect(details(r)).toEqual([
      ['390100', '4725.00'],
      ['610100', '2075.00'],
    ]);
    expect(r.ytdAfter.assistancePaid).toBe(207500);
  });

  it('困境儿童 门特: 100 %, no cap', () => {
    const r = computeSettlement(
      request({
        person: person({ insutype: '390', psnType: '42', age: 9, residentTier: 'student', assistance: 'kunjingChild' }),
        medType: '14',
        chronicCategory: 2,
        institutionLevel: 'level2',
        ytd: ytd({ assistancePaid: '100000.00' }),
        items: [item('1500.00')],
      }),
    );
    // 起付线 500.00; (1500.00 − 500.00) × 60 % = 600.00; 救助 900.00 (no cap whatever was paid before)
    expect(amounts(r)).toMatchObject({ hifp: '600.00', maf: '900.00', psnPart: '0.00' });
  });

  it('其他低保 住院 二级 80 % with the 20 000.00 annual cap', () => {
    const req = (seriousIllness: boolean) =>
      request({
        person: person({ insutype: '310', age: 52, assistance: 'dibaoOther' }),
        medType: '21',
        institutionLevel: 'level2',
        seriousIllness,
        ytd: ytd({ assistancePaid: '19500.00' }),
        items: [item('10000.00')],
      });
    // 二级 起付线 600.00; 50–60 87 %: 9400.00 × 0.87 = 8178.00; left 1822.00
    // 救助 1822.00 × 80 % = 1457.60, cap 20000.00 − 19500.00 = 500.00 → 500.00; personal 1322.00
    const normal = computeSettlement(req(false));
    expect(amounts(normal)).toMatchObject({ hifp: '8178.00', maf: '500.00', psnPart: '1322.00' });
    expect(normal.setldetail.find((d) => d.fundPayType === '610100')?.crtPaybLmtAmt).toBe(50000);
    // 恶性肿瘤等: 90 %, cap 40000.00 (20500.00 left): 1822.00 × 0.90 = 1639.80; personal 182.20
    expect(amounts(computeSettlement(req(true)))).toMatchObject({ maf: '1639.80', psnPart: '182.20' });
  });

  it('其他低保 by hospital level: 一级 90 %, 三级 75 %', () => {
    const at = (level: 'level1' | 'level3') =>
      computeSettlement(
        request({
          person: person({ insutype: '390', psnType: '50', age: 40, assistance: 'dibaoOther' }),
          medType: '21',
          institutionLevel: level,
          items: [item('1000.00')],
        }),
      );
    // 一级: (1000.00 − 200.00) × 85 % = 680.00; left 320.00 × 90 % = 288.00; personal 32.00
    expect(amounts(at('level1'))).toMatchObject({ hifp: '680.00', maf: '288.00', psnPart: '32.00' });
    // 三级: (1000.00 − 800.00) × 60 % = 120.00; left 880.00 × 75 % = 660.00; personal 220.00
    expect(amounts(at('level3'))).toMatchObject({ hifp: '120.00', maf: '660.00', psnPart: '220.00' });
  });

  it('低保一、二级残疾 门特: 100 % with the 40 000.00 cap', () => {
    const r = computeSettlement(
      request({
        person: person({ age: 58, assistance: 'dibaoDisabled' }),
        medType: '14',
        chronicCategory: 1,
        institutionLevel: 'level1',
        ytd: ytd({ assistancePaid: '39990.00' }),
        items: [item('100.00')],
      }),
    );
    // 第一类 no deductible: 100.00 × 85 % = 85.00; 救助 15.00 × 100 % capped at 10.00 left; personal 5.00
    expect(amounts(r)).toMatchObject({ hifp: '85.00', maf: '10.00', psnPart: '5.00' });
  });

  it('no 救助 for 普通门诊', () => {
    const r = computeSettlement(request({ person: person({ assistance: 'tekun' }), items: [item('50.00')] }));
    expect(amounts(r)).toMatchObject({ maf: '0.00', psnPart: '50.00' });
    expect(r.notes.join('\n')).toContain('不在救助范围');
  });
});

// ---- 2204 split, protocol mapping, reversal, refusals ---------------------------------------

describe('splitLines (2204 result) and protocol mapping', () => {
  it('splits lines on their own and maps them to the protocol field names', () => {
    const [line] = splitLines([item('12.50', { cnt: '3', lv: '02', selfpay: '0.20', uplmt: '10.00', sn: 'S1', type: '09' })], {
      insutype: '310',
    });
    expect(line).toBeDefined();
    expect(toProtocolLine(line!)).toEqual({
      feedetl_sn: 'S1',
      det_item_fee_sumamt: 37.5,
      cnt: 3,
      pric: 12.5,
      pric_uplmt_amt: 10,
      selfpay_prop: 0.2,
      fulamt_ownpay_amt: 0,
      overlmt_amt: 7.5,
      preselfpay_amt: 6,
      inscp_scp_amt: 24,
      chrgitm_lv: '02',
      med_chrgitm_type: '09',
      bas_medn_flag: '0',
      hi_nego_drug_flag: '0',
      chld_medc_flag: '0',
      list_sp_item_flag: '0',
      lmt_used_flag: '0',
      drt_reim_flag: '0',
      memo: expect.stringContaining('超限价') as unknown as string,
    });
  });

  it('settlement maps to setlinfo / setldetail / detlcutinfo with snake_case keys and 元 numbers', () => {
    const r = computeSettlement(
      request({
        person: person({ acctBalance: parseYuan('1000.00') }),
        acctUsed: true,
        ytd: ytd({ outpatient: ['200.00', '0'] }),
        items: [item('100.00')],
      }),
    );
    const out = toProtocolSettlement(r);
    // 100.00 × 60 % = 60.00; personal 40.00 from the account
    expect(out.setlinfo).toMatchObject({
      insutype: '310',
      psn_type: '11',
      cvlserv_flag: '0',
      med_type: '11',
      clr_type: '11',
      clr_way: '1',
      medfee_sumamt: 100,
      fulamt_ownpay_amt: 0,
      overlmt_selfpay: 0,
      preselfpay_amt: 0,
      inscp_scp_amt: 100,
      act_pay_dedc: 0,
      hifp_pay: 60,
      pool_prop_selfpay: 0.6,
      cvlserv_pay: 0,
      hifes_pay: 0,
      hifmi_pay: 0,
      hifob_pay: 0,
      maf_pay: 0,
      oth_pay: 0,
      fund_pay_sumamt: 60,
      psn_part_amt: 40,
      acct_pay: 40,
      psn_cash_pay: 0,
      hosp_part_amt: 0,
      balc: 960,
      acct_mulaid_pay: 0,
    });
    expect(out.setldetail).toEqual([
      expect.objectContaining({
        fund_pay_type: '310100',
        fund_payamt: 60,
        inscp_scp_amt: 100,
        crt_payb_lmt_amt: 4000,
        fund_pay_type_name: '职工基本医疗保险统筹基金',
      }),
    ]);
    expect(out.detlcutinfo).toHaveLength(1);
  });

  it('passes catalogue flags through', () => {
    const it1 = { ...item('5.00'), flags: { basMednFlag: '1', lmtUsedFlag: '1' } };
    const [line] = splitLines([it1], { insutype: '390' });
    expect(toProtocolLine(line!)).toMatchObject({ bas_medn_flag: '1', lmt_used_flag: '1', hi_nego_drug_flag: '0' });
  });
});

describe('year-to-date reversal', () => {
  it('cancelling a settlement takes exactly its contribution back out', () => {
    const p = person({ cvlserv: true, assistance: 'tekun' });
    const first = computeSettlement(request({ person: p, medType: '21', institutionLevel: 'level1', items: [item('1000.00')] }));
    const second = computeSettlement(
      request({ person: p, medType: '21', institutionLevel: 'level1', items: [item('400.00')], ytd: first.ytdAfter }),
    );
    // cancel the first while the second stands: what remains is the second's contribution alone
    const back = yearToDateAfterReversal(second.ytdAfter, first);
    expect(back.inpatient).toEqual({
      deductibleUsed: second.setlinfo.actPayDedc,
      poolPaid: second.setlinfo.hifpPay,
    });
    expect(back.cvlservPaid).toBe(second.setlinfo.cvlservPay);
    expect(back.assistancePaid).toBe(second.setlinfo.mafPay);
    // cancelling it a second time would go negative
    expectPolicyError(() => yearToDateAfterReversal(yearToDateAfterReversal(back, second), first), 'E_POLICY_INPUT');
  });
});

describe('refusals', () => {
  it('refuses what the sandbox cannot settle', () => {
    expectPolicyError(() => computeSettlement(request({ medType: '13' as '11', items: [item('1.00')] })), 'E_POLICY_INPUT');
    expectPolicyError(
      () => computeSettlement(request({ medType: '21', institutionLevel: 'clinic', items: [item('1.00')] })),
      'E_POLICY_NOT_COVERED',
    );
    expectPolicyError(() => computeSettlement(request({ medType: '14', items: [item('1.00')] })), 'E_POLICY_INPUT'); // no 病种类别
    expectPolicyError(() => computeSettlement(request({ items: [] })), 'E_POLICY_INPUT');
    expectPolicyError(
      () => computeSettlement(request({ person: person({ assistance: 'toString' as 'tekun' }), items: [item('1.00')] })),
      'E_POLICY_INPUT',
    );
  });

  it('refuses a line whose amount is not cnt × pric, or a duplicate feedetl_sn', () => {
    const bad = { ...item('10.00', { cnt: '2' }), amount: parseYuan('19.99') };
    expectPolicyError(() => splitLines([bad], { insutype: '310' }), 'E_POLICY_INPUT');
    const a = item('1.00', { sn: 'DUP' });
    const b = item('2.00', { sn: 'DUP' });
    expectPolicyError(() => splitLines([a, b], { insutype: '310' }), 'E_POLICY_INPUT');
  });
});
