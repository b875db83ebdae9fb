/** Field groups reused by several transactions (protocol.md §2.7, §2.9, §2.11). */
import { z } from 'zod';
import { amount, code, dateTime, must, opt, outAmount, outNum, outObject, quantity, req, str, unitPrice } from '../wire';

export const certTypeSchema = z.enum(['01', '02', '03'], { message: '就诊凭证类型应为 01 电子凭证 / 02 身份证 / 03 社保卡' });

/**
 * The amounts of a settlement answer the counter books (shift, journal), prints (receipt) or
 * reconciles (3201): required. pool_prop_selfpay, act_pay_dedc and hosp_part_amt are shown
 * nowhere, psn_part_amt and acct_mulaid_pay are parts of others: optional, like every descriptive field (issue 16).
 */
const setlAmounts = {
  medfee_sumamt: must(outAmount()),
  fulamt_ownpay_amt: must(outAmount()),
  overlmt_selfpay: must(outAmount()),
  preselfpay_amt: must(outAmount()),
  inscp_scp_amt: must(outAmount()),
  act_pay_dedc: outAmount(),
  hifp_pay: must(outAmount()),
  pool_prop_selfpay: outNum(4),
  cvlserv_pay: must(outAmount()),
  hifes_pay: must(outAmount()),
  hifmi_pay: must(outAmount()),
  hifob_pay: must(outAmount()),
  maf_pay: must(outAmount()),
  oth_pay: must(outAmount()),
  fund_pay_sumamt: must(outAmount()),
  // = acct_pay + psn_cash_pay (shown only); a real Hebei 2208 answer sends null (tests/fixtures/answers).
  psn_part_amt: outAmount(),
  acct_pay: must(outAmount()),
  psn_cash_pay: must(outAmount()),
  hosp_part_amt: outAmount(),
  balc: must(outAmount()),
  // Included in acct_pay; printed as a detail line only. null in the same 2208 answer.
  acct_mulaid_pay: outAmount(),
};

/** Descriptive fields of setlinfo: shown or grouped by when present, never relied on. */
const setlDescription = {
  psn_no: str(30),
  psn_name: str(50),
  psn_cert_type: str(6),
  certno: str(50),
  gend: str(6),
  naty: str(3),
  brdy: str(10),
  age: outNum(1),
  insutype: str(6),
  psn_type: str(6),
  cvlserv_flag: str(3),
  setl_time: dateTime(),
  mdtrt_cert_type: str(3),
  med_type: str(6),
  medins_setl_id: str(30),
  clr_optins: str(6),
  clr_way: str(6),
  clr_type: str(6),
};

/** The settlement result block of 2101/2206 (pre-settlement: no ids yet). */
export const setlinfoSchema = outObject({
  mdtrt_id: str(30),
  setl_id: str(30),
  ...setlDescription,
  ...setlAmounts,
});
export type Setlinfo = z.infer<typeof setlinfoSchema>;

/** A settlement that has an id (2102, 2103, 2207, 2208, 5203): the ids are kept and sent back by 2103 / 2208 / 5203. */
export const settledSetlinfoSchema = outObject({
  setl_id: must(req(30)),
  mdtrt_id: must(req(30)),
  ...setlDescription,
  ...setlAmounts,
});

/** Fund shares: printed on the receipt and the daily report by type and amount. */
export const setldetailSchema = outObject({
  fund_pay_type: must(str(6).min(1)),
  inscp_scp_amt: outAmount(),
  crt_payb_lmt_amt: outAmount(),
  fund_payamt: must(outAmount()),
  fund_pay_type_name: str(200),
  setl_proc_info: str(4000),
});
export type Setldetail = z.infer<typeof setldetailSchema>;

/**
 * Per-line split of 2204 `result` and 2101/2102 `detlcutinfo`: all optional. The counter knows
 * its lines from what it sent; 2207's four amounts come from these splits when every line
 * carries them, else from the 2206 answer (clinic-visit.ts).
 */
export const lineSplitSchema = outObject({
  feedetl_sn: str(30),
  det_item_fee_sumamt: outAmount(),
  cnt: outNum(4),
  pric: outNum(6),
  pric_uplmt_amt: outNum(6),
  selfpay_prop: outNum(4),
  fulamt_ownpay_amt: outAmount(),
  overlmt_amt: outAmount(),
  preselfpay_amt: outAmount(),
  inscp_scp_amt: outAmount(),
  chrgitm_lv: str(6),
  med_chrgitm_type: str(6),
  bas_medn_flag: str(3),
  hi_nego_drug_flag: str(3),
  chld_medc_flag: str(3),
  list_sp_item_flag: str(3),
  lmt_used_flag: str(3),
  drt_reim_flag: str(3),
  memo: str(500),
});
export type LineSplit = z.infer<typeof lineSplitSchema>;

/** The parts of a settled answer (2102, 2207, 5203 …; S3601 adds its fee lines). */
export const settlementOutputShape = {
  setlinfo: must(settledSetlinfoSchema),
  setldetail: z.array(setldetailSchema).default([]),
};
export const settlementOutputSchema = outObject(settlementOutputShape);

/** Input `data` of 2103 / 2208 / 5203 / 5204: the ids a settlement is known by. */
export const settlementKeySchema = z.strictObject({
  setl_id: req(30),
  mdtrt_id: req(30),
  psn_no: req(30),
});

/** A fee line as uploaded by 2204 (feedetail) and 2101/2102 (drugdetail), common part. */
export const feeLineCommon = {
  feedetl_sn: req(30),
  rxno: opt(str(30)),
  rx_circ_flag: z.enum(['0', '1']),
  fee_ocur_time: dateTime(),
  med_list_codg: req(50),
  medins_list_codg: req(150),
  det_item_fee_sumamt: amount(),
  cnt: quantity(),
  pric: unitPrice(),
  sin_dos_dscr: opt(str(200)),
  used_frqu_dscr: opt(str(200)),
  prd_days: opt(z.number()),
  medc_way_dscr: opt(str(200)),
  tcmdrug_used_way: opt(code(6)),
};
