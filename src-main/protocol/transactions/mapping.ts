/**
 * 3301 目录对照上传 / 3302 目录对照撤销: the institution's own item (fixmedins_hilist_id) mapped
 * to a 医保目录 code under its 目录类别 (list_type: 101 西药中成药, 102 中药饮片, 201 医疗服务项目,
 * 301 医用耗材 …). Field lists from the national spec as public clients implement it
 * (newtouch-cloud/openhis NeiMengGuYiBaoApp Input_3301 / Input_3302; lukelin DeleteMatchReq).
 * The answers carry no business fields.
 */
import { z } from 'zod';
import { date, opt, outObject, req, reqCode, str } from '../wire';

export const mappingUploadInput = z.strictObject({
  data: z.strictObject({
    fixmedins_hilist_id: req(30),
    fixmedins_hilist_name: req(200),
    list_type: reqCode(30),
    med_list_codg: req(50),
    begndate: date(),
    enddate: opt(date()),
    aprvno: opt(str(30)),
    dosform: opt(str(200)),
    exct_cont: opt(str(2000)),
    item_cont: opt(str(2000)),
    prcunt: opt(str(100)),
    spec: opt(str(200)),
    pacspec: opt(str(100)),
    memo: opt(str(500)),
  }),
});

export const mappingRevokeInput = z.strictObject({
  data: z.strictObject({
    fixmedins_code: req(30),
    fixmedins_hilist_id: req(30),
    list_type: reqCode(30),
    med_list_codg: req(50),
  }),
});

export const mappingOutput = outObject({});

/** 目录类别 codes the counter offers (the national list_type dictionary's main classes). */
export const LIST_TYPES = {
  '101': '西药中成药',
  '102': '中药饮片',
  '103': '自制剂',
  '104': '民族药',
  '201': '医疗服务项目',
  '301': '医用耗材',
} as const;
