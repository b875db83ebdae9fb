/** What `yibao reconcile`, the API and the screen call: one day's 对账, then the monthly clearing where the profile wants it. */
import { YibaoError } from '../core/errors';
import { formatDate } from '../core/time';
import { reportDateSchema } from './date';
import type { Operator } from '../protocol/center-client';
import { applyMonthlyClearing } from './monthly-clearing';
import { runReconciliation, type ReconcileApp } from './reconcile-runner';
import type { ReconcileOutcome } from './views';

export async function reconcileDay(
  app: ReconcileApp,
  request: { date: string; operator?: Operator; today?: string; detail?: 'when-unbalanced' | 'always' },
): Promise<ReconcileOutcome> {
  const checked = reportDateSchema.safeParse(request.date);
  if (!checked.success) {
    throw new YibaoError('E_RECONCILE_DATE', `对账日期 "${request.date}": ${checked.error.issues[0]?.message ?? '无效'}`);
  }
  const date = checked.data;
  const today = request.today ?? formatDate(new Date());
  if (date > today) throw new YibaoError('E_RECONCILE_DATE', `对账日期 ${date} 在今天 (${today}) 之后, 不能对账`, { date });
  const run = await runReconciliation(app, {
    kind: 'daily',
    begndate: date,
    enddate: date,
    operator: request.operator,
    detail: request.detail,
  });
  const clearing = app.client.profile.monthlyClearingAfterReconcile
    ? await applyMonthlyClearing(app, request.operator, today)
    : null;
  return { run, clearing };
}
