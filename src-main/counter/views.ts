/**
 * What the counter services hand to the screens. Pure types (the renderer imports them through
 * api/contract.ts). Every amount is integer fen (format with core/money formatYuan); personal
 * data is masked unless the field says otherwise.
 */
import type { CenterReachView } from './center-reach';

export type { CenterReachView };

/** A code with its label from the national baseline dictionary (protocol.md §3). */
export interface Coded {
  readonly code: string;
  readonly label: string;
}

/** Where the person is insured, relative to this institution's area. */
export type InsuredRegion = 'local' | 'province' | 'other-province';

export interface InsuranceView {
  readonly index: number;
  readonly insutype: Coded;
  readonly psnType: Coded;
  readonly status: Coded;
  /** 参保缴费 (1): only an active row can be settled. */
  readonly active: boolean;
  /** 个人账户余额, fen. */
  readonly balanceFen: number;
  readonly insuplcAdmdvs: string;
  readonly region: InsuredRegion;
  readonly regionLabel: string;
  readonly cvlserv: boolean;
  readonly empName: string;
}

export interface TreatmentRow {
  readonly fundPayType: Coded;
  readonly enjoyed: boolean;
  readonly result: string;
  readonly from: string;
  readonly to: string;
}

export interface TreatmentCheck {
  readonly medType: Coded;
  /** Null when 2001 could not be done (message in `error`): reading still succeeded. */
  readonly rows: readonly TreatmentRow[] | null;
  readonly error: string | null;
}

export interface PersonView {
  /** Handle of the read person on the main side; the screens never hold unmasked identity. */
  readonly key: string;
  /** Shown in full: the cashier compares it with the person at the counter. */
  readonly name: string;
  readonly gender: string;
  /** Null when the center left it out (it is optional, issue 16). */
  readonly age: number | null;
  readonly birthDate: string;
  readonly certnoMasked: string;
  readonly credential: Coded;
  readonly credentialNoMasked: string;
  readonly psnNoMasked: string;
  readonly insurances: readonly InsuranceView[];
  readonly chosen: number;
  readonly treatment: TreatmentCheck;
  readonly readAt: string;
  /** The 安全控件 medium of this visit, or why there is none (null where the profile has no control). */
  readonly safeMedium: { readonly obtained: boolean; readonly text: string } | null;
}

/** One fund's share of a settlement (setldetail). */
export interface FundShare {
  readonly fundPayType: Coded;
  readonly amountFen: number;
  readonly note: string;
}

export interface LineSplitView {
  readonly sn: string;
  readonly code: string;
  readonly name: string;
  readonly cntText: string;
  readonly pricText: string;
  readonly amountFen: number;
  readonly chrgitmLv: Coded;
  readonly fulamtOwnpayFen: number;
  readonly overlmtFen: number;
  readonly preselfpayFen: number;
  readonly inscpFen: number;
  readonly memo: string;
}

/** A pre-settlement or settlement result: the amounts of setlinfo and the fund breakdown. */
export interface SettlementView {
  readonly infno: string;
  readonly msgid: string;
  /** Null for a pre-settlement. */
  readonly setlId: string | null;
  readonly mdtrtId: string | null;
  readonly time: string;
  readonly medType: Coded;
  readonly insutype: Coded;
  readonly medfeeFen: number;
  readonly fulamtOwnpayFen: number;
  readonly overlmtSelfpayFen: number;
  readonly preselfpayFen: number;
  readonly inscpScpFen: number;
  readonly fundPaySumFen: number;
  readonly hifpPayFen: number;
  readonly cvlservPayFen: number;
  readonly hifmiPayFen: number;
  readonly mafPayFen: number;
  readonly othPayFen: number;
  readonly psnPartFen: number;
  readonly acctPayFen: number;
  readonly psnCashPayFen: number;
  readonly balanceAfterFen: number;
  readonly funds: readonly FundShare[];
  readonly lines: readonly LineSplitView[];
}

/** A settlement the counter made, as found in the journal, with its refund when there is one. */
export interface SettlementRecord {
  readonly msgid: string;
  readonly infno: string;
  readonly time: string;
  readonly opter: string;
  readonly psnNameMasked: string;
  readonly setlId: string;
  readonly mdtrtId: string;
  readonly chrgBchno: string | null;
  readonly medfeeFen: number;
  readonly fundPaySumFen: number;
  readonly acctPayFen: number;
  readonly psnCashPayFen: number;
  readonly refund: { readonly msgid: string; readonly infno: string; readonly time: string } | null;
}

export interface SaleResult {
  readonly settlement: SettlementView;
  /** True when this answer is the earlier result of the same basket (a repeated request did not pay again). */
  readonly repeated: boolean;
}

export interface RefundResult {
  readonly refund: SettlementView;
  readonly repeated: boolean;
}

