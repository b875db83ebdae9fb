/**
 * Components of the synthetic 西药中成药 catalogue (1301). Every name component carries its
 * 拼音首字母, so a composed name's initials are the concatenation, with no pinyin library.
 * Polyphonic characters are given in their reading here: 术 in 白术 is zhú (Z), 塞 in 血塞通
 * sāi (S), 参 in 参苓 shēn (S).
 */

/** `groups`: O oral solid/liquid, I injection, T topical/inhaled. */
export interface WesternDrug {
  name: string;
  pinyin: string;
  atc: string;
  groups: string;
}

export const WESTERN_DRUGS: readonly WesternDrug[] = [
  { name: '阿莫西林', pinyin: 'AMXL', atc: 'J01CA', groups: 'OI' },
  { name: '头孢克肟', pinyin: 'TBKW', atc: 'J01DD', groups: 'O' },
  { name: '头孢呋辛', pinyin: 'TBFX', atc: 'J01DC', groups: 'OI' },
  { name: '头孢曲松', pinyin: 'TBQS', atc: 'J01DD', groups: 'I' },
  { name: '头孢他啶', pinyin: 'TBTD', atc: 'J01DD', groups: 'I' },
  { name: '头孢唑林', pinyin: 'TBZL', atc: 'J01DB', groups: 'I' },
  { name: '青霉素', pinyin: 'QMS', atc: 'J01CE', groups: 'I' },
  { name: '哌拉西林', pinyin: 'PLXL', atc: 'J01CA', groups: 'I' },
  { name: '美罗培南', pinyin: 'MLPN', atc: 'J01DH', groups: 'I' },
  { name: '阿奇霉素', pinyin: 'AQMS', atc: 'J01FA', groups: 'OI' },
  { name: '罗红霉素', pinyin: 'LHMS', atc: 'J01FA', groups: 'O' },
  { name: '克拉霉素', pinyin: 'KLMS', atc: 'J01FA', groups: 'O' },
  { name: '红霉素', pinyin: 'HMS', atc: 'J01FA', groups: 'OT' },
  { name: '左氧氟沙星', pinyin: 'ZYFSX', atc: 'J01MA', groups: 'OIT' },
  { name: '莫西沙星', pinyin: 'MXSX', atc: 'J01MA', groups: 'OI' },
  { name: '环丙沙星', pinyin: 'HBSX', atc: 'J01MA', groups: 'OI' },
  { name: '多西环素', pinyin: 'DXHS', atc: 'J01AA', groups: 'O' },
  { name: '米诺环素', pinyin: 'MNHS', atc: 'J01AA', groups: 'O' },
  { name: '甲硝唑', pinyin: 'JXZ', atc: 'P01AB', groups: 'OIT' },
  { name: '万古霉素', pinyin: 'WGMS', atc: 'J01XA', groups: 'I' },
  { name: '利奈唑胺', pinyin: 'LNZA', atc: 'J01XX', groups: 'OI' },
  { name: '庆大霉素', pinyin: 'QDMS', atc: 'J01GB', groups: 'IT' },
  { name: '阿米卡星', pinyin: 'AMKX', atc: 'J01GB', groups: 'I' },
  { name: '氟康唑', pinyin: 'FKZ', atc: 'J02AC', groups: 'OI' },
  { name: '伊曲康唑', pinyin: 'YQKZ', atc: 'J02AC', groups: 'O' },
  { name: '阿昔洛韦', pinyin: 'AXLW', atc: 'J05AB', groups: 'OIT' },
  { name: '更昔洛韦', pinyin: 'GXLW', atc: 'J05AB', groups: 'IT' },
  { name: '奥司他韦', pinyin: 'ASTW', atc: 'J05AH', groups: 'O' },
  { name: '利巴韦林', pinyin: 'LBWL', atc: 'J05AP', groups: 'OI' },
  { name: '异烟肼', pinyin: 'YYJ', atc: 'J04AC', groups: 'OI' },
  { name: '利福平', pinyin: 'LFP', atc: 'J04AB', groups: 'O' },
  { name: '乙胺丁醇', pinyin: 'YADC', atc: 'J04AK', groups: 'O' },
  { name: '布洛芬', pinyin: 'BLF', atc: 'M01AE', groups: 'OT' },
  { name: '对乙酰氨基酚', pinyin: 'DYXAJF', atc: 'N02BE', groups: 'O' },
  { name: '双氯芬酸钠', pinyin: 'SLFSN', atc: 'M01AB', groups: 'OT' },
  { name: '洛索洛芬钠', pinyin: 'LSLFN', atc: 'M01AE', groups: 'OT' },
  { name: '塞来昔布', pinyin: 'SLXB', atc: 'M01AH', groups: 'O' },
  { name: '美洛昔康', pinyin: 'MLXK', atc: 'M01AC', groups: 'O' },
  { name: '曲马多', pinyin: 'QMD', atc: 'N02AX', groups: 'OI' },
  { name: '阿司匹林', pinyin: 'ASPL', atc: 'B01AC', groups: 'O' },
  { name: '氯吡格雷', pinyin: 'LBGL', atc: 'B01AC', groups: 'O' },
  { name: '华法林钠', pinyin: 'HFLN', atc: 'B01AA', groups: 'O' },
  { name: '利伐沙班', pinyin: 'LFSB', atc: 'B01AF', groups: 'O' },
  { name: '依诺肝素钠', pinyin: 'YNGSN', atc: 'B01AB', groups: 'I' },
  { name: '硝苯地平', pinyin: 'XBDP', atc: 'C08CA', groups: 'O' },
  { name: '氨氯地平', pinyin: 'ALDP', atc: 'C08CA', groups: 'O' },
  { name: '非洛地平', pinyin: 'FLDP', atc: 'C08CA', groups: 'O' },
  { name: '左氨氯地平', pinyin: 'ZALDP', atc: 'C08CA', groups: 'O' },
  { name: '缬沙坦', pinyin: 'XST', atc: 'C09CA', groups: 'O' },
  { name: '厄贝沙坦', pinyin: 'EBST', atc: 'C09CA', groups: 'O' },
  { name: '氯沙坦钾', pinyin: 'LSTJ', atc: 'C09CA', groups: 'O' },
  { name: '替米沙坦', pinyin: 'TMST', atc: 'C09CA', groups: 'O' },
  { name: '贝那普利', pinyin: 'BNPL', atc: 'C09AA', groups: 'O' },
  { name: '依那普利', pinyin: 'YNPL', atc: 'C09AA', groups: 'O' },
  { name: '卡托普利', pinyin: 'KTPL', atc: 'C09AA', groups: 'O' },
  { name: '美托洛尔', pinyin: 'MTLE', atc: 'C07AB', groups: 'OI' },
  { name: '比索洛尔', pinyin: 'BSLE', atc: 'C07AB', groups: 'O' },
  { name: '氢氯噻嗪', pinyin: 'QLSQ', atc: 'C03AA', groups: 'O' },
  { name: '吲达帕胺', pinyin: 'YDPA', atc: 'C03BA', groups: 'O' },
  { name: '螺内酯', pinyin: 'LNZ', atc: 'C03DA', groups: 'O' },
  { name: '呋塞米', pinyin: 'FSM', atc: 'C03CA', groups: 'OI' },
  { name: '阿托伐他汀钙', pinyin: 'ATFTTG', atc: 'C10AA', groups: 'O' },
  { name: '辛伐他汀', pinyin: 'XFTT', atc: 'C10AA', groups: 'O' },
  { name: '瑞舒伐他汀钙', pinyin: 'RSFTTG', atc: 'C10AA', groups: 'O' },
  { name: '硝酸甘油', pinyin: 'XSGY', atc: 'C01DA', groups: 'OIT' },
  { name: '单硝酸异山梨酯', pinyin: 'DXSYSLZ', atc: 'C01DA', groups: 'OI' },
  { name: '曲美他嗪', pinyin: 'QMTQ', atc: 'C01EB', groups: 'O' },
  { name: '地高辛', pinyin: 'DGX', atc: 'C01AA', groups: 'OI' },
  { name: '胺碘酮', pinyin: 'ADT', atc: 'C01BD', groups: 'OI' },
  { name: '二甲双胍', pinyin: 'EJSG', atc: 'A10BA', groups: 'O' },
  { name: '格列美脲', pinyin: 'GLMN', atc: 'A10BB', groups: 'O' },
  { name: '格列齐特', pinyin: 'GLQT', atc: 'A10BB', groups: 'O' },
  { name: '阿卡波糖', pinyin: 'AKBT', atc: 'A10BF', groups: 'O' },
  { name: '西格列汀', pinyin: 'XGLT', atc: 'A10BH', groups: 'O' },
  { name: '达格列净', pinyin: 'DGLJ', atc: 'A10BK', groups: 'O' },
  { name: '门冬胰岛素', pinyin: 'MDYDS', atc: 'A10AB', groups: 'I' },
  { name: '甘精胰岛素', pinyin: 'GJYDS', atc: 'A10AE', groups: 'I' },
  { name: '奥美拉唑', pinyin: 'AMLZ', atc: 'A02BC', groups: 'OI' },
  { name: '雷贝拉唑钠', pinyin: 'LBLZN', atc: 'A02BC', groups: 'O' },
  { name: '兰索拉唑', pinyin: 'LSLZ', atc: 'A02BC', groups: 'OI' },
  { name: '泮托拉唑', pinyin: 'PTLZ', atc: 'A02BC', groups: 'OI' },
  { name: '铝碳酸镁', pinyin: 'LTSM', atc: 'A02AD', groups: 'O' },
  { name: '多潘立酮', pinyin: 'DPLT', atc: 'A03FA', groups: 'O' },
  { name: '莫沙必利', pinyin: 'MSBL', atc: 'A03FA', groups: 'O' },
  { name: '蒙脱石', pinyin: 'MTS', atc: 'A07BC', groups: 'O' },
  { name: '双歧杆菌三联活菌', pinyin: 'SQGJSLHJ', atc: 'A07FA', groups: 'O' },
  { name: '乳果糖', pinyin: 'RGT', atc: 'A06AD', groups: 'O' },
  { name: '氨溴索', pinyin: 'AXS', atc: 'R05CB', groups: 'OI' },
  { name: '溴己新', pinyin: 'XJX', atc: 'R05CB', groups: 'OI' },
  { name: '右美沙芬', pinyin: 'YMSF', atc: 'R05DA', groups: 'O' },
  { name: '孟鲁司特钠', pinyin: 'MLSTN', atc: 'R03DC', groups: 'O' },
  { name: '沙丁胺醇', pinyin: 'SDAC', atc: 'R03AC', groups: 'OT' },
  { name: '布地奈德', pinyin: 'BDND', atc: 'R03BA', groups: 'T' },
  { name: '氯雷他定', pinyin: 'LLTD', atc: 'R06AX', groups: 'O' },
  { name: '西替利嗪', pinyin: 'XTLQ', atc: 'R06AE', groups: 'O' },
  { name: '地氯雷他定', pinyin: 'DLLTD', atc: 'R06AX', groups: 'O' },
  { name: '泼尼松', pinyin: 'PNS', atc: 'H02AB', groups: 'O' },
  { name: '地塞米松', pinyin: 'DSMS', atc: 'H02AB', groups: 'OIT' },
  { name: '甲泼尼龙', pinyin: 'JPNL', atc: 'H02AB', groups: 'OI' },
  { name: '左甲状腺素钠', pinyin: 'ZJZXSN', atc: 'H03AA', groups: 'O' },
  { name: '甲巯咪唑', pinyin: 'JQMZ', atc: 'H03BB', groups: 'O' },
  { name: '骨化三醇', pinyin: 'GHSC', atc: 'A11CC', groups: 'O' },
  { name: '碳酸钙', pinyin: 'TSG', atc: 'A12AA', groups: 'O' },
  { name: '阿仑膦酸钠', pinyin: 'ALLSN', atc: 'M05BA', groups: 'O' },
  { name: '甲钴胺', pinyin: 'JGA', atc: 'B03BA', groups: 'OI' },
  { name: '叶酸', pinyin: 'YS', atc: 'B03BB', groups: 'O' },
  { name: '琥珀酸亚铁', pinyin: 'HPSYT', atc: 'B03AA', groups: 'O' },
  { name: '坦洛新', pinyin: 'TLX', atc: 'G04CA', groups: 'O' },
  { name: '非那雄胺', pinyin: 'FNXA', atc: 'G04CB', groups: 'O' },
  { name: '艾司唑仑', pinyin: 'ASZL', atc: 'N05CD', groups: 'OI' },
  { name: '阿普唑仑', pinyin: 'APZL', atc: 'N05BA', groups: 'O' },
  { name: '舍曲林', pinyin: 'SQL', atc: 'N06AB', groups: 'O' },
  { name: '帕罗西汀', pinyin: 'PLXT', atc: 'N06AB', groups: 'O' },
  { name: '草酸艾司西酞普兰', pinyin: 'CSASXTPL', atc: 'N06AB', groups: 'O' },
  { name: '利培酮', pinyin: 'LPT', atc: 'N05AX', groups: 'O' },
  { name: '奥氮平', pinyin: 'ADP', atc: 'N05AH', groups: 'O' },
  { name: '喹硫平', pinyin: 'KLP', atc: 'N05AH', groups: 'O' },
  { name: '丙戊酸钠', pinyin: 'BWSN', atc: 'N03AG', groups: 'OI' },
  { name: '卡马西平', pinyin: 'KMXP', atc: 'N03AF', groups: 'O' },
  { name: '左乙拉西坦', pinyin: 'ZYLXT', atc: 'N03AX', groups: 'OI' },
  { name: '多奈哌齐', pinyin: 'DNPQ', atc: 'N06DA', groups: 'O' },
  { name: '别嘌醇', pinyin: 'BPC', atc: 'M04AA', groups: 'O' },
  { name: '非布司他', pinyin: 'FBST', atc: 'M04AA', groups: 'O' },
  { name: '秋水仙碱', pinyin: 'QSXJ', atc: 'M04AC', groups: 'O' },
  { name: '他克莫司', pinyin: 'TKMS', atc: 'L04AD', groups: 'OT' },
  { name: '环孢素', pinyin: 'HBS', atc: 'L04AD', groups: 'OI' },
  { name: '甲氨蝶呤', pinyin: 'JADL', atc: 'L01BA', groups: 'OI' },
  { name: '来曲唑', pinyin: 'LQZ', atc: 'L02BG', groups: 'O' },
  { name: '他莫昔芬', pinyin: 'TMXF', atc: 'L02BA', groups: 'O' },
  { name: '卡培他滨', pinyin: 'KPTB', atc: 'L01BC', groups: 'O' },
  { name: '伊马替尼', pinyin: 'YMTN', atc: 'L01EA', groups: 'O' },
  { name: '吉非替尼', pinyin: 'JFTN', atc: 'L01EB', groups: 'O' },
  { name: '利多卡因', pinyin: 'LDKY', atc: 'N01BB', groups: 'IT' },
  { name: '葡萄糖', pinyin: 'PTT', atc: 'B05BA', groups: 'I' },
  { name: '氯化钠', pinyin: 'LHN', atc: 'B05XA', groups: 'I' },
  { name: '氯化钾', pinyin: 'LHJ', atc: 'A12BA', groups: 'OI' },
  { name: '碳酸氢钠', pinyin: 'TSQN', atc: 'B05XA', groups: 'OI' },
  { name: '甘露醇', pinyin: 'GLC', atc: 'B05BC', groups: 'I' },
];

