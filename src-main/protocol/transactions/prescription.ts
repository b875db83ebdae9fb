/**
 * 医保电子处方, 医药机构端 (7201, 7204–7211). The national interface names the codes; the field
 * lists follow the public HIS clients that implement the earlier numbering of the same flow
 * (处方二维码解析 / 下载 / 审核 / 核销 / 配送: auth_rxno, hi_rxno, phar_*, selinfo, delv_*), with
 * rx_trace_code (处方追溯码) as the key every step after the download repeats.
 */
import { z } from 'zod';
import { certTypeSchema } from './common';
import { amount, dateTime, must, opt, outAmount, outNum, outObject, quantity, req, reqCode, str, unitPrice } from '../wire';

const rxKey = { hi_rxno: req(30), rx_trace_code: req(50) };

/** 7201 电子处方线下流转授权: the person (read at the counter) authorises this pharmacy to use their prescriptions. */
export const rxAuthorizeInput = z.strictObject({
  data: z.strictObject({
    psn_no: req(30),
    mdtrt_cert_type: certTypeSchema,
    mdtrt_cert_no: req(50),
    card_sn: opt(str(32)),
    psn_cert_type: reqCode(6),
    certno: req(50),
    psn_name: req(50),
    /** One prescription to authorise; empty: every prescription of the person still open. */
    hi_rxno: opt(str(30)),
  }),
});
/**
 * Required in the 7xxx answers (issue 16): the ids the counter stores and sends back (hi_rxno,
 * auth_rxno, rx_trace_code, rx_detl_no, med_list_codg, sel_no), the person the prescription
 * must belong to, and the prescribed quantities and amounts the basket is built from. Times,
 * states and names are only shown: optional, like every field of an answer the counter only shows.
 */
export const rxAuthorizeOutput = outObject({
  rxlist: must(
    z.array(
      outObject({
        hi_rxno: must(req(30)),
        auth_rxno: must(req(40)),
        prsc_time: str(19),
        valid_end_time: str(19),
        fixmedins_name: opt(str(200)),
        rx_stas_codg: str(6),
      }),
    ),
  ),
});

/** 7204 电子处方下载, by the authorisation number 7201 returned. */
export const rxDownloadInput = z.strictObject({
  data: z.strictObject({ hi_rxno: req(30), auth_rxno: req(40), psn_no: req(30) }),
});
export const rxDetailSchema = outObject({
  rx_detl_no: must(req(30)),
  med_list_codg: must(req(50)),
  drug_genname: opt(str(500)),
  drug_prodname: opt(str(255)),
  drug_spec: opt(str(100)),
  drug_dosform: opt(str(50)),
  drug_cnt: must(outNum(4)),
  drug_cnt_unit: opt(str(20)),
  drug_pric: must(outNum(6)),
  drug_sumamt: must(outAmount()),
  medc_way_dscr: opt(str(100)),
  used_frqu_name: opt(str(30)),
  sin_doscnt: opt(str(40)),
  medc_days: outNum(2).nullable().optional(),
});
export const rxDownloadOutput = outObject({
  rxinfo: must(
    outObject({
      hi_rxno: must(req(30)),
      rx_trace_code: must(req(50)),
      fixmedins_code: str(12),
      fixmedins_name: opt(str(200)),
      prsc_time: str(19),
      valid_end_time: str(19),
      rx_stas_codg: str(6),
      rx_drug_nums: outNum(2),
    }),
  ),
  mdtrtinfo: must(
    outObject({
      mdtrt_id: opt(str(30)),
      psn_no: must(req(30)),
      patn_name: str(50),
      gend: opt(str(6)),
      age: outNum(1).nullable().optional(),
      insutype: opt(str(6)),
      prsc_dept_name: opt(str(50)),
      prsc_dr_name: opt(str(50)),
      diag_code: opt(str(20)),
      diag_name: opt(str(100)),
    }),
  ),
  rxdetlinfo: must(z.array(rxDetailSchema).min(1)),
});

/** 7205 电子处方信息核验: the prescription is valid, unused and belongs to the person presenting it. */
export const rxVerifyInput = z.strictObject({
  data: z.strictObject({ ...rxKey, psn_no: req(30), mdtrt_cert_type: certTypeSchema, mdtrt_cert_no: req(50) }),
});
export const rxVerifyOutput = outObject({
  hi_rxno: str(30),
  rx_chk_stas: str(3),
  rx_chk_dscr: opt(str(200)),
  valid_end_time: opt(str(19)),
});

