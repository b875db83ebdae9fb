/**
 * The person categories the seed produces, one per line of seed 004's acceptance matrix
 * (①职工 ②城乡居民 ③离休 ④医疗救助) plus the edge cases the counter must handle (small
 * account balance, suspended insurance, 异地 insured). Each category cycles through its
 * age bands, tiers and regions so every combination the matrix names has a few people.
 */
import type { AssistanceCategory, InsuRegion, Insutype, ResidentTier, RetiredCadreKind } from '../policy/types';

export type AgeBand = 'under50' | '50-60' | '60-70' | '70-100' | 'over100' | 'child' | 'college' | 'cadre';

/**
 * Ages (at the seed's reference date) per band. Each range keeps a year or more from the
 * band's edges, so a person stays in their band for a while after the reference date.
 */
export const AGE_RANGES: Readonly<Record<AgeBand, readonly [number, number]>> = {
  under50: [22, 45],
  '50-60': [51, 56],
  '60-70': [61, 66],
  '70-100': [72, 95],
  over100: [101, 104],
  child: [3, 14],
  college: [18, 21],
  cadre: [92, 99],
};

/** The matrix's age bands (门特/住院: 50岁以下, 50-60岁, 60-70岁, 100岁以上) for an age. */
export function matrixAgeBand(age: number): 'under50' | '50-60' | '60-70' | '70-100' | 'over100' {
  if (age < 50) return 'under50';
  if (age < 60) return '50-60';
  if (age < 70) return '60-70';
  if (age <= 100) return '70-100';
  return 'over100';
}

/** psn_idet_type codes of the sandbox (its 1901 `psn_idet_type` dictionary lists them). */
export const IDENTITY_TYPES = {
  tekun: { code: '2101', label: '特困供养人员' },
  dibao: { code: '2102', label: '低保对象' },
  kunjingChild: { code: '2103', label: '困境儿童' },
  disabled: { code: '2201', label: '残疾人' },
  poverty: { code: '2301', label: '建档立卡贫困人口' },
  sunshine: { code: '2401', label: '精神病阳光救助对象' },
} as const;
export type IdentityKind = keyof typeof IDENTITY_TYPES;

/** Disability kinds for the two 低保+残疾 categories of seed 004 ④. */
export type DisabilityKind = 'mental' | 'physical';

/** Account balance profile: none (居民/离休), active / retired employee ranges, or a tiny balance. */
export type BalanceProfile = 'none' | 'active' | 'retired' | 'modest' | 'small';

export interface SeedCategory {
  key: string;
  label: string;
  group: '职工' | '城乡居民' | '离休' | '医疗救助' | '其他';
  count: number;
  /** Base insurance, cycled over the members. */
  insutypes: readonly Insutype[];
  ageBands: readonly AgeBand[];
  regions: readonly InsuRegion[];
  residentTiers?: readonly ResidentTier[];
  collegeStudent?: boolean;
  retiredCadreKind?: RetiredCadreKind;
  assistance?: AssistanceCategory;
  identities?: readonly IdentityKind[];
  disability?: DisabilityKind;
  cvlserv?: boolean;
  /** psn_insu_stas 2 暂停参保. */
  suspended?: boolean;
  balance: BalanceProfile;
  /** Give each member a 门慢门特 filing (categories 1–4 cycled). */
  chronic?: boolean;
}

const MOSTLY_LOCAL: readonly InsuRegion[] = ['local', 'local', 'in-province', 'local', 'cross-province', 'local'];
const LOCAL: readonly InsuRegion[] = ['local'];
const ADULT_BANDS: readonly AgeBand[] = ['under50', '50-60', '60-70', 'over100'];
const ALL_TIERS: readonly ResidentTier[] = ['high', 'low', 'student'];

