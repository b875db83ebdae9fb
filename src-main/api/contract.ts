/**
 * The one API between the renderer and the main side, used through Electron IPC
 * (preload) and through the web host alike. Pure: zod and types only, so the renderer
 * can import it. Each method: an argument schema (validated in main) and a result type.
 */
import { z } from 'zod';
import '../core/zod-zh';
import { JOURNAL_STATES } from '../journal/states';
import { parseScaled } from '../core/money';
import type {
  CatalogueSearchResult,
  CatalogueFillView,
  ClinicRefundStep,
  CounterEvent,
  DevicesView,
  DiagnosisView,
  DeviceTestResult,
  JournalDetail,
  JournalRow,
  PendingWork,
  PersonView,
  PrinterSettings,
  RefundResult,
  SafeControlStatus,
  SaleResult,
  SettingsView,
  SettlementRecord,
  SettlementView,
  ShiftSummary,
  VisitSummary,
  VisitView,
  ShopHeaderView,
} from '../counter/views';
import type { ShopCounterView } from '../shop/shop-counters';
import type { OtherTillSettlementView } from '../shop/shop-settlements';
import type { ShopJournalDetail, ShopJournalView } from '../shop/shop-journal';
import type { PrintOutcome, RenderedPage, RenderedReceipt, ShiftSlipPrintOutcome } from '../receipts/receipt-model';
import type { PrinterInfo } from '../receipts/html-printer';
import type { ClearingApplicationView, ReconcileOutcome, ReconcileRunView } from '../reconcile/views';
import type { DailyReport, ReportExport } from '../reports/views';
import type { BackupStatus } from '../backup/views';
import type { ArchiveView } from '../journal/archive/archive-views';
import { archiveAfterYearsSchema } from '../journal/archive/archive-setting';
import type { CenterReachView } from '../counter/center-reach';
import type { SwitchNote } from '../counter/switch-note';
import { reportDateSchema } from '../reconcile/date';
import { inventoryApiArgs, type InventoryApiResults } from '../inventory/api-args';
import { rxApiArgs, type RxApiResults } from '../prescription/api-args';
import { auditApiArgs, type AuditApiResults } from '../audit/api-args';
import { priceApiArgs, type PriceApiResults } from '../prices/api-args';
import { staffApiArgs, type StaffApiResults } from '../clinic-staff/api-args';
import { regionApiArgs, type RegionApiResults } from '../region/api-args';

export type * from '../counter/views';
export type * from '../inventory/views';
export type * from '../prescription/views';
export type * from '../audit/views';
export type { PriceImportResult, PriceRow } from '../prices/price-list';
export type { ShopCounterView } from '../shop/shop-counters';
export type { ArchiveRunResult, ArchiveView, ArchiveYearResult } from '../journal/archive/archive-views';
export type { OtherTillSettlementView } from '../shop/shop-settlements';
export type { ShopJournalDetail, ShopJournalView } from '../shop/shop-journal';
export type { DepartmentRow, DoctorRow, StaffLists } from '../clinic-staff/staff-list';
export type { PrintOutcome, RenderedPage, RenderedReceipt, ShiftSlipPrintOutcome, PrinterInfo };
export type * from '../reconcile/views';
export type * from '../reports/views';
export type * from '../region/views';

/** A positive decimal given as text, at most `scale` decimals (quantities 4, unit prices 6). */
function decimalText(scale: number, what: string) {
  return z
    .string()
    .trim()
    .min(1, { message: `请输入${what}` })
    .max(20)
    .refine(
      (text) => {
        try {
          return parseScaled(text, scale) > 0;
        } catch {
          return false;
        }
      },
      { message: `${what}应为大于 0 的数字, 最多 ${scale} 位小数` },
    );
}

const code = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `请输入${what}` })
    .max(max, { message: `${what}不超过 ${max} 位` });

const lineSchema = z.strictObject({
  code: code(50, '医保目录编码'),
  name: z.string().max(200),
  medinsCode: z.string().trim().max(150).optional(),
  cntText: decimalText(4, '数量'),
  pricText: decimalText(6, '单价'),
});
const linesSchema = z.array(lineSchema).min(1, { message: '至少录入一条明细' }).max(200, { message: '一次最多 200 条明细' });

