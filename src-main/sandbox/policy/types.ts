/**
 * Input and output shapes of the sandbox 医保中心's policy engine.
 *
 * Inside the engine everything is camelCase with integer money types; the key
 * names are the protocol's snake_case names in camelCase (fulamt_ownpay_amt →
 * fulamtOwnpayAmt) so `protocol-mapping.ts` is a mechanical rename plus
 * conversion to JSON numbers.
 */
import type { Fen, Qty, Ratio, UnitPrice } from '../amounts';

// ---- Vocabulary --------------------------------------------------------------

/** insutype 险种类型 the engine settles: 310 职工, 390 城乡居民, 340 离休. */
export type Insutype = '310' | '390' | '340';
/** 城乡居民 contribution tier: 高档 / 低档 / 学生儿童档. */
export type ResidentTier = 'high' | 'low' | 'student';
/** 离休 employer kind: 企业离休 / 机关离休 / 事业离休. */
export type RetiredCadreKind = 'enterprise' | 'organ' | 'institution';
/**
 * 医疗救助 categories of seed 004 ④:
 * tekun 特困供养人员, kunjingChild 困境儿童,
 * dibaoDisabled 低保对象中持有一、二级(含智力类、精神类)残疾人, dibaoOther 其他低保.
 */
export type AssistanceCategory = 'tekun' | 'kunjingChild' | 'dibaoDisabled' | 'dibaoOther';
/** Where the person is insured relative to the institution (参保地 vs 就医地). */
export type InsuRegion = 'local' | 'in-province' | 'cross-province';
/** Institution level; `clinic` = 诊所/村卫生室, `level1` = 一级 (incl. 乡镇卫生院). */
export type InstitutionLevel = 'pharmacy' | 'clinic' | 'level1' | 'level2' | 'level3';
/** med_type values the sandbox settles: 11 普通门诊, 14 门诊慢特病, 21 普通住院, 41 定点药店购药. */
export type SupportedMedType = '11' | '14' | '21' | '41';
/** Benefit pool: each has its own deductible, annual cap and year-to-date accumulators. */
export type BenefitPool = 'outpatient' | 'chronic' | 'inpatient';
/** 门特 disease category from the 慢特病备案: 1 and 4 have no deductible, 2 and 3 one deductible a year. */
export type ChronicCategory = 1 | 2 | 3 | 4;
/** chrgitm_lv 收费项目等级: 01 甲类, 02 乙类, 03 丙类. */
export type ChrgitmLv = '01' | '02' | '03';
/** fund_pay_type values this engine produces. */
export type FundPayType = '310100' | '320100' | '340100' | '390100' | '610100';
/** Flag fields of a line result that the catalogue decides; passed through as given ('0'/'1'/'9'). */
export interface LineFlags {
  basMednFlag: string;
  hiNegoDrugFlag: string;
  chldMedcFlag: string;
  listSpItemFlag: string;
  lmtUsedFlag: string;
  drtReimFlag: string;
}

// ---- Input -------------------------------------------------------------------

export interface PolicyPerson {
  insutype: Insutype;
  /** psn_type dictionary code, echoed into setlinfo (the policy keys on the fields below, not on this code). */
  psnType: string;
  /** Age in years as 1101 reports it (may have a decimal). Selects the age band. */
  age: number;
  /** Required for 390; defaults to 'high' (seed 004: 测试人员身份默认高档). */
  residentTier?: ResidentTier;
  /** 大学生 (390 only): outpatient pooling only at the university's 首诊医疗机构. */
  collegeStudent?: boolean;
  /** Required for 340. */
  retiredCadreKind?: RetiredCadreKind;
  assistance: AssistanceCategory | null;
  insuRegion: InsuRegion;
  /** 公务员 (cvlserv_flag = 1). */
  cvlserv: boolean;
  /** Personal-account balance before this settlement (1101 insuinfo.balc). */
  acctBalance: Fen;
}

export interface FeeItem {
  feedetlSn: string;
  medListCodg: string;
  cnt: Qty;
  pric: UnitPrice;
  /** det_item_fee_sumamt; must equal lineAmount(cnt, pric). */
  amount: Fen;
  chrgitmLv: ChrgitmLv;
  /** med_chrgitm_type (01..14); 12 = 一般诊疗费. */
  medChrgitmType: string;
  /** 乙类 先自付比例 from the catalogue (1319); ignored for 甲类 and 丙类. */
  selfpayProp: Ratio;
  /** 限价 (1318) as a unit price, or null when the item has none. */
  pricUplmt: UnitPrice | null;
  /** Catalogue flags echoed in the line result; each defaults to '0'. */
  flags?: Partial<LineFlags>;
}

