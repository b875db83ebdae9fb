/**
 * Registration only: each API method validates its arguments and calls a module under
 * src-main. Errors come back as { ok: false, error } with a Chinese message (and what to do
 * next), never thrown across the bridge.
 */
import { YibaoError, formatPath, isYibaoError } from '../core/errors';
import { isCenterCallError } from '../protocol/call-errors';
import { listInterfaces, mandatoryFor, registryRowOf } from '../registry/registry';
import type { CounterApp } from '../app/counter-app';
import { reachOf, type CounterServices } from '../counter/counter-services';
import { adviceFor } from '../counter/error-advice';
import { fieldNamesInChinese } from '../counter/field-words';
import { centerPort } from '../catalogue/center-port';
import { devicesView, testRead } from '../counter/device-read';
import { settingsView, type SettingsPatch } from '../counter/settings';
import type { SwitchNote } from '../counter/switch-note';
import type { HtmlPrinter } from '../receipts/html-printer';
import type { ReceiptRequest } from '../receipts/receipt-model';
import { shiftSummary } from '../counter/shift';
import { reconcileDay } from '../reconcile/daily-reconcile';
import { latestShopRun, reconcileStoreOf } from '../reconcile/reconcile-runner';
import { ClearingApplicationStore, cancelClearing } from '../reconcile/clearing-applications';
import { printClearingForm } from '../reconcile/clearing-form';
import { exportReport } from '../reports/report-export';
import { scopedReport, type ScopedReportRequest } from '../reports/report-scope';
import { shopCountersOf } from '../shop/shop-counters';
import { otherTillSettlements } from '../shop/shop-settlements';
import type { SettlementKind } from '../counter/settlement-history';
import { shopJournalDetail, shopJournalView } from '../shop/shop-journal';
import { inventoryHandlers } from '../inventory/inventory-api';
import { rxHandlers } from '../prescription/rx-api';
import { auditHandlers } from '../audit/audit-api';
import { regionHandlers } from '../region/region-api';
import type { CredentialEntry } from '../counter/credential-entry';
import type { SaleRequest } from '../counter/pharmacy-sale';
import type {
  BillRequest,
  BillSettleRequest,
  ClinicRefundRequest,
  RegisterRequest,
  VisitInfoRequest,
} from '../counter/clinic-visit';
import type { JournalQuery } from '../counter/journal-view';
import type { SettingsView } from '../counter/views';
import { backupStatus } from '../backup/backup-status';
import { archiveViewOf } from '../journal/archive/archive-scheduler';
import { clockCheckOf } from '../journal/clock-skew';
import { shopHeaderOf } from '../counter/shop-header';
import { syncCenterDoctors } from '../clinic-staff/staff-list';
import { queryPractitioners } from '../info/center-info';
import { NO_DIAGNOSIS_CATALOGUE } from '../counter/local-item-search';
import { apiArgs, isApiMethod, type ApiError, type ApiMethod, type ApiResponse, type ApiResults } from './contract';

type Handlers = { [M in ApiMethod]: (args: never) => Promise<ApiResults[M]> | ApiResults[M] };

export interface ApiDeps {
  readonly app: CounterApp;
  readonly services: CounterServices;
  readonly version: string;
  /** Saves the settings and reopens the counter with them (the runtime owns the app's lifecycle). */
  readonly applySettings: (patch: SettingsPatch) => Promise<{ settings: SettingsView; switched: SwitchNote }>;
  /** The desktop shell's printer (Electron); absent in web mode, where the browser prints. */
  readonly printer?: HtmlPrinter | null;
}

function restorePendingOf(app: CounterApp): string | null {
  const check = app.restoreCheck;
  if (!check || check.done) return null;
  return 'error' in check ? check.error : (check.lines.at(-1) ?? '');
}

export type ApiInvoke = (method: unknown, rawArgs: unknown) => Promise<ApiResponse<ApiMethod>>;

