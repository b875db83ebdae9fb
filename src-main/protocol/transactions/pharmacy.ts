/** Pharmacy 2101 / 2102 (and A variants) / 2103 (protocol.md §2.11). */
import { z } from 'zod';
import {
  certTypeSchema,
  feeLineCommon,
  lineSplitSchema,
  settledSetlinfoSchema,
  settlementKeySchema,
  settlementOutputSchema,
  setldetailSchema,
  setlinfoSchema,
} from './common';
import { amount, dateTime, must, opt, outObject, req, reqCode, str } from '../wire';

const druginfo = {
  psn_no: req(30),
  mdtrt_cert_type: certTypeSchema,
  mdtrt_cert_no: req(50),
  card_sn: opt(str(32)),
  psn_cert_type: reqCode(6),
  certno: req(50),
  psn_type: reqCode(6),
  psn_name: req(50),
  begntime: dateTime(),
  medfee_sumamt: amount(),
  insutype: reqCode(6),
  dise_codg: opt(str(30)),
  dise_name: opt(str(500)),
  acct_used_flag: z.enum(['0', '1']),
  med_type: reqCode(6),
  psn_setlway: opt(z.enum(['01', '02'])),
  fulamt_ownpay_amt: opt(amount()),
  overlmt_selfpay: opt(amount()),
  preselfpay_amt: opt(amount()),
  inscp_scp_amt: opt(amount()),
};

const drugdetail = z
  .array(
    z.strictObject({
      ...feeLineCommon,
      bilg_dr_codg: opt(str(30)),
      bilg_dr_name: opt(str(50)),
    }),
  )
  .min(1, { message: '至少一条药品明细' });

export const pharmacyPreSettleInput = z.strictObject({ druginfo: z.strictObject(druginfo), drugdetail });
export const pharmacySettleInput = z.strictObject({
  druginfo: z.strictObject({ ...druginfo, invono: opt(str(20)) }),
  drugdetail,
});
export const pharmacyPreSettleOutput = outObject({
  setlinfo: must(setlinfoSchema),
  setldetail: z.array(setldetailSchema).default([]),
  detlcutinfo: z.array(lineSplitSchema).default([]),
});
export const pharmacySettleOutput = outObject({
  setlinfo: must(settledSetlinfoSchema),
  setldetail: z.array(setldetailSchema).default([]),
  detlcutinfo: z.array(lineSplitSchema).default([]),
});
export const pharmacyRefundInput = z.strictObject({ data: settlementKeySchema });
export const pharmacyRefundOutput = settlementOutputSchema;
