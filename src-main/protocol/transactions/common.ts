/** Field groups reused by several transactions (protocol.md §2.7, §2.9, §2.11). */
import { z } from 'zod';
import { amount, code, dateTime, opt, outAmount, outNum, outObject, quantity, req, str, unitPrice } from '../wire';

export const certTypeSchema = z.enum(['01', '02', '03'], { message: '就诊凭证类型应为 01 电子凭证 / 02 身份证 / 03 社保卡' });

/** The settlement result block of 2101/2102/2103/2206/2207/2208/5203 (output). */
export const setlinfoSchema = outObject({
  mdtrt_id: opt(str(30)),
  setl_id: opt(str(30)),
  psn_no: opt(str(30)),
  psn_name: opt(str(50)),
  psn_cert_type: opt(str(6)),
  certno: opt(str(50)),
  gend: opt(str(6)),
  naty: opt(str(3)),
  brdy: opt(str(10)),
  age: outNum(1).nullable().optional(),
  insutype: opt(str(6)),
  psn_type: opt(str(6)),
  cvlserv_flag: opt(str(3)),
  setl_time: opt(str(19)),
  mdtrt_cert_type: opt(str(3)),
  med_type: opt(str(6)),
  medfee_sumamt: outAmount(),
  fulamt_ownpay_amt: outAmount(),
  overlmt_selfpay: outAmount(),
  preselfpay_amt: outAmount(),
  inscp_scp_amt: outAmount(),
  act_pay_dedc: outAmount().nullable().optional(),
  hifp_pay: outAmount(),
  pool_prop_selfpay: outNum(4),
  cvlserv_pay: outAmount(),
  hifes_pay: outAmount(),
  hifmi_pay: outAmount(),
  hifob_pay: outAmount(),
  maf_pay: outAmount(),
  oth_pay: outAmount(),
  fund_pay_sumamt: outAmount(),
  psn_part_amt: outAmount(),
  acct_pay: outAmount(),
  psn_cash_pay: outAmount(),
  hosp_part_amt: outAmount().nullable().optional(),
  balc: outAmount(),
  acct_mulaid_pay: outAmount(),
  medins_setl_id: opt(str(30)),
  clr_optins: opt(str(6)),
  clr_way: opt(str(6)),
  clr_type: opt(str(6)),
});
export type Setlinfo = z.infer<typeof setlinfoSchema>;

/** A settlement that has an id (2102, 2103, 2207, 2208, 5203). */
export const settledSetlinfoSchema = setlinfoSchema.extend({
  setl_id: req(30),
  mdtrt_id: req(30),
});

export const setldetailSchema = outObject({
  fund_pay_type: str(6).min(1),
  inscp_scp_amt: outAmount(),
  crt_payb_lmt_amt: outAmount().nullable().optional(),
  fund_payamt: outAmount(),
  fund_pay_type_name: opt(str(200)),
  setl_proc_info: opt(str(4000)),
});
export type Setldetail = z.infer<typeof setldetailSchema>;

/** Per-line split of 2204 `result` and 2101/2102 `detlcutinfo`. */
export const lineSplitSchema = outObject({
  feedetl_sn: req(30),
  det_item_fee_sumamt: outAmount(),
  cnt: outNum(4),
  pric: outNum(6),
  pric_uplmt_amt: outNum(6).nullable().optional(),
  selfpay_prop: outNum(4).nullable().optional(),
  fulamt_ownpay_amt: outAmount(),
  overlmt_amt: outAmount(),
  preselfpay_amt: outAmount(),
  inscp_scp_amt: outAmount(),
  chrgitm_lv: str(6),
  med_chrgitm_type: str(6),
  bas_medn_flag: opt(str(3)),
  hi_nego_drug_flag: opt(str(3)),
  chld_medc_flag: opt(str(3)),
  list_sp_item_flag: opt(str(3)),
  lmt_used_flag: opt(str(3)),
  drt_reim_flag: opt(str(3)),
  memo: opt(str(500)),
});
export type LineSplit = z.infer<typeof lineSplitSchema>;

export const settlementOutputSchema = outObject({
  setlinfo: settledSetlinfoSchema,
  setldetail: z.array(setldetailSchema).default([]),
});

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
