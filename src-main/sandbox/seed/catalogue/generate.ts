/**
 * The synthetic catalogue, published in CATALOGUE_VERSIONS. Version 1 carries each
 * catalogue's base rows; every later version adds rows and re-publishes a few changed ones
 * (new price cap, other 甲乙丙 level, or delisted). Row i of a catalogue is a pure function
 * of (seed, catalogue, i): rows are generated one at a time and never all held in memory.
 */
import { applyRatio, fen, priceFromFen, ratio, type Ratio } from '../../amounts';
import type { CatalogueInfno, CatalogueItem, CatalogueVersion } from '../../store/catalogue';
import { makeEan13 } from '../ean13';
import { Prng } from '../prng';
import { CHRONIC_DISEASES } from './chronic-diseases';
import { NEWER_CATALOGUE_PLAN, newerCatalogueGenerator } from './newer-catalogues';
import { emptyItem, type ItemDraft } from './item-draft';
import {
  LIMIT_SCOPES,
  MANUFACTURERS,
  PACKS,
  PATENT_FORMS,
  PATENT_MEDICINES,
  PATENT_STRENGTHS,
  STRENGTHS,
  WESTERN_DRUGS,
  WESTERN_FORMS,
  type DosageForm,
} from './drug-tables';
import {
  CONSUMABLES,
  DIAGNOSIS_QUALIFIERS,
  DIAGNOSIS_ROOTS,
  HERB_SPECS,
  HERBS,
  OPERATIONS,
  PROCESSINGS,
  SERVICE_ITEMS,
  type Named,
} from './item-tables';

/** Publication dates of the five versions; ver = yyyyMMdd080000. */
export const CATALOGUE_VERSION_DATES = ['2025-01-10', '2025-03-10', '2025-06-10', '2025-09-10', '2025-12-10'] as const;

export function versionCode(date: string): string {
  return `${date.replace(/-/g, '')}080000`;
}

/** The rows-per-catalogue plan. 1301 has 100,000 base rows, as a real province's 西药中成药 list. */
export const CATALOGUE_PLAN: readonly { infno: CatalogueInfno; title: string; add: number; change: number }[] = [
  { infno: '1301', title: '西药中成药目录', add: 500, change: 100 },
  { infno: '1302', title: '中药饮片目录', add: 20, change: 10 },
  { infno: '1305', title: '医疗服务项目目录', add: 4, change: 5 },
  { infno: '1306', title: '医用耗材目录', add: 30, change: 20 },
  { infno: '1307', title: '疾病与诊断目录', add: 10, change: 5 },
  { infno: '1308', title: '手术操作目录', add: 0, change: 1 },
  { infno: '1309', title: '门诊慢特病种目录', add: 0, change: 1 },
  ...NEWER_CATALOGUE_PLAN,
];

export const DRUG_BASE_ROWS = 100_000;

/** A generated row before version fields are set, with its reference price in fen for later changes. */
interface Draft {
  item: ItemDraft;
  refFen: number | null;
}

interface CatalogueGenerator {
  baseCount: number;
  row(i: number): Draft;
}

export interface GeneratedVersion {
  version: CatalogueVersion;
  rows: Iterable<CatalogueItem>;
}

/** Every catalogue's versions with lazily generated rows, in publication order per catalogue. */
export function* generateCatalogue(seed: number): IterableIterator<GeneratedVersion> {
  for (const plan of CATALOGUE_PLAN) {
    const gen = generatorFor(plan.infno, seed);
    const changePool = Prng.derive(seed, plan.infno, 'changes').sample(
      range(gen.baseCount),
      plan.change * (CATALOGUE_VERSION_DATES.length - 1),
    );
    for (let k = 0; k < CATALOGUE_VERSION_DATES.length; k++) {
      const date = CATALOGUE_VERSION_DATES[k] as string;
      const ver = versionCode(date);
      const indexes = k === 0 ? range(gen.baseCount) : range(plan.add, gen.baseCount + (k - 1) * plan.add);
      const changed = k === 0 ? [] : changePool.slice((k - 1) * plan.change, k * plan.change);
      const version: CatalogueVersion = {
        catalogue: plan.infno,
        ver,
        verName: `${plan.title}${date.slice(0, 4)}年第${k + 1}版`,
        publishedAt: `${date} 08:00:00`,
        rowCount: indexes.length + changed.length,
      };
      yield { version, rows: versionRows(seed, plan.infno, gen, indexes, changed, k, date, ver) };
    }
  }
}

