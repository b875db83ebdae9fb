/**
 * The catalogue items seed 004's matrix sells. Their attributes are what the split depends on
 * (POLICY.md §2): 甲类 no 先自付, 乙类 先自付 by 1319, 丙类 全自费, 限价 by 1318. The runner enrols them in
 * the embedded sandbox's catalogue with exactly these attributes.
 */
import type { MatrixItem } from './types';

const drug = (code: string, name: string, lv: MatrixItem['chrgitmLv'], selfpayProp: string): MatrixItem => ({
  code,
  name,
  catalogue: '1301',
  listType: '101',
  chrgitmLv: lv,
  medChrgitmType: '09',
  selfpayProp,
  pricUplmt: null,
});

const service = (code: string, name: string, lv: MatrixItem['chrgitmLv'], type: string, selfpayProp: string): MatrixItem => ({
  code,
  name,
  catalogue: '1305',
  listType: '201',
  chrgitmLv: lv,
  medChrgitmType: type,
  selfpayProp,
  pricUplmt: null,
});

export const ITEMS = {
  /** 甲类 西药: all of it in scope. */
  jia: drug('YSJZ00000001', '验收甲类西药(阿莫西林胶囊)', '01', '0'),
  /** 乙类 西药, 先自付 10 %. */
  yi: drug('YSJZ00000002', '验收乙类西药(头孢克洛缓释片)', '02', '0.1'),
  /** 丙类 西药: 全自费. */
  bing: drug('YSJZ00000003', '验收丙类西药(复合维生素片)', '03', '1'),
  /** 造口袋: 乙类 耗材, 先自付 20 %, 限价 60.00 a piece. */
  stomaBag: {
    code: 'YSJZ00000004',
    name: '验收造口袋',
    catalogue: '1306',
    listType: '301',
    chrgitmLv: '02',
    medChrgitmType: '08',
    selfpayProp: '0.2',
    pricUplmt: '60.00',
  },
  /** 新型冠状病毒核酸检测: 甲类 化验. */
  nucleicTest: service('YSJZ00000005', '验收新型冠状病毒核酸检测', '01', '04', '0'),
  /** 一般诊疗费: 甲类, med_chrgitm_type 12 (居民 paid as a fixed amount). */
  generalFee: service('YSJZ00000006', '验收一般诊疗费', '01', '12', '0'),
  /** 普通门诊诊查费 (取消药品加成后单独收取): 甲类 诊察费. */
  consultFee: service('YSJZ00000007', '验收普通门诊诊查费', '01', '02', '0'),
  /** 血液透析: 甲类 治疗. */
  dialysis: service('YSJZ00000008', '验收血液透析', '01', '05', '0'),
  /** 小儿脑瘫康复训练: 乙类 治疗, 先自付 10 %. */
  rehab: service('YSJZ00000009', '验收小儿脑瘫康复训练', '02', '05', '0.1'),
  /** 清创缝合 (外伤): 甲类 治疗. */
  debridement: service('YSJZ00000010', '验收清创缝合术', '01', '05', '0'),
} as const satisfies Record<string, MatrixItem>;
