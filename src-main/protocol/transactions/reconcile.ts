/** 3201 总账对账 / 3202 明细对账 (protocol.md §2.14–2.15). */
import { z } from 'zod';
import { amount, date, must, opt, outObject, req, reqCode, str, fileQueryNo } from '../wire';

export const totalReconcileInput = z.strictObject({
  data: z.strictObject({
    insutype: reqCode(6),
    clr_type: reqCode(6),
    setl_optins: z.string().regex(/^\d{6}$/, { message: '结算经办机构应为6位区划' }),
    stmt_begndate: date(),
    stmt_enddate: date(),
    medfee_sumamt: amount(),
    fund_pay_sumamt: amount(),
    acct_pay: amount(),
    fixmedins_setl_cnt: z.number().int().min(0),
    refd_setl_flag: opt(str(6)),
  }),
});
/** The result of a group is what reconciliation is about. */
export const totalReconcileOutput = outObject({
  stmtinfo: must(outObject({ setl_optins: str(6), stmt_rslt: must(req(6)), stmt_rslt_dscr: str(200) })),
});

export const detailReconcileInput = z.strictObject({
  data: z.strictObject({
    setl_optins: z.string().regex(/^\d{6}$/),
    file_qury_no: fileQueryNo(),
    stmt_begndate: date(),
    stmt_enddate: date(),
    medfee_sumamt: amount(),
    fund_pay_sumamt: amount(),
    cash_payamt: amount(),
    fixmedins_setl_cnt: z.number().int().min(0),
    clr_type: reqCode(6),
    refd_setl_flag: opt(str(6)),
  }),
});
/** The result file's ids are sent back by 9102. */
export const detailReconcileOutput = outObject({
  fileinfo: must(outObject({ file_qury_no: must(fileQueryNo()), filename: must(req(200)), dld_endtime: str(19) })),
});

/** Columns of the 3202 upload file, in order. */
export const DETAIL_UPLOAD_COLUMNS = [
  'setl_id',
  'mdtrt_id',
  'psn_no',
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
  'refd_setl_flag',
] as const;
/** Columns of the 3202 result file, in order. */
export const DETAIL_RESULT_COLUMNS = ['psn_no', 'mdtrt_id', 'setl_id', 'msgid', 'stmt_rslt', 'refd_setl_flag', 'memo'] as const;