function* versionRows(
  seed: number,
  infno: CatalogueInfno,
  gen: CatalogueGenerator,
  indexes: readonly number[],
  changed: readonly number[],
  k: number,
  date: string,
  ver: string,
): IterableIterator<CatalogueItem> {
  const stamp = { catalogue: infno, ver, updtTime: `${date} 08:00:00`, begndate: date, enddate: null, valiFlag: '1' as const };
  for (const i of indexes) yield { ...gen.row(i).item, ...stamp };
  for (const i of changed) {
    const draft = gen.row(i);
    yield applyChange({ ...draft.item, ...stamp }, draft.refFen, Prng.derive(seed, infno, 'change', k, i), date, ver);
  }
}

/** A re-published row: new price cap, changed level, or delisted (vali_flag 0). */
function applyChange(item: CatalogueItem, refFen: number | null, p: Prng, date: string, ver: string): CatalogueItem {
  if (item.listType === null || refFen === null) return { ...item, memo: `${ver} 修订` };
  const roll = p.int(0, 99);
  if (roll < 60) {
    return { ...item, pricUplmtAmt: priceFromFen(applyRatio(fen(refFen), ratio(p.int(8000, 12000)))), memo: '调整限价' };
  }
  if (roll < 90) {
    const lv = item.chrgitmLv === '02' ? '01' : '02';
    return { ...item, chrgitmLv: lv, selfpayProp: lv === '01' ? ratio(0) : ratio(1000), memo: '调整收费项目等级' };
  }
  return { ...item, valiFlag: '0', enddate: date, memo: '停用' };
}

function generatorFor(infno: CatalogueInfno, seed: number): CatalogueGenerator {
  switch (infno) {
    case '1301':
      return { baseCount: DRUG_BASE_ROWS, row: (i) => drugRow(i, Prng.derive(seed, infno, i)) };
    case '1302':
      return herbGenerator(seed);
    case '1305':
      return serviceGenerator(seed);
    case '1306':
      return consumableGenerator(seed);
    case '1307':
      return diagnosisGenerator(seed);
    case '1308':
      return listGenerator(OPERATIONS);
    case '1309':
      return listGenerator(CHRONIC_DISEASES);
    default:
      return newerCatalogueGenerator(infno, seed) ?? { baseCount: 0, row: () => ({ item: emptyItem('', '', ''), refFen: null }) };
  }
}

// ---- 1301 西药中成药 -------------------------------------------------------------------

const WESTERN_FORM_INDEX = indexForms(WESTERN_FORMS);
const PATENT_FORM_INDEX = indexForms(PATENT_FORMS);