/** 中成药: `cls` is the class part of the Z code; `groups`: W 丸, P 片, J 胶囊, K 颗粒, L 液体, D 滴丸, I 注射液. */
export interface PatentMedicine {
  name: string;
  pinyin: string;
  cls: string;
  groups: string;
}

export const PATENT_MEDICINES: readonly PatentMedicine[] = [
  { name: '连花清瘟', pinyin: 'LHQW', cls: 'A01', groups: 'JK' },
  { name: '板蓝根', pinyin: 'BLG', cls: 'A01', groups: 'KP' },
  { name: '银翘解毒', pinyin: 'YQJD', cls: 'A01', groups: 'WPK' },
  { name: '感冒清热', pinyin: 'GMQR', cls: 'A01', groups: 'KJ' },
  { name: '藿香正气', pinyin: 'HXZQ', cls: 'A03', groups: 'LJW' },
  { name: '小柴胡', pinyin: 'XCH', cls: 'A01', groups: 'KP' },
  { name: '双黄连', pinyin: 'SHL', cls: 'A01', groups: 'LKI' },
  { name: '蒲地蓝消炎', pinyin: 'PDLXY', cls: 'A02', groups: 'PL' },
  { name: '金花清感', pinyin: 'JHQG', cls: 'A01', groups: 'K' },
  { name: '牛黄解毒', pinyin: 'NHJD', cls: 'A02', groups: 'PW' },
  { name: '清开灵', pinyin: 'QKL', cls: 'A02', groups: 'JKI' },
  { name: '防风通圣', pinyin: 'FFTS', cls: 'A01', groups: 'WK' },
  { name: '六味地黄', pinyin: 'LWDH', cls: 'A09', groups: 'WJP' },
  { name: '知柏地黄', pinyin: 'ZBDH', cls: 'A09', groups: 'W' },
  { name: '杞菊地黄', pinyin: 'QJDH', cls: 'A09', groups: 'WJ' },
  { name: '金匮肾气', pinyin: 'JKSQ', cls: 'A09', groups: 'WP' },
  { name: '补中益气', pinyin: 'BZYQ', cls: 'A09', groups: 'WK' },
  { name: '归脾', pinyin: 'GP', cls: 'A09', groups: 'WL' },
  { name: '逍遥', pinyin: 'XY', cls: 'A06', groups: 'WK' },
  { name: '香砂养胃', pinyin: 'XSYW', cls: 'A05', groups: 'WK' },
  { name: '保和', pinyin: 'BH', cls: 'A05', groups: 'WP' },
  { name: '附子理中', pinyin: 'FZLZ', cls: 'A05', groups: 'WP' },
  { name: '参苓白术', pinyin: 'SLBZ', cls: 'A09', groups: 'WK' },
  { name: '玉屏风', pinyin: 'YPF', cls: 'A09', groups: 'KL' },
  { name: '复方丹参', pinyin: 'FFDS', cls: 'A12', groups: 'PDK' },
  { name: '血塞通', pinyin: 'XST', cls: 'A12', groups: 'PJI' },
  { name: '速效救心', pinyin: 'SXJX', cls: 'A12', groups: 'D' },
  { name: '麝香保心', pinyin: 'SXBX', cls: 'A12', groups: 'W' },
  { name: '通心络', pinyin: 'TXL', cls: 'A12', groups: 'J' },
  { name: '脑心通', pinyin: 'NXT', cls: 'A12', groups: 'J' },
  { name: '银杏叶', pinyin: 'YXY', cls: 'A12', groups: 'PDL' },
  { name: '丹参', pinyin: 'DS', cls: 'A12', groups: 'PI' },
  { name: '三七', pinyin: 'SQ', cls: 'A12', groups: 'PJ' },
  { name: '云南白药', pinyin: 'YNBY', cls: 'A12', groups: 'JP' },
  { name: '乌鸡白凤', pinyin: 'WJBF', cls: 'A10', groups: 'WP' },
  { name: '桂枝茯苓', pinyin: 'GZFL', cls: 'A10', groups: 'WJ' },
  { name: '益母草', pinyin: 'YMC', cls: 'A10', groups: 'KPJ' },
  { name: '气滞胃痛', pinyin: 'QZWT', cls: 'A05', groups: 'KP' },
  { name: '胃苏', pinyin: 'WS', cls: 'A05', groups: 'K' },
  { name: '健胃消食', pinyin: 'JWXS', cls: 'A05', groups: 'P' },
  { name: '急支', pinyin: 'JZ', cls: 'A04', groups: 'L' },
  { name: '川贝枇杷', pinyin: 'CBPP', cls: 'A04', groups: 'LP' },
  { name: '蛇胆川贝', pinyin: 'SDCB', cls: 'A04', groups: 'LJ' },
  { name: '橘红', pinyin: 'JH', cls: 'A04', groups: 'WPK' },
  { name: '通宣理肺', pinyin: 'TXLF', cls: 'A04', groups: 'WPK' },
  { name: '黄连上清', pinyin: 'HLSQ', cls: 'A02', groups: 'WP' },
  { name: '龙胆泻肝', pinyin: 'LDXG', cls: 'A02', groups: 'WK' },
  { name: '三金', pinyin: 'SJ', cls: 'A02', groups: 'PJ' },
  { name: '癃闭舒', pinyin: 'LBS', cls: 'A14', groups: 'J' },
  { name: '前列通', pinyin: 'QLT', cls: 'A14', groups: 'PJ' },
  { name: '壮骨关节', pinyin: 'ZGGJ', cls: 'A16', groups: 'WJ' },
  { name: '颈复康', pinyin: 'JFK', cls: 'A16', groups: 'K' },
  { name: '仙灵骨葆', pinyin: 'XLGB', cls: 'A16', groups: 'JP' },
  { name: '风湿骨痛', pinyin: 'FSGT', cls: 'A16', groups: 'JP' },
  { name: '舒筋活血', pinyin: 'SJHX', cls: 'A16', groups: 'PW' },
  { name: '安宫牛黄', pinyin: 'AGNH', cls: 'A11', groups: 'W' },
  { name: '天麻钩藤', pinyin: 'TMGT', cls: 'A11', groups: 'K' },
  { name: '松龄血脉康', pinyin: 'SLXMK', cls: 'A11', groups: 'J' },
  { name: '六神', pinyin: 'LS', cls: 'A02', groups: 'W' },
];

