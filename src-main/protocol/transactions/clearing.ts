/**
 * 湖北's clearing family and time-range settlement queries (seed 002 l.456–470, l.1300–1370): 3203 /
 * 3202a / 3203a / 1608 清算申请, 3204 / 3204a / 3204b / 1618 撤销, 3205a 申请单打印, 5262 / 5267
 * 结算信息按时间段查询 (本地 / 异地, for HIS/MIS 对账). The seed names them without field lists: the
 * request is 3201's group and amounts; required in answers is what the counter books (the
 * application id), sends back (the id, to withdraw or print) or reconciles (amounts and counts).
 */
import { z } from 'zod';
import { totalReconcileInput } from './reconcile';
import { dateTime, must, opt, outAmount, outNum, outObject, req, str } from '../wire';

/** 3201's group and totals, without the refund filter: an application covers the whole group. */
const applyData = totalReconcileInput.shape.data.omit({ refd_setl_flag: true });

/** 3203 / 3202a / 1608: one group's totals. */
export const clearingApplyInput = z.strictObject({ data: applyData });
/** 3203a: the same, with the settlements listed. */
export const clearingApplyByDetailInput = z.strictObject({
  data: applyData,
  setldetail: z.array(z.strictObject({ setl_id: req(30) })).min(1),
});
export const clearingApplyOutput = outObject({
  clrappyinfo: must(
    outObject({
      clr_appy_evt_id: must(req(30)),
      medfee_sumamt: must(outAmount()),
      fund_pay_sumamt: must(outAmount()),
      acct_pay: must(outAmount()),
      fixmedins_setl_cnt: must(outNum(0)),
      appy_time: opt(str(19)),
    }),
  ),
});

/** 3204 / 3204a / 3204b / 1618 撤销 and 3205a 打印 name the application. */
export const clearingEventInput = z.strictObject({ data: z.strictObject({ clr_appy_evt_id: req(30) }) });
export const clearingCancelOutput = outObject({
  clrappyinfo: must(outObject({ clr_appy_evt_id: must(req(30)), cncl_time: opt(str(19)) })),
});
/** 3205a: the application form as the center prints it; the counter shows it and compares the id. */
export const clearingPrintOutput = outObject({
  clrappyinfo: must(
    outObject({
      clr_appy_evt_id: must(req(30)),
      appy_infno: opt(str(10)),
      appy_name: opt(str(100)),
      appy_time: opt(str(19)),
      appy_stas: opt(str(6)),
      fixmedins_code: opt(str(30)),
      fixmedins_name: opt(str(200)),
      insutype: opt(str(6)),
      clr_type: opt(str(6)),
      setl_optins: opt(str(6)),
      stmt_begndate: opt(str(10)),
      stmt_enddate: opt(str(10)),
      medfee_sumamt: outAmount().nullable().optional(),
      fund_pay_sumamt: outAmount().nullable().optional(),
      acct_pay: outAmount().nullable().optional(),
      fixmedins_setl_cnt: outNum(0).nullable().optional(),
    }),
  ),
});

/** 5262 / 5267: settlements whose setl_time falls in [begntime, endtime]. */
export const settlementRangeInput = z.strictObject({
  data: z.strictObject({
    begntime: dateTime(),
    endtime: dateTime(),
    insutype: opt(str(6)),
    clr_type: opt(str(6)),
    /** Paged as the national list queries (1312): page_num from 1. The seed names no fields: the sandbox's reading. */
    page_num: z.number().int().min(1).optional(),
    page_size: z.number().int().min(1).max(1000).optional(),
  }),
});
/** Each line is compared with the counter's ledger by setl_id: the ids and amounts are required. */
export const settlementRangeOutput = outObject({
  /** Rows in the whole range (all pages); a center that leaves it out is paged until a short page. */
  total_cnt: outNum(0).nullable().optional(),
  setlinfo: z
    .array(
      outObject({
        setl_id: must(req(30)),
        mdtrt_id: opt(str(30)),
        psn_no: opt(str(30)),
        medins_setl_id: opt(str(30)),
        setl_time: opt(str(19)),
        insutype: opt(str(6)),
        clr_type: opt(str(6)),
        clr_optins: opt(str(6)),
        refd_setl_flag: must(z.enum(['0', '1'])),
        medfee_sumamt: must(outAmount()),
        fund_pay_sumamt: must(outAmount()),
        acct_pay: must(outAmount()),
        psn_cash_pay: outAmount().nullable().optional(),
      }),
    )
    .default([]),
});