function drugRow(i: number, p: Prng): Draft {
  const western = p.percent(72);
  const mfrIndex = p.int(0, MANUFACTURERS.length - 1);
  const mfr = MANUFACTURERS[mfrIndex] as (typeof MANUFACTURERS)[number];
  let name: string;
  let pinyin: string;
  let gennm: string;
  let code: string;
  let form: DosageForm;
  let spec: string;
  let refFen: number;
  if (western) {
    const gi = p.int(0, WESTERN_DRUGS.length - 1);
    const drug = WESTERN_DRUGS[gi] as (typeof WESTERN_DRUGS)[number];
    const forms = WESTERN_FORMS[p.pick(drug.groups.split(''))] as readonly DosageForm[];
    form = p.pick(forms);
    const si = p.int(0, STRENGTHS.length - 1);
    const pack = PACKS[form.unit];
    const ci = p.int(0, pack.counts.length - 1);
    spec = drugSpec(form, STRENGTHS[si] as string, pack.counts[ci] as number, p);
    ({ name, pinyin } = compose(drug, form));
    gennm = drug.name;
    code = `X${drug.atc}D${pad(gi, 3)}A${pad(WESTERN_FORM_INDEX.get(form) ?? 0, 3)}${pad(si, 2)}${ci}${pad(i, 6)}`;
    refFen = form.unit === 'vial' ? p.int(300, 60_000) : p.int(150, 30_000);
  } else {
    const gi = p.int(0, PATENT_MEDICINES.length - 1);
    const med = PATENT_MEDICINES[gi] as (typeof PATENT_MEDICINES)[number];
    form = p.pick(PATENT_FORMS[p.pick(med.groups.split(''))] as readonly DosageForm[]);
    const si = p.int(0, PATENT_STRENGTHS.length - 1);
    const pack = PACKS[form.unit];
    const ci = p.int(0, pack.counts.length - 1);
    spec = patentSpec(form, PATENT_STRENGTHS[si] as string, pack.counts[ci] as number, p);
    ({ name, pinyin } = compose(med, form));
    gennm = med.name + form.name;
    code = `Z${med.cls}AAH${pad(gi, 3)}B${pad(PATENT_FORM_INDEX.get(form) ?? 0, 3)}${pad(si, 2)}${ci}${pad(i, 6)}`;
    refFen = p.int(800, 12_000);
  }
  const lv = level(p, 45, 87);
  const limited = lv === '02' && p.percent(15);
  const item = {
    ...emptyItem(code, name, pinyin),
    listType: '101',
    gennm,
    spec,
    dosform: form.prefix ? '注射用无菌粉末' : form.name,
    pacunt: PACKS[form.unit].pacunt,
    prodentpName: mfr.name,
    aprvno: `国药准字${western ? 'H' : 'Z'}${mfr.province}${p.digits(6)}`,
    barcode: makeEan13(`69${pad(mfrIndex, 3)}${pad(i, 7)}`),
    chrgitmLv: lv,
    medChrgitmType: western ? '09' : '11',
    selfpayProp: selfpay(lv, p),
    pricUplmtAmt: p.percent(30) ? priceFromFen(applyRatio(fen(refFen), ratio(p.int(9000, 13000)))) : null,
    refPric: priceFromFen(fen(refFen)),
    basMednFlag: flag(lv === '01' ? p.percent(60) : lv === '02' && p.percent(20)),
    hiNegoDrugFlag: flag(lv === '02' && p.percent(3)),
    chldMedcFlag: flag(p.percent(5)),
    lmtUsedFlag: flag(limited),
    lmtScp: limited ? p.pick(LIMIT_SCOPES) : null,
  };
  return { item, refFen };
}

function compose(base: Named, form: DosageForm): Named {
  return form.prefix
    ? { name: form.name + base.name, pinyin: form.pinyin + base.pinyin }
    : { name: base.name + form.name, pinyin: base.pinyin + form.pinyin };
}

function drugSpec(form: DosageForm, strength: string, count: number, p: Prng): string {
  switch (form.unit) {
    case 'vial':
      return form.prefix ? `${strength}*${count}瓶` : `${p.pick(['1ml', '2ml', '5ml', '10ml'])}:${strength}*${count}支`;
    case 'bottle':
      return `${p.pick(['60ml', '100ml', '120ml'])}:${strength}/瓶`;
    case 'tube':
      return `${p.pick(['10g', '15g', '20g'])}:${strength}/支`;
    default:
      return `${strength}*${count}${PACKS[form.unit].word}`;
  }
}

function patentSpec(form: DosageForm, strength: string, count: number, p: Prng): string {
  switch (form.unit) {
    case 'sachet':
      return `${p.pick(['3g', '5g', '6g', '10g', '15g'])}*${count}袋`;
    case 'vial':
      return form.name === '注射液' ? `${p.pick(['2ml', '5ml', '10ml'])}*${count}支` : `10ml*${count}支`;
    case 'bottle':
      return `${p.pick(['100ml', '150ml', '200ml'])}/瓶`;
    case 'pill':
      return `${p.pick(['0.2g', '6g', '9g'])}*${count}丸`;
    default:
      return `${strength}*${count}${PACKS[form.unit].word}`;
  }
}

// ---- 1302 中药饮片 ---------------------------------------------------------------------