export type FormUnit = 'tablet' | 'capsule' | 'sachet' | 'vial' | 'bottle' | 'tube' | 'pill';

export interface DosageForm {
  name: string;
  pinyin: string;
  /** 注射用 is written before the drug name (注射用头孢曲松), the others after. */
  prefix?: boolean;
  unit: FormUnit;
}

/** Forms by group letter; western O/I/T, patent medicine W/P/J/K/L/D/I. */
export const WESTERN_FORMS: Readonly<Record<string, readonly DosageForm[]>> = {
  O: [
    { name: '片', pinyin: 'P', unit: 'tablet' },
    { name: '胶囊', pinyin: 'JN', unit: 'capsule' },
    { name: '缓释片', pinyin: 'HSP', unit: 'tablet' },
    { name: '分散片', pinyin: 'FSP', unit: 'tablet' },
    { name: '肠溶片', pinyin: 'CRP', unit: 'tablet' },
    { name: '颗粒', pinyin: 'KL', unit: 'sachet' },
    { name: '口服溶液', pinyin: 'KFRY', unit: 'bottle' },
    { name: '干混悬剂', pinyin: 'GHXJ', unit: 'sachet' },
  ],
  I: [
    { name: '注射液', pinyin: 'ZSY', unit: 'vial' },
    { name: '注射用', pinyin: 'ZSY', unit: 'vial', prefix: true },
  ],
  T: [
    { name: '软膏', pinyin: 'RG', unit: 'tube' },
    { name: '乳膏', pinyin: 'RG', unit: 'tube' },
    { name: '滴眼液', pinyin: 'DYY', unit: 'bottle' },
    { name: '凝胶', pinyin: 'NJ', unit: 'tube' },
    { name: '气雾剂', pinyin: 'QWJ', unit: 'bottle' },
  ],
};

