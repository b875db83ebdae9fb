/**
 * Seed 004's acceptance matrix (① 职工, ② 居民, ③ 离休, ④ 医疗救助) as protocol-level scenarios: each row
 * names its person, visit, items and the expected split, worked out by hand from the sandbox center's
 * published rules (src-main/sandbox/policy/POLICY.md, which follows the matrix's 测试关注点). The runner
 * settles each row through the counter's own services and compares the center's answer to the fen.
 */
import type { AssistanceCategory, ResidentTier, RetiredCadreKind } from '../../sandbox/policy/types';

/** The sandbox institution a row is settled at (SANDBOX_INSTITUTIONS by level). */
export type MatrixSite = 'pharmacy' | 'clinic' | 'level1' | 'level2';

export interface MatrixChronicFiling {
  /** 门慢门特病种 code of the filing; sent as the visit's diagnosis (2203 dise_codg). */
  readonly code: string;
  readonly name: string;
  /** 1 and 4: no deductible; 2 and 3: one deductible a year. */
  readonly category: 1 | 2 | 3 | 4;
}

export interface MatrixPerson {
  readonly key: string;
  /** What the matrix calls this person (测试人员身份). */
  readonly label: string;
  readonly insutype: '310' | '390' | '340';
  /** psn_type as the center reports it (11 在职, 21 退休, 31 离休, 42 中小学生, 43 大学生, 50 成年居民, 60 老年居民). */
  readonly psnType: string;
  /** Age in whole years on the day of the run. */
  readonly age: number;
  readonly residentTier?: ResidentTier;
  readonly collegeStudent?: boolean;
  /** 大学生: the 首诊医疗机构 of their 人员定点 record. */
  readonly firstContact?: MatrixSite;
  readonly retiredCadreKind?: RetiredCadreKind;
  readonly assistance?: AssistanceCategory;
  /** psn_idet_type codes (1101 idetinfo): 2301 建档立卡, 2201 残疾人, … */
  readonly identities?: readonly { readonly type: string; readonly memo: string; readonly lv?: string }[];
  /** Personal-account balance before the person's first row, yuan ('0.00' for 居民 / 离休). */
  readonly balance: string;
  readonly chronic?: MatrixChronicFiling;
}

/** A catalogue item the matrix sells, with the attributes its split depends on. */
export interface MatrixItem {
  readonly code: string;
  readonly name: string;
  /** 1301 西药中成药, 1305 医疗服务项目, 1306 医用耗材. */
  readonly catalogue: '1301' | '1305' | '1306';
  readonly listType: '101' | '201' | '301';
  /** 01 甲类, 02 乙类, 03 丙类. */
  readonly chrgitmLv: '01' | '02' | '03';
  /** med_chrgitm_type: 02 诊察费, 04 化验费, 05 治疗费, 08 卫生材料费, 09 西药费, 12 一般诊疗费. */
  readonly medChrgitmType: string;
  /** 先自付比例 (1319). */
  readonly selfpayProp: string;
  /** 限价 per unit (1318), yuan; null when none. */
  readonly pricUplmt: string | null;
}

export interface MatrixLine {
  readonly item: MatrixItem;
  readonly cnt: string;
  readonly pric: string;
}

/** Amounts in yuan with two decimals, as the cashier reads them. */
export interface MatrixSplit {
  readonly medfee: string;
  /** fund_pay_sumamt: every fund together (统筹 + 救助 + 离休 …). */
  readonly fund: string;
  readonly acct: string;
  readonly cash: string;
}

export interface MatrixRow {
  /** Matrix reference, e.g. "①-1", "②-12 第二次". */
  readonly id: string;
  /** The matrix's 待遇类别 and 测试关注点 this row checks. */
  readonly title: string;
  readonly site: MatrixSite;
  readonly person: string;
  /** 11 普通门诊, 14 门诊慢特病 (clinic); 41 定点药店购药 (pharmacy). */
  readonly medType: '11' | '14' | '41';
  readonly acctUsed: boolean;
  readonly lines: readonly MatrixLine[];
  readonly expected: MatrixSplit;
  /** The hand computation behind `expected`, step by step, with the POLICY.md rule it applies. */
  readonly derivation: string;
}

/** A matrix row the counter cannot settle today, and why (stated, not silently skipped). */
export interface MatrixNotApplicable {
  readonly id: string;
  readonly title: string;
  readonly reason: string;
}

export interface MatrixRowResult {
  readonly id: string;
  readonly title: string;
  readonly ok: boolean;
  readonly expected: MatrixSplit;
  readonly got: MatrixSplit | null;
  /** setl_id, or the error (code + message) when the row could not be settled. */
  readonly detail: string;
  /** The transactions the row sent, in order (from the journal). */
  readonly infnos: readonly string[];
}

export interface MatrixReport {
  readonly rows: readonly MatrixRowResult[];
  readonly notApplicable: readonly MatrixNotApplicable[];
  readonly passed: number;
  readonly total: number;
  readonly ok: boolean;
  readonly elapsedMs: number;
}