// ---- clinic ------------------------------------------------------------------------------

export type BillState = 'uploaded' | 'pre-settled' | 'settled' | 'refunded' | 'cancelled';

export interface BillView {
  readonly chrgBchno: string;
  readonly state: BillState;
  readonly stateLabel: string;
  readonly lines: readonly LineSplitView[];
  readonly medfeeFen: number;
  readonly uploadedAt: string;
  readonly preSettlement: SettlementView | null;
  readonly settlement: SettlementView | null;
  readonly refund: SettlementView | null;
}

export interface DiagnosisView {
  readonly code: string;
  readonly name: string;
}

export interface VisitView {
  readonly mdtrtId: string;
  readonly iptOtpNo: string;
  readonly psnNameMasked: string;
  readonly insutype: Coded;
  readonly registerInfno: string;
  readonly registeredAt: string;
  readonly medType: Coded | null;
  readonly diagnoses: readonly DiagnosisView[];
  readonly doctorName: string;
  readonly deptName: string;
  readonly bills: readonly BillView[];
  readonly cancelled: boolean;
  /** 2202 is possible: nothing settled, nothing uploaded left. */
  readonly canCancelRegistration: boolean;
}

export interface VisitSummary {
  readonly mdtrtId: string;
  readonly iptOtpNo: string;
  readonly psnNameMasked: string;
  readonly registeredAt: string;
  readonly cancelled: boolean;
}

export interface ClinicRefundStep {
  readonly infno: string;
  readonly msgid: string;
  readonly what: string;
  /** The settlement refund (2208): its amounts from the center's answer; null for 2205 / 2202. */
  readonly refund: SettlementView | null;
}

// ---- catalogue ----------------------------------------------------------------------------

export interface CatalogueHit {
  readonly code: string;
  readonly name: string;
  /** 拼音首字母: the center's, or derived from the name where it sent none. */
  readonly pinyin: string;
  readonly chrgitmLv: Coded;
  readonly medChrgitmType: Coded;
  readonly listType: string;
  readonly limitedUse: boolean;
  readonly memo: string;
  /** 规格, 剂型, 包装单位, 生产企业 ('' when the source does not say: the center's 1312 answer carries none). */
  readonly spec: string;
  readonly dosform: string;
  readonly pacunt: string;
  readonly maker: string;
  /** 限价 in yuan as decimal text ('' for none). */
  readonly priceCap: string;
  /** 先自付比例 as a percentage text, e.g. "10%" ('' for none). */
  readonly selfpayRatio: string;
  /** The institution's own price (its price list, else the last price charged), decimal yuan; null when not known. */
  readonly ownPrice: string | null;
}

export interface CatalogueSearchResult {
  readonly hits: readonly CatalogueHit[];
  /** Which source answered: the local catalogue or the center's catalogue query (1312 / 1312a). */
  readonly source: string;
  readonly total: number;
}

// ---- shift --------------------------------------------------------------------------------

export interface MoneyTotals {
  readonly count: number;
  readonly medfeeFen: number;
  readonly fundPayFen: number;
  readonly acctPayFen: number;
  readonly cashFen: number;
}

export interface ShiftSummary {
  readonly opter: string;
  readonly opterName: string;
  readonly since: string;
  readonly until: string;
  readonly settlements: MoneyTotals;
  /** Refund amounts as positive numbers. */
  readonly refunds: MoneyTotals;
  /** Settlements minus refunds. */
  readonly net: MoneyTotals;
  readonly reversed: number;
  /** Lost money calls the center said never took effect (2601: 原交易不存在); not reversals. */
  readonly notApplied: number;
  readonly pending: number;
  readonly needsManual: number;
  readonly calls: number;
}

// ---- journal ------------------------------------------------------------------------------

export interface JournalRow {
  readonly id: number;
  readonly msgid: string;
  readonly infno: string;
  readonly infnoName: string;
  readonly time: string;
  readonly opter: string;
  readonly state: string;
  readonly stateLabel: string;
  readonly stateTone: 'ok' | 'error' | 'warning' | 'pending' | 'neutral';
  readonly psnNameMasked: string;
  /** medfee_sumamt of the request or answer, when the call carries one. */
  readonly amountFen: number | null;
  readonly failure: string | null;
  readonly resolution: string | null;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly reversesId: number | null;
}

export interface JournalDetail {
  readonly row: JournalRow;
  readonly opterName: string;
  readonly signNo: string;
  readonly preparedAt: string;
  readonly sentAt: string | null;
  readonly finishedAt: string | null;
  /** Masked JSON texts (the journal keeps the legal record unmasked). */
  readonly requestMasked: string;
  readonly responseMasked: string | null;
  readonly reversals: readonly JournalRow[];
  readonly original: JournalRow | null;
  /** Optional answer fields the center left out wrongly (field path, what was wrong); the call succeeded. */
  readonly answerWarnings: readonly { readonly path: string; readonly problem: string }[];
}

