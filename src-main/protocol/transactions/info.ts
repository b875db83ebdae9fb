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
export const institutionQueryOutput = outObject({
  medinsinfo: must(
    z.array(
      outObject({
        fixmedins_code: must(req(12)),
        fixmedins_name: must(req(200)),
        uscc: opt(str(50)),
        fixmedins_type: must(str(6)),
        hosp_lv: opt(str(6)),
      }),
    ),
  ),
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
export const practitionerSchema = outObject({
  psn_cert_type: must(str(6)),
  certno: must(str(50)),
  prac_psn_code: must(req(30)),
  prac_psn_name: must(req(50)),
  prac_psn_type: must(str(6)),
  prac_cert_no: opt(str(50)),
  hi_dr_flag: must(str(3)),
  begntime: must(str(19)),
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
export const policyQueryOutput = outObject({
  data: must(
    z.array(
      outObject({
        poli_item_code: must(req(30)),
        poli_item_name: must(req(100)),
        insutype: must(str(6)),
        med_type: must(str(6)),
        fixmedins_lv: opt(str(20)),
        poli_val: must(str(40)),
        poli_val_unit: opt(str(10)),
        begndate: must(str(10)),
      }),
    ),
  ),
});
