/**
 * Catalogues the first seed layout did not publish: 1304 民族药品 (藏药, 蒙药, 维药, 苗药 …, list_type
 * 104, so they are 医保目录 rows of 1312 too), and the newer national lists 1306A 27位医用耗材 (the
 * same consumables as 1306 under their 27-character code), 1320 中药配方颗粒 (the 1302 herbs as
 * granules) and the 体外诊断试剂 lists 1322–1327 (products, product ↔ registration, test
 * indicators, product codes, registrations, classification). The newer ones are not 1312 rows
 * (list_type stays empty). Row i is a pure function of (seed, i).
 */
import { applyRatio, fen, priceFromFen, ratio } from '../../amounts';
import { Prng } from '../prng';
import { MANUFACTURERS } from './drug-tables';
import { CONSUMABLES, HERBS } from './item-tables';
import { emptyItem, type ItemDraft } from './item-draft';

interface Generator {
  baseCount: number;
  row(i: number): { item: ItemDraft; refFen: number | null };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function item(code: string, name: string, pinyin: string, extra: Partial<ItemDraft> = {}): ItemDraft {
  return { ...emptyItem(code, name, pinyin), ...extra };
}

/** 民族药: name, 拼音首字母, dosage form, pack. */
const ETHNIC_DRUGS = [
  ['二十五味珍珠丸', 'ESWWZZW', '丸剂', '每4丸重1g*30丸'],
  ['七十味珍珠丸', 'QSWZZW', '丸剂', '每丸重1g*6丸'],
  ['十味龙胆花颗粒', 'SWLDHKL', '颗粒剂', '3g*12袋'],
  ['二十五味松石丸', 'ESWWSSW', '丸剂', '每丸重1g*10丸'],
  ['仁青芒觉', 'RQMJ', '丸剂', '每丸重1g*3丸'],
  ['如意珍宝丸', 'RYZBW', '丸剂', '每4丸重1g*60丸'],
  ['洁白丸', 'JBW', '丸剂', '每丸重0.8g*24丸'],
  ['扎冲十三味丸', 'ZCSSWW', '丸剂', '每10丸重2g*30丸'],
  ['珍宝丸', 'ZBW', '丸剂', '每10丸重2g*30丸'],
  ['祖卡木颗粒', 'ZKMKL', '颗粒剂', '12g*10袋'],
  ['寒喘祖帕颗粒', 'HCZPKL', '颗粒剂', '12g*10袋'],
  ['仙灵骨葆胶囊', 'XLGBJN', '胶囊剂', '0.5g*40粒'],
  ['金乌骨通胶囊', 'JWGTJN', '胶囊剂', '0.35g*60粒'],
  ['雪山金罗汉止痛涂膜剂', 'XSJLHZTTMJ', '涂膜剂', '45ml'],
  ['安神丸', 'ASW', '丸剂', '每丸重0.3g*30丸'],
] as const;

/** 1304: each 民族药 from three makers. */
function ethnicDrugs(seed: number): Generator {
  return {
    baseCount: ETHNIC_DRUGS.length * 3,
    row: (i) => {
      const p = Prng.derive(seed, '1304', i);
      const [name, py, dosform, spec] = ETHNIC_DRUGS[i % ETHNIC_DRUGS.length] as (typeof ETHNIC_DRUGS)[number];
      const maker = p.int(0, MANUFACTURERS.length - 1);
      const refFen = p.int(1500, 38000);
      const lv = p.percent(40) ? '01' : '02';
      return {
        refFen,
        item: item(`ZM${pad(i % ETHNIC_DRUGS.length, 4)}${pad(maker, 3)}${pad(i, 8)}`, name, py, {
          listType: '104',
          gennm: name,
          spec,
          dosform,
          pacunt: '盒',
          prodentpName: (MANUFACTURERS[maker] as { name: string }).name,
          aprvno: `国药准字Z${p.digits(8)}`,
          chrgitmLv: lv,
          medChrgitmType: '09',
          selfpayProp: lv === '01' ? ratio(0) : ratio(1000),
          refPric: priceFromFen(fen(refFen)),
        }),
      };
    },
  };
}

/** 1306A: C + 6-digit class + 2-digit spec + 3-digit maker + 15-digit serial = 27 characters. */
function consumable27(seed: number): Generator {
  const combos = CONSUMABLES.flatMap((kind, k) => kind.specs.map((spec, s) => ({ kind, k, spec, s })));
  const perCombo = 3;
  return {
    baseCount: combos.length * perCombo,
    row: (i) => {
      const p = Prng.derive(seed, '1306A', i);
      const c = combos[i % combos.length] as (typeof combos)[number];
      const maker = p.int(0, MANUFACTURERS.length - 1);
      const refFen = p.int(c.kind.priceFen[0], c.kind.priceFen[1]);
      const lv = p.percent(60) ? '01' : '02';
      return {
        refFen,
        item: item(`C${c.kind.cls}${pad(c.s, 2)}${pad(maker, 3)}${pad(i, 15)}`, c.kind.name, c.kind.pinyin, {
          gennm: c.kind.name,
          spec: c.spec,
          pacunt: c.kind.unit,
          prodentpName: `${(MANUFACTURERS[maker] as { name: string }).name.slice(0, 4)}医疗器械有限公司`,
          aprvno: `国械注准20${p.int(15, 24)}3${p.digits(6)}`,
          chrgitmLv: lv,
          medChrgitmType: '08',
          selfpayProp: lv === '01' ? ratio(0) : ratio(1000),
          refPric: priceFromFen(fen(refFen)),
          pricUplmtAmt: p.percent(40) ? priceFromFen(applyRatio(fen(refFen), ratio(11000))) : null,
        }),
      };
    },
  };
}

/** 1320: one granule per herb (1 g equivalent per bag). */
function granules(seed: number): Generator {
  return {
    baseCount: HERBS.length,
    row: (i) => {
      const p = Prng.derive(seed, '1320', i);
      const herb = HERBS[i % HERBS.length] as { name: string; pinyin: string };
      const refFen = p.int(30, 600);
      return {
        refFen,
        item: item(`TKL${pad(i, 8)}`, `${herb.name}配方颗粒`, `${herb.pinyin}PFKL`, {
          gennm: herb.name,
          spec: '每袋相当于饮片1g',
          dosform: '颗粒剂',
          pacunt: '袋',
          prodentpName: p.pick(['华润三九医药股份有限公司', '江阴天江药业有限公司', '四川新绿色药业科技发展有限公司']),
          chrgitmLv: p.percent(70) ? '02' : '03',
          medChrgitmType: '10',
          refPric: priceFromFen(fen(refFen)),
        }),
      };
    },
  };
}

/** The 体外诊断试剂 the sandbox knows: product, its test indicator, classification, spec. */
const IVD_PRODUCTS = [
  [
    '乙型肝炎病毒表面抗原检测试剂盒(胶体金法)',
    'YXGYBDBMKYJCSJHJTJF',
    '乙型肝炎病毒表面抗原',
    'YXGYBDBMKY',
    '6840-03',
    '20人份/盒',
  ],
  ['丙型肝炎病毒抗体检测试剂盒(酶联免疫法)', 'BXGYBDKTJCSJHMLMYF', '丙型肝炎病毒抗体', 'BXGYBDKT', '6840-03', '96人份/盒'],
  [
    '人类免疫缺陷病毒抗体检测试剂盒(胶体金法)',
    'RLMYQXBDKTJCSJHJTJF',
    '人类免疫缺陷病毒抗体',
    'RLMYQXBDKT',
    '6840-03',
    '20人份/盒',
  ],
  ['梅毒螺旋体抗体检测试剂盒(胶体金法)', 'MDLXTKTJCSJHJTJF', '梅毒螺旋体抗体', 'MDLXTKT', '6840-03', '40人份/盒'],
  ['C反应蛋白测定试剂盒(免疫比浊法)', 'CFYDBCDSJHMYBZF', 'C反应蛋白', 'CFYDB', '6840-02', '2×50ml'],
  ['葡萄糖测定试剂盒(葡萄糖氧化酶法)', 'PTTCDSJHPTTYHMF', '葡萄糖', 'PTT', '6840-01', '4×60ml'],
  ['糖化血红蛋白测定试剂盒(酶法)', 'THXHDBCDSJHMF', '糖化血红蛋白', 'THXHDB', '6840-01', '2×20ml'],
  ['肌酐测定试剂盒(酶法)', 'JGCDSJHMF', '肌酐', 'JG', '6840-01', '4×40ml'],
  ['丙氨酸氨基转移酶测定试剂盒(IFCC法)', 'BASAJZYMCDSJHIFCCF', '丙氨酸氨基转移酶', 'BASAJZYM', '6840-01', '4×50ml'],
  ['新型冠状病毒抗原检测试剂盒(胶体金法)', 'XXGZBDKYJCSJHJTJF', '新型冠状病毒抗原', 'XXGZBDKY', '6840-03', '1人份/盒'],
  ['甲胎蛋白测定试剂盒(化学发光法)', 'JTDBCDSJHHXFGF', '甲胎蛋白', 'JTDB', '6840-04', '100测试/盒'],
  ['降钙素原测定试剂盒(免疫荧光法)', 'JGSYCDSJHMYYGF', '降钙素原', 'JGSY', '6840-04', '25人份/盒'],
] as const;
const IVD_CLASSES = [
  ['6840-01', '临床化学类检测试剂', 'LCHXLJCSJ'],
  ['6840-02', '临床免疫比浊类检测试剂', 'LCMYBZLJCSJ'],
  ['6840-03', '病原体抗原抗体检测试剂', 'BYTKYKTJCSJ'],
  ['6840-04', '肿瘤及炎症标志物检测试剂', 'ZLJYZBZWJCSJ'],
] as const;
const IVD_MAKERS = ['艾康生物技术(杭州)有限公司', '迈克生物股份有限公司', '万孚生物技术股份有限公司', '科华生物工程股份有限公司'];

/** Registration number of product i (stable for the seed), shared by 1322, 1323 and 1326. */
function ivdRegistration(seed: number, i: number): { no: string; maker: string } {
  const p = Prng.derive(seed, 'ivd', 'registration', i);
  return { no: `国械注准20${p.int(16, 24)}3${p.digits(6)}`, maker: p.pick(IVD_MAKERS) };
}

function ivd(infno: '1322' | '1323' | '1324' | '1325' | '1326' | '1327', seed: number): Generator {
  if (infno === '1327') {
    return {
      baseCount: IVD_CLASSES.length,
      row: (i) => {
        const [code, name, py] = IVD_CLASSES[i % IVD_CLASSES.length] as (typeof IVD_CLASSES)[number];
        return { refFen: null, item: item(code, name, py) };
      },
    };
  }
  return {
    baseCount: IVD_PRODUCTS.length,
    row: (i) => {
      const [name, py, indicator, indicatorPy, cls, spec] = IVD_PRODUCTS[
        i % IVD_PRODUCTS.length
      ] as (typeof IVD_PRODUCTS)[number];
      const reg = ivdRegistration(seed, i);
      const productCode = `IVD${cls.replace('-', '')}${pad(i, 6)}`;
      const product = { spec, prodentpName: reg.maker, aprvno: reg.no, memo: cls };
      switch (infno) {
        case '1322':
          return { refFen: null, item: item(productCode, name, py, product) };
        case '1323':
          return {
            refFen: null,
            item: item(`${productCode}-${reg.no.slice(-7)}`, name, py, { ...product, memo: `注册证 ${reg.no}` }),
          };
        case '1324':
          return { refFen: null, item: item(`IND${pad(i, 6)}`, indicator, indicatorPy, { memo: cls }) };
        case '1325':
          return { refFen: null, item: item(`${cls.replace('-', '')}${pad(i, 6)}${reg.no.slice(-6)}`, name, py, product) };
        default:
          return { refFen: null, item: item(reg.no, `${name}注册证`, `${py}ZCZ`, { prodentpName: reg.maker, memo: cls }) };
      }
    },
  };
}

/** Generators of these catalogues, or undefined for another code. */
export function newerCatalogueGenerator(infno: string, seed: number): Generator | undefined {
  switch (infno) {
    case '1304':
      return ethnicDrugs(seed);
    case '1306A':
      return consumable27(seed);
    case '1320':
      return granules(seed);
    case '1322':
    case '1323':
    case '1324':
    case '1325':
    case '1326':
    case '1327':
      return ivd(infno, seed);
    default:
      return undefined;
  }
}

/** Rows per later version (added, re-published) of each of these catalogues. */
export const NEWER_CATALOGUE_PLAN = [
  { infno: '1304', title: '民族药品目录', add: 2, change: 2 },
  { infno: '1306A', title: '27位医用耗材目录', add: 5, change: 3 },
  { infno: '1320', title: '中药配方颗粒目录', add: 0, change: 2 },
  { infno: '1322', title: '体外诊断试剂产品信息', add: 0, change: 1 },
  { infno: '1323', title: '体外诊断试剂产品信息与注册证关联信息', add: 0, change: 1 },
  { infno: '1324', title: '体外诊断试剂检测指标信息', add: 0, change: 1 },
  { infno: '1325', title: '体外诊断试剂产品信息编码', add: 0, change: 1 },
  { infno: '1326', title: '体外诊断试剂注册证信息', add: 0, change: 1 },
  { infno: '1327', title: '体外诊断试剂分类目录', add: 0, change: 1 },
] as const;
