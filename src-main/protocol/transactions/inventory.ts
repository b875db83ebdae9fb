/**
 * 进销存 3501–3507 (each with its batch variant 3501A–3507A) and the queries 3508–3511.
 *
 * Field lists: the national 定点医药机构接口规范 as implemented by public HIS clients
 * (newtouch-cloud/openhis NeiMengGuYiBaoApp Input_35xx / Output_35xx, com.openhis 3501/3502
 * params, geeke MdInventoryServiceImpl): single variants send one row under `invinfo`
 * (3501 / 3502), `purcinfo` (3503 / 3504), `selinfo` (3505 / 3506) or `data` (3507); the A
 * variants send a list under `invinfoDetail`, `purcinfoDetail`, `selinfoDetail` or
 * `goodDetail` and answer the rows that failed (`…ErrDetail`, retRslt 0 + msgRslt).
 * `fixmedins_bchno` is the institution's own batch number (医药机构自定义批次号).
 * Queries answer camelCase rows; the sandbox pages them like the catalogue queries
 * (`{ data, recordCounts, pages, pageNum, pageSize }`), some centers answer the bare list:
 * both are accepted.
 */
import { z } from 'zod';
import { code, date, dateTime, must, num, opt, outNum, outObject, quantity, req, reqCode, str, unitPrice } from '../wire';

const flag01 = z.enum(['0', '1'], { message: '应为 0 (否) 或 1 (是)' });
const drugtracinfo = opt(z.array(z.strictObject({ drug_trac_codg: req(100) })).max(100));

/** What every 进销存 row names: the national code, the institution's own code and name, the batch. */
const itemFields = {
  med_list_codg: req(50),
  fixmedins_hilist_id: req(30),
  fixmedins_hilist_name: req(200),
  fixmedins_bchno: req(30),
};

/** 3501 商品盘存上传: the counted stock of one batch on invdate. */
export const countRow = z.strictObject({
  ...itemFields,
  rx_flag: flag01,
  invdate: date(),
  inv_cnt: num(2, { min: 0 }),
  manu_lotnum: opt(str(30)),
  manu_date: date(),
  expy_end: date(),
  memo: opt(str(500)),
  drugtracinfo,
});

/** 3502 商品库存变更: a movement of one batch by inv_chg_type (see INV_CHG_TYPES). */
export const changeRow = z.strictObject({
  ...itemFields,
  inv_chg_type: reqCode(6),
  pric: unitPrice(),
  cnt: quantity(),
  rx_flag: flag01,
  inv_chg_time: dateTime(),
  inv_chg_opter_name: opt(str(50)),
  memo: opt(str(500)),
  trdn_flag: opt(flag01),
  drugtracinfo,
});

/** 3503 商品采购: goods received into a batch. */
export const purchaseRow = z.strictObject({
  ...itemFields,
  dynt_no: opt(str(50)),
  spler_name: req(200),
  spler_pmtno: opt(str(50)),
  manu_lotnum: req(30),
  prodentp_name: req(200),
  aprvno: req(100),
  manu_date: date(),
  expy_end: date(),
  finl_trns_pric: opt(unitPrice()),
  purc_retn_cnt: quantity(),
  purc_invo_codg: opt(str(50)),
  purc_invo_no: opt(str(50)),
  rx_flag: flag01,
  purc_retn_stoin_time: dateTime(),
  purc_retn_opter_name: req(50),
  prod_geay_flag: flag01,
  memo: opt(str(500)),
  drugtracinfo,
});

/** 3504 商品采购退货: goods of a batch sent back to the supplier. */
export const purchaseReturnRow = z.strictObject({
  ...itemFields,
  spler_name: req(200),
  spler_pmtno: opt(str(50)),
  manu_date: date(),
  expy_end: date(),
  finl_trns_pric: opt(unitPrice()),
  purc_retn_cnt: quantity(),
  purc_invo_codg: opt(str(50)),
  purc_invo_no: opt(str(50)),
  rx_flag: flag01,
  purc_retn_stoin_time: dateTime(),
  purc_retn_opter_name: req(50),
  memo: opt(str(500)),
  medins_prod_purc_no: opt(str(50)),
  drugtracinfo,
});

/** Person and settlement fields 3505 / 3506 share. */
const salePerson = {
  setl_id: opt(str(30)),
  psn_no: opt(str(30)),
  psn_cert_type: opt(code(6)),
  certno: opt(str(50)),
  psn_name: opt(str(50)),
  mdtrt_sn: req(30),
};

