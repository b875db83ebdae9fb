/**
 * 清算申请 after a reconciled month, for regions whose profile sets
 * `monthlyClearingAfterReconcile`. Seed 003 (四川 两定接口工作指引, 总账对账): 3201 is "视同清算申请";
 * when its period runs from the first to the last day of a month that is not the current one
 * and the total reconciliation succeeds, the center applies for clearing by itself. So the
 * application is 3201 per group over the whole previous month, sent once every day of that
 * month with settlements has balanced, and remembered as a `clearing` run.
 */
import { formatDate } from '../core/time';
import type { Operator } from '../protocol/center-client';
import { previousMonth } from './grouping';
import { readLedger } from './local-ledger';
import { reconcileStoreOf, runReconciliation, type ReconcileApp } from './reconcile-runner';
import type { ClearingApplicationView, ClearingOutcome, ReconcileRunView } from './views';
import { applyForClearing, CLEARING_APPLICATIONS_RUN, ClearingApplicationStore } from './clearing-applications';
import type { LedgerRecord } from './local-ledger';
import { readShopLedger } from './shop-ledger';
import type { ShopLink } from '../shop/shop-link';
import { YibaoError } from '../core/errors';

const RESULT_TEXT: Readonly<Record<string, string>> = {
  running: '未完成',
  unbalanced: '不平',
  failed: '中断',
};

/**
 * What the month's clearing decides on. Without a shop store: this counter's journal and 对账
 * runs. With one (issue 20): 3201 is per institution, so the settlements of every counter, the
 * institution-level daily results and an application any counter made already.
 */
interface MonthView {
  readonly ledger: readonly LedgerRecord[];
  readonly dailyResults: ReadonlyMap<string, string>;
  /** The balanced clearing run of the month: its id when it is this counter's, and who made it. */
  readonly done: { readonly runId: number | null; readonly by: string | null } | null;
  /** Region-code clearing: the applications standing at the shop's other counters. */
  readonly standingElsewhere: readonly ClearingApplicationView[];
  /** Whose settlements the ledger holds, for the messages. */
  readonly whose: string;
}

type Period = { begndate: string; enddate: string; month: string };

export async function applyMonthlyClearing(
  app: ReconcileApp,
  operator: Operator | undefined,
  today: string = formatDate(new Date()),
): Promise<ClearingOutcome> {
  const period = previousMonth(today);
  const shop = app.shop;
  if (!shop) return clearMonth(app, operator, period, localMonth(app, period));
  const fixmedinsCode = app.loaded.config.institution.fixmedinsCode;
  try {
    // One counter at a time decides and applies; the next one finds the application made.
    return await shop.store.exclusive(`yibao-clearing:${fixmedinsCode}:${period.begndate}`, async () =>
      clearMonth(app, operator, period, await shopMonth(app, shop, period)),
    );
  } catch (error) {
    return { month: period.month, status: 'failed', runId: null, message: `${period.month} 清算申请失败: ${messageOf(error)}` };
  }
}

function messageOf(error: unknown): string {
  return error instanceof YibaoError ? error.messageZh : String((error as Error)?.message ?? error);
}

function localMonth(app: ReconcileApp, { begndate, enddate }: Period): MonthView {
  const store = reconcileStoreOf(app);
  const done = app.client.profile.clearing ? null : store.clearingDone(begndate, enddate);
  return {
    ...localLedger(app, { begndate, enddate }),
    done: done === null ? null : { runId: done, by: null },
    standingElsewhere: [],
    whose: '本机',
  };
}

async function shopMonth(app: ReconcileApp, shop: ShopLink, { begndate, enddate }: Period): Promise<MonthView> {
  const fixmedinsCode = app.loaded.config.institution.fixmedinsCode;
  const me = shop.counter.counterId;
  const { records } = await readShopLedger(shop, fixmedinsCode, begndate, enddate);
  const dailyResults = await shop.store.dailyResults(fixmedinsCode, begndate, enddate);
  if (app.client.profile.clearing) {
    const elsewhere = await shop.store.latestRunPerCounter<ClearingApplicationView[]>(
      fixmedinsCode,
      CLEARING_APPLICATIONS_RUN,
      begndate,
      enddate,
    );
    return {
      ledger: records,
      dailyResults,
      done: null,
      standingElsewhere: elsewhere.filter((r) => r.counter.counterId !== me).flatMap((r) => r.run),
      whose: '门店各收银台',
    };
  }
  const earlier = await shop.store.latestRun<ReconcileRunView>(fixmedinsCode, 'clearing', begndate, enddate);
  const mine = reconcileStoreOf(app).clearingDone(begndate, enddate);
  const done =
    mine !== null
      ? { runId: mine, by: null }
      : earlier?.result === 'balanced'
        ? { runId: earlier.counter.counterId === me ? earlier.run.id : null, by: earlier.counter.name }
        : null;
  return { ledger: records, dailyResults, done, standingElsewhere: [], whose: '门店各收银台' };
}

