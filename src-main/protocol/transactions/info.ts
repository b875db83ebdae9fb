/**
 * 1201 医药机构信息获取, 5102 医执人员信息查询, 100001 政策项查询. 1201 and 5102 as the public HIS
 * clients send them (medinsinfo; prac_psn_type / prac_psn_code …); 100001's fields are the
 * sandbox's reading (no public client with them was found): one row per policy value.
 */
import { z } from 'zod';
import { must, opt, outObject, req, reqCode, str } from '../wire';

export const institutionQueryInput = z.strictObject({
  medinsinfo: z.strictObject({
    fixmedins_type: reqCode(6),
    fixmedins_name: opt(str(200)),
    fixmedins_code: opt(str(12)),
  }),
});
/** 1201 is shown (and checked by the acceptance run), never stored or sent back: all optional (issue 16). */
export const institutionQueryOutput = outObject({
  medinsinfo: z
    .array(
      outObject({
        fixmedins_code: str(12),
        fixmedins_name: str(200),
        uscc: opt(str(50)),
        fixmedins_type: str(6),
        hosp_lv: opt(str(6)),
      }),
    )
    .default([]),
});

export const practitionerQueryInput = z.strictObject({
  data: z.strictObject({
    /** medins_psn_type: 1 医师, 2 护士, 3 药师. */
    prac_psn_type: reqCode(6),
    psn_cert_type: opt(str(6)),
    certno: opt(str(50)),
    prac_psn_name: opt(str(50)),
    prac_psn_code: opt(str(30)),
  }),
});
/**
 * Required: what 7206 sends back for the reviewing pharmacist (psn_cert_type, certno, name) and
 * the code the counter picks them by. prac_cert_no is sent back too, but only for pharmacists:
 * a row without it fails at 7206's own input check, naming the field, instead of failing the list.
 */
export const practitionerSchema = outObject({
  psn_cert_type: must(req(6)),
  certno: must(req(50)),
  prac_psn_code: must(req(30)),
  prac_psn_name: must(req(50)),
  prac_psn_type: str(6),
  prac_cert_no: opt(str(50)),
  hi_dr_flag: str(3),
  begntime: str(19),
  endtime: opt(str(19)),
});
export const practitionerQueryOutput = outObject({ data: must(z.array(practitionerSchema)) });

export const policyQueryInput = z.strictObject({
  data: z.strictObject({
    insutype: opt(str(6)),
    med_type: opt(str(6)),
    poli_item_code: opt(str(30)),
  }),
});
/** 100001 is shown only: all optional (issue 16). */
export const policyQueryOutput = outObject({
  data: z
    .array(
      outObject({
        poli_item_code: str(30),
        poli_item_name: str(100),
        insutype: str(6),
        med_type: str(6),
        fixmedins_lv: opt(str(20)),
        poli_val: str(40),
        poli_val_unit: opt(str(10)),
        begndate: str(10),
      }),
    )
    .default([]),
});