/** 3505 商品销售: one sold line of a retail receipt (rtal_docno). */
export const saleRow = z.strictObject({
  ...itemFields,
  ...salePerson,
  prsc_dr_cert_type: opt(code(6)),
  prsc_dr_certno: opt(str(50)),
  prsc_dr_name: opt(str(50)),
  phar_cert_type: opt(code(6)),
  phar_certno: opt(str(50)),
  phar_name: opt(str(50)),
  phar_prac_cert_no: opt(str(50)),
  hi_feesetl_type: reqCode(6),
  manu_lotnum: req(30),
  manu_date: date(),
  expy_end: opt(date()),
  rx_flag: flag01,
  trdn_flag: flag01,
  finl_trns_pric: opt(unitPrice()),
  rxno: opt(str(40)),
  rx_circ_flag: flag01,
  rtal_docno: req(40),
  stoout_no: opt(str(40)),
  bchno: opt(str(30)),
  drug_trac_codg: opt(str(30)),
  drug_prod_barc: opt(str(30)),
  shelf_posi: opt(str(20)),
  sel_retn_cnt: quantity(),
  sel_retn_time: dateTime(),
  sel_retn_opter_name: req(50),
  memo: opt(str(500)),
  drugtracinfo,
});

/** 3506 商品销售退货: goods a customer brought back, into their batch. */
export const saleReturnRow = z.strictObject({
  ...itemFields,
  ...salePerson,
  manu_lotnum: req(30),
  manu_date: date(),
  expy_end: opt(date()),
  rx_flag: flag01,
  trdn_flag: flag01,
  finl_trns_pric: opt(unitPrice()),
  sel_retn_cnt: quantity(),
  sel_retn_time: dateTime(),
  sel_retn_opter_name: req(50),
  memo: opt(str(500)),
  medins_prod_sel_no: opt(str(50)),
  drugtracinfo,
});

/** 进销存数据类型 of 3507: 1 盘存, 2 库存变更, 3 采购 (and its returns), 4 销售 (and its returns). */
export const INV_DATA_TYPES = { '1': '盘存信息', '2': '库存变更信息', '3': '采购信息', '4': '销售信息' } as const;
export type InvDataType = keyof typeof INV_DATA_TYPES;

/** 3507 商品信息删除: every record of one batch of one data type. */
export const deleteRow = z.strictObject({
  fixmedins_bchno: req(30),
  inv_data_type: z.enum(['1', '2', '3', '4'], { message: '进销存数据类型应为 1 盘存 / 2 库存变更 / 3 采购 / 4 销售' }),
});

/**
 * 库存变更类型 (national dictionary inv_chg_type as public clients use it) and the way each
 * moves stock. The sandbox refuses other codes.
 */
export const INV_CHG_TYPES = {
  '101': { label: '调拨入库', sign: 1 },
  '102': { label: '调拨出库', sign: -1 },
  '103': { label: '盘盈', sign: 1 },
  '104': { label: '盘损', sign: -1 },
  '105': { label: '损毁', sign: -1 },
  '106': { label: '其他入库', sign: 1 },
  '107': { label: '其他出库', sign: -1 },
} as const satisfies Record<string, { label: string; sign: 1 | -1 }>;

const batch = <T extends z.ZodType>(row: T) =>
  z.array(row).min(1, { message: '至少一行' }).max(1000, { message: '一次最多 1000 行' });

export const countInput = z.strictObject({ invinfo: countRow });
export const countBatchInput = z.strictObject({ invinfoDetail: batch(countRow) });
export const changeInput = z.strictObject({ invinfo: changeRow });
export const changeBatchInput = z.strictObject({ invinfoDetail: batch(changeRow) });
export const purchaseInput = z.strictObject({ purcinfo: purchaseRow });
export const purchaseBatchInput = z.strictObject({ purcinfoDetail: batch(purchaseRow) });
export const purchaseReturnInput = z.strictObject({ purcinfo: purchaseReturnRow });
export const purchaseReturnBatchInput = z.strictObject({ purcinfoDetail: batch(purchaseReturnRow) });
export const saleInput = z.strictObject({ selinfo: saleRow });
export const saleBatchInput = z.strictObject({ selinfoDetail: batch(saleRow) });
export const saleReturnInput = z.strictObject({ selinfo: saleReturnRow });
export const saleReturnBatchInput = z.strictObject({ selinfoDetail: batch(saleReturnRow) });
export const deleteInput = z.strictObject({ data: deleteRow });
export const deleteBatchInput = z.strictObject({ goodDetail: batch(deleteRow) });

