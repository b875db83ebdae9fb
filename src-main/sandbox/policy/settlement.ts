/**
 * Settlement (2206/2207, 2101/2102, 2303/2304): splits a batch of fee lines
 * between the funds and the patient, to the fen, from SANDBOX_POLICY.
 *
 * Order of layers, each working on what the previous one left:
 *   lines → (离休 fund | basic pooled fund → 公务员补助 → 医疗救助) → personal part → account → cash.
 * Every ratio is applied half-up (money.applyRatio) and the patient takes the
 * remainder, so the identities hold exactly; assertSettlementInvariants checks them.
 */
import { YibaoError } from '../../core/errors';
import {
  addFen,
  applyRatio,
  clampFen,
  FEN_ZERO,
  formatRatio,
  formatYuan,
  minFen,
  RATIO_ZERO,
  subFen,
  sumFen,
  type Fen,
  type Ratio,
} from '../amounts';
import { assertSettlementInvariants } from './invariants';
import { ageBandOf, schemeOf } from './select';
import { splitLines } from './split-lines';
import { FUNDS, LEVEL_LABELS, SANDBOX_POLICY, type FundKey, type PoolRule, type SandboxPolicy } from './table';
import type {
  FundPayment,
  LineTotals,
  SettlementAmounts,
  SettlementRequest,
  SettlementResult,
  SplitLine,
  YearToDate,
} from './types';

/** A year with nothing settled yet. */
export function emptyYearToDate(): YearToDate {
  return {
    outpatient: { deductibleUsed: FEN_ZERO, poolPaid: FEN_ZERO },
    chronic: { deductibleUsed: FEN_ZERO, poolPaid: FEN_ZERO },
    inpatient: { deductibleUsed: FEN_ZERO, poolPaid: FEN_ZERO },
    cvlservPaid: FEN_ZERO,
    assistancePaid: FEN_ZERO,
  };
}

function copyYearToDate(y: YearToDate): YearToDate {
  return {
    outpatient: { ...y.outpatient },
    chronic: { ...y.chronic },
    inpatient: { ...y.inpatient },
    cvlservPaid: y.cvlservPaid,
    assistancePaid: y.assistancePaid,
  };
}

export function sumLineTotals(lines: readonly SplitLine[]): LineTotals {
  return {
    medfeeSumamt: sumFen(lines.map((l) => l.detItemFeeSumamt)),
    fulamtOwnpayAmt: sumFen(lines.map((l) => l.fulamtOwnpayAmt)),
    overlmtSelfpay: sumFen(lines.map((l) => l.overlmtAmt)),
    preselfpayAmt: sumFen(lines.map((l) => l.preselfpayAmt)),
    inscpScpAmt: sumFen(lines.map((l) => l.inscpScpAmt)),
  };
}

// ---- validation ----------------------------------------------------------------

function invalid(messageZh: string, detail: Record<string, unknown> = {}): YibaoError {
  return new YibaoError('E_POLICY_INPUT', messageZh, detail);
}