async function clearMonth(
  app: ReconcileApp,
  operator: Operator | undefined,
  period: Period,
  view: MonthView,
): Promise<ClearingOutcome> {
  const { begndate, enddate, month } = period;
  if (view.done !== null) {
    const where = view.done.runId === null ? '' : ` (对账记录 #${view.done.runId})`;
    const by = view.done.by === null ? '' : `由 "${view.done.by}" `;
    return { month, status: 'already-sent', runId: view.done.runId, message: `${month} 已${by}申请过清算${where}` };
  }
  const { ledger, dailyResults: results } = view;
  if (ledger.length === 0) {
    return { month, status: 'nothing-to-clear', runId: null, message: `${month} ${view.whose}没有医保结算, 无需申请清算` };
  }
  const open = openDays(ledger, results);
  if (open.length > 0) {
    const list = open.map((d) => `${d.date} ${d.result ? (RESULT_TEXT[d.result] ?? '') : '未对账'}`).join(', ');
    return { month, status: 'not-ready', runId: null, message: `${month} 还有 ${open.length} 天未对平 (${list}), 暂不申请清算` };
  }

  if (app.client.profile.clearing) return applyByRegionCodes(app, operator, period, view);
  try {
    const run = await runReconciliation(app, { kind: 'clearing', begndate, enddate, operator });
    return run.result === 'balanced'
      ? {
          month,
          status: 'sent',
          runId: run.id,
          message: `已按月对总账申请 ${month} 清算 (${run.groups.length} 组, 对账记录 #${run.id})`,
        }
      : { month, status: 'failed', runId: run.id, message: `${month} 整月对总账不平, 清算未申请; 见对账记录 #${run.id}` };
  } catch (error) {
    return { month, status: 'failed', runId: null, message: `${month} 清算申请失败: ${(error as Error).message}` };
  }
}

/**
 * The month's check before a clearing application: its ledger from the journal and the days with
 * settlements whose latest daily 对账 did not balance (with that result, or none when never run).
 */
export function clearingCheck(
  app: Pick<ReconcileApp, 'journal' | 'db' | 'loaded' | 'centerId'>,
  period: { begndate: string; enddate: string },
): { ledger: readonly LedgerRecord[]; open: { date: string; result: string | null }[] } {
  const { ledger, dailyResults } = localLedger(app, period);
  return { ledger, open: openDays(ledger, dailyResults) };
}

/** This counter's settlements of the period (its journal) and the latest result of each day's 对账 it ran. */
function localLedger(
  app: Pick<ReconcileApp, 'journal' | 'db' | 'loaded' | 'centerId'>,
  { begndate, enddate }: { begndate: string; enddate: string },
): Pick<MonthView, 'ledger' | 'dailyResults'> {
  return {
    ledger: readLedger(app.journal, app.loaded.config.institution.fixmedinsCode, begndate, enddate),
    dailyResults: reconcileStoreOf(app).latestDailyResults(begndate, enddate),
  };
}

/** Days with settlements whose latest daily 对账 did not balance (with that result, or none when never run). */
function openDays(
  ledger: readonly LedgerRecord[],
  results: ReadonlyMap<string, string>,
): { date: string; result: string | null }[] {
  // Days without a settlement have nothing to balance; the month's own 3201 covers them anyway.
  const days = [...new Set(ledger.map((r) => r.setlTime.slice(0, 10)))].sort();
  return days.filter((d) => results.get(d) !== 'balanced').map((date) => ({ date, result: results.get(date) ?? null }));
}

/** The region's own clearing transactions (profile `clearing`): one application per group not yet applied for. */
async function applyByRegionCodes(
  app: ReconcileApp,
  operator: Operator | undefined,
  period: Period,
  view: MonthView,
): Promise<ClearingOutcome> {
  const { month } = period;
  try {
    const made = await applyForClearing(app, operator, period, view.ledger, view.standingElsewhere);
    // The list is this counter's (each can be withdrawn here); the other counters' only counted.
    const standing = new ClearingApplicationStore(app).list(period.begndate).filter((a) => a.standing);
    const elsewhere = view.standingElsewhere.length;
    if (made.length === 0) {
      return {
        month,
        status: 'already-sent',
        runId: null,
        message: `${month} 已申请过清算 (${standing.length + elsewhere} 项申请${elsewhere > 0 ? `, 其中 ${elsewhere} 项由门店其他收银台申请` : ''})`,
        applications: standing,
      };
    }
    const codes = [...new Set(made.map((a) => a.infno))].join(' / ');
    const mismatched = made.filter((a) => a.mismatch).length;
    return {
      month,
      status: 'sent',
      runId: null,
      message: `已用 ${codes} 申请 ${month} 清算 (${made.length} 组${mismatched > 0 ? `, 其中 ${mismatched} 组中心金额与本机不同, 请核对` : ''})`,
      applications: made,
    };
  } catch (error) {
    return { month, status: 'failed', runId: null, message: `${month} 清算申请失败: ${(error as Error).message}` };
  }
}