function herbGenerator(seed: number): CatalogueGenerator {
  const combos: { h: number; proc: number; spec: number }[] = [];
  HERBS.forEach((_, h) => {
    const extra = Prng.derive(seed, '1302', 'processing', h).sample(range(PROCESSINGS.length - 1, 1), 2);
    for (const proc of [0, ...extra]) for (let spec = 0; spec < HERB_SPECS.length; spec++) combos.push({ h, proc, spec });
  });
  return {
    baseCount: combos.length,
    row: (i) => {
      const p = Prng.derive(seed, '1302', i);
      const c = combos[i % combos.length] as (typeof combos)[number];
      const herb = HERBS[c.h] as Named;
      const proc = PROCESSINGS[c.proc] as Named;
      const spec = HERB_SPECS[c.spec] as (typeof HERB_SPECS)[number];
      const mfr = MANUFACTURERS[p.int(0, MANUFACTURERS.length - 1)] as (typeof MANUFACTURERS)[number];
      const perUnitFen = p.int(5, 300);
      const refFen = spec.spec === '1g' ? perUnitFen : spec.spec === '10g/袋' ? perUnitFen * 10 : perUnitFen * 1000;
      const lv = level(p, 50, 90);
      const item = {
        ...emptyItem(`T${pad(c.h, 3)}${pad(c.proc, 2)}${c.spec}${pad(i, 6)}`, proc.name + herb.name, proc.pinyin + herb.pinyin),
        listType: '102',
        gennm: herb.name,
        spec: spec.spec,
        dosform: '饮片',
        pacunt: spec.pacunt,
        prodentpName: `${mfr.name.slice(0, 4)}中药饮片有限公司`,
        chrgitmLv: lv,
        medChrgitmType: '10',
        selfpayProp: selfpay(lv, p),
        pricUplmtAmt: p.percent(20) ? priceFromFen(applyRatio(fen(refFen), ratio(p.int(10000, 13000)))) : null,
        refPric: priceFromFen(fen(refFen)),
      };
      return { item, refFen };
    },
  };
}

// ---- 1305 医疗服务项目 -----------------------------------------------------------------

function serviceGenerator(seed: number): CatalogueGenerator {
  const base = SERVICE_ITEMS.length;
  return {
    baseCount: base,
    row: (i) => {
      const s = SERVICE_ITEMS[i % base] as (typeof SERVICE_ITEMS)[number];
      const variant = Math.floor(i / base);
      // Later versions add 儿童 variants (priced 20 % higher) of existing items.
      const priceFen = variant === 0 ? s.priceFen : applyRatio(fen(s.priceFen), ratio(12000));
      const p = Prng.derive(seed, '1305', i);
      const item = {
        ...emptyItem(
          `00${s.code}${pad(variant, 4)}-${s.code}`,
          variant === 0 ? s.name : `${s.name}(儿童)`,
          variant === 0 ? s.pinyin : `${s.pinyin}ET`,
        ),
        listType: '201',
        pacunt: s.unit,
        chrgitmLv: s.lv,
        medChrgitmType: s.type,
        selfpayProp: s.lv === '01' ? ratio(0) : s.lv === '02' ? ratio(p.pick([1000, 2000])) : ratio(10000),
        pricUplmtAmt: priceFromFen(fen(priceFen)),
        refPric: priceFromFen(fen(priceFen)),
        memo: `计价单位:${s.unit}`,
      };
      return { item, refFen: priceFen };
    },
  };
}

// ---- 1306 医用耗材 ---------------------------------------------------------------------