/** 7206 电子处方审方信息上传: the pharmacist's review; rx_chk_rslt 1 通过 / 0 不通过. */
export const rxAuditInput = z.strictObject({
  data: z.strictObject({
    ...rxKey,
    phar_cert_type: reqCode(6),
    phar_certno: req(50),
    phar_name: req(50),
    phar_prac_cert_no: req(50),
    rx_chk_rslt: z.enum(['0', '1'], { message: '审方结果应为 1 通过 / 0 不通过' }),
    rx_chk_opnn: opt(str(2000)),
    chk_time: dateTime(),
  }),
});
export const rxAuditOutput = outObject({ hi_rxno: str(30), rx_stas_codg: str(6) });

/** 7207 药品销售出库明细上传: what was sold against the prescription, tied to the settlement (2102). */
export const rxSaleInput = z.strictObject({
  data: z.strictObject({
    ...rxKey,
    psn_no: req(30),
    setl_id: req(30),
    mdtrt_id: req(30),
    sel_retn_time: dateTime(),
    medfee_sumamt: amount(),
    fund_pay_sumamt: amount(),
    psn_part_amt: amount(),
    acct_pay: amount(),
    psn_cash_pay: amount(),
  }),
  selinfo: z
    .array(
      z.strictObject({
        rx_detl_no: req(30),
        med_list_codg: req(50),
        fixmedins_hilist_id: req(30),
        fixmedins_hilist_name: req(200),
        manu_lotnum: opt(str(30)),
        drug_trac_codg: opt(str(30)),
        sel_retn_cnt: quantity(),
        finl_trns_pric: unitPrice(),
        sumamt: amount(),
      }),
    )
    .min(1, { message: '至少一条出库明细' }),
});
export const rxSaleOutput = outObject({ hi_rxno: str(30), sel_no: must(req(30)), rx_stas_codg: str(6) });

/** 7208 药品销售出库明细撤销, after the settlement was refunded (2103). */
export const rxSaleRevokeInput = z.strictObject({
  data: z.strictObject({ ...rxKey, sel_no: req(30), setl_id: req(30), revs_rea: req(200) }),
});
export const rxSaleRevokeOutput = outObject({ hi_rxno: str(30), rx_stas_codg: str(6) });

/** 7209 药品配送信息同步: each status change of the delivery. */
export const rxDeliveryInput = z.strictObject({
  data: z.strictObject({
    ...rxKey,
    delv_no: req(30),
    delv_entp_name: req(50),
    delver_name: req(20),
    delver_tel: req(20),
    delv_addr: req(200),
    delv_stas_codg: z.enum(['1', '2', '3'], { message: '配送状态应为 1 待配送 / 2 配送中 / 3 已送达' }),
    delv_stas_time: dateTime(),
  }),
});
export const rxDeliveryOutput = outObject({ hi_rxno: str(30), delv_no: str(30), rx_stas_codg: str(6) });

/** 7210 药品配送签收确认. */
export const rxSignInput = z.strictObject({
  data: z.strictObject({ ...rxKey, delv_no: req(30), sign_psn_name: req(50), sign_time: dateTime() }),
});
export const rxSignOutput = outObject({ hi_rxno: str(30), rx_stas_codg: str(6) });

/** 7211 电子处方药品目录查询 (paged). */
export const rxDrugQueryInput = z.strictObject({
  data: z.strictObject({
    med_list_codg: opt(str(50)),
    drug_genname: opt(str(100)),
    page_num: z.number().int().min(1),
    page_size: z.number().int().min(1).max(500),
  }),
});
export const rxDrugQueryOutput = outObject({
  total: outNum(0),
  list: z
    .array(
      outObject({
        med_list_codg: str(50),
        drug_genname: opt(str(500)),
        drug_spec: opt(str(100)),
        drug_dosform: opt(str(50)),
        chrgitm_lv: opt(str(6)),
        lmt_used_flag: opt(str(3)),
        lmt_scp: opt(str(2000)),
        pric_uplmt_amt: outNum(6).nullable().optional(),
      }),
    )
    .default([]),
});