const personKey = z.string().min(8).max(40);
const basketId = z.string().regex(/^[0-9A-Za-z]{8,24}$/, { message: '购物单编号无效' });
const mdtrtId = code(30, '就诊ID');
const chrgBchno = code(30, '收费批次号');
const medType = z.string().regex(/^[0-9A-Za-z]{1,6}$/, { message: '医疗类别无效' });

const saleArgs = z.strictObject({
  basketId,
  personKey,
  insuranceIndex: z.number().int().min(0).max(20).optional(),
  acctUsed: z.boolean(),
  lines: linesSchema,
});
const billSettleArgs = z.strictObject({ mdtrtId, chrgBchno, acctUsed: z.boolean() });
/** Whose report (issue 20): omitted = this counter's; `shop` = every counter of the shop; `counter` = one, by name or slot. */
const reportScope = {
  shop: z.boolean().optional(),
  counter: z.string().trim().min(1).max(40).optional(),
};

const credentialEntry = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('id'),
    idNumber: z.string().trim().min(1, { message: '请输入身份证号' }).max(18, { message: '身份证号为 18 位' }),
    name: z.string().trim().min(1, { message: '请输入姓名' }).max(50),
  }),
  z.strictObject({ kind: z.literal('scan'), text: z.string().min(1, { message: '没有扫到内容' }).max(4000) }),
]);

const JOURNAL_STATE_VALUES = JOURNAL_STATES;

const archiveYear = z.number().int().min(1990, { message: '年份应为 4 位数字' }).max(2200, { message: '年份应为 4 位数字' });

const journalListArgs = z.strictObject({
  states: z.array(z.enum(JOURNAL_STATE_VALUES)).max(10).optional(),
  infno: z.string().max(10).optional(),
  since: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, { message: '日期格式应为 yyyy-MM-dd' })
    .optional(),
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 yyyy-MM-dd' })
    .optional(),
  psnNo: z.string().max(30).optional(),
  beforeId: z.number().int().min(1).optional(),
  text: z.string().max(40).optional(),
  includeReversalAttempts: z.boolean().optional(),
  limit: z.number().int().min(1).max(2000).optional(),
  /** That year's archive (journal/archive/), read-only; absent: the live journal. */
  archiveYear: archiveYear.optional(),
});

/** A settlement's receipt: 58 / 80 mm roll or A4 (default: the configured paper); reprint marks 补打. */
const receiptArgs = z.strictObject({
  setlId: code(30, '结算ID'),
  format: z.enum(['58', '80', 'a4'], { message: '纸张应为 58、80 或 a4' }).optional(),
  reprint: z.boolean().optional(),
});

