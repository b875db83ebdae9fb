/** 1101 人员信息获取 and 2001 人员待遇享受检查 (protocol.md §2.3). */
import { z } from 'zod';
import { certTypeSchema } from './common';
import { date, dateTime, must, opt, outAmount, outNum, outObject, req, reqCode, str } from '../wire';

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

/**
 * One insurance row. Required: what later calls send (insutype, psn_type, insuplc_admdvs in the
 * envelope) and the balance the cashier books the account payment against.
 */
export const insuinfoSchema = outObject({
  balc: must(outAmount()),
  insutype: must(req(6)),
  psn_type: must(req(6)),
  psn_insu_stas: str(6),
  psn_insu_date: str(10),
  paus_insu_date: str(10),
  cvlserv_flag: str(3),
  insuplc_admdvs: must(str(6).regex(/^\d{6}$/)),
  emp_name: str(200),
});
export type Insuinfo = z.infer<typeof insuinfoSchema>;

/**
 * Required: the person's identity as every later call of the visit sends it back. psn_cert_type
 * is optional: a Sichuan center sends it as "" (tests/fixtures/answers), and the counter then
 * sends the document type the 1101 request named (counter/person.ts).
 */
export const personInfoOutput = outObject({
  baseinfo: must(
    outObject({
      psn_no: must(req(30)),
      psn_cert_type: str(6),
      certno: must(req(50)),
      psn_name: must(req(50)),
      gend: str(6),
      naty: str(3),
      brdy: date(),
      age: outNum(1),
    }),
  ),
  insuinfo: must(z.array(insuinfoSchema).min(1)),
  idetinfo: z
    .array(
      outObject({
        psn_idet_type: str(6),
        psn_type_lv: str(3),
        memo: str(500),
        begntime: dateTime(),
        endtime: dateTime(),
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
/** Shown to the cashier as it came; nothing of it is sent back or booked. */
export const treatmentCheckOutput = outObject({
  trtinfo: z
    .array(
      outObject({
        psn_no: str(30),
        trt_chk_type: str(6),
        fund_pay_type: str(6),
        trt_enjymnt_flag: z.enum(['0', '1']),
        begndate: date(),
        enddate: date(),
        trt_chk_rslt: str(500),
      }),
    )
    .default([]),
});
