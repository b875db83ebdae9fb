/**
 * 电子结算凭证 (医疗电子票据) 4901 上传 / 4902 上传结果查询 / 4905 重新上传 / 5501 状态查询. The
 * national code list names these transactions; no public client with their field lists was
 * found, so the fields are the sandbox's reading of the document: one 电子票据 per settlement
 * (setl_id), with its code, number, check code, amount and date.
 */
import { z } from 'zod';
import { amount, date, opt, outAmount, outObject, req, str } from '../wire';

const invoiceFields = {
  setl_id: req(30),
  mdtrt_id: req(30),
  psn_no: req(30),
  einv_code: req(20),
  einv_no: req(20),
  einv_chkcode: req(20),
  einv_amt: amount(),
  einv_date: date(),
  einv_url: opt(str(500)),
};

export const einvoiceUploadInput = z.strictObject({ data: z.strictObject(invoiceFields) });
/**
 * The e-voucher answers are shown, never stored, sent back or booked (issue 16): every field is
 * optional; the counter knows the setl_id it asked about.
 */
export const einvoiceUploadOutput = outObject({ setl_id: str(30), upld_no: str(30) });

export const einvoiceResultInput = z.strictObject({ data: z.strictObject({ setl_id: req(30) }) });
export const einvoiceResultOutput = outObject({
  setl_id: str(30),
  upld_no: str(30),
  /** 0 处理中, 1 上传成功, 2 校验失败. */
  upld_stas: z.enum(['0', '1', '2']),
  upld_stas_dscr: opt(str(500)),
  upld_time: str(19),
  upld_cnt: z.number().int().min(1),
});

export const einvoiceStatusInput = z.strictObject({ data: z.strictObject({ setl_id: req(30) }) });
export const einvoiceStatusOutput = outObject({
  setl_id: str(30),
  einv_no: opt(str(20)),
  einv_amt: outAmount().nullable().optional(),
  /** 0 未上传, 1 正常, 2 校验失败, 3 已冲红 (the settlement was refunded or reversed). */
  einv_stas: z.enum(['0', '1', '2', '3']),
  einv_stas_dscr: str(200),
});
