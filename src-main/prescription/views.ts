/** What the 电子处方 screen and the CLI show of a prescription (plain JSON: amounts in fen, quantities as text). */

export interface RxLineView {
  readonly rxDetlNo: string;
  readonly code: string;
  readonly name: string;
  readonly spec: string;
  readonly cntText: string;
  readonly unit: string;
  readonly pricText: string;
  readonly amountFen: number;
  readonly usage: string;
}

export interface RxContentView {
  readonly issuerName: string;
  readonly prscTime: string;
  readonly validEndTime: string;
  readonly patnNameMasked: string;
  readonly deptName: string;
  readonly drName: string;
  readonly diagnosis: string;
  readonly lines: readonly RxLineView[];
  readonly totalFen: number;
}

export interface RxView {
  readonly hiRxno: string;
  /** rx-state.ts RxLocalState. */
  readonly state: string;
  readonly stateLabel: string;
  readonly next: string;
  readonly rx: RxContentView | null;
  readonly setlId: string | null;
  readonly selNo: string | null;
  readonly delvNo: string | null;
  readonly updatedAt: string;
}

export interface RxBasketView {
  readonly hiRxno: string;
  readonly basketId: string;
  readonly lines: readonly { code: string; name: string; cntText: string; pricText: string }[];
}

export interface PharmacistView {
  readonly code: string;
  readonly name: string;
  readonly certnoMasked: string;
  readonly pracCertNo: string;
}
