/**
 * 四川's own codes of priority 1 and 2 (seed 003 l.204–212 and l.259–260): S3301 / S3302 财政电子票据,
 * S3601 结算单数据获取, S3701 / S5201 门慢门特处方 上传 / 查询, S3702 门慢血透指标上传, Z1101 / Z1102
 * 城乡两病备案 / 撤销, S3901 / S5901 无密码结算申请 / 查询.
 *
 * The seed names each with one line and gives no field list, and no public Sichuan client with them
 * was found (searched 2026-12-06: the codes and their names over public code, pages and issues). So
 * the field lists are INFERRED, not from a document, each from the national analogue its sentence
 * points to (said at each schema); the Sichuan profile says so too (departures). Where a public client
 * of another province gives the analogue's fields, it is named.
 */
import { z } from 'zod';
import { einvoiceUploadInput } from './e-invoice';
import { feeDetailLine } from './query';
import { settlementKeySchema, settlementOutputShape } from './common';
import { date, dateTime, must, opt, outAmount, outNum, outObject, quantity, req, str } from '../wire';

// ---- S3301 / S3302 财政电子票据 ------------------------------------------------------------------

/**
 * S3301 财政电子票据信息上传: inferred from 4901 电子结算凭证上传 (e-invoice.ts), the same voucher of
 * one settlement (票据代码, 号码, 校验码, 金额, 开票日期): the same field list.
 */
export const fiscalInvoiceUploadInput = einvoiceUploadInput;
/** The center's upload number is shown only; the counter knows the setl_id it sent. */
export const fiscalInvoiceUploadOutput = outObject({ setl_id: str(30), upld_no: str(30) });

/** S3302 财政电子票据信息查询: by setl_id, like 4902 / 5501. */
export const fiscalInvoiceQueryInput = z.strictObject({ data: z.strictObject({ setl_id: req(30) }) });
/** Shown, never booked: all optional (issue 16). */
export const fiscalInvoiceQueryOutput = outObject({
  setl_id: str(30),
  einv_code: opt(str(20)),
  einv_no: opt(str(20)),
  einv_chkcode: opt(str(20)),
  einv_amt: outAmount().nullable().optional(),
  einv_date: opt(str(10)),
  upld_no: opt(str(30)),
  upld_time: opt(str(19)),
});

// ---- S3601 结算单数据获取 ------------------------------------------------------------------------

/** Inferred: the settlement a 结算单 is printed for, named as 5203 names it. */
export const settlementSheetInput = z.strictObject({ data: settlementKeySchema });
/** The 结算单's data: 5203's settlement (amounts required: they are printed) and 5204's fee lines. */
export const settlementSheetOutput = outObject({ ...settlementOutputShape, feedetail: z.array(feeDetailLine).default([]) });

// ---- S3701 / S5201 门慢门特处方, S3702 血透指标 ------------------------------------------------------

/** One drug of a 门慢门特 prescription: the catalogue code and how it is taken (2204's feedetail words). */
const chronicRxLine = z.strictObject({
  med_list_codg: req(50),
  medins_list_codg: opt(str(150)),
  drug_name: opt(str(200)),
  cnt: quantity(),
  sin_dos_dscr: opt(str(200)),
  used_frqu_dscr: opt(str(200)),
  prd_days: opt(z.number()),
  medc_way_dscr: opt(str(200)),
});

/**
 * S3701 门慢门特处方上传: inferred for a 门慢门特 visit (med_type 14): the visit (mdtrt_id, psn_no), the
 * 病种 it treats (opsp_dise_code / _name, as 2503 备案 names it), the prescription (rxno, time,
 * doctor) and its drugs.
 */
export const chronicRxUploadInput = z.strictObject({
  data: z.strictObject({
    mdtrt_id: req(30),
    psn_no: req(30),
    rxno: req(30),
    rx_time: dateTime(),
    opsp_dise_code: req(30),
    opsp_dise_name: req(300),
    dr_code: opt(str(30)),
    dr_name: opt(str(50)),
  }),
  rxdetail: z.array(chronicRxLine).min(1),
});
export const chronicRxUploadOutput = outObject({ rxno: str(30), upld_time: str(19) });

