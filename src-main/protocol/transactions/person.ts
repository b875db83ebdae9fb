/** 1101 人员信息获取 and 2001 人员待遇享受检查 (protocol.md §2.3). */
import { z } from 'zod';
import { certTypeSchema } from './common';
import { date, dateTime, opt, outAmount, outNum, outObject, req, reqCode, str } from '../wire';

export const personInfoInput = z.strictObject({
  data: z
    .strictObject({
      mdtrt_cert_type: certTypeSchema,
      mdtrt_cert_no: req(50),
      card_sn: opt(str(32)),
      begntime: opt(dateTime()),
      psn_cert_type: reqCode(6),
      certno: req(50),
      psn_name: req(50),
    })
    .refine((d) => d.mdtrt_cert_type !== '03' || (typeof d.card_sn === 'string' && d.card_sn.length > 0), {
      message: '社保卡 (03) 必须提供卡识别码 card_sn',
      path: ['card_sn'],
    }),
});

export const insuinfoSchema = outObject({
  balc: outAmount(),
  insutype: req(6),
  psn_type: req(6),
  psn_insu_stas: opt(str(6)),
  psn_insu_date: opt(str(10)),
  paus_insu_date: opt(str(10)),
  cvlserv_flag: str(3),
  insuplc_admdvs: str(6).regex(/^\d{6}$/),
  emp_name: opt(str(200)),
});
export type Insuinfo = z.infer<typeof insuinfoSchema>;

export const personInfoOutput = outObject({
  baseinfo: outObject({
    psn_no: req(30),
    psn_cert_type: str(6),
    certno: req(50),
    psn_name: req(50),
    gend: str(6),
    naty: opt(str(3)),
    brdy: opt(str(10)),
    age: outNum(1),
  }),
  insuinfo: z.array(insuinfoSchema).min(1),
  idetinfo: z
    .array(
      outObject({
        psn_idet_type: str(6),
        psn_type_lv: opt(str(3)),
        memo: opt(str(500)),
        begntime: opt(str(19)),
        endtime: opt(str(19)),
      }),
    )
    .default([]),
});
export type PersonInfoOutput = z.infer<typeof personInfoOutput>;

export const treatmentCheckInput = z.strictObject({
  data: z.strictObject({
    psn_no: req(30),
    insutype: reqCode(6),
    fixmedins_code: req(30),
    med_type: reqCode(6),
    begntime: dateTime(),
    endtime: opt(dateTime()),
    dise_codg: opt(str(30)),
    dise_name: opt(str(500)),
    oprn_oprt_code: opt(str(30)),
    oprn_oprt_name: opt(str(500)),
    matn_type: opt(str(6)),
    birctrl_type: opt(str(6)),
  }),
});
export const treatmentCheckOutput = outObject({
  trtinfo: z
    .array(
      outObject({
        psn_no: req(30),
        trt_chk_type: str(6),
        fund_pay_type: str(6),
        trt_enjymnt_flag: z.enum(['0', '1']),
        begndate: opt(date()),
        enddate: opt(date()),
        trt_chk_rslt: opt(str(500)),
      }),
    )
    .default([]),
});
