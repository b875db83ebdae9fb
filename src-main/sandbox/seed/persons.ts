/**
 * Generates the seeded insured persons: for each category of categories.ts, members with a
 * valid ID number (GB 11643 check character, birth date = their age at the reference date,
 * sequence parity = gender), a card number + 32-hex card identification code, an
 * e-certificate token, one insurance row, identities and 门慢门特 filings.
 */
import { fen, type Fen } from '../amounts';
import type { Insutype, ResidentTier } from '../policy/types';
import type { ChronicFilingRow, IdentityRow, InsuranceRow, PersonRecord } from '../store/persons';
import { areasIn, INSU_AREAS, type InsuArea } from './admdvs';
import { AGE_RANGES, IDENTITY_TYPES, SEED_CATEGORIES, type SeedCategory } from './categories';
import { CHRONIC_DISEASES, TWO_DISEASES } from './catalogue/chronic-diseases';
import { makeIdNumber } from './id-number';
import { chineseName } from './names';
import { Prng } from './prng';
import { UNIVERSITY_FIRST_CONTACT } from '../center/institutions';

/** The date ages are computed against unless the caller gives another (recorded in the DB). */
export const DEFAULT_REFERENCE_DATE = '2026-01-01';

/** 1101 psn_type codes (national baseline, protocol.md §3). */
export const PSN_TYPES = {
  active: '11',
  retired: '21',
  retiredCadre: '31',
  preschool: '41',
  pupil: '42',
  college: '43',
  adultResident: '50',
  elderResident: '60',
} as const;

const CARD_LETTERS = 'ABCDEFGHJKLMN'.split('');
const OTHER_NATY = ['03', '04', '06', '08', '11', '15'];
const COMPANY_HEADS = ['武汉', '湖北', '江城', '楚天', '长江', '汉江', '光谷', '东湖'];
const COMPANY_BODIES = [
  '精密机械',
  '电子科技',
  '建设工程',
  '物流',
  '商贸',
  '食品',
  '纺织',
  '软件',
  '汽车零部件',
  '生物科技',
  '光电',
  '建材',
];
const COMPANY_TAILS = ['有限公司', '股份有限公司', '集团有限公司'];
const ORGANS = [
  '湖北省财政厅',
  '湖北省教育厅',
  '武汉市民政局',
  '武汉市税务局',
  '武汉市人力资源和社会保障局',
  '武汉市江岸区人民政府',
];
const INSTITUTIONS = [
  '武汉市第一中学',
  '湖北省农业科学院',
  '武汉市图书馆',
  '湖北省气象局气象台',
  '武汉市中心医院',
  '湖北省地质研究所',
];
const ENTERPRISES = ['武汉钢铁(集团)公司', '湖北化工集团有限公司', '武汉重型机床厂', '湖北纺织工业公司', '武汉锅炉厂'];
const UNIVERSITIES = ['武汉大学', '华中科技大学', '武汉理工大学', '华中师范大学', '中南财经政法大学', '湖北大学'];

export interface PersonSeedOptions {
  seed: number;
  /** yyyy-MM-dd; ages are exact at this date. */
  referenceDate: string;
}

export function generatePersons(options: PersonSeedOptions): PersonRecord[] {
  const prng = Prng.derive(options.seed, 'persons');
  const used = { certno: new Set<string>(), cardNo: new Set<string>(), cardSn: new Set<string>(), ecToken: new Set<string>() };
  const out: PersonRecord[] = [];
  let serial = 0;
  for (const category of SEED_CATEGORIES) {
    for (let i = 0; i < category.count; i++) {
      serial++;
      out.push(generatePerson(prng, category, i, serial, options.referenceDate, used));
    }
  }
  return out;
}

interface UsedKeys {
  certno: Set<string>;
  cardNo: Set<string>;
  cardSn: Set<string>;
  ecToken: Set<string>;
}

function generatePerson(
  prng: Prng,
  category: SeedCategory,
  index: number,
  serial: number,
  referenceDate: string,
  used: UsedKeys,
): PersonRecord {
  const cycle = <T>(items: readonly T[]): T => items[index % items.length] as T;
  const band = cycle(category.ageBands);
  const [minAge, maxAge] = AGE_RANGES[band];
  const age = prng.int(minAge, maxAge);
  const region = cycle(category.regions);
  const area: InsuArea = region === 'local' ? (INSU_AREAS[0] as InsuArea) : prng.pick(areasIn(region));
  const gend: '1' | '2' = prng.percent(50) ? '1' : '2';
  const brdy = birthDate(referenceDate, age, prng.int(1, 360));
  const insutype = cycle(category.insutypes);

  const certno = unique(used.certno, () => makeIdNumber(prng.pick(area.counties), brdy, prng.int(0, 999), gend));
  const cardNo = unique(used.cardNo, () => prng.pick(CARD_LETTERS) + prng.digits(8));
  const cardSn = unique(used.cardSn, () => `${area.admdvs}D156000005${prng.hex(16)}`);
  const ecToken = unique(used.ecToken, () => `EC${area.admdvs}${prng.hex(26)}`);
  const psnNo = `${area.admdvs}${prng.digits(8)}${String(serial).padStart(6, '0')}`;

  const residentTier: ResidentTier | null = insutype === '390' ? cycle(category.residentTiers ?? ['high']) : null;
  const insurance: InsuranceRow = {
    psnNo,
    insutype,
    psnType: psnType(insutype, age, category.collegeStudent === true),
    balc: insutype === '310' ? balance(prng, category, index) : fen(0),
    psnInsuStas: category.suspended ? '2' : '1',
    psnInsuDate: insuredSince(insutype, brdy, prng),
    pausInsuDate: category.suspended ? shiftDays(referenceDate, -prng.int(10, 60)) : null,
    cvlservFlag: category.cvlserv ? '1' : '0',
    insuplcAdmdvs: area.admdvs,
    empName: employer(prng, category, insutype),
    residentTier,
    collegeStudent: category.collegeStudent === true,
    firstContactFixmedins: category.collegeStudent === true ? UNIVERSITY_FIRST_CONTACT : null,
    retiredCadreKind: category.retiredCadreKind ?? null,
    assistance: category.assistance ?? null,
    insuRegion: area.region,
  };

  return {
    person: {
      psnNo,
      psnName: chineseName(prng, gend),
      gend,
      naty: prng.percent(90) ? '01' : prng.pick(OTHER_NATY),
      brdy,
      psnCertType: '01',
      certno,
      cardNo,
      cardSn,
      ecToken,
      insuAdmdvs: area.admdvs,
      category: category.key,
      categoryLabel: category.label,
    },
    insurance: [insurance],
    identities: identities(psnNo, category, index),
    chronicFilings: category.chronic ? [chronicFiling(psnNo, insutype, index, referenceDate)] : [],
  };
}

