/**
 * From the center's settlement answer (setlinfo, setldetail, per-line splits) to the screen's
 * SettlementView, every amount as integer fen. The center's JSON numbers are converted only here.
 */
import { parseYuan, type Fen } from '../core/money';
import { coded } from './labels';
import { block, rows, type Json } from './journal-records';
import type { FundShare, LineSplitView, SettlementView } from './views';

/** A JSON amount (number or numeric string, ≤ 2 decimals) as fen; absent → 0. */
export function fenOf(value: unknown): Fen {
  if (value === null || value === undefined || value === '') return 0 as Fen;
  if (typeof value !== 'number' && typeof value !== 'string') return 0 as Fen;
  return parseYuan(value);
}

/** What the counter sent for a line: the split answer only has the serial number. */
export interface SentLine {
  readonly sn: string;
  readonly code: string;
  readonly name: string;
  readonly cntText: string;
  readonly pricText: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function lineSplitViews(splits: readonly Json[], sent: readonly SentLine[]): LineSplitView[] {
  const bySn = new Map(sent.map((l) => [l.sn, l]));
  return splits.map((s) => {
    const sn = text(s['feedetl_sn']);
    const line = bySn.get(sn);
    return {
      sn,
      code: line?.code ?? '',
      name: line?.name ?? '',
      cntText: line?.cntText ?? text(s['cnt']),
      pricText: line?.pricText ?? text(s['pric']),
      amountFen: fenOf(s['det_item_fee_sumamt']),
      chrgitmLv: coded('chrgitm_lv', text(s['chrgitm_lv'])),
      fulamtOwnpayFen: fenOf(s['fulamt_ownpay_amt']),
      overlmtFen: fenOf(s['overlmt_amt']),
      preselfpayFen: fenOf(s['preselfpay_amt']),
      inscpFen: fenOf(s['inscp_scp_amt']),
      memo: text(s['memo']),
    };
  });
}

export function fundShares(setldetail: readonly Json[]): FundShare[] {
  return setldetail.map((d) => ({
    fundPayType: {
      code: text(d['fund_pay_type']),
      label: text(d['fund_pay_type_name']) || coded('fund_pay_type', text(d['fund_pay_type'])).label,
    },
    amountFen: fenOf(d['fund_payamt']),
    note: text(d['setl_proc_info']),
  }));
}

/**
 * The output of 2101 / 2102 / 2103 / 2206 / 2207 / 2208 (already validated by the client's
 * schemas, or read back from the journal) as the screen's view.
 */
export function settlementView(
  call: { infno: string; msgid: string },
  output: unknown,
  lines: LineSplitView[] = [],
): SettlementView {
  const out = (output && typeof output === 'object' ? output : {}) as Json;
  const s = block(out, 'setlinfo');
  const setlId = text(s['setl_id']);
  const mdtrtId = text(s['mdtrt_id']);
  return {
    infno: call.infno,
    msgid: call.msgid,
    setlId: setlId || null,
    mdtrtId: mdtrtId || null,
    time: text(s['setl_time']),
    medType: coded('med_type', text(s['med_type'])),
    insutype: coded('insutype', text(s['insutype'])),
    medfeeFen: fenOf(s['medfee_sumamt']),
    fulamtOwnpayFen: fenOf(s['fulamt_ownpay_amt']),
    overlmtSelfpayFen: fenOf(s['overlmt_selfpay']),
    preselfpayFen: fenOf(s['preselfpay_amt']),
    inscpScpFen: fenOf(s['inscp_scp_amt']),
    fundPaySumFen: fenOf(s['fund_pay_sumamt']),
    hifpPayFen: fenOf(s['hifp_pay']),
    cvlservPayFen: fenOf(s['cvlserv_pay']),
    hifmiPayFen: fenOf(s['hifmi_pay']),
    mafPayFen: fenOf(s['maf_pay']),
    othPayFen: fenOf(s['oth_pay']),
    psnPartFen: fenOf(s['psn_part_amt']),
    acctPayFen: fenOf(s['acct_pay']),
    psnCashPayFen: fenOf(s['psn_cash_pay']),
    balanceAfterFen: fenOf(s['balc']),
    funds: fundShares(rows(out, 'setldetail')),
    lines,
  };
}

const AMOUNT_FIELDS = [
  'medfeeFen',
  'fulamtOwnpayFen',
  'overlmtSelfpayFen',
  'preselfpayFen',
  'inscpScpFen',
  'fundPaySumFen',
  'hifpPayFen',
  'cvlservPayFen',
  'hifmiPayFen',
  'mafPayFen',
  'othPayFen',
  'psnPartFen',
  'acctPayFen',
  'psnCashPayFen',
] as const;

/**
 * A refund answer (2103 / 2208) with its amounts as positive numbers: centers differ in the sign
 * they send, the screen says 退费 anyway. The balance after the refund is kept as it is.
 */
export function asRefundView(view: SettlementView): SettlementView {
  const out: Record<string, unknown> = { ...view };
  for (const field of AMOUNT_FIELDS) out[field] = Math.abs(view[field]);
  return {
    ...(out as unknown as SettlementView),
    funds: view.funds.map((f) => ({ ...f, amountFen: Math.abs(f.amountFen) })),
  };
}
