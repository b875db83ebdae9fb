/**
 * 对账 of one period (protocol.md §5.10): 3201 per (insutype, clr_type, setl_optins) with the
 * counter's totals; for a group the center answers 不平, the detail of its (clr_type,
 * setl_optins) goes up with 9101, 3202 compares it and the result comes back with 9102, and
 * every settlement that differs is kept with the run. All calls go through the journaled
 * `callAs`. A failed call ends the run as `failed` (kept, with the reason) and is rethrown.
 */
import { YibaoError } from '../core/errors';
import { yuanNumber } from '../core/money';
import type { CounterApp } from '../app/counter-app';
import type { Operator } from '../protocol/center-client';
import { detailReconcileOutput, totalReconcileOutput } from '../protocol/transactions/reconcile';
import { fileUploadOutput } from '../protocol/transactions/files';
import { buildDetailUpload, differencesOf, parseDetailResult, type Difference } from './detail-file';
import { detailScopeOf, groupLedger, totalsOf, type LedgerGroup } from './grouping';
import { readLedger, type LedgerRecord } from './local-ledger';
import { ReconcileStore } from './reconcile-store';
import { holderOf, readShopLedger, type ShopLedger } from './shop-ledger';
import type { StoredShopRun } from '../shop/shop-store';
import type { ReconcileKind, ReconcileRunView } from './views';
import { compareSettlementRange } from './settlement-range-check';

/** The parts of the counter app a reconciliation uses. */
export type ReconcileApp = Pick<CounterApp, 'callAs' | 'journal' | 'db' | 'centerId' | 'loaded' | 'client' | 'sessions' | 'shop'>;

export interface RunRequest {
  readonly kind: ReconcileKind;
  readonly begndate: string;
  readonly enddate: string;
  /** Operator for the calls; undefined = the operator signed in last. */
  readonly operator?: Operator;
  /** 'always': 3202 also for the groups 3201 found 平 (an auditor's full check, the acceptance self-test). */
  readonly detail?: 'when-unbalanced' | 'always';
  /**
   * (clr_type, setl_optins) scopes to check with 3202 even when this period's journal has no
   * settlement in them: after a restore the center may hold sales the restored journal lacks.
   */
  readonly alsoDetail?: readonly { clrType: string; setlOptins: string }[];
}

export function reconcileStoreOf(app: Pick<ReconcileApp, 'db' | 'loaded' | 'centerId'>): ReconcileStore {
  return new ReconcileStore(app.db, app.loaded.config.institution.fixmedinsCode, app.centerId);
}

/** 3201 for one group: the answer's stmt_rslt 0 is 平. */
async function totalReconcile(app: ReconcileApp, req: RunRequest, group: LedgerGroup) {
  const result = await app.callAs(req.operator, '3201', {
    data: {
      insutype: group.insutype,
      clr_type: group.clrType,
      setl_optins: group.setlOptins,
      stmt_begndate: req.begndate,
      stmt_enddate: req.enddate,
      medfee_sumamt: yuanNumber(group.totals.medfee),
      fund_pay_sumamt: yuanNumber(group.totals.fund),
      acct_pay: yuanNumber(group.totals.acct),
      fixmedins_setl_cnt: group.totals.count,
    },
  });
  const info = totalReconcileOutput.parse(result.output).stmtinfo;
  return { msgid: result.msgid, stmtRslt: info.stmt_rslt, stmtRsltDscr: info.stmt_rslt_dscr ?? '' };
}