function isNonNegativeFen(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function validateRequest(req: SettlementRequest, policy: SandboxPolicy): void {
  const p = req.person;
  if (!['310', '390', '340'].includes(p.insutype)) throw invalid(`不支持的险种 ${p.insutype}`, { insutype: p.insutype });
  if (!Number.isFinite(p.age) || p.age < 0 || p.age > 150) throw invalid(`年龄 ${p.age} 无效`);
  if (p.residentTier !== undefined && !['high', 'low', 'student'].includes(p.residentTier)) {
    throw invalid(`城乡居民档次 ${String(p.residentTier)} 无效`);
  }
  if (p.insutype === '340' && p.retiredCadreKind === undefined) {
    throw invalid('离休人员必须注明企业/机关/事业离休 (retiredCadreKind)');
  }
  if (p.retiredCadreKind !== undefined && !Object.hasOwn(policy.retiredCadre.ratio, p.retiredCadreKind)) {
    throw invalid(`离休类别 ${String(p.retiredCadreKind)} 无效`);
  }
  if (p.assistance !== null && !Object.hasOwn(policy.assistance, p.assistance))
    throw invalid(`医疗救助类别 ${String(p.assistance)} 无效`);
  if (!['local', 'in-province', 'cross-province'].includes(p.insuRegion)) throw invalid(`参保地类别 ${p.insuRegion} 无效`);
  if (!isNonNegativeFen(p.acctBalance)) throw invalid('个人账户余额必须是非负的分');

  if (!Object.hasOwn(policy.medTypes, req.medType)) {
    throw invalid(`医疗类别 ${req.medType} 不在模拟医保中心支持范围 (11/14/21/41)`, { medType: req.medType });
  }
  const medRule = policy.medTypes[req.medType];
  if (!medRule.levels.includes(req.institutionLevel)) {
    throw new YibaoError(
      'E_POLICY_NOT_COVERED',
      `${LEVEL_LABELS[req.institutionLevel] ?? req.institutionLevel} 不能办理 ${medRule.name} (med_type ${req.medType})`,
      { medType: req.medType, institutionLevel: req.institutionLevel },
    );
  }
  if (req.medType === '14' && (req.chronicCategory === undefined || ![1, 2, 3, 4].includes(req.chronicCategory))) {
    throw invalid('门诊慢特病结算必须提供病种类别 (第一至第四类)');
  }
  if (req.items.length === 0) throw invalid('没有费用明细，不能结算');
  const y = req.ytd;
  const ytdValues = [y.cvlservPaid, y.assistancePaid];
  for (const pool of [y.outpatient, y.chronic, y.inpatient]) ytdValues.push(pool.deductibleUsed, pool.poolPaid);
  if (!ytdValues.every(isNonNegativeFen)) throw invalid('年度累计必须是非负的分');
}

// ---- layers --------------------------------------------------------------------

interface FundLayer {
  fund: FundKey;
  inscpScpAmt: Fen;
  crtPaybLmtAmt: Fen;
  fundPayamt: Fen;
  setlProcInfo: string;
}

interface BasicOutcome {
  layers: FundLayer[];
  actPayDedc: Fen;
  poolPropSelfpay: Ratio;
  ytdAfter: YearToDate;
}

function basicPoolLayers(
  req: SettlementRequest,
  lines: readonly SplitLine[],
  policy: SandboxPolicy,
  notes: string[],
): BasicOutcome {
  const person = req.person;
  const scheme = schemeOf(person, policy);
  const medRule = policy.medTypes[req.medType];
  const pool = medRule.pool;
  const rule: PoolRule = scheme.pools[pool];
  const level = req.institutionLevel;
  const band = ageBandOf(person.age, policy);
  const ytdAfter = copyYearToDate(req.ytd);
  const poolYtd = req.ytd[pool];
  const layers: FundLayer[] = [];
  const inscp = sumFen(lines.map((l) => l.inscpScpAmt));

  const baseRatio = rule.ratios[band][level];
  const deductible = rule.deductible[level];
  if (baseRatio === null || deductible === null) {
    throw new YibaoError('E_POLICY_NOT_COVERED', `${scheme.name} 在${LEVEL_LABELS[level]}不能办理 ${medRule.name}`, {
      pool,
      level,
    });
  }

  // 统筹 pays in-scope amounts only; fixed-amount 一般诊疗费 lines are taken out of the ratio part.
  const gcf = rule.generalConsultationFee;
  const fixedFee = gcf === null ? null : gcf.fundPays[level];
  const fixedLinesInscp =
    gcf === null || fixedFee === null
      ? FEN_ZERO
      : sumFen(lines.filter((l) => l.medChrgitmType === gcf.medChrgitmType).map((l) => l.inscpScpAmt));
  const ratioPart = subFen(inscp, fixedLinesInscp);

  let hifp = FEN_ZERO;
  let actPayDedc = FEN_ZERO;
  let poolPropSelfpay = RATIO_ZERO;
  const blocked = rule.collegeStudentFirstContactOnly && person.collegeStudent === true && req.collegeFirstContact !== true;
  if (blocked) {
    notes.push('大学生未在本校首诊医疗机构就医: 城乡居民门诊统筹不予报销');
  } else {
    const reduction = scheme.regionRatioReduction[person.insuRegion];
    const ratio = (baseRatio > reduction ? baseRatio - reduction : 0) as Ratio;
    const exempt = req.chronicCategory !== undefined && rule.deductibleExemptChronicCategories.includes(req.chronicCategory);
    const deductibleLeft = exempt ? FEN_ZERO : clampFen(subFen(deductible, poolYtd.deductibleUsed));
    actPayDedc = minFen(ratioPart, deductibleLeft);
    const byRatio = applyRatio(subFen(ratioPart, actPayDedc), ratio);
    const fixedPay = fixedFee === null ? FEN_ZERO : minFen(fixedLinesInscp, fixedFee);
    const capLeft = clampFen(subFen(rule.annualCap, poolYtd.poolPaid));
    hifp = minFen(addFen(byRatio, fixedPay), capLeft);
    poolPropSelfpay = ratio;
    ytdAfter[pool] = {
      deductibleUsed: addFen(poolYtd.deductibleUsed, actPayDedc),
      poolPaid: addFen(poolYtd.poolPaid, hifp),
    };
    const info = [
      exempt
        ? `第${req.chronicCategory}类病种不计起付线`
        : `起付线 ${formatYuan(deductible)} (本年已计 ${formatYuan(poolYtd.deductibleUsed)}), 本次计入起付线 ${formatYuan(actPayDedc)}`,
      `统筹比例 ${formatRatio(ratio)}${reduction > 0 ? ` (异地下调 ${formatRatio(reduction)})` : ''}: ${formatYuan(byRatio)}`,
      ...(fixedFee === null ? [] : [`一般诊疗费定额 ${formatYuan(fixedFee)}: ${formatYuan(fixedPay)}`]),
      `年度封顶 ${formatYuan(rule.annualCap)}, 本次前剩余 ${formatYuan(capLeft)}`,
    ].join('; ');
    notes.push(`${FUNDS[scheme.poolFund].name}: ${info}; 支付 ${formatYuan(hifp)}`);
    layers.push({ fund: scheme.poolFund, inscpScpAmt: inscp, crtPaybLmtAmt: capLeft, fundPayamt: hifp, setlProcInfo: info });
  }

  let cvlserv = FEN_ZERO;
  if (person.cvlserv && scheme.civilServantSubsidyRatio !== null) {
    const base = subFen(inscp, hifp);
    cvlserv = applyRatio(base, scheme.civilServantSubsidyRatio);
    ytdAfter.cvlservPaid = addFen(req.ytd.cvlservPaid, cvlserv);
    const info = `政策范围内统筹后剩余 ${formatYuan(base)} × ${formatRatio(scheme.civilServantSubsidyRatio)}`;
    notes.push(`${FUNDS.cvlserv.name}: ${info}; 支付 ${formatYuan(cvlserv)}`);
    layers.push({ fund: 'cvlserv', inscpScpAmt: base, crtPaybLmtAmt: cvlserv, fundPayamt: cvlserv, setlProcInfo: info });
  }

  if (person.assistance !== null) {
    const rule = policy.assistance[person.assistance][pool];
    const ratioAtLevel = rule === null ? null : rule.ratio[level];
    if (rule === null || ratioAtLevel === null) {
      notes.push(`医疗救助: ${medRule.name} 不在救助范围`);
    } else {
      const serious = req.seriousIllness === true && rule.seriousIllness !== null ? rule.seriousIllness : null;
      const ratio = serious?.ratio ?? ratioAtLevel;
      const cap = serious === null ? rule.annualCap : serious.annualCap;
      const base = subFen(subFen(inscp, hifp), cvlserv);
      const raw = applyRatio(base, ratio);
      const capLeft = cap === null ? raw : clampFen(subFen(cap, req.ytd.assistancePaid));
      const maf = minFen(raw, capLeft);
      ytdAfter.assistancePaid = addFen(req.ytd.assistancePaid, maf);
      const info =
        `政策范围内个人负担 ${formatYuan(base)} × ${formatRatio(ratio)}${serious ? ' (重特大疾病)' : ''}; ` +
        (cap === null ? '无封顶线' : `年度封顶 ${formatYuan(cap)}, 本次前剩余 ${formatYuan(capLeft)}`);
      notes.push(`${FUNDS.assistance.name}: ${info}; 支付 ${formatYuan(maf)}`);
      layers.push({ fund: 'assistance', inscpScpAmt: base, crtPaybLmtAmt: capLeft, fundPayamt: maf, setlProcInfo: info });
    }
  }
  return { layers, actPayDedc, poolPropSelfpay, ytdAfter };
}

function retiredCadreLayers(
  req: SettlementRequest,
  lines: readonly SplitLine[],
  policy: SandboxPolicy,
  notes: string[],
): BasicOutcome {
  const kind = req.person.retiredCadreKind ?? 'enterprise'; // validated present for 340
  const ratio = policy.retiredCadre.ratio[kind];
  const inscp = sumFen(lines.map((l) => l.inscpScpAmt));
  const pay = applyRatio(inscp, ratio);
  const info = `离休人员政策范围内费用 ${formatYuan(inscp)} × ${formatRatio(ratio)}, 无起付线、无封顶线`;
  notes.push(`${FUNDS.retiredCadre.name}: ${info}; 支付 ${formatYuan(pay)}`);
  if (req.person.assistance !== null) notes.push('医疗救助: 离休人员由离休基金保障, 不再计算救助');
  return {
    layers: [{ fund: policy.retiredCadre.fund, inscpScpAmt: inscp, crtPaybLmtAmt: pay, fundPayamt: pay, setlProcInfo: info }],
    actPayDedc: FEN_ZERO,
    poolPropSelfpay: RATIO_ZERO,
    ytdAfter: copyYearToDate(req.ytd),
  };
}

function fundField(layers: readonly FundLayer[], field: (typeof FUNDS)[FundKey]['setlinfoField']): Fen {
  return sumFen(layers.filter((l) => FUNDS[l.fund].setlinfoField === field).map((l) => l.fundPayamt));
}

// ---- entry point ------------------------------------------------------------------

/**
 * Computes one settlement. Pure: same request, same result. Throws YibaoError
 * E_POLICY_INPUT / E_POLICY_NOT_COVERED for requests the sandbox cannot settle,
 * and E_POLICY_INVARIANT if the result would not add up (a bug, never expected).
 */
export function computeSettlement(req: SettlementRequest, policy: SandboxPolicy = SANDBOX_POLICY): SettlementResult {
  validateRequest(req, policy);
  const notes: string[] = [];
  const lines = splitLines(req.items, req.person, policy);
  const totals = sumLineTotals(lines);
  const medRule = policy.medTypes[req.medType];

  const outcome =
    req.person.insutype === '340' ? retiredCadreLayers(req, lines, policy, notes) : basicPoolLayers(req, lines, policy, notes);
  const paid = outcome.layers.filter((l) => l.fundPayamt > 0);

  const hifpPay = fundField(paid, 'hifpPay');
  const cvlservPay = fundField(paid, 'cvlservPay');
  const mafPay = fundField(paid, 'mafPay');
  const othPay = fundField(paid, 'othPay');
  const fundPaySumamt = addFen(hifpPay, cvlservPay, mafPay, othPay);
  const hospPartAmt = FEN_ZERO; // the sandbox's hospitals never bear a share
  const psnPartAmt = subFen(subFen(totals.medfeeSumamt, fundPaySumamt), hospPartAmt);

  const accountAllowed =
    req.person.insutype === '340' ? policy.retiredCadre.accountAllowed : schemeOf(req.person, policy).accountAllowed;
  let acctPay = FEN_ZERO;
  if (req.acctUsed && accountAllowed) {
    acctPay = minFen(psnPartAmt, req.person.acctBalance);
    notes.push(
      `个人账户: 个人负担 ${formatYuan(psnPartAmt)}, 余额 ${formatYuan(req.person.acctBalance)}, 支付 ${formatYuan(acctPay)}`,
    );
  } else if (req.acctUsed) {
    notes.push('个人账户: 该险种无个人账户, 不支付');
  }

  const setlinfo: SettlementAmounts = {
    ...totals,
    actPayDedc: outcome.actPayDedc,
    hifpPay,
    poolPropSelfpay: outcome.poolPropSelfpay,
    cvlservPay,
    hifesPay: FEN_ZERO,
    hifmiPay: FEN_ZERO,
    hifobPay: FEN_ZERO,
    mafPay,
    othPay,
    fundPaySumamt,
    psnPartAmt,
    acctPay,
    psnCashPay: subFen(psnPartAmt, acctPay),
    hospPartAmt,
    balc: subFen(req.person.acctBalance, acctPay),
    acctMulaidPay: FEN_ZERO,
  };
  const setldetail: FundPayment[] = paid.map((l) => ({
    fundPayType: FUNDS[l.fund].code,
    fundPayTypeName: FUNDS[l.fund].name,
    inscpScpAmt: l.inscpScpAmt,
    crtPaybLmtAmt: l.crtPaybLmtAmt,
    fundPayamt: l.fundPayamt,
    setlProcInfo: l.setlProcInfo,
  }));

  const result: SettlementResult = {
    insutype: req.person.insutype,
    psnType: req.person.psnType,
    cvlservFlag: req.person.cvlserv ? '1' : '0',
    medType: req.medType,
    clrType: req.institutionLevel === 'pharmacy' ? policy.pharmacyClrType : medRule.clrType,
    clrWay: '1',
    pool: medRule.pool,
    lines,
    setlinfo,
    setldetail,
    ytdBefore: copyYearToDate(req.ytd),
    ytdAfter: outcome.ytdAfter,
    notes,
  };
  assertSettlementInvariants(req, result, policy);
  return result;
}

/**
 * The accumulators after cancelling `settled` (2208/2103/2305): its contribution is
 * taken back out of `current`. Throws if that would go negative (wrong year or
 * a settlement cancelled twice).
 */
export function yearToDateAfterReversal(current: YearToDate, settled: SettlementResult): YearToDate {
  const back = (now: Fen, after: Fen, before: Fen, what: string): Fen => {
    const v = subFen(now, subFen(after, before));
    if (v < 0) throw invalid(`撤销结算后年度累计 ${what} 为负数: 该结算可能不属于本年度或已撤销`, { what });
    return v;
  };
  const a = settled.ytdAfter;
  const b = settled.ytdBefore;
  const pool = (k: 'outpatient' | 'chronic' | 'inpatient') => ({
    deductibleUsed: back(current[k].deductibleUsed, a[k].deductibleUsed, b[k].deductibleUsed, `${k}.deductibleUsed`),
    poolPaid: back(current[k].poolPaid, a[k].poolPaid, b[k].poolPaid, `${k}.poolPaid`),
  });
  return {
    outpatient: pool('outpatient'),
    chronic: pool('chronic'),
    inpatient: pool('inpatient'),
    cvlservPaid: back(current.cvlservPaid, a.cvlservPaid, b.cvlservPaid, 'cvlservPaid'),
    assistancePaid: back(current.assistancePaid, a.assistancePaid, b.assistancePaid, 'assistancePaid'),
  };
}
