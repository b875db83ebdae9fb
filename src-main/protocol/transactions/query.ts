/** 5203 结算信息查询 / 5204 费用明细查询 (protocol.md §2.17). */
import { z } from 'zod';
import { settlementKeySchema, settlementOutputSchema } from './common';
import { must, opt, outAmount, outNum, outObject, req, str } from '../wire';

export const settlementQueryInput = z.strictObject({ data: settlementKeySchema });
export const settlementQueryOutput = settlementOutputSchema;

export const feeQueryInput = z.strictObject({ data: settlementKeySchema });
export const feeQueryOutput = outObject({
  feedetail: must(
    z.array(
      outObject({
        mdtrt_id: must(req(30)),
        setl_id: opt(str(30)),
        feedetl_sn: must(req(30)),
        med_type: opt(str(6)),
        fee_ocur_time: opt(str(19)),
        med_list_codg: opt(str(50)),
        medins_list_codg: opt(str(150)),
        cnt: must(outNum(4)),
        pric: must(outNum(6)),
        det_item_fee_sumamt: must(outAmount()),
        pric_uplmt_amt: outNum(6).nullable().optional(),
        selfpay_prop: outNum(4).nullable().optional(),
        fulamt_ownpay_amt: outAmount().nullable().optional(),
        overlmt_amt: outAmount().nullable().optional(),
        preselfpay_amt: outAmount().nullable().optional(),
        inscp_scp_amt: outAmount().nullable().optional(),
        chrgitm_lv: opt(str(6)),
        med_chrgitm_type: opt(str(6)),
      }),
    ),
  ),
});
