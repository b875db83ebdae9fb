/** Stores a counter's fee lines (2204 feedetail / 2102 drugdetail) with the policy's split. */
import type { SplitLine } from '../policy';
import type { FeeLine } from '../store';

/** The wire fields both upload kinds share; clinic-only fields are optional here. */
export interface UploadedLine {
  feedetl_sn: string;
  rxno?: string | null;
  rx_circ_flag: string;
  fee_ocur_time: string;
  med_list_codg: string;
  medins_list_codg: string;
  sin_dos_dscr?: string | null;
  used_frqu_dscr?: string | null;
  prd_days?: number | '' | null;
  medc_way_dscr?: string | null;
  tcmdrug_used_way?: string | null;
  dise_codg?: string | null;
  bilg_dept_codg?: string | null;
  bilg_dept_name?: string | null;
  bilg_dr_codg?: string | null;
  bilg_dr_name?: string | null;
  acord_dept_codg?: string | null;
  acord_dept_name?: string | null;
  orders_dr_code?: string | null;
  orders_dr_name?: string | null;
  hosp_appr_flag?: string | null;
  etip_flag?: string | null;
  etip_hosp_code?: string | null;
  dscg_tkdrug_flag?: string | null;
  matn_fee_flag?: string | null;
  exp_content?: string | null;
}

const text = (v: string | null | undefined): string | null => (v === undefined || v === null || v === '' ? null : v);

export function toFeeLine(
  wire: UploadedLine,
  split: SplitLine,
  keys: { mdtrtId: string; psnNo: string; chrgBchno: string },
): FeeLine {
  return {
    mdtrtId: keys.mdtrtId,
    feedetlSn: wire.feedetl_sn,
    psnNo: keys.psnNo,
    chrgBchno: keys.chrgBchno,
    diseCodg: text(wire.dise_codg),
    rxno: text(wire.rxno),
    rxCircFlag: wire.rx_circ_flag,
    feeOcurTime: wire.fee_ocur_time,
    medListCodg: wire.med_list_codg,
    medinsListCodg: wire.medins_list_codg,
    detItemFeeSumamt: split.detItemFeeSumamt,
    cnt: split.cnt,
    pric: split.pric,
    sinDosDscr: text(wire.sin_dos_dscr),
    usedFrquDscr: text(wire.used_frqu_dscr),
    prdDays: wire.prd_days === undefined || wire.prd_days === null || wire.prd_days === '' ? null : String(wire.prd_days),
    medcWayDscr: text(wire.medc_way_dscr),
    bilgDeptCodg: text(wire.bilg_dept_codg),
    bilgDeptName: text(wire.bilg_dept_name),
    bilgDrCodg: text(wire.bilg_dr_codg),
    bilgDrName: text(wire.bilg_dr_name),
    acordDeptCodg: text(wire.acord_dept_codg),
    acordDeptName: text(wire.acord_dept_name),
    ordersDrCode: text(wire.orders_dr_code),
    ordersDrName: text(wire.orders_dr_name),
    hospApprFlag: text(wire.hosp_appr_flag),
    tcmdrugUsedWay: text(wire.tcmdrug_used_way),
    etipFlag: text(wire.etip_flag),
    etipHospCode: text(wire.etip_hosp_code),
    dscgTkdrugFlag: text(wire.dscg_tkdrug_flag),
    matnFeeFlag: text(wire.matn_fee_flag),
    expContent: text(wire.exp_content),
    pricUplmtAmt: split.pricUplmtAmt,
    selfpayProp: split.selfpayProp,
    fulamtOwnpayAmt: split.fulamtOwnpayAmt,
    overlmtAmt: split.overlmtAmt,
    preselfpayAmt: split.preselfpayAmt,
    inscpScpAmt: split.inscpScpAmt,
    chrgitmLv: split.chrgitmLv,
    medChrgitmType: split.medChrgitmType,
    basMednFlag: split.flags.basMednFlag,
    hiNegoDrugFlag: split.flags.hiNegoDrugFlag,
    chldMedcFlag: split.flags.chldMedcFlag,
    listSpItemFlag: split.flags.listSpItemFlag,
    lmtUsedFlag: split.flags.lmtUsedFlag,
    drtReimFlag: split.flags.drtReimFlag,
    memo: split.memo === '' ? null : split.memo,
  };
}

/** feedetl_sn must be unique within one upload. */
export function duplicateSn(lines: readonly { feedetl_sn: string }[]): string | undefined {
  const seen = new Set<string>();
  for (const l of lines) {
    if (seen.has(l.feedetl_sn)) return l.feedetl_sn;
    seen.add(l.feedetl_sn);
  }
  return undefined;
}