export const PATENT_FORMS: Readonly<Record<string, readonly DosageForm[]>> = {
  W: [
    { name: '丸', pinyin: 'W', unit: 'pill' },
    { name: '水蜜丸', pinyin: 'SMW', unit: 'pill' },
    { name: '浓缩丸', pinyin: 'NSW', unit: 'pill' },
  ],
  P: [{ name: '片', pinyin: 'P', unit: 'tablet' }],
  J: [
    { name: '胶囊', pinyin: 'JN', unit: 'capsule' },
    { name: '软胶囊', pinyin: 'RJN', unit: 'capsule' },
  ],
  K: [{ name: '颗粒', pinyin: 'KL', unit: 'sachet' }],
  L: [
    { name: '口服液', pinyin: 'KFY', unit: 'vial' },
    { name: '合剂', pinyin: 'HJ', unit: 'bottle' },
    { name: '糖浆', pinyin: 'TJ', unit: 'bottle' },
  ],
  D: [{ name: '滴丸', pinyin: 'DW', unit: 'pill' }],
  I: [{ name: '注射液', pinyin: 'ZSY', unit: 'vial' }],
};

export const STRENGTHS = ['5mg', '10mg', '20mg', '25mg', '50mg', '0.1g', '0.125g', '0.25g', '0.5g'] as const;
export const PATENT_STRENGTHS = ['0.25g', '0.3g', '0.35g', '0.5g'] as const;

