/**
 * 湖北's clearing family (seed 002; what each code is: sandbox/spec/clearing-codes.ts).
 *
 * - 3202a / 1608 / 3203 apply for clearing of one (insutype, clr_type, setl_optins) group over a
 *   closed period, with the institution's totals; 3203a does the same for listed settlements. The
 *   center refuses an application whose totals differ from its ledger (对账 first), one for the wrong
 *   persons (3202a / 3203a local, 1608 异地) and one overlapping an application still standing.
 * - 3204a / 3204b / 1618 / 3204 withdraw an application made by the code they undo; 3205a prints one.
 * - 5262 / 5267 list the settlements of a time range, local or 异地 persons, for HIS/MIS 对账.
 *
 * The application id is the applying message's msgid; applications and withdrawals are the
 * successful messages of the message log (like the 3201 clearing of clearing.ts), so they share
 * the store's transaction and need no table of their own.
 */
import type { SandboxInput } from '../../spec/input-rules';
import { CLEARING_CODES, APPLY_CODES, type ClearingCode, type ClearingInfno } from '../../spec/clearing-codes';
import { parseYuan, sumFen, yuanNumber } from '../../amounts';
import type { SettlementRow } from '../../store';
import { reject } from '../reject';
import type { HandlerContext, HandlerTable } from '../context';
import { describeAmount, describeCount } from './reconcile';

type ApplyData = SandboxInput<'3202a'>['data'];

interface Application {
  readonly evtId: string;
  readonly infno: ClearingInfno;
  readonly data: ApplyData;
  readonly setlIds: readonly string[];
  readonly time: string;
  readonly cancelledBy: string | null;
}

const codeOf = (infno: string): ClearingCode => CLEARING_CODES[infno as ClearingInfno];

/** Whose settlement a row is: local when cleared by the institution's own area. */
function personsMatch(code: ClearingCode, row: Pick<SettlementRow, 'clrOptins'>, admdvs: string): boolean {
  if (code.persons === 'all') return true;
  return (row.clrOptins === admdvs) === (code.persons === 'local');
}

/** This institution's applications, each with the withdrawal that undid it (if any). */
function applications(ctx: HandlerContext<unknown>): Application[] {
  const mine = (infno: string) =>
    ctx.store.messages
      .query({ infno, outcome: 'ok', limit: 10000 })
      .filter((m) => m.fixmedinsCode === ctx.envelope.fixmedins_code);
  const cancelled = new Map<string, string>();
  for (const [infno, code] of Object.entries(CLEARING_CODES) as [ClearingInfno, ClearingCode][]) {
    if (code.act !== 'cancel') continue;
    for (const m of mine(infno)) {
      const evt = (JSON.parse(m.requestJson) as { input?: { data?: { clr_appy_evt_id?: string } } }).input?.data?.clr_appy_evt_id;
      if (evt) cancelled.set(evt, m.msgid);
    }
  }
  return APPLY_CODES.flatMap((infno) =>
    mine(infno).map((m) => {
      const input = (JSON.parse(m.requestJson) as { input: { data: ApplyData; setldetail?: { setl_id: string }[] } }).input;
      return {
        evtId: m.msgid,
        infno,
        data: input.data,
        setlIds: (input.setldetail ?? []).map((l) => l.setl_id),
        time: m.receivedAt,
        cancelledBy: cancelled.get(m.msgid) ?? null,
      };
    }),
  );
}

