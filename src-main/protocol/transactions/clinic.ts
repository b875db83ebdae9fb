/** Outpatient flow 2201–2208 and the A variants (protocol.md §2.4–2.10). */
import { z } from 'zod';
import {
  certTypeSchema,
  feeLineCommon,
  lineSplitSchema,
  settlementKeySchema,
  settlementOutputSchema,
  setldetailSchema,
  setlinfoSchema,
} from './common';
import { amount, date, dateTime, must, opt, outObject, req, reqCode, str } from '../wire';

const registration = {
  psn_no: req(30),
  insutype: reqCode(6),
  begntime: dateTime(),
  mdtrt_cert_type: certTypeSchema,
  mdtrt_cert_no: req(50),
  ipt_otp_no: req(30),
  atddr_no: req(30),
  dr_name: req(50),
  dept_code: req(30),
  dept_name: req(100),
  caty: reqCode(6),
};
export const registerInput = z.strictObject({ data: z.strictObject(registration) });
/** 2201A adds the medical category. */
export const registerAInput = z.strictObject({ data: z.strictObject({ ...registration, med_type: reqCode(6) }) });
/** The visit id is kept and sent with every later call of the visit; psn_no and ipt_otp_no the counter sent itself. */
export const registerOutput = outObject({
  data: must(outObject({ mdtrt_id: must(req(30)), psn_no: str(30), ipt_otp_no: str(30) })),
});

export const registerCancelInput = z.strictObject({
  data: z.strictObject({ psn_no: req(30), mdtrt_id: req(30), ipt_otp_no: req(30) }),
});

export const visitInfoInput = z.strictObject({
  mdtrtinfo: z.strictObject({
    mdtrt_id: req(30),
    psn_no: req(30),
    med_type: reqCode(6),
    begntime: dateTime(),
    main_cond_dscr: opt(str(1000)),
    dise_codg: opt(str(30)),
    dise_name: opt(str(500)),
    birctrl_type: opt(str(6)),
    birctrl_matn_date: opt(date()),
    matn_type: opt(str(6)),
    geso_val: opt(z.number().int()),
  }),
  diseinfo: z
    .array(
      z.strictObject({
        diag_type: z.enum(['1', '2', '3']),
        diag_srt_no: z.number().int().min(1),
        diag_code: req(20),
        diag_name: req(100),
        diag_dept: req(50),
        dise_dor_no: req(30),
        dise_dor_name: req(50),
        diag_time: dateTime(),
        vali_flag: z.enum(['0', '1']),
      }),
    )
    .min(1, { message: '至少上传一条诊断' }),
});

export const feeUploadInput = z.strictObject({
  feedetail: z
    .array(
      z.strictObject({
        ...feeLineCommon,
        mdtrt_id: req(30),
        psn_no: req(30),
        chrg_bchno: req(30),
        dise_codg: opt(str(30)),
        bilg_dept_codg: req(30),
        bilg_dept_name: req(100),
        bilg_dr_codg: req(30),
        bilg_dr_name: req(50),
        acord_dept_codg: opt(str(30)),
        acord_dept_name: opt(str(100)),
        orders_dr_code: opt(str(30)),
        orders_dr_name: opt(str(50)),
        hosp_appr_flag: z.enum(['0', '1', '2']),
        etip_flag: opt(str(3)),
        etip_hosp_code: opt(str(30)),
        dscg_tkdrug_flag: opt(str(3)),
        matn_fee_flag: opt(str(6)),
        exp_content: opt(str(4000)),
      }),
    )
    .min(1, { message: '至少上传一条费用明细' }),
});
export const feeUploadOutput = outObject({ result: z.array(lineSplitSchema).default([]) });

export const feeCancelInput = z.strictObject({
  data: z.strictObject({ mdtrt_id: req(30), chrg_bchno: req(30), psn_no: req(30) }),
});

const preSettle = {
  psn_no: req(30),
  mdtrt_cert_type: certTypeSchema,
  mdtrt_cert_no: req(50),
  card_sn: opt(str(32)),
  psn_cert_type: opt(str(6)),
  certno: opt(str(50)),
  psn_type: opt(str(6)),
  med_type: reqCode(6),
  medfee_sumamt: amount(),
  psn_setlway: z.enum(['01', '02']),
  mdtrt_id: req(30),
  chrg_bchno: req(30),
  insutype: reqCode(6),
  acct_used_flag: z.enum(['0', '1']),
};
export const clinicPreSettleInput = z.strictObject({ data: z.strictObject(preSettle) });
export const clinicPreSettleOutput = outObject({
  setlinfo: must(setlinfoSchema),
  setldetail: z.array(setldetailSchema).default([]),
});
export const clinicSettleInput = z.strictObject({
  data: z.strictObject({
    ...preSettle,
    invono: opt(str(20)),
    fulamt_ownpay_amt: amount(),
    overlmt_selfpay: amount(),
    preselfpay_amt: amount(),
    inscp_scp_amt: amount(),
  }),
});
export const clinicSettleOutput = settlementOutputSchema;

export const clinicSettleCancelInput = z.strictObject({ data: settlementKeySchema });
export const clinicSettleCancelOutput = settlementOutputSchema;