/** 9101 upload, 3202, 9102 download of the result: the records of one (clr_type, setl_optins) that differ. */
async function detailReconcile(
  app: ReconcileApp,
  req: RunRequest,
  scope: { clrType: string; setlOptins: string },
  records: readonly LedgerRecord[],
): Promise<{ detailMsgid: string; differences: Difference[] }> {
  const fixmedinsCode = app.loaded.config.institution.fixmedinsCode;
  const base = `3202_${fixmedinsCode}_${req.begndate.replace(/-/g, '')}_${req.enddate.replace(/-/g, '')}_${scope.clrType}_${scope.setlOptins}`;
  const upload = buildDetailUpload(records, base);
  const up = fileUploadOutput.parse(
    (
      await app.callAs(req.operator, '9101', {
        fsUploadIn: { in: Array.from(upload.zip), filename: upload.filename, fixmedins_code: fixmedinsCode },
      })
    ).output,
  );
  const totals = totalsOf(records);
  const detail = await app.callAs(req.operator, '3202', {
    data: {
      setl_optins: scope.setlOptins,
      file_qury_no: up.file_qury_no,
      stmt_begndate: req.begndate,
      stmt_enddate: req.enddate,
      medfee_sumamt: yuanNumber(totals.medfee),
      fund_pay_sumamt: yuanNumber(totals.fund),
      cash_payamt: yuanNumber(totals.cash),
      fixmedins_setl_cnt: totals.count,
      clr_type: scope.clrType,
    },
  });
  const info = detailReconcileOutput.parse(detail.output).fileinfo;
  const download = await app.callAs(req.operator, '9102', {
    fsDownloadIn: { file_qury_no: info.file_qury_no, filename: info.filename, fixmedins_code: fixmedinsCode },
  });
  if (!Buffer.isBuffer(download.output)) {
    throw new YibaoError('E_RECONCILE_FILE', `9102 没有返回明细对账结果文件 ${info.filename}`, { filename: info.filename });
  }
  return { detailMsgid: detail.msgid, differences: differencesOf(parseDetailResult(download.output, info.filename), records) };
}

/**
 * Runs one reconciliation and returns it as stored. With a shop store it is the institution's:
 * the records of all counters, one counter at a time (a shop-wide advisory lock); a counter that
 * waited for another one's run of the same ledger takes that result instead of running again.
 */
export async function runReconciliation(app: ReconcileApp, req: RunRequest): Promise<ReconcileRunView> {
  const fixmedinsCode = app.loaded.config.institution.fixmedinsCode;
  const shop = app.shop;
  if (!shop) return runOnLedger(app, req, readLedger(app.journal, fixmedinsCode, req.begndate, req.enddate), null);
  const lock = `yibao-reconcile:${fixmedinsCode}:${req.kind}:${req.begndate}:${req.enddate}`;
  return shop.store.exclusive(lock, async (waited) => {
    const ledger = await readShopLedger(shop, fixmedinsCode, req.begndate, req.enddate);
    if (waited) {
      const earlier = await shop.store.latestRun<ReconcileRunView>(fixmedinsCode, req.kind, req.begndate, req.enddate);
      if (earlier && earlier.ledgerDigest === ledger.digest && earlier.result !== 'failed') {
        return { ...shopRunView(earlier), note: `门店对账由 "${earlier.counter.name}" 完成: ${earlier.run.note ?? ''}` };
      }
    }
    const own = await runOnLedger(app, req, ledger.records, ledger);
    const run = { ...own, ranBy: { counter: shop.counter.name, finishedAt: own.finishedAt ?? '' } };
    await shop.store.saveRun({
      fixmedinsCode,
      kind: req.kind,
      begndate: req.begndate,
      enddate: req.enddate,
      counterId: shop.counter.counterId,
      ledgerDigest: ledger.digest,
      result: run.result,
      run,
    });
    return run;
  });
}

/** A run kept in the shop store, naming the counter that ran it. */
export function shopRunView(stored: StoredShopRun<ReconcileRunView>): ReconcileRunView {
  return { ...stored.run, ranBy: { counter: stored.counter.name, finishedAt: stored.run.finishedAt ?? stored.finishedAt } };
}

/**
 * The newest institution-level 对账 of a day, whichever counter ran it (the other counters show
 * it: only one runs it at a time); null without a shop store or before any run.
 */