export const apiArgs = {
  'app.status': z.strictObject({}),
  'backup.now': z.strictObject({}),
  'session.current': z.strictObject({}),
  'session.signIn': z.strictObject({
    opter: z.string().trim().min(1, { message: '请输入操作员编号' }).max(20, { message: '操作员编号不超过 20 位' }),
    opterName: z.string().trim().min(1, { message: '请输入操作员姓名' }).max(50),
  }),
  'session.signOut': z.strictObject({ opter: z.string().min(1).max(20).optional() }),
  'registry.list': z.strictObject({
    mandatory: z.enum(['pharmacy', 'clinic', 'hosp1', 'hosp2']).optional(),
    query: z.string().max(50).optional(),
  }),
  'session.shiftSummary': z.strictObject({}),
  /** 交班单 of the signed-in operator on the receipt printer (or back to the browser to print). */
  'session.printShift': z.strictObject({}),
  'person.read': z.strictObject({ entry: credentialEntry }),
  'person.readDevice': z.strictObject({ credential: z.enum(['card', 'ec', 'id']).optional() }),
  'person.choose': z.strictObject({ key: personKey, index: z.number().int().min(0).max(20) }),
  'catalogue.search': z.strictObject({
    query: z.string().trim().min(1, { message: '请输入要查找的名称、拼音首字母或编码' }).max(50),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  'catalogue.fillStatus': z.strictObject({}),
  'catalogue.fill': z.strictObject({}),
  'diagnosis.available': z.strictObject({}),
  'diagnosis.search': z.strictObject({
    query: z.string().trim().min(1, { message: '请输入诊断编码、名称或拼音首字母' }).max(50),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  'pharmacy.preSettle': saleArgs,
  'pharmacy.settle': saleArgs,
  'pharmacy.history': z.strictObject({ limit: z.number().int().min(1).max(500).optional() }),
  'pharmacy.refund': z.strictObject({ msgid: z.string().min(1).max(30) }),
  'clinic.register': z.strictObject({
    personKey,
    insuranceIndex: z.number().int().min(0).max(20).optional(),
    medType,
    deptCode: code(30, '科室编码'),
    deptName: code(100, '科室名称'),
    caty: z.string().regex(/^[0-9A-Za-z]{1,6}$/, { message: '科别应为 1–6 位字母或数字' }),
    doctorCode: code(30, '医生编码'),
    doctorName: code(50, '医生姓名'),
  }),
  'clinic.visitInfo': z.strictObject({
    mdtrtId,
    medType,
    mainCondDscr: z.string().max(1000).optional(),
    diagnoses: z
      .array(z.strictObject({ code: code(20, '诊断编码'), name: code(100, '诊断名称') }))
      .min(1, { message: '至少录入一条诊断' })
      .max(20),
  }),
  'clinic.uploadBill': z.strictObject({ mdtrtId, lines: linesSchema }),
  'clinic.preSettle': billSettleArgs,
  'clinic.settle': billSettleArgs,
  'clinic.refund': z.strictObject({
    mdtrtId,
    chrgBchno: chrgBchno.optional(),
    cancelFees: z.boolean(),
    cancelRegistration: z.boolean(),
  }),
  /** 2208 of an outpatient settlement by msgid, also one settled at another window of the shop. */
  'clinic.refundSettlement': z.strictObject({ msgid: z.string().min(1).max(30) }),
  'clinic.visit': z.strictObject({ mdtrtId }),
  'clinic.recent': z.strictObject({ limit: z.number().int().min(1).max(500).optional() }),
  'clinic.history': z.strictObject({ limit: z.number().int().min(1).max(500).optional() }),
  'journal.list': journalListArgs,
  /** 交易流水 of every counter of the shop (shop store, read-only). */
  'journal.shopList': journalListArgs
    .pick({ states: true, infno: true, since: true, text: true, limit: true })
    .extend({ counter: z.string().min(1).max(50).optional() }),
  /** One entry of the shop's 交易流水 with its 2601s, by msgid (read-only; another counter's too). */
  'journal.shopDetail': z.strictObject({ msgid: z.string().min(1).max(30) }),
  'journal.detail': z.strictObject({ id: z.number().int().min(1), archiveYear: archiveYear.optional() }),
  /** 流水归档: the setting, the folder, the archived years, the last run (设置 and the year picker of 交易流水). */
  'journal.archives': z.strictObject({}),
  'journal.pending': z.strictObject({}),
  'journal.resolveNow': z.strictObject({}),
  'settings.get': z.strictObject({}),
  'settings.save': z.strictObject({
    centerUrl: z.string().trim().max(500),
    institution: z.strictObject({
      fixmedinsCode: z.string().regex(/^[0-9A-Za-z]{12}$/, { message: '机构编码应为 12 位字母或数字' }),
      fixmedinsName: z.string().trim().min(1, { message: '请输入机构名称' }).max(200),
      mdtrtareaAdmvs: z.string().regex(/^\d{6}$/, { message: '就医地区划应为 6 位数字' }),
      kind: z.enum(['pharmacy', 'clinic']),
      terminalSlot: z.number().int().min(0).max(9),
    }),
    profile: z.enum(['national', 'hubei', 'sichuan']),
    /** 流水归档 after this many years; null: off; absent: the file's setting is kept. */
    archiveAfterYears: archiveAfterYearsSchema.optional(),
    printer: z
      .strictObject({
        deviceName: z.string().trim().max(200, { message: '打印机名称不超过 200 字' }),
        paper: z.enum(['58', '80', 'a4'], { message: '纸张应为 58 mm、80 mm 或 A4' }),
        silent: z.boolean(),
        autoPrint: z.boolean(),
      })
      .optional(),
  }),
  'devices.info': z.strictObject({}),
  'devices.test': z.strictObject({}),
  'receipt.render': receiptArgs,
  'receipt.print': receiptArgs,
  'receipt.printers': z.strictObject({}),
  /** The counters of the shop store (empty for a counter that works alone). */
  'shop.counters': z.strictObject({}),
  /** Settlements made at other counters of the shop (by name, 人员编号, 结算ID or msgid), for a refund here. */
  'shop.otherSettlements': z.strictObject({
    kind: z.enum(['pharmacy', 'clinic']),
    text: z.string().max(50).optional(),
  }),
  'reconcile.run': z.strictObject({ date: reportDateSchema }),
  /** 清算申请 the region makes with its own codes (湖北 3202a / 1608): list, withdraw (3204a / 1618), print (3205a). */
  'clearing.list': z.strictObject({}),
  'clearing.cancel': z.strictObject({ id: z.number().int().min(1) }),
  'clearing.print': z.strictObject({ id: z.number().int().min(1) }),
  /** The shop's newest 对账 of the day, whichever counter ran it (null without a shop store). */
  'reconcile.shopLatest': z.strictObject({ date: reportDateSchema }),
  'reconcile.history': z.strictObject({
    date: reportDateSchema.optional(),
    limit: z.number().int().min(1).max(200).optional(),
  }),
  'report.daily': z.strictObject({ date: reportDateSchema, opter: z.string().trim().min(1).max(20).optional(), ...reportScope }),
  'report.export': z.strictObject({
    date: reportDateSchema,
    opter: z.string().trim().min(1).max(20).optional(),
    ...reportScope,
    format: z.enum(['xlsx', 'csv'], { message: '导出格式应为 xlsx 或 csv' }),
  }),
  ...inventoryApiArgs,
  ...rxApiArgs,
  ...auditApiArgs,
  ...priceApiArgs,
  ...staffApiArgs,
  ...regionApiArgs,
} as const;

export type ApiMethod = keyof typeof apiArgs;
export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgs)[M]>;

export interface AppStatus {
  readonly centerUrl: string;
  /** Whether the center answers, from the last calls in the journal. */
  readonly centerReach: CenterReachView;
  readonly sandbox: boolean;
  readonly institution: { code: string; name: string; kind: 'pharmacy' | 'clinic'; admvs: string };
  readonly profile: {
    id: string;
    name: string;
    flows: Readonly<Record<string, string>>;
    /** The region's code of each 电子处方 step, `not-used` / `with-audit` where it has none (registry/profile.ts). */
    rxCodes: Readonly<Record<string, string>>;
    /** The region's own transactions by use (四川 S / Z codes; empty elsewhere), registry/profile.ts regionCodes. */
    regionCodes: Readonly<Record<string, string>>;
    /** The region applies for clearing with its own codes (湖北): 对账与报表 lists the applications. */
    clearing: boolean;
  };
  readonly configPath: string;
  readonly version: string;
  /** config `printer`: what the screens need to print after a settlement. */
  readonly printer: PrinterSettings;
  /** The shop store link (config shop.postgresUrl), null for a counter that works alone. */
  readonly shop: ShopHeaderView | null;
  readonly backup: BackupView;
  /** The local clock is off from the center's by more than the threshold (journal/clock-skew.ts). */
  readonly clockWarning: string | null;
  /** After a restore: the check with the center is not done yet (settling is refused), with why. */
  readonly restorePending: string | null;
}

/** The 设置 section and the header's warning (src-main/backup/backup-status.ts). */
export interface BackupView extends BackupStatus {
  /** The last daily backup that failed, in Chinese (null after a success). */
  readonly lastError: string | null;
}

export interface SessionInfo {
  readonly opter: string;
  readonly opterName: string;
  readonly signNo: string;
  readonly signTime: string;
}

export interface RegistryRow {
  readonly code: string;
  readonly name: string;
  readonly category: string;
  readonly modeText: string;
  readonly mandatory: { pharmacy: boolean; clinic: boolean; hosp1: boolean; hosp2: boolean };
  readonly regions: readonly string[];
}

export interface ApiResults
  extends InventoryApiResults, RxApiResults, AuditApiResults, PriceApiResults, StaffApiResults, RegionApiResults {
  'app.status': AppStatus;
  'backup.now': BackupView;
  'session.current': SessionInfo | null;
  'session.signIn': SessionInfo & { msgid: string; safeControl: SafeControlStatus };
  'session.signOut': { opter: string; signOutTime: string; summary: ShiftSummary };
  'registry.list': readonly RegistryRow[];
  'session.shiftSummary': ShiftSummary;
  'session.printShift': ShiftSlipPrintOutcome;
  'person.read': PersonView;
  'person.readDevice': PersonView;
  'person.choose': PersonView;
  'catalogue.search': CatalogueSearchResult;
  'catalogue.fillStatus': CatalogueFillView | null;
  'catalogue.fill': CatalogueFillView;
  /** Whether the local 疾病与诊断 catalogue can be searched, and if not, what the form says. */
  'diagnosis.available': { available: boolean; note: string };
  'diagnosis.search': readonly DiagnosisView[];
  'pharmacy.preSettle': SettlementView;
  'pharmacy.settle': SaleResult;
  'pharmacy.history': readonly SettlementRecord[];
  'pharmacy.refund': RefundResult;
  'clinic.register': VisitView;
  'clinic.visitInfo': VisitView;
  'clinic.uploadBill': { visit: VisitView; chrgBchno: string };
  'clinic.preSettle': { visit: VisitView; settlement: SettlementView };
  'clinic.settle': { visit: VisitView; result: SaleResult };
  'clinic.refund': { visit: VisitView; steps: readonly ClinicRefundStep[] };
  'clinic.refundSettlement': RefundResult;
  'clinic.visit': VisitView;
  'clinic.recent': readonly VisitSummary[];
  'clinic.history': readonly SettlementRecord[];
  'journal.list': readonly JournalRow[];
  'journal.shopList': readonly ShopJournalView[];
  'journal.shopDetail': ShopJournalDetail;
  'journal.detail': JournalDetail;
  'journal.archives': ArchiveView;
  'journal.pending': PendingWork;
  'journal.resolveNow': {
    examined: number;
    reversed: number;
    /** Not applied at the center (2601: 原交易不存在) or no lasting effect. */
    noEffect: number;
    pending: number;
    needsManual: number;
    attemptsSettled: number;
    lines: readonly string[];
  };
  'settings.get': SettingsView;
  /** `switched`: what the change did to the sign-in (counter/switch-note.ts). */
  'settings.save': { restarted: boolean; settings: SettingsView; switched: SwitchNote };
  'devices.info': DevicesView;
  'devices.test': DeviceTestResult;
  'receipt.render': RenderedReceipt;
  'receipt.print': PrintOutcome;
  'receipt.printers': readonly PrinterInfo[];
  'reconcile.run': ReconcileOutcome;
  'reconcile.shopLatest': ReconcileRunView | null;
  'reconcile.history': readonly ReconcileRunView[];
  'clearing.list': readonly ClearingApplicationView[];
  'clearing.cancel': ClearingApplicationView;
  'clearing.print': ShiftSlipPrintOutcome;
  'shop.counters': readonly ShopCounterView[];
  'shop.otherSettlements': readonly OtherTillSettlementView[];
  'report.daily': DailyReport;
  'report.export': ReportExport;
}

export interface ApiError {
  readonly code: string;
  readonly message: string;
  /** not-sent / rejected / unknown for center calls; local otherwise. */
  readonly kind: 'not-sent' | 'rejected' | 'unknown' | 'local';
  /** What to do next, in Chinese, when the message alone does not say it. */
  readonly hint?: string;
}

export type ApiResponse<M extends ApiMethod> = { ok: true; value: ApiResults[M] } | { ok: false; error: ApiError };

/** What the renderer calls; the preload and the web client both implement it. */
export interface YibaoApi {
  invoke<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResponse<M>>;
  /** Live events (journal activity, progress of long operations); returns the unsubscribe function. */
  subscribe(listener: (event: CounterEvent) => void): () => void;
}

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiArgs, name);
}