/** retRslt 1 成功 / 0 失败 with msgRslt (the single variants' `result`). */
/** The single-call result: shown only (a refused row comes in the …ErrDetail lists, whose retRslt is required). */
const resultSchema = outObject({ retRslt: z.union([z.string(), z.number()]).transform(String), msgRslt: opt(str(2000)) });

export const uploadOutput = outObject({ result: resultSchema.optional() });

/** A row the center refused in a batch upload. */
export const errDetailRow = outObject({
  med_list_codg: opt(str(50)),
  fixmedins_hilist_id: opt(str(30)),
  fixmedins_bchno: opt(str(30)),
  inv_data_type: opt(str(3)),
  retRslt: must(z.union([z.string(), z.number()]).transform(String)),
  msgRslt: opt(str(2000)),
});
export type ErrDetailRow = z.output<typeof errDetailRow>;

export const batchUploadOutput = outObject({
  result: resultSchema.optional(),
  invinfoErrDetail: z.array(errDetailRow).optional(),
  purcinfoErrDetail: z.array(errDetailRow).optional(),
  selinfoErrDetail: z.array(errDetailRow).optional(),
  goodErrDetail: z.array(errDetailRow).optional(),
});

// ---- 3508–3511 ------------------------------------------------------------------------------

/**
 * Query input: one of medins_list_codg (the institution's own code) or fixmedins_bchno, and
 * the date range, are required by the spec; page_num / page_size are optional (sandbox: 1 / 100).
 */
export const ledgerQueryInput = z.strictObject({
  data: z
    .looseObject({
      fixmedins_code: opt(str(30)),
      medins_list_codg: opt(str(150)),
      fixmedins_bchno: opt(str(30)),
      begndate: date(),
      enddate: date(),
      med_list_codg: opt(str(50)),
      inv_chg_type: opt(code(6)),
      page_num: z.number().int().min(1).optional(),
      page_size: z.number().int().min(1).max(1000).optional(),
    })
    .refine((d) => Boolean(d.medins_list_codg || d.fixmedins_bchno), {
      message: '医药机构目录编码 medins_list_codg 和定点医药机构批次流水号 fixmedins_bchno 至少填一个',
      path: ['medins_list_codg'],
    }),
});

const ledgerRow = {
  fixmedinsBchno: opt(str(30)),
  medinsListCodg: opt(str(150)),
  medinsListName: opt(str(200)),
  medListCodg: opt(str(50)),
  valiFlag: opt(str(3)),
};
export const stockRow = outObject({ ...ledgerRow, invCnt: must(outNum(4)), invdate: opt(str(10)) });
export const changeRecordRow = outObject({
  ...ledgerRow,
  invChgType: opt(str(6)),
  cnt: must(outNum(4)),
  invChgTime: opt(str(19)),
});
export const purchaseRecordRow = outObject({
  ...ledgerRow,
  purcRetnCnt: must(outNum(4)),
  prodRetnFlag: opt(str(6)),
  purcRetnStoinTime: opt(str(19)),
  medinsProdPurcNo: opt(str(50)),
});
export const saleRecordRow = outObject({
  ...ledgerRow,
  selRetnCnt: must(outNum(4)),
  selRetnTime: opt(str(19)),
  medinsProdSelNo: opt(str(50)),
});

/** A page of rows, or the bare list some centers answer: normalized to a page. */
function ledgerOutput<T extends z.ZodType>(row: T) {
  const page = outObject({
    data: must(z.array(row)),
    recordCounts: outNum(0).nullable().optional(),
    pages: outNum(0).nullable().optional(),
    pageNum: outNum(0).nullable().optional(),
    pageSize: outNum(0).nullable().optional(),
  });
  // One schema, not a union: a union would turn an optional field's warning into a failure.
  return z.preprocess((v) => (Array.isArray(v) ? { data: v, recordCounts: v.length } : v), page);
}

export const stockQueryOutput = ledgerOutput(stockRow);
export const changeQueryOutput = ledgerOutput(changeRecordRow);
export const purchaseQueryOutput = ledgerOutput(purchaseRecordRow);
export const saleQueryOutput = ledgerOutput(saleRecordRow);
