/**
 * 门诊慢特病种 (1309) of the sandbox, with the category seed 004 keys the deductible on:
 * 1 and 4 have no deductible, 2 and 3 one deductible a year. Initials are of the name.
 */
export interface ChronicDisease {
  code: string;
  name: string;
  pinyin: string;
  category: 1 | 2 | 3 | 4;
}

export const CHRONIC_DISEASES: readonly ChronicDisease[] = [
  { code: 'M00100', name: '恶性肿瘤门诊治疗', pinyin: 'EXZLMZZL', category: 1 },
  { code: 'M00200', name: '器官移植抗排异治疗', pinyin: 'QGYZKPYZL', category: 1 },
  { code: 'M00300', name: '再生障碍性贫血', pinyin: 'ZSZAXPX', category: 1 },
  { code: 'M00400', name: '血友病', pinyin: 'XYB', category: 1 },
  { code: 'M00500', name: '系统性红斑狼疮', pinyin: 'XTXHBLC', category: 1 },
  { code: 'M01000', name: '高血压病', pinyin: 'GXYB', category: 2 },
  { code: 'M01100', name: '糖尿病', pinyin: 'TNB', category: 2 },
  { code: 'M01200', name: '帕金森病', pinyin: 'PJSB', category: 2 },
  { code: 'M01300', name: '癫痫', pinyin: 'DX', category: 2 },
  { code: 'M01400', name: '甲状腺功能亢进症', pinyin: 'JZXGNKJZ', category: 2 },
  { code: 'M01500', name: '慢性病毒性肝炎', pinyin: 'MXBDXGY', category: 2 },
  { code: 'M02000', name: '冠心病', pinyin: 'GXB', category: 3 },
  { code: 'M02100', name: '慢性阻塞性肺疾病', pinyin: 'MXZSXFJB', category: 3 },
  { code: 'M02200', name: '脑血管病后遗症', pinyin: 'NXGBHYZ', category: 3 },
  { code: 'M02300', name: '类风湿关节炎', pinyin: 'LFSGJY', category: 3 },
  { code: 'M02400', name: '肝硬化', pinyin: 'GYH', category: 3 },
  { code: 'M03000', name: '慢性肾脏病血液透析', pinyin: 'MXSZBXYTX', category: 4 },
  { code: 'M03100', name: '精神分裂症', pinyin: 'JSFLZ', category: 4 },
  { code: 'M03200', name: '肺结核', pinyin: 'FJH', category: 4 },
  { code: 'M03300', name: '脑瘫康复', pinyin: 'NTKF', category: 4 },
];

/** 城乡两病 (高血压, 糖尿病). */
export const TWO_DISEASES = ['M01000', 'M01100'] as const;
