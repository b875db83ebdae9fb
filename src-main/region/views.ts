/**
 * What the 四川扩展 screen shows of the region's own transactions (src-main/region/): plain data, money
 * in fen, labels in Chinese. Pure types, so the renderer can import them through api/contract.ts.
 */
import type { SettlementSheet } from './settlement-sheet';

export type SettlementSheetView = SettlementSheet;

/** S3301: what the center acknowledged for the voucher uploaded. */
export interface FiscalUploadView {
  readonly infno: string;
  readonly setlId: string;
  readonly upldNo: string;
  readonly amountFen: number;
}

/** S3302: the voucher the center holds for a settlement. */
export interface FiscalVoucherView {
  readonly infno: string;
  readonly setlId: string;
  readonly code: string;
  readonly number: string;
  readonly checkCode: string;
  /** Decimal yuan as the center gave it, '' when left out. */
  readonly amountText: string;
  readonly date: string;
  readonly upldNo: string;
  readonly upldTime: string;
}

/** S3701 */
export interface ChronicRxUploadView {
  readonly infno: string;
  readonly rxno: string;
  readonly drugCount: number;
  readonly uploadedAt: string;
}

/** S5201: one prescription the center holds for the person. */
export interface ChronicRxView {
  readonly rxno: string;
  readonly mdtrtId: string;
  readonly rxTime: string;
  /** 病种 code and name, e.g. "M03900 高血压". */
  readonly disease: string;
  readonly doctorName: string;
  readonly drugs: readonly {
    readonly code: string;
    readonly name: string;
    readonly cntText: string;
    readonly frequency: string;
  }[];
}

/** Z1101 / Z1102: the center's serial of the filing (the revoke sends it back). */
export interface TwoDiseaseView {
  readonly infno: string;
  readonly serial: string;
}

/** S3901 */
export interface NoPasswordApplyView {
  readonly infno: string;
  readonly applicationId: string;
}

/** S5901: one application of the person. */
export interface NoPasswordView {
  readonly applicationId: string;
  readonly reason: string;
  readonly begndate: string;
  readonly enddate: string;
  readonly appliedAt: string;
  /** vali_flag: 1 有效, 0 已过期. */
  readonly validLabel: string;
  readonly valid: boolean;
}
