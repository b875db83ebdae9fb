/**
 * The one place engine results become protocol fields: camelCase integer
 * amounts → the spec's snake_case names with JSON numbers (yuan, N16,2; ratios
 * N5,4; prices N16,6; quantities N16,4). The server adds the identity and
 * time fields (setl_id, mdtrt_id, psn_name, setl_time, …) it owns.
 */
import { qtyNumber, priceNumber, ratioNumber, yuanNumber } from '../amounts';
import type { FundPayment, SettlementResult, SplitLine } from './types';

/** A line of 2204 output `result` / 2101-2102 output `detlcutinfo`. */
export interface ProtocolLineResult {
  feedetl_sn: string;
  det_item_fee_sumamt: number;
  cnt: number;
  pric: number;
  pric_uplmt_amt: number | null;
  selfpay_prop: number;
  fulamt_ownpay_amt: number;
  overlmt_amt: number;
  preselfpay_amt: number;
  inscp_scp_amt: number;
  chrgitm_lv: string;
  med_chrgitm_type: string;
  bas_medn_flag: string;
  hi_nego_drug_flag: string;
  chld_medc_flag: string;
  list_sp_item_flag: string;
  lmt_used_flag: string;
  drt_reim_flag: string;
  memo: string;
}

/** The policy-determined fields of 2206/2207/2101/2102 `setlinfo`. */
export interface ProtocolSetlinfo {
  insutype: string;
  psn_type: string;
  cvlserv_flag: string;
  med_type: string;
  clr_type: string;
  clr_way: string;
  medfee_sumamt: number;
  fulamt_ownpay_amt: number;
  overlmt_selfpay: number;
  preselfpay_amt: number;
  inscp_scp_amt: number;
  act_pay_dedc: number;
  hifp_pay: number;
  pool_prop_selfpay: number;
  cvlserv_pay: number;
  hifes_pay: number;
  hifmi_pay: number;
  hifob_pay: number;
  maf_pay: number;
  oth_pay: number;
  fund_pay_sumamt: number;
  psn_part_amt: number;
  acct_pay: number;
  psn_cash_pay: number;
  hosp_part_amt: number;
  balc: number;
  acct_mulaid_pay: number;
}

export interface ProtocolSetldetail {
  fund_pay_type: string;
  inscp_scp_amt: number;
  crt_payb_lmt_amt: number;
  fund_payamt: number;
  fund_pay_type_name: string;
  setl_proc_info: string;
}

export function toProtocolLine(l: SplitLine): ProtocolLineResult {
  return {
    feedetl_sn: l.feedetlSn,
    det_item_fee_sumamt: yuanNumber(l.detItemFeeSumamt),
    cnt: qtyNumber(l.cnt),
    pric: priceNumber(l.pric),
    pric_uplmt_amt: l.pricUplmtAmt === null ? null : priceNumber(l.pricUplmtAmt),
    selfpay_prop: ratioNumber(l.selfpayProp),
    fulamt_ownpay_amt: yuanNumber(l.fulamtOwnpayAmt),
    overlmt_amt: yuanNumber(l.overlmtAmt),
    preselfpay_amt: yuanNumber(l.preselfpayAmt),
    inscp_scp_amt: yuanNumber(l.inscpScpAmt),
    chrgitm_lv: l.chrgitmLv,
    med_chrgitm_type: l.medChrgitmType,
    bas_medn_flag: l.flags.basMednFlag,
    hi_nego_drug_flag: l.flags.hiNegoDrugFlag,
    chld_medc_flag: l.flags.chldMedcFlag,
    list_sp_item_flag: l.flags.listSpItemFlag,
    lmt_used_flag: l.flags.lmtUsedFlag,
    drt_reim_flag: l.flags.drtReimFlag,
    memo: l.memo,
  };
}

export function toProtocolSetldetail(d: FundPayment): ProtocolSetldetail {
  return {
    fund_pay_type: d.fundPayType,
    inscp_scp_amt: yuanNumber(d.inscpScpAmt),
    crt_payb_lmt_amt: yuanNumber(d.crtPaybLmtAmt),
    fund_payamt: yuanNumber(d.fundPayamt),
    fund_pay_type_name: d.fundPayTypeName,
    setl_proc_info: d.setlProcInfo,
  };
}

export function toProtocolSetlinfo(r: SettlementResult): ProtocolSetlinfo {
  const s = r.setlinfo;
  return {
    insutype: r.insutype,
    psn_type: r.psnType,
    cvlserv_flag: r.cvlservFlag,
    med_type: r.medType,
    clr_type: r.clrType,
    clr_way: r.clrWay,
    medfee_sumamt: yuanNumber(s.medfeeSumamt),
    fulamt_ownpay_amt: yuanNumber(s.fulamtOwnpayAmt),
    overlmt_selfpay: yuanNumber(s.overlmtSelfpay),
    preselfpay_amt: yuanNumber(s.preselfpayAmt),
    inscp_scp_amt: yuanNumber(s.inscpScpAmt),
    act_pay_dedc: yuanNumber(s.actPayDedc),
    hifp_pay: yuanNumber(s.hifpPay),
    pool_prop_selfpay: ratioNumber(s.poolPropSelfpay),
    cvlserv_pay: yuanNumber(s.cvlservPay),
    hifes_pay: yuanNumber(s.hifesPay),
    hifmi_pay: yuanNumber(s.hifmiPay),
    hifob_pay: yuanNumber(s.hifobPay),
    maf_pay: yuanNumber(s.mafPay),
    oth_pay: yuanNumber(s.othPay),
    fund_pay_sumamt: yuanNumber(s.fundPaySumamt),
    psn_part_amt: yuanNumber(s.psnPartAmt),
    acct_pay: yuanNumber(s.acctPay),
    psn_cash_pay: yuanNumber(s.psnCashPay),
    hosp_part_amt: yuanNumber(s.hospPartAmt),
    balc: yuanNumber(s.balc),
    acct_mulaid_pay: yuanNumber(s.acctMulaidPay),
  };
}

/** Everything policy-determined in a settlement answer, under the protocol's names. */
export function toProtocolSettlement(r: SettlementResult): {
  setlinfo: ProtocolSetlinfo;
  setldetail: ProtocolSetldetail[];
  detlcutinfo: ProtocolLineResult[];
} {
  return {
    setlinfo: toProtocolSetlinfo(r),
    setldetail: r.setldetail.map(toProtocolSetldetail),
    detlcutinfo: r.lines.map(toProtocolLine),
  };
}
