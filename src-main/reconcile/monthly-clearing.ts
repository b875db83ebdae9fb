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
import type { ClearingOutcome } from './views';
import { applyForClearing, ClearingApplicationStore } from './clearing-applications';
import type { LedgerRecord } from './local-ledger';

const RESULT_TEXT: Readonly<Record<string, string>> = {
  running: '未完成',
  unbalanced: '不平',
  failed: '中断',
};

export async function applyMonthlyClearing(
  app: ReconcileApp,
  operator: Operator | undefined,
  today: string = formatDate(new Date()),
): Promise<ClearingOutcome> {
  const { begndate, enddate, month } = previousMonth(today);
  const store = reconcileStoreOf(app);
  const done = app.client.profile.clearing ? null : store.clearingDone(begndate, enddate);
  if (done !== null) return { month, status: 'already-sent', runId: done, message: `${month} 已申请过清算 (对账记录 #${done})` };

  const { ledger, open } = clearingCheck(app, { begndate, enddate });
  if (ledger.length === 0) {
    return { month, status: 'nothing-to-clear', runId: null, message: `${month} 本机没有医保结算, 无需申请清算` };
  }
  if (open.length > 0) {
    const list = open.map((d) => `${d.date} ${d.result ? (RESULT_TEXT[d.result] ?? '') : '未对账'}`).join(', ');
    return { month, status: 'not-ready', runId: null, message: `${month} 还有 ${open.length} 天未对平 (${list}), 暂不申请清算` };
  }

  if (app.client.profile.clearing) return applyByRegionCodes(app, operator, { begndate, enddate, month }, ledger);
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
): { ledger: LedgerRecord[]; open: { date: string; result: string | null }[] } {
  const { begndate, enddate } = period;
  const ledger = readLedger(app.journal, app.loaded.config.institution.fixmedinsCode, begndate, enddate);
  // Days without a settlement have nothing to balance; the month's own 3201 covers them anyway.
  const results = reconcileStoreOf(app).latestDailyResults(begndate, enddate);
  const days = [...new Set(ledger.map((r) => r.setlTime.slice(0, 10)))].sort();
  const open = days.filter((d) => results.get(d) !== 'balanced').map((date) => ({ date, result: results.get(date) ?? null }));
  return { ledger, open };
}

/** The region's own clearing transactions (profile `clearing`): one application per group not yet applied for. */
async function applyByRegionCodes(
  app: ReconcileApp,
  operator: Operator | undefined,
  period: { begndate: string; enddate: string; month: string },
  ledger: readonly LedgerRecord[],
): Promise<ClearingOutcome> {
  const { month } = period;
  try {
    const made = await applyForClearing(app, operator, period, ledger);
    const standing = new ClearingApplicationStore(app).list(period.begndate).filter((a) => a.standing);
    if (made.length === 0) {
      return {
        month,
        status: 'already-sent',
        runId: null,
        message: `${month} 已申请过清算 (${standing.length} 项申请)`,
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