/** S5201 门慢门特处方查询: a person's prescriptions, optionally of one visit. */
export const chronicRxQueryInput = z.strictObject({
  data: z.strictObject({ psn_no: req(30), mdtrt_id: opt(str(30)) }),
});
/** Listed for the cashier to read: optional apart from what names a prescription. */
export const chronicRxQueryOutput = outObject({
  rxinfo: z
    .array(
      outObject({
        rxno: must(str(30)),
        mdtrt_id: must(str(30)),
        rx_time: str(19),
        opsp_dise_code: str(30),
        opsp_dise_name: str(300),
        dr_name: str(50),
        fixmedins_code: str(30),
        rxdetail: z
          .array(outObject({ med_list_codg: str(50), drug_name: str(200), cnt: outNum(4), used_frqu_dscr: str(200) }))
          .default([]),
      }),
    )
    .default([]),
});

/**
 * S3702 门慢血透指标上传 (血透机构必做): inferred, the visit of a 血透 session and its test results, one
 * line per 指标 (code, name, value as written on the report, unit, date).
 */
export const dialysisIndicatorsInput = z.strictObject({
  data: z.strictObject({ mdtrt_id: req(30), psn_no: req(30), opsp_dise_code: req(30), exam_date: date() }),
  indxinfo: z
    .array(z.strictObject({ indx_code: req(30), indx_name: req(100), indx_val: req(50), indx_unt: opt(str(20)) }))
    .min(1),
});
export const dialysisIndicatorsOutput = outObject({ mdtrt_id: str(30), indx_cnt: outNum(0) });

// ---- Z1101 / Z1102 城乡两病备案 -----------------------------------------------------------------

/**
 * Z1101 城乡两病备案 (高血压 / 糖尿病 of 城乡居民): inferred from 2503 人员慢特病备案. The fields are those a
 * public client sends for another province's 门诊两病备案 (national-numbered 2562): fengzaiqishi11/hsa-his,
 * hsa-insure/hsa-insure-biz/src/main/java/cn/hsa/insure/unifiedpay/bo/impl/InsurePersonnalRecordBOImpl.java
 * (insertOuptTowDiseRecord). Not Sichuan's document.
 */
export const twoDiseaseFilingInput = z.strictObject({
  data: z.strictObject({
    psn_no: req(30),
    opsp_dise_code: req(30),
    opsp_dise_name: req(300),
    begndate: date(),
    enddate: opt(date()),
    hosp_opnn: opt(str(200)),
    hosp_appy_time: opt(dateTime()),
    appy_rea: opt(str(200)),
    symp_dscr: opt(str(500)),
    appyer: opt(str(50)),
    appyer_tel: opt(str(50)),
    appyer_addr: opt(str(200)),
    opter_name: opt(str(50)),
    memo: opt(str(500)),
  }),
});
/** The filing's serial is kept (the revoke sends it back): required. */
export const twoDiseaseFilingOutput = outObject({
  result: must(outObject({ trt_dcla_detl_sn: must(req(30)) })),
});

/** Z1102 城乡两病申请撤销: the person and the filing's serial (the same public client's revoke). */
export const twoDiseaseRevokeInput = z.strictObject({
  data: z.strictObject({ psn_no: req(30), trt_dcla_detl_sn: req(30), memo: opt(str(500)) }),
});
export const twoDiseaseRevokeOutput = outObject({ trt_dcla_detl_sn: str(30) });

// ---- S3901 / S5901 无密码结算申请 ---------------------------------------------------------------

/**
 * S3901 无密码结算申请: inferred. A person (an elder, someone who cannot enter the 社保卡 PIN) is allowed
 * to settle without the password for a period: who, why, from when, who asks on their behalf.
 */
export const noPasswordApplyInput = z.strictObject({
  data: z.strictObject({
    psn_no: req(30),
    appy_rea: req(200),
    begndate: date(),
    enddate: date(),
    agnter_name: opt(str(50)),
    agnter_tel: opt(str(50)),
  }),
});
export const noPasswordApplyOutput = outObject({ appy_id: must(req(30)) });

/** S5901 无密码结算申请查询: a person's applications. */
export const noPasswordQueryInput = z.strictObject({ data: z.strictObject({ psn_no: req(30) }) });
export const noPasswordQueryOutput = outObject({
  appyinfo: z
    .array(
      outObject({
        appy_id: must(str(30)),
        appy_rea: str(200),
        begndate: str(10),
        enddate: str(10),
        appy_time: str(19),
        fixmedins_code: str(30),
        /** 1 有效, 0 已过期. */
        vali_flag: z.enum(['0', '1']),
      }),
    )
    .default([]),
});