function groupRows(ctx: HandlerContext<unknown>, code: ClearingCode, d: ApplyData): SettlementRow[] {
  if (d.stmt_enddate < d.stmt_begndate) reject(`结束日期 ${d.stmt_enddate} 早于开始日期 ${d.stmt_begndate}`);
  if (d.stmt_enddate >= ctx.nowText.slice(0, 10)) reject(`清算期间须已结束: 结束日期 ${d.stmt_enddate} 不早于今天`);
  const admdvs = ctx.institution.admdvs;
  if (code.persons === 'local' && d.setl_optins !== admdvs) {
    reject(`本地参保人员清算申请的结算经办机构应为本机构所在区划 ${admdvs}, 不是 ${d.setl_optins}; 异地人员请用 1608`);
  }
  if (code.persons === 'remote' && d.setl_optins === admdvs) {
    reject(`异地清算申请的结算经办机构 ${d.setl_optins} 是本地区划; 本地人员请用 3202a`);
  }
  return ctx.store.settlements.forStatement({
    fixmedinsCode: ctx.envelope.fixmedins_code,
    begin: `${d.stmt_begndate} 00:00:00`,
    end: `${d.stmt_enddate} 23:59:59`,
    insutype: d.insutype,
    clrType: d.clr_type,
    clrOptins: d.setl_optins,
  });
}

const overlaps = (a: ApplyData, b: ApplyData) =>
  a.insutype === b.insutype &&
  a.clr_type === b.clr_type &&
  a.setl_optins === b.setl_optins &&
  a.stmt_begndate <= b.stmt_enddate &&
  b.stmt_begndate <= a.stmt_enddate;

function apply(ctx: HandlerContext<SandboxInput<'3203a'>>) {
  const infno = ctx.envelope.infno;
  const code = codeOf(infno);
  const d = ctx.input.data;
  let rows = groupRows(ctx, code, d);
  const listed = code.form === 'detail' ? (ctx.input.setldetail ?? []).map((l) => l.setl_id) : [];
  if (code.form === 'detail') {
    if (listed.length === 0) reject('按明细申请须列出结算 (setldetail)');
    const byId = new Map(rows.map((r) => [r.setlId, r]));
    const unknown = listed.filter((id) => !byId.has(id));
    if (unknown.length > 0) reject(`结算 ${unknown.join(', ')} 不在此期间本清算类别的结算中`);
    rows = listed.map((id) => byId.get(id) as SettlementRow);
  }
  for (const earlier of applications(ctx)) {
    if (earlier.cancelledBy || !overlaps(earlier.data, d)) continue;
    const sameIds = earlier.setlIds.filter((id) => listed.includes(id));
    if (code.form === 'summary' || earlier.setlIds.length === 0 || sameIds.length > 0) {
      reject(
        `已有清算申请 ${earlier.evtId} (${earlier.infno}, ${earlier.data.stmt_begndate} 至 ${earlier.data.stmt_enddate}) 未撤销, 不能重复申请`,
      );
    }
  }
  const medfee = sumFen(rows.map((r) => r.medfeeSumamt));
  const fund = sumFen(rows.map((r) => r.fundPaySumamt));
  const acct = sumFen(rows.map((r) => r.acctPay));
  const differences = [
    describeAmount('医疗费总额', medfee, parseYuan(d.medfee_sumamt)),
    describeAmount('基金支付总额', fund, parseYuan(d.fund_pay_sumamt)),
    describeAmount('个人账户支付', acct, parseYuan(d.acct_pay)),
    describeCount(rows.length, d.fixmedins_setl_cnt),
  ].filter((x): x is string => x !== null);
  if (differences.length > 0) reject(`清算申请与中心结算不符, 请先对账: ${differences.join('; ')}`);
  return {
    output: {
      clrappyinfo: {
        clr_appy_evt_id: ctx.envelope.msgid,
        insutype: d.insutype,
        clr_type: d.clr_type,
        setl_optins: d.setl_optins,
        stmt_begndate: d.stmt_begndate,
        stmt_enddate: d.stmt_enddate,
        medfee_sumamt: yuanNumber(medfee),
        fund_pay_sumamt: yuanNumber(fund),
        acct_pay: yuanNumber(acct),
        fixmedins_setl_cnt: rows.length,
        appy_time: ctx.nowText,
      },
    },
  };
}

function findApplication(ctx: HandlerContext<SandboxInput<'3204a'>>): Application {
  const evtId = ctx.input.data.clr_appy_evt_id;
  const found = applications(ctx).find((a) => a.evtId === evtId);
  if (!found) reject(`清算申请 ${evtId} 不存在 (或不是本机构的)`);
  return found;
}