function psnType(insutype: Insutype, age: number, college: boolean): string {
  if (insutype === '340') return PSN_TYPES.retiredCadre;
  if (insutype === '310') return age >= 60 ? PSN_TYPES.retired : PSN_TYPES.active;
  if (college) return PSN_TYPES.college;
  if (age < 7) return PSN_TYPES.preschool;
  if (age < 18) return PSN_TYPES.pupil;
  return age >= 60 ? PSN_TYPES.elderResident : PSN_TYPES.adultResident;
}

/** Account balances in fen: the `small` profile gives the account-exhaustion cases (5.00, 1.00, 0.00). */
function balance(prng: Prng, category: SeedCategory, index: number): Fen {
  switch (category.balance) {
    case 'small':
      return fen([500, 500, 500, 500, 100, 0][index % 6] as number);
    case 'active':
      return fen(prng.int(20_000, 800_000));
    case 'retired':
      return fen(prng.int(50_000, 1_500_000));
    case 'modest':
      return fen(prng.int(5_000, 300_000));
    case 'none':
      return fen(0);
  }
}

function employer(prng: Prng, category: SeedCategory, insutype: Insutype): string | null {
  if (category.retiredCadreKind === 'enterprise') return prng.pick(ENTERPRISES);
  if (category.retiredCadreKind === 'organ') return prng.pick(ORGANS);
  if (category.retiredCadreKind === 'institution') return prng.pick(INSTITUTIONS);
  if (category.collegeStudent) return prng.pick(UNIVERSITIES);
  if (insutype !== '310') return null;
  if (category.cvlserv) return prng.pick(ORGANS);
  return prng.pick(COMPANY_HEADS) + prng.pick(COMPANY_BODIES) + prng.pick(COMPANY_TAILS);
}

function identities(psnNo: string, category: SeedCategory, index: number): IdentityRow[] {
  return (category.identities ?? []).map((kind) => {
    const type = IDENTITY_TYPES[kind];
    const disabled = kind === 'disabled';
    const disabilityKinds = category.disability === 'mental' ? ['智力残疾', '精神残疾'] : ['肢体残疾', '视力残疾'];
    return {
      psnNo,
      psnIdetType: type.code,
      psnTypeLv: disabled ? (index % 2 === 0 ? '1' : '2') : null,
      memo: disabled ? `${disabilityKinds[index % 2]}${index % 2 === 0 ? '一级' : '二级'}` : type.label,
      begntime: '2024-01-01 00:00:00',
      endtime: null,
    };
  });
}

function chronicFiling(psnNo: string, insutype: Insutype, index: number, referenceDate: string): ChronicFilingRow {
  // Residents include the 两病 (hypertension, diabetes); everyone cycles through categories 1–4.
  const category = ((index % 4) + 1) as 1 | 2 | 3 | 4;
  const twoDisease = insutype === '390' && category === 2 ? TWO_DISEASES[index % 2] : undefined;
  const candidates = CHRONIC_DISEASES.filter((d) => (twoDisease ? d.code === twoDisease : d.category === category));
  const disease = candidates[Math.floor(index / 4) % candidates.length] ?? CHRONIC_DISEASES[0];
  if (!disease) throw new Error('no chronic diseases defined');
  return {
    psnNo,
    opspDiseCode: disease.code,
    opspDiseName: disease.name,
    chronicCategory: disease.category,
    begndate: `${Number(referenceDate.slice(0, 4)) - 1}-01-01`,
    enddate: null,
  };
}

/** Birth date so the person turned `age` exactly `daysAgo` days before the reference date. */
function birthDate(referenceDate: string, age: number, daysAgo: number): string {
  const [y, m, d] = referenceDate.split('-').map(Number) as [number, number, number];
  const birthday = Date.UTC(y - age, m - 1, d);
  return isoDate(birthday - daysAgo * 86_400_000);
}

function insuredSince(insutype: Insutype, brdy: string, prng: Prng): string {
  const birthYear = Number(brdy.slice(0, 4));
  if (insutype === '340') return '1998-12-01';
  if (insutype === '310') return `${Math.max(birthYear + prng.int(20, 28), 1998)}-${String(prng.int(1, 12)).padStart(2, '0')}-01`;
  return `${Math.max(birthYear + 1, 2017)}-01-01`;
}

function shiftDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return isoDate(Date.UTC(y, m - 1, d) + days * 86_400_000);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function unique(used: Set<string>, make: () => string): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const value = make();
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
  throw new Error('could not generate a unique value');
}
