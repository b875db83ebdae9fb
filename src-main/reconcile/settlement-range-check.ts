/**
 * HIS/MIS 对账 where the profile names time-range settlement queries (`clearing.settlementQuery`, 湖北
 * 5262 本地 / 5267 异地, seed 002 l.1300–1312): the center's settlements of the period, listed one by
 * one, compared with the counter's ledger by setl_id. Unlike 3202 it needs no file and covers every
 * group, balanced or not, so a settlement the center holds and the counter lacks shows even when the
 * totals happen to match.
 */
import type { z } from 'zod';
import { YibaoError } from '../core/errors';
import type { Operator } from '../protocol/center-client';
import { settlementRangeOutput } from '../protocol/transactions/clearing';
import { fenOf } from '../counter/settlement-view';
import type { Difference } from './detail-file';
import type { LedgerRecord } from './local-ledger';
import type { ReconcileApp } from './reconcile-runner';

export interface RangeDifference extends Difference {
  readonly clrType: string;
  readonly setlOptins: string;
  /** The 5262 / 5267 call that listed the center's side. */
  readonly queryMsgid: string;
}

interface CenterLine {
  readonly setlId: string;
  readonly msgid: string;
  readonly psnNo: string;
  readonly mdtrtId: string;
  readonly clrType: string;
  readonly clrOptins: string;
  readonly refdSetlFlag: string;
  readonly medfee: number;
  readonly fund: number;
  readonly acct: number;
  readonly queryMsgid: string;
}

/** Rows asked for per 5262 / 5267 page. */
export const RANGE_PAGE_SIZE = 100;
/** A center that keeps answering full pages past this is refused rather than followed for ever. */
const MAX_PAGES = 1000;

type RangeLine = z.output<typeof settlementRangeOutput>['setlinfo'][number];

/**
 * Every page of one time-range query: until the center's total_cnt is reached, or, where it
 * leaves the total out, until a page shorter than asked (an empty page always ends it).
 */
async function* rangePages(
  app: ReconcileApp,
  operator: Operator | undefined,
  infno: string,
  period: { begndate: string; enddate: string },
  pageSize: number,
): AsyncGenerator<{ msgid: string; lines: readonly RangeLine[] }> {
  let seen = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await app.callAs(operator, infno, {
      data: {
        begntime: `${period.begndate} 00:00:00`,
        endtime: `${period.enddate} 23:59:59`,
        page_num: page,
        page_size: pageSize,
      },
    });
    const out = settlementRangeOutput.parse(result.output);
    seen += out.setlinfo.length;
    yield { msgid: result.msgid, lines: out.setlinfo };
    const total = out.total_cnt ?? null;
    if (out.setlinfo.length === 0) return;
    if (total !== null ? seen >= total : out.setlinfo.length < pageSize) return;
  }
  throw new YibaoError('E_RANGE_PAGES', `${infno} 结算信息按时间段查询超过 ${MAX_PAGES} 页仍未结束, 已停止对账`, { infno });
}

/** Refund records are negative in the counter's ledger; centers differ in the sign they answer. */
const magnitude = (n: number) => Math.abs(n);

export async function compareSettlementRange(
  app: ReconcileApp,
  operator: Operator | undefined,
  period: { begndate: string; enddate: string },
  ledger: readonly LedgerRecord[],
  pageSize = RANGE_PAGE_SIZE,
): Promise<RangeDifference[] | null> {
  const codes = app.client.profile.clearing?.settlementQuery;
  if (!codes) return null;
  const center = new Map<string, CenterLine>();
  const queries: string[] = [];
  for (const infno of [codes.local, codes.remote]) {
    for await (const { msgid, lines } of rangePages(app, operator, infno, period, pageSize)) {
      queries.push(msgid);
      for (const l of lines) {
        center.set(l.setl_id, {
          setlId: l.setl_id,
          msgid: l.medins_setl_id ?? '',
          psnNo: l.psn_no ?? '',
          mdtrtId: l.mdtrt_id ?? '',
          clrType: l.clr_type ?? '',
          clrOptins: l.clr_optins ?? '',
          refdSetlFlag: l.refd_setl_flag,
          medfee: fenOf(l.medfee_sumamt),
          fund: fenOf(l.fund_pay_sumamt),
          acct: fenOf(l.acct_pay),
          queryMsgid: msgid,
        });
      }
    }
  }
  const out: RangeDifference[] = [];
  const mine = new Map(ledger.map((r) => [r.setlId, r]));
  for (const c of center.values()) {
    const r = mine.get(c.setlId);
    const base = { setlId: c.setlId, psnNo: c.psnNo, mdtrtId: c.mdtrtId, refdSetlFlag: c.refdSetlFlag, queryMsgid: c.queryMsgid };
    if (!r) {
      out.push({
        ...base,
        kind: 'center-only',
        stmtRslt: '1',
        msgid: c.msgid,
        clrType: c.clrType,
        setlOptins: c.clrOptins,
        memo: '中心有此结算, 本机没有',
      });
      continue;
    }
    const differs = [
      ['医疗费总额', r.medfee, c.medfee],
      ['基金支付', r.fund, c.fund],
      ['个人账户', r.acct, c.acct],
    ].filter(([, a, b]) => magnitude(a as number) !== magnitude(b as number));
    if (differs.length > 0) {
      out.push({
        ...base,
        kind: 'amount-differs',
        stmtRslt: '3',
        msgid: r.msgid,
        clrType: r.clrType,
        setlOptins: r.clrOptins,
        memo: `金额不符: ${differs.map(([name]) => name).join('、')}`,
      });
    }
  }
  for (const r of ledger) {
    if (center.has(r.setlId)) continue;
    out.push({
      kind: 'local-only',
      stmtRslt: '2',
      setlId: r.setlId,
      msgid: r.msgid,
      psnNo: r.psnNo,
      mdtrtId: r.mdtrtId,
      refdSetlFlag: r.refdSetlFlag,
      clrType: r.clrType,
      setlOptins: r.clrOptins,
      queryMsgid: queries.join(','),
      memo: '本机有此结算, 中心时间段查询没有',
    });
  }
  return out;
}
