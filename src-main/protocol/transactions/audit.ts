/**
 * 明细审核 3101 (事前) / 3102 (事中) and 3103 (事前事中服务反馈). Field lists as the public HIS
 * clients send them: data.patient_dtos[].fsi_encounter_dtos[] with fsi_diagnose_dtos and
 * fsi_order_dtos; the answer's result[] carries jr_id, rule_id, rule_name, vola_cont, sev_deg …
 * and judge_result_detail_dtos naming the order lines (rx_id) that violate the rule.
 */
import { z } from 'zod';
import { amount, date, dateTime, must, opt, outAmount, outObject, quantity, req, reqCode, str, unitPrice } from '../wire';

const orderDto = z.strictObject({
  rx_id: req(50),
  rxno: req(30),
  long_drord_flag: z.enum(['0', '1']),
  hilist_type: reqCode(3),
  chrg_type: reqCode(6),
  drord_bhvr: opt(str(3)),
  hilist_code: req(50),
  hilist_name: req(200),
  hilist_lv: opt(str(3)),
  hilist_pric: unitPrice(),
  hosplist_code: req(150),
  hosplist_name: req(200),
  cnt: quantity(),
  pric: unitPrice(),
  sumamt: amount(),
  spec: opt(str(100)),
  drord_begn_date: dateTime(),
  drord_dr_codg: opt(str(30)),
  drord_dr_name: opt(str(50)),
});

const diagnoseDto = z.strictObject({
  dise_id: req(50),
  inout_dise_type: z.enum(['1', '2']),
  maindise_flag: z.enum(['0', '1']),
  dias_srt_no: z.number().int().min(1),
  dise_codg: req(30),
  dise_name: req(200),
  dise_date: dateTime(),
});

const encounterDto = z.strictObject({
  mdtrt_id: req(30),
  medins_id: req(30),
  medins_name: req(200),
  medins_admdvs: req(6),
  medins_type: reqCode(3),
  medins_lv: opt(str(3)),
  adm_date: dateTime(),
  dscg_main_dise_codg: opt(str(30)),
  dscg_main_dise_name: opt(str(200)),
  dr_codg: opt(str(30)),
  adm_dept_codg: opt(str(30)),
  adm_dept_name: opt(str(100)),
  med_mdtrt_type: reqCode(3),
  med_type: reqCode(6),
  medfee_sumamt: amount(),
  insutype: reqCode(6),
  reim_flag: z.enum(['0', '1']),
  out_setl_flag: z.enum(['0', '1']),
  fsi_diagnose_dtos: z.array(diagnoseDto),
  fsi_order_dtos: z.array(orderDto).min(1, { message: '至少一条处方(医嘱)明细' }),
});

const patientDto = z.strictObject({
  patn_id: req(30),
  patn_name: req(50),
  gend: z.enum(['1', '2', '9']),
  brdy: date(),
  poolarea: req(6),
  curr_mdtrt_id: req(30),
  fsi_encounter_dtos: z.array(encounterDto).min(1),
});

export const detailAuditInput = z.strictObject({
  data: z.strictObject({
    syscode: req(10),
    task_id: req(40),
    /** 1 门诊挂号, 2 门诊收费登记, 3 住院登记, 4 住院收费登记, 5 住院执行医嘱, 6 门诊结算, 7 门诊预结算 … */
    trig_scen: reqCode(3),
    rule_ids: opt(z.array(str(30))),
    patient_dtos: z.array(patientDto).min(1),
  }),
});

/**
 * A warning of 3101 / 3102. Required (issue 16): jr_id, which 3103 sends back. The rule, the
 * text, the amount and the lines are shown to the cashier and sent nowhere: optional. The
 * `result` list itself stays required: an answer without it is not an answer of "no warnings".
 */
export const auditHitSchema = outObject({
  jr_id: must(req(40)),
  rule_id: str(30),
  rule_name: str(200),
  vola_cont: str(2000),
  patn_id: str(30),
  mdtrt_id: str(30),
  judge_result_detail_dtos: z
    .array(
      outObject({
        jrd_id: str(40),
        patn_id: str(30),
        mdtrt_id: str(30),
        rx_id: str(50),
        vola_amt: outAmount(),
      }),
    )
    .default([]),
  vola_amt: outAmount(),
  vola_amt_stas: opt(str(3)),
  /** 1 明确违规, 2 高度可疑 (the national codes). */
  sev_deg: str(3),
  vola_evid: opt(str(2000)),
  vola_bhvr_type: opt(str(6)),
  task_id: opt(str(40)),
});
export type AuditHit = z.infer<typeof auditHitSchema>;
export const detailAuditOutput = outObject({ result: must(z.array(auditHitSchema)) });

/** 3103: what the institution did with each warning: dspo_way 1 继续执行 (with a reason) / 2 返回修改. */
export const auditFeedbackInput = z.strictObject({
  data: z.strictObject({
    warn_type: z.enum(['1', '2'], { message: '预警类型应为 1 事前提醒 / 2 事中预警' }),
    warns: z.array(z.strictObject({ warn_rslt_id: req(40), dspo_way: z.enum(['1', '2']), dspo_way_rea: opt(str(500)) })).min(1),
  }),
});
/** `handled` is only shown (how many the center took); absent, the counter shows how many it sent. */
export const auditFeedbackOutput = outObject({ handled: z.number().int().nonnegative() });
