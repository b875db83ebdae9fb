/**
 * 3201 with the clearing application of seed 003 (四川 两定接口工作指引, 总账对账): "当开始时间为月初
 * 第一天, 结束时间为月末最后一天, 对账的时间段不为当月且总账对账成功情况下系统自动申请清算". A balanced 3201
 * over a whole month before the center's current one is therefore also the month's clearing
 * application for that (insutype, clr_type, setl_optins). The center applies once: a second
 * such 3201 still reconciles and says the month was already applied for. The applications are
 * the successful 3201 messages of the message log, which the admin endpoint lists.
 */
import type { SandboxInput } from '../../spec/input-rules';
import type { HandlerContext, HandlerTable } from '../context';
import { clipStmtDscr, STMT_RESULT, totalReconcile } from './reconcile';

/** The words a clearing answer starts with, so the center can find its earlier applications. */
export const CLEARING_APPLIED = '已申请清算';

type Data = SandboxInput<'3201'>['data'];

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** yyyy-MM when the period is one whole month before the current one, else null. */
export function clearingMonthOf(d: Pick<Data, 'stmt_begndate' | 'stmt_enddate'>, nowText: string): string | null {
  const month = d.stmt_begndate.slice(0, 7);
  if (!d.stmt_begndate.endsWith('-01') || d.stmt_enddate !== lastDayOfMonth(month)) return null;
  return month < nowText.slice(0, 7) ? month : null;
}

/** The msgid of an earlier clearing application for the same month and group, if any. */
function earlierApplication(ctx: HandlerContext<SandboxInput<'3201'>>): string | null {
  const d = ctx.input.data;
  for (const m of ctx.store.messages.query({ infno: '3201', outcome: 'ok', limit: 10000, newest: true })) {
    if (m.fixmedinsCode !== ctx.envelope.fixmedins_code || m.msgid === ctx.envelope.msgid) continue;
    const req = JSON.parse(m.requestJson) as { input?: { data?: Partial<Data> } };
    const o = req.input?.data;
    const res = JSON.parse(m.responseJson ?? '{}') as { output?: { stmtinfo?: { stmt_rslt_dscr?: string } } };
    if (
      o?.insutype === d.insutype &&
      o.clr_type === d.clr_type &&
      o.setl_optins === d.setl_optins &&
      o.stmt_begndate === d.stmt_begndate &&
      o.stmt_enddate === d.stmt_enddate &&
      (res.output?.stmtinfo?.stmt_rslt_dscr ?? '').startsWith(CLEARING_APPLIED)
    ) {
      return m.msgid;
    }
  }
  return null;
}

function totalReconcileWithClearing(ctx: HandlerContext<SandboxInput<'3201'>>) {
  const answer = totalReconcile(ctx);
  const month = clearingMonthOf(ctx.input.data, ctx.nowText);
  const info = answer.output.stmtinfo;
  if (month === null || info.stmt_rslt !== STMT_RESULT.balanced) return answer;
  const earlier = earlierApplication(ctx);
  const dscr = earlier
    ? `对账平; ${month} 已于报文 ${earlier} 申请清算, 不重复申请. ${info.stmt_rslt_dscr}`
    : `${CLEARING_APPLIED} ${month} (险种 ${ctx.input.data.insutype}, 清算类别 ${ctx.input.data.clr_type}); ${info.stmt_rslt_dscr}`;
  return { output: { stmtinfo: { ...info, stmt_rslt_dscr: clipStmtDscr(dscr) } } };
}

export const clearingHandlers: HandlerTable = {
  '3201': totalReconcileWithClearing,
};
