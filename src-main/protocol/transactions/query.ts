/** 5203 结算信息查询 / 5204 费用明细查询 (protocol.md §2.17). */
import { z } from 'zod';
import { settlementKeySchema, settlementOutputSchema } from './common';
import { opt, outAmount, outNum, outObject, str } from '../wire';

export const settlementQueryInput = z.strictObject({ data: settlementKeySchema });
export const settlementQueryOutput = settlementOutputSchema;

export const feeQueryInput = z.strictObject({ data: settlementKeySchema });
/** One fee line of a settlement as the center holds it (5204, and S3601's 结算单). */
export const feeDetailLine = outObject({
  mdtrt_id: str(30),
  setl_id: opt(str(30)),
  feedetl_sn: str(30),
  med_type: opt(str(6)),
  fee_ocur_time: opt(str(19)),
  med_list_codg: opt(str(50)),
  medins_list_codg: opt(str(150)),
  cnt: outNum(4),
  pric: outNum(6),
  det_item_fee_sumamt: outAmount(),
  pric_uplmt_amt: outNum(6).nullable().optional(),
  selfpay_prop: outNum(4).nullable().optional(),
  fulamt_ownpay_amt: outAmount().nullable().optional(),
  overlmt_amt: outAmount().nullable().optional(),
  preselfpay_amt: outAmount().nullable().optional(),
  inscp_scp_amt: outAmount().nullable().optional(),
  chrgitm_lv: opt(str(6)),
  med_chrgitm_type: opt(str(6)),
});
/** 5204 is not booked, stored or sent back by the counter (only `yibao call` shows it): all optional (issue 16). */
export const feeQueryOutput = outObject({ feedetail: z.array(feeDetailLine).default([]) });