export interface PendingWork {
  /** Reversals still running (state reversing / unknown …). */
  readonly pending: readonly JournalRow[];
  readonly needsManual: readonly JournalRow[];
}

// ---- settings and devices -------------------------------------------------------------------

export interface InstitutionPreset {
  readonly code: string;
  readonly name: string;
  readonly kind: 'pharmacy' | 'clinic';
  readonly admvs: string;
  readonly note: string;
}

export interface ProfileOption {
  readonly id: string;
  readonly name: string;
  /** Chinese, for the screen (the profile's developer description stays off screens). */
  readonly summary: string;
  readonly flows: Readonly<Record<string, string>>;
}

export interface SettingsView {
  readonly configPath: string;
  /** Empty: the embedded sandbox center. */
  readonly centerUrl: string;
  readonly runningCenterUrl: string;
  /**
   * The center URL of this run comes from the start-up environment (YIBAO_CENTER_URL), not the
   * file: `url` ('' = embedded sandbox); `fileShadowed`: the file names another center, unused.
   */
  readonly centerOverride: { readonly url: string; readonly fileShadowed: boolean } | null;
  readonly institution: {
    readonly fixmedinsCode: string;
    readonly fixmedinsName: string;
    readonly mdtrtareaAdmvs: string;
    readonly kind: 'pharmacy' | 'clinic';
    readonly terminalSlot: number;
  };
  readonly profile: string;
  readonly presets: readonly InstitutionPreset[];
  readonly profiles: readonly ProfileOption[];
  readonly printer: PrinterSettings;
  /** config journal.archiveAfterYears: 流水归档 after this many years (null: off, the default). */
  readonly archiveAfterYears: number | null;
}

/** config `printer`: the receipt printer (src-main/receipts/). */
export interface PrinterSettings {
  /** Empty: the system's default printer. */
  readonly deviceName: string;
  readonly paper: '58' | '80' | 'a4';
  /** Without a print dialog (Electron only). */
  readonly silent: boolean;
  /** Print the receipt right after each settlement. */
  readonly autoPrint: boolean;
}

export interface DeviceOption {
  readonly id: string;
  readonly label: string;
  readonly available: boolean;
  readonly note: string;
}

export interface DevicesView {
  /** config `devices.driver` */
  readonly configured: Coded;
  /** The configured device is read by the main side (DLL, serial, HID): the 读卡 screen offers 读卡器读卡. */
  readonly readsOnMainSide: boolean;
  readonly timeoutMs: number;
  readonly options: readonly DeviceOption[];
}

/** A test read, masked: what kind of credential and its fields with Chinese labels. */
export interface DeviceTestResult {
  readonly kind: string;
  readonly fields: readonly (readonly [string, string])[];
}

// ---- events -------------------------------------------------------------------------------

/** The shop store link as the header shows it (issue 20). */
export interface ShopHeaderView {
  readonly counterName: string;
  readonly slot: number;
  /** Journal events not yet in the shop store. */
  readonly pending: number;
  readonly online: boolean;
  readonly lastError: string | null;
  readonly lastPushAt: string | null;
}

export type CounterEvent =
  | {
      readonly type: 'journal';
      readonly open: number;
      readonly needsManual: number;
      readonly at: string;
      /** Whether the center answers, from the last calls (counter/center-reach.ts). */
      readonly center?: CenterReachView;
    }
  | { readonly type: 'shop'; readonly shop: ShopHeaderView; readonly at: string }
  | { readonly type: 'progress'; readonly op: string; readonly step: string; readonly done: boolean; readonly at: string }
  | { readonly type: 'catalogue'; readonly fill: CatalogueFillView; readonly at: string }
  | { readonly type: 'restarted'; readonly at: string };

/** The region's 安全控件 after sign-in (counter/safe-control.ts). */
export interface SafeControlStatus {
  /** The profile's region uses a 安全控件. */
  readonly required: boolean;
  /** Configured and initialised. */
  readonly ready: boolean;
  /** For the cashier when the control is required and not ready (absent, Init failed). */
  readonly message: string | null;
}

/** The first fill of the local catalogue (catalogue/catalogue-fill.ts). */
export type FillState = 'empty' | 'filling' | 'filled' | 'failed';

/** What the status bar shows about the local catalogue. */
export interface CatalogueFillView {
  readonly state: FillState;
  /** Steps of the sync done so far, and in all (0 / 0 before a fill). */
  readonly stepsDone: number;
  readonly steps: number;
  /** For the cashier: what is being downloaded, or why it stopped. */
  readonly text: string;
  /** Items held locally. */
  readonly items: number;
  readonly at: string;
}
