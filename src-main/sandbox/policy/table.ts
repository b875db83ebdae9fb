/**
 * The sandbox 医保中心's policy, as one table of data. The engine
 * (`settlement.ts`) reads only this; every number a tester needs to compute an
 * expected settlement by hand is here and rendered into POLICY.md.
 *
 * The numbers are plausible for a Chinese prefecture but invented: the sandbox
 * must be deterministic and cover the cases of seed 004's acceptance matrix,
 * not reproduce any one region's rules.
 */
import { parseRatio, parseYuan, type Fen, type Ratio } from '../amounts';
import type {
  AssistanceCategory,
  BenefitPool,
  ChronicCategory,
  FundPayType,
  InstitutionLevel,
  InsuRegion,
  ResidentTier,
  RetiredCadreKind,
  SupportedMedType,
} from './types';

export const AGE_BANDS = ['under50', 'from50to60', 'from60to70', 'from70'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const INSTITUTION_LEVELS: readonly InstitutionLevel[] = ['pharmacy', 'clinic', 'level1', 'level2', 'level3'];
export const BENEFIT_POOLS: readonly BenefitPool[] = ['outpatient', 'chronic', 'inpatient'];

/** A value per institution level; null = that level cannot settle this pool. */
export type ByLevel<T> = Readonly<Record<InstitutionLevel, T | null>>;

export interface PoolRule {
  /**
   * Annual deductible (起付线) by level. What the person already bore this year in
   * this pool counts against it, so moving to a higher level later in the year
   * only adds the difference (低转高补差) and to a lower level adds nothing (高转低免记).
   */
  deductible: ByLevel<Fen>;
  /** Annual cap (封顶线) on the basic pooled fund's payments in this pool. */
  annualCap: Fen;
  /** 统筹 payment ratio by age band and level. */
  ratios: Readonly<Record<AgeBand, ByLevel<Ratio>>>;
  /** 门特 categories that skip the deductible (第一、四类病种不计起付标准). */
  deductibleExemptChronicCategories: readonly ChronicCategory[];
  /**
   * 一般诊疗费 (med_chrgitm_type 12) paid as a fixed amount per settlement instead of by ratio,
   * outside the deductible (城乡门诊统筹: 乡镇卫生院 10 元, 村卫生室 4.5 元).
   */
  generalConsultationFee: { medChrgitmType: string; fundPays: ByLevel<Fen> } | null;
  /** 大学生 get outpatient pooling only at their university's 首诊医疗机构; elsewhere nothing. */
  collegeStudentFirstContactOnly: boolean;
}

export interface SchemeRule {
  name: string;
  insutype: '310' | '390';
  poolFund: 'hifp310' | 'hifp390';
  /** Personal account may pay the personal part (acct_used_flag = 1). */
  accountAllowed: boolean;
  /** Subtracted from the 统筹 ratio for 省内异地 / 跨省异地 persons (floored at 0). */
  regionRatioReduction: Readonly<Record<InsuRegion, Ratio>>;
  /** 公务员医疗补助: share of the in-scope amount left after the pooled fund; null = not available. */
  civilServantSubsidyRatio: Ratio | null;
  pools: Readonly<Record<BenefitPool, PoolRule>>;
}

export interface AssistanceRule {
  ratio: ByLevel<Ratio>;
  /** Annual cap on 救助 for the person; null = no cap (无封顶线). */
  annualCap: Fen | null;
  /** Override for 恶性肿瘤/白血病/尿毒症/器官移植及抗排斥治疗. */
  seriousIllness: { ratio: Ratio; annualCap: Fen | null } | null;
}

export interface MedTypeRule {
  name: string;
  pool: BenefitPool;
  clrType: '11' | '21' | '41';
  /** Levels at which this med_type can be settled. */
  levels: readonly InstitutionLevel[];
}

/** Fund codes, names and the setlinfo field each one is reported in. */
export const FUNDS = {
  hifp310: { code: '310100', name: '职工基本医疗保险统筹基金', setlinfoField: 'hifpPay' },
  hifp390: { code: '390100', name: '城乡居民基本医疗保险基金', setlinfoField: 'hifpPay' },
  cvlserv: { code: '320100', name: '公务员医疗补助基金', setlinfoField: 'cvlservPay' },
  retiredCadre: { code: '340100', name: '离休人员医疗保障基金', setlinfoField: 'othPay' },
  assistance: { code: '610100', name: '医疗救助基金', setlinfoField: 'mafPay' },
} as const satisfies Record<string, { code: FundPayType; name: string; setlinfoField: string }>;
export type FundKey = keyof typeof FUNDS;

// ---- builders that keep the table readable -----------------------------------

const yuan = (text: string): Fen => parseYuan(text);
const r = (text: string): Ratio => parseRatio(text);

/** pharmacy, clinic, level1, level2, level3 */
function byLevel<T>(pharmacy: T | null, clinic: T | null, level1: T | null, level2: T | null, level3: T | null): ByLevel<T> {
  return { pharmacy, clinic, level1, level2, level3 };
}
const everyLevel = <T>(value: T): ByLevel<T> => byLevel(value, value, value, value, value);
const ratioRow = (p: string | null, c: string | null, l1: string, l2: string, l3: string): ByLevel<Ratio> =>
  byLevel(p === null ? null : r(p), c === null ? null : r(c), r(l1), r(l2), r(l3));
const sameRatioEveryLevel = (text: string): ByLevel<Ratio> => everyLevel(r(text));

const regionReduction = (inProvince: string, crossProvince: string): Record<InsuRegion, Ratio> => ({
  local: r('0'),
  'in-province': r(inProvince),
  'cross-province': r(crossProvince),
});

const NO_CHRONIC_DEDUCTIBLE_FOR: readonly ChronicCategory[] = [1, 4];

// ---- the table -----------------------------------------------------------------

const employee: SchemeRule = {
  name: '职工基本医疗保险',
  insutype: '310',
  poolFund: 'hifp310',
  accountAllowed: true,
  regionRatioReduction: regionReduction('0.05', '0.10'),
  civilServantSubsidyRatio: r('0.50'),
  pools: {
    outpatient: {
      deductible: everyLevel(yuan('200.00')),
      annualCap: yuan('4000.00'),
      ratios: {
        under50: ratioRow('0.50', '0.60', '0.60', '0.55', '0.50'),
        from50to60: ratioRow('0.55', '0.65', '0.65', '0.60', '0.55'),
        from60to70: ratioRow('0.60', '0.70', '0.70', '0.65', '0.60'),
        from70: ratioRow('0.65', '0.75', '0.75', '0.70', '0.65'),
      },
      deductibleExemptChronicCategories: [],
      generalConsultationFee: null,
      collegeStudentFirstContactOnly: false,
    },
    chronic: {
      deductible: everyLevel(yuan('300.00')),
      annualCap: yuan('100000.00'),
      ratios: {
        under50: sameRatioEveryLevel('0.80'),
        from50to60: sameRatioEveryLevel('0.85'),
        from60to70: sameRatioEveryLevel('0.88'),
        from70: sameRatioEveryLevel('0.90'),
      },
      deductibleExemptChronicCategories: NO_CHRONIC_DEDUCTIBLE_FOR,
      generalConsultationFee: null,
      collegeStudentFirstContactOnly: false,
    },
    inpatient: {
      deductible: byLevel(null, null, yuan('300.00'), yuan('600.00'), yuan('900.00')),
      annualCap: yuan('150000.00'),
      ratios: {
        under50: ratioRow(null, null, '0.90', '0.85', '0.80'),
        from50to60: ratioRow(null, null, '0.91', '0.87', '0.82'),
        from60to70: ratioRow(null, null, '0.92', '0.89', '0.84'),
        from70: ratioRow(null, null, '0.93', '0.91', '0.86'),
      },
      deductibleExemptChronicCategories: [],
      generalConsultationFee: null,
      collegeStudentFirstContactOnly: false,
    },
  },
};

/** What the three 城乡居民 tiers share; each tier below sets its own caps and ratios. */
function residentScheme(
  tier: ResidentTier,
  p: {
    outpatientCap: string;
    outpatient: Record<AgeBand, ByLevel<Ratio>>;
    chronicCap: string;
    chronic: Record<AgeBand, ByLevel<Ratio>>;
    inpatientCap: string;
    inpatient: Record<AgeBand, ByLevel<Ratio>>;
  },
): SchemeRule {
  const tierName = { high: '高档', low: '低档', student: '学生儿童档' }[tier];
  return {
    name: `城乡居民基本医疗保险(${tierName})`,
    insutype: '390',
    poolFund: 'hifp390',
    accountAllowed: false,
    regionRatioReduction: regionReduction('0.05', '0.10'),
    civilServantSubsidyRatio: null,
    pools: {
      outpatient: {
        deductible: everyLevel(yuan('0.00')),
        annualCap: yuan(p.outpatientCap),
        ratios: p.outpatient,
        deductibleExemptChronicCategories: [],
        generalConsultationFee: {
          medChrgitmType: '12',
          fundPays: byLevel(null, yuan('4.50'), yuan('10.00'), null, null),
        },
        collegeStudentFirstContactOnly: true,
      },
      chronic: {
        deductible: everyLevel(yuan('500.00')),
        annualCap: yuan(p.chronicCap),
        ratios: p.chronic,
        deductibleExemptChronicCategories: NO_CHRONIC_DEDUCTIBLE_FOR,
        generalConsultationFee: null,
        collegeStudentFirstContactOnly: false,
      },
      inpatient: {
        deductible: byLevel(null, null, yuan('200.00'), yuan('500.00'), yuan('800.00')),
        annualCap: yuan(p.inpatientCap),
        ratios: p.inpatient,
        deductibleExemptChronicCategories: [],
        generalConsultationFee: null,
        collegeStudentFirstContactOnly: false,
      },
    },
  };
}

const sameEveryAgeBand = (row: ByLevel<Ratio>): Record<AgeBand, ByLevel<Ratio>> => ({
  under50: row,
  from50to60: row,
  from60to70: row,
  from70: row,
});

export interface SandboxPolicy {
  /** Schemes of 310 and 390 (390 split by tier). */
  schemes: Readonly<{
    employee: SchemeRule;
    residentHigh: SchemeRule;
    residentLow: SchemeRule;
    residentStudent: SchemeRule;
  }>;
  /** 离休 (340): the 离休 fund pays the in-scope amount at this ratio; no deductible, no cap. */
  retiredCadre: Readonly<{
    fund: 'retiredCadre';
    ratio: Readonly<Record<RetiredCadreKind, Ratio>>;
    /** 乙类 先自付 is not charged to 离休 persons: the whole 乙类 amount is in scope. */
    waiveClassBSelfpay: boolean;
    accountAllowed: boolean;
  }>;
  /** 医疗救助 second layer (310/390 only), per category and pool; null = not available there. */
  assistance: Readonly<Record<AssistanceCategory, Readonly<Record<BenefitPool, AssistanceRule | null>>>>;
  medTypes: Readonly<Record<SupportedMedType, MedTypeRule>>;
  /** A settlement at a pharmacy always clears as 药店购药. */
  pharmacyClrType: '41';
  /** Lower bound (inclusive) of each age band, in years. */
  ageBandFrom: Readonly<Record<AgeBand, number>>;
}

const INPATIENT_FULL_ASSISTANCE = ratioRow(null, null, '1.00', '1.00', '1.00');

export const SANDBOX_POLICY: SandboxPolicy = {
  schemes: {
    employee,
    residentHigh: residentScheme('high', {
      outpatientCap: '800.00',
      outpatient: sameEveryAgeBand(ratioRow('0.40', '0.60', '0.60', '0.50', '0.40')),
      chronicCap: '50000.00',
      chronic: {
        under50: sameRatioEveryLevel('0.60'),
        from50to60: sameRatioEveryLevel('0.62'),
        from60to70: sameRatioEveryLevel('0.65'),
        from70: sameRatioEveryLevel('0.70'),
      },
      inpatientCap: '150000.00',
      inpatient: {
        under50: ratioRow(null, null, '0.85', '0.75', '0.60'),
        from50to60: ratioRow(null, null, '0.86', '0.76', '0.61'),
        from60to70: ratioRow(null, null, '0.87', '0.77', '0.62'),
        from70: ratioRow(null, null, '0.88', '0.78', '0.63'),
      },
    }),
    residentLow: residentScheme('low', {
      outpatientCap: '600.00',
      outpatient: sameEveryAgeBand(ratioRow('0.30', '0.50', '0.50', '0.40', '0.30')),
      chronicCap: '40000.00',
      chronic: {
        under50: sameRatioEveryLevel('0.50'),
        from50to60: sameRatioEveryLevel('0.52'),
        from60to70: sameRatioEveryLevel('0.55'),
        from70: sameRatioEveryLevel('0.60'),
      },
      inpatientCap: '100000.00',
      inpatient: {
        under50: ratioRow(null, null, '0.80', '0.70', '0.55'),
        from50to60: ratioRow(null, null, '0.81', '0.71', '0.56'),
        from60to70: ratioRow(null, null, '0.82', '0.72', '0.57'),
        from70: ratioRow(null, null, '0.83', '0.73', '0.58'),
      },
    }),
    residentStudent: residentScheme('student', {
      outpatientCap: '600.00',
      outpatient: sameEveryAgeBand(ratioRow('0.40', '0.60', '0.60', '0.50', '0.40')),
      chronicCap: '50000.00',
      chronic: {
        under50: sameRatioEveryLevel('0.60'),
        from50to60: sameRatioEveryLevel('0.62'),
        from60to70: sameRatioEveryLevel('0.65'),
        from70: sameRatioEveryLevel('0.70'),
      },
      inpatientCap: '150000.00',
      inpatient: sameEveryAgeBand(ratioRow(null, null, '0.90', '0.80', '0.65')),
    }),
  },
  retiredCadre: {
    fund: 'retiredCadre',
    ratio: { enterprise: r('1.00'), organ: r('1.00'), institution: r('1.00') },
    waiveClassBSelfpay: true,
    accountAllowed: false,
  },
  assistance: {
    tekun: {
      outpatient: null,
      chronic: { ratio: sameRatioEveryLevel('1.00'), annualCap: null, seriousIllness: null },
      inpatient: { ratio: INPATIENT_FULL_ASSISTANCE, annualCap: null, seriousIllness: null },
    },
    kunjingChild: {
      outpatient: null,
      chronic: { ratio: sameRatioEveryLevel('1.00'), annualCap: null, seriousIllness: null },
      inpatient: { ratio: INPATIENT_FULL_ASSISTANCE, annualCap: null, seriousIllness: null },
    },
    dibaoDisabled: {
      outpatient: null,
      chronic: { ratio: sameRatioEveryLevel('1.00'), annualCap: yuan('40000.00'), seriousIllness: null },
      inpatient: { ratio: INPATIENT_FULL_ASSISTANCE, annualCap: null, seriousIllness: null },
    },
    dibaoOther: {
      outpatient: null,
      chronic: { ratio: sameRatioEveryLevel('0.90'), annualCap: yuan('40000.00'), seriousIllness: null },
      inpatient: {
        ratio: ratioRow(null, null, '0.90', '0.80', '0.75'),
        annualCap: yuan('20000.00'),
        seriousIllness: { ratio: r('0.90'), annualCap: yuan('40000.00') },
      },
    },
  },
  medTypes: {
    '11': { name: '普通门诊', pool: 'outpatient', clrType: '11', levels: ['clinic', 'level1', 'level2', 'level3'] },
    '14': { name: '门诊慢特病', pool: 'chronic', clrType: '11', levels: INSTITUTION_LEVELS },
    '21': { name: '普通住院', pool: 'inpatient', clrType: '21', levels: ['level1', 'level2', 'level3'] },
    '41': { name: '定点药店购药', pool: 'outpatient', clrType: '41', levels: ['pharmacy'] },
  },
  pharmacyClrType: '41',
  ageBandFrom: { under50: 0, from50to60: 50, from60to70: 60, from70: 70 },
};

export const AGE_BAND_LABELS: Readonly<Record<AgeBand, string>> = {
  under50: '50岁以下',
  from50to60: '50–60岁',
  from60to70: '60–70岁',
  from70: '70岁及以上(含100岁以上)',
};

export const LEVEL_LABELS: Readonly<Record<InstitutionLevel, string>> = {
  pharmacy: '药店',
  clinic: '诊所/村卫生室',
  level1: '一级(含乡镇卫生院)',
  level2: '二级',
  level3: '三级',
};

export const POOL_LABELS: Readonly<Record<BenefitPool, string>> = {
  outpatient: '普通门诊/药店购药 (11, 41)',
  chronic: '门诊慢特病 (14)',
  inpatient: '普通住院 (21)',
};

export const ASSISTANCE_LABELS: Readonly<Record<AssistanceCategory, string>> = {
  tekun: '特困供养人员',
  kunjingChild: '困境儿童',
  dibaoDisabled: '低保对象中持有一、二级残疾人(含智力类、精神类)',
  dibaoOther: '其他低保',
};

export const RETIRED_CADRE_LABELS: Readonly<Record<RetiredCadreKind, string>> = {
  enterprise: '企业离休',
  organ: '机关离休',
  institution: '事业离休',
};

export const REGION_LABELS: Readonly<Record<InsuRegion, string>> = {
  local: '本地',
  'in-province': '省内异地',
  'cross-province': '跨省异地',
};
