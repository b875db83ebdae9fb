/** 对账: the day's 3201 per group and, for every group (平 or not), the 3202 detail via 9101 / 9102. */
import { YibaoError } from '../../core/errors';
import { formatDate } from '../../core/time';
import { reconcileDay } from '../../reconcile/daily-reconcile';
import type { AcceptanceStep } from '../types';

export const reconcileStep: AcceptanceStep = {
  title: '当日对总账与对明细账',
  codes: ['3201', '3202', '9101', '9102'],
  async run({ app, operator }) {
    const { run } = await reconcileDay(app, { date: formatDate(new Date()), operator, detail: 'always' });
    if (run.result !== 'balanced') throw new YibaoError('E_ACCEPTANCE_UNBALANCED', `对账不平: ${run.note ?? run.result}`);
    return run.note ?? '对平';
  },
};