export const SEED_CATEGORIES: readonly SeedCategory[] = [
  // ① 城镇职工
  {
    key: 'emp-active',
    label: '职工-在职',
    group: '职工',
    count: 30,
    insutypes: ['310'],
    ageBands: ['under50', '50-60'],
    regions: MOSTLY_LOCAL,
    balance: 'active',
  },
  {
    key: 'emp-retired',
    label: '职工-退休',
    group: '职工',
    count: 24,
    insutypes: ['310'],
    ageBands: ['60-70', '70-100', 'over100'],
    regions: MOSTLY_LOCAL,
    balance: 'retired',
  },
  {
    key: 'emp-chronic',
    label: '职工-门慢门特备案',
    group: '职工',
    count: 16,
    insutypes: ['310'],
    ageBands: ADULT_BANDS,
    regions: MOSTLY_LOCAL,
    balance: 'modest',
    chronic: true,
  },
  {
    key: 'emp-cvlserv',
    label: '职工-公务员',
    group: '职工',
    count: 6,
    insutypes: ['310'],
    ageBands: ['under50', '50-60'],
    regions: LOCAL,
    balance: 'active',
    cvlserv: true,
  },
  {
    key: 'emp-poverty',
    label: '职工-建档立卡',
    group: '职工',
    count: 6,
    insutypes: ['310'],
    ageBands: ADULT_BANDS,
    regions: LOCAL,
    balance: 'modest',
    identities: ['poverty'],
  },
  {
    key: 'emp-sunshine',
    label: '职工-精神病阳光救助对象',
    group: '职工',
    count: 4,
    insutypes: ['310'],
    ageBands: ['under50', '50-60', '60-70'],
    regions: LOCAL,
    balance: 'modest',
    identities: ['sunshine'],
  },
  {
    key: 'emp-low-balance',
    label: '职工-个人账户余额不足',
    group: '职工',
    count: 6,
    insutypes: ['310'],
    ageBands: ['under50', '60-70'],
    regions: LOCAL,
    balance: 'small',
  },
  {
    key: 'emp-suspended',
    label: '职工-暂停参保',
    group: '其他',
    count: 3,
    insutypes: ['310'],
    ageBands: ['under50'],
    regions: LOCAL,
    balance: 'active',
    suspended: true,
  },
  // ② 城乡居民 (测试人员身份默认高档)
  {
    key: 'res-high',
    label: '居民-高档',
    group: '城乡居民',
    count: 24,
    insutypes: ['390'],
    ageBands: ADULT_BANDS,
    regions: MOSTLY_LOCAL,
    residentTiers: ['high'],
    balance: 'none',
  },
  {
    key: 'res-low',
    label: '居民-低档',
    group: '城乡居民',
    count: 16,
    insutypes: ['390'],
    ageBands: ADULT_BANDS,
    regions: MOSTLY_LOCAL,
    residentTiers: ['low'],
    balance: 'none',
  },
  {
    key: 'res-student',
    label: '居民-学生儿童档(中小学生/学龄前)',
    group: '城乡居民',
    count: 12,
    insutypes: ['390'],
    ageBands: ['child'],
    regions: MOSTLY_LOCAL,
    residentTiers: ['student'],
    balance: 'none',
  },
  {
    key: 'res-college',
    label: '居民-学生儿童档(大学生)',
    group: '城乡居民',
    count: 8,
    insutypes: ['390'],
    ageBands: ['college'],
    regions: ['local', 'local', 'in-province', 'cross-province'],
    residentTiers: ['student'],
    collegeStudent: true,
    balance: 'none',
  },
  {
    key: 'res-chronic',
    label: '居民-门慢门特/两病备案',
    group: '城乡居民',
    count: 12,
    insutypes: ['390'],
    ageBands: ADULT_BANDS,
    regions: MOSTLY_LOCAL,
    residentTiers: ALL_TIERS,
    balance: 'none',
    chronic: true,
  },
  {
    key: 'res-poverty',
    label: '居民-建档立卡',
    group: '城乡居民',
    count: 6,
    insutypes: ['390'],
    ageBands: ADULT_BANDS,
    regions: LOCAL,
    residentTiers: ALL_TIERS,
    balance: 'none',
    identities: ['poverty'],
  },
  {
    key: 'res-sunshine',
    label: '居民-精神病阳光救助对象',
    group: '城乡居民',
    count: 4,
    insutypes: ['390'],
    ageBands: ['under50', '50-60'],
    regions: LOCAL,
    residentTiers: ['high', 'low'],
    balance: 'none',
    identities: ['sunshine'],
  },
  // ③ 离休人员
  {
    key: 'cadre-enterprise',
    label: '离休-企业离休',
    group: '离休',
    count: 5,
    insutypes: ['340'],
    ageBands: ['cadre', 'cadre', 'over100'],
    regions: LOCAL,
    retiredCadreKind: 'enterprise',
    balance: 'none',
  },
  {
    key: 'cadre-organ',
    label: '离休-机关离休',
    group: '离休',
    count: 5,
    insutypes: ['340'],
    ageBands: ['cadre', 'cadre', 'over100'],
    regions: LOCAL,
    retiredCadreKind: 'organ',
    balance: 'none',
  },
  {
    key: 'cadre-institution',
    label: '离休-事业离休',
    group: '离休',
    count: 5,
    insutypes: ['340'],
    ageBands: ['cadre', 'cadre', 'over100'],
    regions: LOCAL,
    retiredCadreKind: 'institution',
    balance: 'none',
  },
  // ④ 医疗救助 (on top of a base insurance)
  {
    key: 'aid-tekun',
    label: '救助-特困供养人员',
    group: '医疗救助',
    count: 6,
    insutypes: ['390'],
    ageBands: ['50-60', '60-70', '70-100'],
    regions: LOCAL,
    residentTiers: ['low'],
    assistance: 'tekun',
    identities: ['tekun'],
    balance: 'none',
  },
  {
    key: 'aid-kunjing-child',
    label: '救助-困境儿童',
    group: '医疗救助',
    count: 5,
    insutypes: ['390'],
    ageBands: ['child'],
    regions: LOCAL,
    residentTiers: ['student'],
    assistance: 'kunjingChild',
    identities: ['kunjingChild'],
    balance: 'none',
  },
  {
    key: 'aid-dibao-mental',
    label: '救助-低保一二级智力/精神残疾',
    group: '医疗救助',
    count: 5,
    insutypes: ['390'],
    ageBands: ['under50', '50-60', '60-70'],
    regions: LOCAL,
    residentTiers: ['low'],
    assistance: 'dibaoDisabled',
    identities: ['dibao', 'disabled'],
    disability: 'mental',
    balance: 'none',
  },
  {
    key: 'aid-dibao-disabled',
    label: '救助-低保一二级残疾',
    group: '医疗救助',
    count: 5,
    insutypes: ['390'],
    ageBands: ['under50', '50-60', '60-70'],
    regions: LOCAL,
    residentTiers: ['low'],
    assistance: 'dibaoDisabled',
    identities: ['dibao', 'disabled'],
    disability: 'physical',
    balance: 'none',
  },
  {
    key: 'aid-dibao-other',
    label: '救助-其他低保',
    group: '医疗救助',
    count: 8,
    insutypes: ['390', '390', '390', '310'],
    ageBands: ['under50', '50-60', '60-70', '70-100'],
    regions: LOCAL,
    residentTiers: ['low', 'high'],
    assistance: 'dibaoOther',
    identities: ['dibao'],
    balance: 'modest',
  },
];

export function seedCategory(key: string): SeedCategory | undefined {
  return SEED_CATEGORIES.find((c) => c.key === key);
}

export const SEED_PERSON_COUNT = SEED_CATEGORIES.reduce((n, c) => n + c.count, 0);