function cancel(ctx: HandlerContext<SandboxInput<'3204a'>>) {
  const code = codeOf(ctx.envelope.infno);
  const found = findApplication(ctx);
  if (found.infno !== code.cancels) {
    reject(
      `清算申请 ${found.evtId} 是 ${found.infno} ${codeOf(found.infno).name}, 应由其撤销交易撤销, 不是 ${ctx.envelope.infno}`,
    );
  }
  if (found.cancelledBy) reject(`清算申请 ${found.evtId} 已于报文 ${found.cancelledBy} 撤销`);
  return { output: { clrappyinfo: { clr_appy_evt_id: found.evtId, cncl_time: ctx.nowText } } };
}

function print(ctx: HandlerContext<SandboxInput<'3204a'>>) {
  const a = findApplication(ctx);
  const d = a.data;
  return {
    output: {
      clrappyinfo: {
        clr_appy_evt_id: a.evtId,
        appy_infno: a.infno,
        appy_name: codeOf(a.infno).name,
        appy_time: a.time,
        appy_stas: a.cancelledBy ? '0' : '1',
        fixmedins_code: ctx.institution.code,
        fixmedins_name: ctx.institution.name,
        insutype: d.insutype,
        clr_type: d.clr_type,
        setl_optins: d.setl_optins,
        stmt_begndate: d.stmt_begndate,
        stmt_enddate: d.stmt_enddate,
        medfee_sumamt: d.medfee_sumamt,
        fund_pay_sumamt: d.fund_pay_sumamt,
        acct_pay: d.acct_pay,
        fixmedins_setl_cnt: d.fixmedins_setl_cnt,
        setl_cnt_listed: a.setlIds.length,
      },
    },
  };
}

/** The most rows one 5262 / 5267 page answers (a real center caps its pages too). */
export const RANGE_PAGE_MAX = 100;

function settlementsInRange(ctx: HandlerContext<SandboxInput<'5262'>>) {
  const d = ctx.input.data;
  if (d.endtime < d.begntime) reject(`结束时间 ${d.endtime} 早于开始时间 ${d.begntime}`);
  const code = codeOf(ctx.envelope.infno);
  const rows = ctx.store.settlements
    .forStatement({
      fixmedinsCode: ctx.envelope.fixmedins_code,
      begin: d.begntime,
      end: d.endtime,
      insutype: d.insutype || undefined,
      clrType: d.clr_type || undefined,
    })
    .filter((r) => personsMatch(code, r, ctx.institution.admdvs));
  // One page of the range: page_num from 1; at most RANGE_PAGE_MAX rows whatever page_size asks.
  const size = Math.min(d.page_size || RANGE_PAGE_MAX, RANGE_PAGE_MAX);
  const page = d.page_num || 1;
  if (size < 1 || page < 1) reject(`页码 ${page} 或每页条数 ${size} 无效`);
  const pageRows = rows.slice((page - 1) * size, page * size);
  return {
    output: {
      total_cnt: rows.length,
      page_num: page,
      page_size: size,
      setlinfo: pageRows.map((r) => ({
        setl_id: r.setlId,
        mdtrt_id: r.mdtrtId,
        psn_no: r.psnNo,
        medins_setl_id: r.msgid,
        setl_time: r.setlTime,
        insutype: r.insutype,
        clr_type: r.clrType,
        clr_optins: r.clrOptins,
        refd_setl_flag: r.kind === 'refund' ? '1' : '0',
        medfee_sumamt: yuanNumber(r.medfeeSumamt),
        fund_pay_sumamt: yuanNumber(r.fundPaySumamt),
        acct_pay: yuanNumber(r.acctPay),
        psn_cash_pay: yuanNumber(r.psnCashPay),
      })),
    },
  };
}

export const clearingApplicationHandlers: HandlerTable = Object.fromEntries(
  (Object.entries(CLEARING_CODES) as [ClearingInfno, ClearingCode][]).map(([infno, code]) => [
    infno,
    { apply, cancel, print, query: settlementsInRange }[code.act],
  ]),
) as HandlerTable;