/** Pack count and unit word per form unit, and the pack unit (pacunt). */
export const PACKS: Readonly<Record<FormUnit, { counts: readonly number[]; word: string; pacunt: string }>> = {
  tablet: { counts: [12, 24, 36, 48, 100], word: '片', pacunt: '盒' },
  capsule: { counts: [12, 20, 24, 36, 48], word: '粒', pacunt: '盒' },
  sachet: { counts: [6, 9, 10, 12, 20], word: '袋', pacunt: '盒' },
  vial: { counts: [1, 5, 6, 10], word: '支', pacunt: '盒' },
  bottle: { counts: [1], word: '瓶', pacunt: '瓶' },
  tube: { counts: [1], word: '支', pacunt: '支' },
  pill: { counts: [36, 60, 120, 200], word: '丸', pacunt: '瓶' },
};

/** Manufacturers: region × brand × legal form, 400 distinct names; `province` feeds the approval number. */
const MFR_REGIONS: readonly (readonly [string, string])[] = [
  ['湖北', '42'],
  ['武汉', '42'],
  ['江苏', '32'],
  ['浙江', '33'],
  ['山东', '37'],
  ['广东', '44'],
  ['四川', '51'],
  ['北京', '11'],
  ['上海', '31'],
  ['河南', '41'],
  ['湖南', '43'],
  ['吉林', '22'],
  ['天津', '12'],
  ['重庆', '50'],
  ['云南', '53'],
  ['江西', '36'],
  ['安徽', '34'],
  ['河北', '13'],
  ['山西', '14'],
  ['陕西', '61'],
];
const MFR_BRANDS = [
  '康源',
  '华泰',
  '恒安',
  '瑞康',
  '济民',
  '仁德',
  '同心',
  '长江',
  '金马',
  '天宇',
  '福瑞',
  '正元',
  '博康',
  '新华',
  '九和',
  '永信',
  '联康',
  '百草',
  '益丰',
  '润泽',
];
const MFR_TAILS = ['制药有限公司', '药业股份有限公司', '药业有限公司', '制药厂'];

export interface Manufacturer {
  name: string;
  province: string;
}

export const MANUFACTURERS: readonly Manufacturer[] = Array.from({ length: 400 }, (_, m) => {
  const r = m % 20;
  const q = Math.floor(m / 20);
  const [region, province] = MFR_REGIONS[r] as readonly [string, string];
  return { name: region + (MFR_BRANDS[(q + 7 * r) % 20] as string) + (MFR_TAILS[q % 4] as string), province };
});

/** 限制使用范围 texts for lmt_used_flag = 1. */
export const LIMIT_SCOPES = [
  '限二级及以上医疗机构使用',
  '限门诊慢特病患者使用',
  '限有明确细菌感染证据的患者',
  '限儿童',
  '限吞咽困难的患者',
  '限住院患者使用',
];