export async function latestShopRun(app: ReconcileApp, date: string): Promise<ReconcileRunView | null> {
  if (!app.shop) return null;
  const stored = await app.shop.store.latestRun<ReconcileRunView>(
    app.loaded.config.institution.fixmedinsCode,
    'daily',
    date,
    date,
  );
  return stored ? shopRunView(stored) : null;
}

/** One run over the given records; `shopLedger` (with a shop store) names the counter of each difference. */
async function runOnLedger(
  app: ReconcileApp,
  req: RunRequest,
  ledger: readonly LedgerRecord[],
  shopLedger: ShopLedger | null,
): Promise<ReconcileRunView> {
  const store = reconcileStoreOf(app);
  const groups = groupLedger(ledger);
  const extraScopes = req.alsoDetail ?? [];
  // Who ran it: the operator asked for, else the one whose sign-in the calls will use. With
  // calls to make and no one to make them, refused before a run is recorded (it would only say 中断).
  const signedIn = groups.length + extraScopes.length > 0 && !req.operator ? app.sessions.require() : app.sessions.current();
  const opter = req.operator?.opter ?? signedIn?.opter ?? null;
  const runId = store.startRun(req.kind, req.begndate, req.enddate, opter);
  try {
    if (groups.length === 0 && extraScopes.length === 0) {
      store.finishRun(runId, 'balanced', `${shopLedger ? '门店各收银台' : '本机'}在此期间没有医保结算, 无需调用 3201`);
      return store.run(runId) as ReconcileRunView;
    }
    const unbalancedScopes = new Map<string, { clrType: string; setlOptins: string }>();
    const detailScopes = new Map<string, { clrType: string; setlOptins: string }>();
    for (const group of groups) {
      const answer = await totalReconcile(app, req, group);
      store.addGroup(runId, group, answer);
      const scopeKey = `${group.clrType}|${group.setlOptins}`;
      const scope = { clrType: group.clrType, setlOptins: group.setlOptins };
      if (answer.stmtRslt !== '0') unbalancedScopes.set(scopeKey, scope);
      if (answer.stmtRslt !== '0' || req.detail === 'always') detailScopes.set(scopeKey, scope);
    }
    for (const scope of extraScopes) detailScopes.set(`${scope.clrType}|${scope.setlOptins}`, scope);
    let differenceCount = 0;
    for (const scope of detailScopes.values()) {
      const found = await detailReconcile(app, req, scope, detailScopeOf(ledger, scope));
      const differences = shopLedger
        ? found.differences.map((d) => ({ ...d, counter: holderOf(d.msgid, shopLedger) }))
        : found.differences;
      store.addDifferences(runId, { ...scope, detailMsgid: found.detailMsgid }, differences);
      differenceCount += found.differences.length;
    }
    // HIS/MIS 对账 where the region lists the center's settlements by time range (湖北 5262 / 5267).
    for (const d of (await compareSettlementRange(app, req.operator, req, ledger)) ?? []) {
      store.addDifferences(runId, { clrType: d.clrType, setlOptins: d.setlOptins, detailMsgid: d.queryMsgid }, [
        shopLedger ? { ...d, counter: holderOf(d.msgid, shopLedger) } : d,
      ]);
      differenceCount += 1;
    }
    const balanced = unbalancedScopes.size === 0 && differenceCount === 0;
    store.finishRun(
      runId,
      balanced ? 'balanced' : 'unbalanced',
      balanced
        ? `${groups.length} 组全部对平, 共 ${ledger.length} 笔${shopLedger ? ` (门店 ${new Set(ledger.map((r) => r.counter)).size} 台收银台)` : ''}`
        : `${unbalancedScopes.size} 个清算类别不平, 明细对账发现 ${differenceCount} 笔不一致`,
    );
  } catch (error) {
    const message = error instanceof YibaoError ? `[${error.code}] ${error.messageZh}` : String((error as Error)?.message);
    store.finishRun(runId, 'failed', `对账中断: ${message}`);
    throw error;
  }
  return store.run(runId) as ReconcileRunView;
}