function consumableGenerator(seed: number): CatalogueGenerator {
  const combos: { kind: number; spec: number }[] = [];
  CONSUMABLES.forEach((k, kind) => k.specs.forEach((_, spec) => combos.push({ kind, spec })));
  const perCombo = 10;
  return {
    baseCount: combos.length * perCombo,
    row: (i) => {
      const p = Prng.derive(seed, '1306', i);
      const c = combos[i % combos.length] as (typeof combos)[number];
      const kind = CONSUMABLES[c.kind] as (typeof CONSUMABLES)[number];
      const mfrIndex = p.int(0, MANUFACTURERS.length - 1);
      const mfr = MANUFACTURERS[mfrIndex] as (typeof MANUFACTURERS)[number];
      const refFen = p.int(kind.priceFen[0], kind.priceFen[1]);
      const lv = level(p, 30, 85);
      const item = {
        ...emptyItem(`C${kind.cls}${pad(c.spec, 2)}${pad(mfrIndex, 3)}${pad(i, 8)}`, kind.name, kind.pinyin),
        listType: '301',
        gennm: kind.name,
        spec: kind.specs[c.spec] as string,
        pacunt: kind.unit,
        prodentpName: `${mfr.name.slice(0, 4)}医疗器械有限公司`,
        aprvno: `国械注准20${p.int(15, 24)}3${p.digits(6)}`,
        barcode: makeEan13(`69${pad(mfrIndex, 3)}${pad(5_000_000 + i, 7)}`),
        chrgitmLv: lv,
        medChrgitmType: '08',
        selfpayProp: lv === '01' ? ratio(0) : lv === '02' ? ratio(p.pick([1000, 2000, 3000])) : ratio(10000),
        pricUplmtAmt: p.percent(50) ? priceFromFen(applyRatio(fen(refFen), ratio(p.int(9000, 12000)))) : null,
        refPric: priceFromFen(fen(refFen)),
      };
      return { item, refFen };
    },
  };
}

// ---- 1307 疾病与诊断, 1308 手术操作, 1309 门诊慢特病种 -----------------------------------

function diagnosisGenerator(seed: number): CatalogueGenerator {
  const base: (Named & { code: string })[] = [];
  for (const root of DIAGNOSIS_ROOTS) {
    const usable = range(DIAGNOSIS_QUALIFIERS.length - 1, 1).filter(
      (q) =>
        !root.name.startsWith('急性') &&
        !root.name.startsWith('慢性') &&
        !root.name.includes((DIAGNOSIS_QUALIFIERS[q] as Named).name),
    );
    const picked = Prng.derive(seed, '1307', 'qualifiers', root.code)
      .sample(usable, 4)
      .sort((a, b) => a - b);
    base.push({ code: `${root.code}.900`, name: root.name, pinyin: root.pinyin });
    picked.forEach((q, n) => {
      const qualifier = DIAGNOSIS_QUALIFIERS[q] as Named;
      base.push({ code: `${root.code}.${n}00`, name: qualifier.name + root.name, pinyin: qualifier.pinyin + root.pinyin });
    });
  }
  return {
    baseCount: base.length,
    row: (i) => {
      const d = base[i % base.length] as Named & { code: string };
      const ext = Math.floor(i / base.length);
      // Later versions add 医保版 extension codes (x001 …): the same diagnosis with complications.
      const item =
        ext === 0
          ? emptyItem(d.code, d.name, d.pinyin)
          : emptyItem(`${d.code}x${pad(ext, 3)}`, `${d.name}伴并发症`, `${d.pinyin}BBFZ`);
      return { item, refFen: null };
    },
  };
}

function listGenerator(list: readonly (Named & { code: string })[]): CatalogueGenerator {
  return {
    baseCount: list.length,
    row: (i) => {
      const e = list[i % list.length] as Named & { code: string };
      return { item: emptyItem(e.code, e.name, e.pinyin), refFen: null };
    },
  };
}

// ---- helpers ----------------------------------------------------------------------

/** chrgitm_lv: below `a` 甲类, below `b` 乙类, else 丙类 (percent rolls). */
function level(p: Prng, a: number, b: number): '01' | '02' | '03' {
  const roll = p.int(0, 99);
  return roll < a ? '01' : roll < b ? '02' : '03';
}

/** 先自付比例: 甲类 0, 乙类 5 %–20 % (10 % most often), 丙类 100 %. */
function selfpay(lv: '01' | '02' | '03', p: Prng): Ratio {
  if (lv === '01') return ratio(0);
  if (lv === '03') return ratio(10000);
  return ratio(p.pick([500, 1000, 1000, 1000, 1500, 2000]));
}

function flag(on: boolean): '0' | '1' {
  return on ? '1' : '0';
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function range(count: number, start = 0): number[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => start + i);
}

function indexForms(groups: Readonly<Record<string, readonly DosageForm[]>>): Map<DosageForm, number> {
  const out = new Map<DosageForm, number>();
  for (const forms of Object.values(groups)) for (const f of forms) out.set(f, out.size + 1);
  return out;
}