export interface PoolYearToDate {
  /** Deductible already borne by the person this year in this pool. */
  deductibleUsed: Fen;
  /** Basic pooled fund (hifp) already paid this year in this pool. */
  poolPaid: Fen;
}

/** Per-person, per-calendar-year accumulators. The caller keeps one per year. */
export interface YearToDate {
  outpatient: PoolYearToDate;
  chronic: PoolYearToDate;
  inpatient: PoolYearToDate;
  /** 公务员医疗补助 paid this year (no cap; kept for the ledger). */
  cvlservPaid: Fen;
  /** 医疗救助 paid this year (cap check). */
  assistancePaid: Fen;
}

export interface SettlementRequest {
  person: PolicyPerson;
  items: readonly FeeItem[];
  medType: SupportedMedType;
  institutionLevel: InstitutionLevel;
  /** acct_used_flag = 1. */
  acctUsed: boolean;
  ytd: YearToDate;
  /** Required for med_type 14. */
  chronicCategory?: ChronicCategory;
  /** This institution is the 大学生's 首诊医疗机构 (大学生门诊). */
  collegeFirstContact?: boolean;
  /** 恶性肿瘤/白血病/尿毒症/器官移植及抗排斥治疗: 其他低保 gets the higher 救助 ratio and cap. */
  seriousIllness?: boolean;
}

// ---- Output ------------------------------------------------------------------

/** One line's split (2204 `result`, 2101/2102 `detlcutinfo`). */
export interface SplitLine {
  feedetlSn: string;
  medListCodg: string;
  detItemFeeSumamt: Fen;
  cnt: Qty;
  pric: UnitPrice;
  pricUplmtAmt: UnitPrice | null;
  /** The 先自付 ratio actually applied: the catalogue's for 乙类, 0 for 甲类 (and 乙类 when waived), 1 for 丙类. */
  selfpayProp: Ratio;
  fulamtOwnpayAmt: Fen;
  overlmtAmt: Fen;
  preselfpayAmt: Fen;
  inscpScpAmt: Fen;
  chrgitmLv: ChrgitmLv;
  medChrgitmType: string;
  flags: LineFlags;
  /** Why the line split as it did ('' for a plain 甲类 line). */
  memo: string;
}

export interface LineTotals {
  medfeeSumamt: Fen;
  fulamtOwnpayAmt: Fen;
  overlmtSelfpay: Fen;
  preselfpayAmt: Fen;
  inscpScpAmt: Fen;
}

/** setlinfo amounts. */
export interface SettlementAmounts extends LineTotals {
  actPayDedc: Fen;
  hifpPay: Fen;
  /** Ratio the basic pooled fund applied (0 when it did not apply). */
  poolPropSelfpay: Ratio;
  cvlservPay: Fen;
  hifesPay: Fen;
  hifmiPay: Fen;
  hifobPay: Fen;
  mafPay: Fen;
  othPay: Fen;
  fundPaySumamt: Fen;
  psnPartAmt: Fen;
  acctPay: Fen;
  psnCashPay: Fen;
  hospPartAmt: Fen;
  balc: Fen;
  acctMulaidPay: Fen;
}

/** One setldetail row. */
export interface FundPayment {
  fundPayType: FundPayType;
  fundPayTypeName: string;
  /** The in-scope base this fund worked on. */
  inscpScpAmt: Fen;
  /** What this fund could still pay before this settlement: remaining annual cap, or the uncapped amount. */
  crtPaybLmtAmt: Fen;
  fundPayamt: Fen;
  /** How the amount was computed, in Chinese (setl_proc_info). */
  setlProcInfo: string;
}

export interface SettlementResult {
  insutype: Insutype;
  psnType: string;
  cvlservFlag: '0' | '1';
  medType: SupportedMedType;
  /** clr_type: 11 门诊, 21 住院, 41 药店购药. */
  clrType: '11' | '21' | '41';
  /** clr_way: always 1 按项目 here. */
  clrWay: '1';
  pool: BenefitPool;
  lines: SplitLine[];
  setlinfo: SettlementAmounts;
  setldetail: FundPayment[];
  ytdBefore: YearToDate;
  ytdAfter: YearToDate;
  /** Steps taken, in Chinese, for the sandbox's log and for testers. */
  notes: string[];
}