export function createApiHandlers(deps: ApiDeps): ApiInvoke {
  const { app, services, version } = deps;
  const { config } = app.loaded;
  const fixmedinsCode = config.institution.fixmedinsCode;
  const backupView = () => ({ ...backupStatus(app.loaded), lastError: services.backups.lastError });
  const handlers = {
    'app.status': () => ({
      centerUrl: app.centerUrl,
      centerReach: reachOf(app),
      sandbox: app.sandbox !== null,
      institution: {
        code: fixmedinsCode,
        name: config.institution.fixmedinsName,
        kind: config.institution.kind,
        admvs: config.institution.mdtrtareaAdmvs,
      },
      profile: {
        id: app.client.profile.id,
        name: app.client.profile.name,
        flows: { ...app.client.profile.flows },
        rxCodes: { ...app.client.profile.rxCodes },
        regionCodes: { ...app.client.profile.regionCodes },
        clearing: app.client.profile.clearing !== null,
      },
      configPath: app.loaded.path,
      version,
      printer: { ...config.printer },
      backup: backupView(),
      restorePending: restorePendingOf(app),
      clockWarning: clockCheckOf(app.journal)?.warning ?? null,
      shop: app.shop ? shopHeaderOf(app.shop) : null,
    }),
    'backup.now': async () => {
      await services.backups.runNow();
      if (services.backups.lastError) throw new YibaoError('E_BACKUP_WRITE', services.backups.lastError);
      return backupView();
    },
    'session.current': () => app.sessions.current() ?? null,
    'session.signIn': async (args: { opter: string; opterName: string }) => {
      const { session, result } = await app.sessions.signInWithResult(app.client, args);
      // A new counter has no local catalogue: fill it in the background from the first sign-in on.
      if (config.catalogue.fillAtSignIn) services.catalogueFill?.startIfEmpty(centerPort(app, session));
      return { ...session, msgid: result.msgid, safeControl: await services.safeControl.initialise() };
    },
    'session.signOut': async (args: { opter?: string }) => {
      // The hand-over slip is taken before 9002 ends the session it is computed for.
      const summary = shiftSummary(app.journal, app.sessions.require(args.opter), fixmedinsCode);
      const { session, signOutTime } = await app.sessions.signOut(app.client, args.opter);
      return { opter: session.opter, signOutTime, summary: { ...summary, until: signOutTime } };
    },
    'session.shiftSummary': () => shiftSummary(app.journal, app.sessions.require(), fixmedinsCode),
    'session.printShift': () =>
      services.receipts.printShift(shiftSummary(app.journal, app.sessions.require(), fixmedinsCode), deps.printer ?? null),
    'registry.list': (args: { mandatory?: 'pharmacy' | 'clinic' | 'hosp1' | 'hosp2'; query?: string }) => {
      const rows = args.mandatory ? mandatoryFor(args.mandatory) : listInterfaces();
      const q = args.query?.trim();
      return (q ? rows.filter((r) => r.code.includes(q) || r.name.includes(q)) : rows).map(registryRowOf);
    },
    'person.read': async (args: { entry: CredentialEntry }) => services.persons.view(await services.persons.read(args.entry)),
    'person.readDevice': async (args: { credential?: 'card' | 'ec' | 'id' }) =>
      services.persons.view(await services.safeControl.readVisit(args.credential)),
    'person.choose': async (args: { key: string; index: number }) =>
      services.persons.view(await services.persons.choose(args.key, args.index)),
    'catalogue.search': (args: { query: string; limit?: number }) => services.items.search(args.query, args.limit ?? 20),
    'catalogue.fillStatus': () => services.catalogueFill?.status() ?? null,
    'catalogue.fill': () => {
      if (!services.catalogueFill) throw new YibaoError('E_CATALOGUE_NO_LOCAL', '本机没有本地目录库 (内存数据库), 不能下载目录');
      return services.catalogueFill.start(centerPort(app, app.sessions.require()));
    },
    'prices.list': (args: { query?: string }) => services.prices.list(args.query),
    'prices.set': (args: { code: string; name?: string; priceText: string }) =>
      services.prices.set(args.code, args.name ?? '', args.priceText),
    'prices.import': (args: { filename: string; contentBase64: string }) =>
      services.prices.importFile(args.filename, Buffer.from(args.contentBase64, 'base64')),
    'diagnosis.available': () => {
      const available = services.diagnoses.available();
      return { available, note: available ? '' : NO_DIAGNOSIS_CATALOGUE };
    },
    'diagnosis.search': (args: { query: string; limit?: number }) => services.diagnoses.search(args.query, args.limit ?? 15),
    'pharmacy.preSettle': (args: SaleRequest) => services.pharmacy.preSettle(args),
    'pharmacy.settle': async (args: SaleRequest) => {
      const result = await services.pharmacy.settle(args);
      // A basket filled from an electronic prescription reports its sale (7207) right after settling.
      await services.prescriptions.afterSettlement(args.basketId, result);
      return result;
    },
    'pharmacy.history': (args: { limit?: number }) => services.history.list('pharmacy', { limit: args.limit }),
    'pharmacy.refund': async (args: { msgid: string }) => {
      const result = await services.pharmacy.refund(args.msgid);
      // A refunded prescription sale is revoked at the center (7208). The refund stands either way: a
      // failed 7208 leaves the prescription 已退费, 待撤销出库 on the 电子处方 screen.
      await services.prescriptions.afterRefund(args.msgid, result.refund.msgid).catch(() => null);
      return result;
    },
    'clinic.register': async (args: RegisterRequest) => {
      const visit = await services.clinic.register(args);
      // The department and doctor the center accepted are offered (and the defaults) next time.
      services.staff.rememberUsed(args);
      return visit;
    },
    'staff.list': () => services.staff.lists(),
    'staff.syncDoctors': () =>
      syncCenterDoctors(services.staff, () => queryPractitioners(app, { type: '1' }, app.sessions.require())),
    'clinic.visitInfo': (args: VisitInfoRequest) => services.clinic.visitInfo(args),
    'clinic.uploadBill': (args: BillRequest) => services.clinic.uploadBill(args),
    'clinic.preSettle': (args: BillSettleRequest) => services.clinic.preSettle(args),
    'clinic.settle': (args: BillSettleRequest) => services.clinic.settle(args),
    'clinic.refund': (args: ClinicRefundRequest) => services.clinic.refund(args),
    'clinic.refundSettlement': (args: { msgid: string }) => services.clinic.refundByMsgid(args.msgid),
    'clinic.visit': (args: { mdtrtId: string }) => services.clinic.visit(args.mdtrtId),
    'clinic.recent': (args: { limit?: number }) => services.clinic.recent(args.limit),
    'clinic.history': (args: { limit?: number }) => services.history.list('clinic', { limit: args.limit }),
    'journal.list': (args: JournalQuery) => services.journal.rows(args),
    'journal.shopList': (args: JournalQuery & { counter?: string }) =>
      shopJournalView(app, {
        states: args.states,
        infno: args.infno,
        since: args.since,
        textContains: args.text,
        counter: args.counter,
        limit: args.limit,
      }),
    'journal.shopDetail': (args: { msgid: string }) => shopJournalDetail(app, args.msgid),
    'journal.detail': (args: { id: number; archiveYear?: number }) => services.journal.detail(args.id, args.archiveYear),
    'journal.archives': () => archiveViewOf(services.archiver, app.archives),
    'journal.pending': () => services.journal.pending(),
    'journal.resolveNow': async () => {
      const r = await app.resolver.resolveAll({ ignoreBackoff: true });
      return {
        examined: r.examined,
        reversed: r.reversed,
        noEffect: r.noEffect,
        pending: r.pending,
        needsManual: r.needsManual,
        attemptsSettled: r.attemptsSettled,
        lines: r.lines,
      };
    },
    'settings.get': () => settingsView(app.loaded, app.centerUrl),
    'settings.save': async (args: SettingsPatch) => ({ restarted: true, ...(await deps.applySettings(args)) }),
    'devices.info': () => devicesView(config),
    'devices.test': () => testRead(config),
    'receipt.render': (args: ReceiptRequest) => services.receipts.render(args),
    'receipt.print': (args: ReceiptRequest) => services.receipts.print(args, deps.printer ?? null),
    'receipt.printers': () => services.receipts.printers(deps.printer ?? null),
    'reconcile.run': (args: { date: string }) => reconcileDay(app, { date: args.date, operator: app.sessions.current() }),
    'clearing.list': () => new ClearingApplicationStore(app).list(),
    'clearing.cancel': (args: { id: number }) => cancelClearing(app, args.id, app.sessions.current()),
    'clearing.print': (args: { id: number }) =>
      printClearingForm(app, services.receipts, args.id, deps.printer ?? null, app.sessions.current()),
    'reconcile.history': (args: { date?: string; limit?: number }) => reconcileStoreOf(app).history(args),
    'reconcile.shopLatest': (args: { date: string }) => latestShopRun(app, args.date),
    'shop.counters': async () => (app.shop ? shopCountersOf(app.shop) : []),
    'shop.otherSettlements': async (args: { kind: SettlementKind; text?: string }) =>
      app.shop ? otherTillSettlements(app.shop, args.kind, args.text) : [],
    'report.daily': (args: ScopedReportRequest) => scopedReport(app, args),
    'report.export': async (args: ScopedReportRequest & { format: 'xlsx' | 'csv' }) =>
      exportReport(await scopedReport(app, args), args.format),
    ...inventoryHandlers(app, services.events),
    ...rxHandlers(services.prescriptions),
    ...auditHandlers(app),
    ...regionHandlers(app, services),
  } satisfies Handlers;

  return async function invoke(method: unknown, rawArgs: unknown): Promise<ApiResponse<ApiMethod>> {
    try {
      if (!isApiMethod(method)) {
        const named = typeof method === 'string' ? method.slice(0, 60) : `(${method === null ? 'null' : typeof method})`;
        throw new YibaoError('E_API_METHOD', `未知的接口方法 ${named}`);
      }
      const parsed = apiArgs[method].safeParse(rawArgs ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new YibaoError('E_API_ARGS', describeIssue(issue?.path ?? [], issue?.message ?? ''), {
          method,
          path: formatPath(issue?.path ?? []),
        });
      }
      const handler = handlers[method] as (args: unknown) => unknown;
      return { ok: true, value: (await handler(parsed.data)) as ApiResults[ApiMethod] };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  };
}

/**
 * A validation problem as the cashier reads it: the contract's messages name the field in Chinese;
 * a row of a list is named by its number.
 */
export function describeIssue(path: readonly PropertyKey[], message: string): string {
  const row = path.find((p): p is number => typeof p === 'number');
  return `${row === undefined ? '' : `第 ${row + 1} 行: `}${message || '输入不正确'}`;
}

export function toApiError(error: unknown): ApiError {
  const hint = adviceFor(error) ?? undefined;
  // A center's message may name protocol fields (psn_name): the cashier reads their Chinese names.
  if (isCenterCallError(error))
    return { code: error.code, message: fieldNamesInChinese(error.messageZh), kind: error.kind, hint };
  if (isYibaoError(error)) return { code: error.code, message: fieldNamesInChinese(error.messageZh), kind: 'local', hint };
  return { code: 'E_INTERNAL', message: `内部错误: ${(error as Error)?.message ?? String(error)}`, kind: 'local', hint };
}
