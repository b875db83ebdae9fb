/**
 * 医保电子处方 held by the center (migration 003): the prescription, its lines, each 7207 sale
 * and the history of state changes. The state machine lives in the handlers
 * (center/handlers/prescription.ts); this repository only reads and writes rows.
 */
import type { Fen, Qty, UnitPrice } from '../amounts';
import type { Db } from './db';

export const RX_STATES = [
  'issued',
  'authorized',
  'downloaded',
  'verified',
  'audited',
  'refused',
  'sold',
  'delivering',
  'signed',
] as const;
export type RxState = (typeof RX_STATES)[number];

export interface RxPrescription {
  hiRxno: string;
  rxTraceCode: string;
  psnNo: string;
  issuerCode: string;
  issuerName: string;
  mdtrtId: string;
  deptName: string;
  drName: string;
  diagCode: string;
  diagName: string;
  prscTime: string;
  validEndTime: string;
  state: RxState;
  authRxno: string | null;
  pharmacyCode: string | null;
  pharName: string | null;
  pharPracCertNo: string | null;
  rxChkOpnn: string | null;
  selNo: string | null;
  setlId: string | null;
  delvNo: string | null;
  delvStasCodg: string | null;
  updatedAt: string;
}

export interface RxLine {
  hiRxno: string;
  rxDetlNo: string;
  medListCodg: string;
  drugGenname: string;
  drugSpec: string | null;
  drugDosform: string | null;
  cnt: Qty;
  cntUnit: string | null;
  pric: UnitPrice;
  sumamt: Fen;
  medcWayDscr: string | null;
  usedFrquName: string | null;
  sinDoscnt: string | null;
  medcDays: number | null;
}

export interface RxSaleLine {
  rxDetlNo: string;
  medListCodg: string;
  cnt: Qty;
  pric: UnitPrice;
  sumamt: Fen;
}

export interface RxSale {
  selNo: string;
  hiRxno: string;
  fixmedinsCode: string;
  setlId: string;
  sumamt: Fen;
  lines: RxSaleLine[];
  soldAt: string;
  revokedAt: string | null;
  revsRea: string | null;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const RX_COLUMNS = [
  'hiRxno',
  'rxTraceCode',
  'psnNo',
  'issuerCode',
  'issuerName',
  'mdtrtId',
  'deptName',
  'drName',
  'diagCode',
  'diagName',
  'prscTime',
  'validEndTime',
  'state',
  'authRxno',
  'pharmacyCode',
  'pharName',
  'pharPracCertNo',
  'rxChkOpnn',
  'selNo',
  'setlId',
  'delvNo',
  'delvStasCodg',
  'updatedAt',
] as const satisfies readonly (keyof RxPrescription)[];
const LINE_COLUMNS = [
  'hiRxno',
  'rxDetlNo',
  'medListCodg',
  'drugGenname',
  'drugSpec',
  'drugDosform',
  'cnt',
  'cntUnit',
  'pric',
  'sumamt',
  'medcWayDscr',
  'usedFrquName',
  'sinDoscnt',
  'medcDays',
] as const satisfies readonly (keyof RxLine)[];
const selectOf = (table: string, cols: readonly string[]) =>
  `SELECT ${cols.map((c) => `${snake(c)} AS ${c}`).join(', ')} FROM ${table}`;
const insertOf = (table: string, cols: readonly string[]) =>
  `INSERT INTO ${table} (${cols.map(snake).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`;

/** Fields a state change may set besides the state. */
export type RxUpdate = Partial<
  Pick<
    RxPrescription,
    'authRxno' | 'pharmacyCode' | 'pharName' | 'pharPracCertNo' | 'rxChkOpnn' | 'selNo' | 'setlId' | 'delvNo' | 'delvStasCodg'
  >
>;

interface SaleDbRow extends Omit<RxSale, 'lines' | 'sumamt'> {
  lines: string;
  sumamt: number;
}

export class PrescriptionRepo {
  constructor(private readonly db: Db) {}

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM rx_prescription').get()?.n ?? 0;
  }

  insert(rx: RxPrescription, lines: readonly RxLine[]): void {
    this.db.prepare(insertOf('rx_prescription', RX_COLUMNS)).run(rx);
    const ins = this.db.prepare(insertOf('rx_line', LINE_COLUMNS));
    for (const line of lines) ins.run(line);
  }

  get(hiRxno: string): RxPrescription | undefined {
    return this.db.prepare<[string], RxPrescription>(`${selectOf('rx_prescription', RX_COLUMNS)} WHERE hi_rxno = ?`).get(hiRxno);
  }

  byAuthRxno(authRxno: string): RxPrescription | undefined {
    return this.db
      .prepare<[string], RxPrescription>(`${selectOf('rx_prescription', RX_COLUMNS)} WHERE auth_rxno = ?`)
      .get(authRxno);
  }

  ofPerson(psnNo: string): RxPrescription[] {
    return this.db
      .prepare<[string], RxPrescription>(`${selectOf('rx_prescription', RX_COLUMNS)} WHERE psn_no = ? ORDER BY hi_rxno`)
      .all(psnNo);
  }

  all(): RxPrescription[] {
    return this.db.prepare<[], RxPrescription>(`${selectOf('rx_prescription', RX_COLUMNS)} ORDER BY hi_rxno`).all();
  }

  lines(hiRxno: string): RxLine[] {
    return this.db
      .prepare<[string], RxLine>(`${selectOf('rx_line', LINE_COLUMNS)} WHERE hi_rxno = ? ORDER BY rx_detl_no`)
      .all(hiRxno);
  }

  /** Moves the prescription to `to` and records the change. */
  transition(rx: RxPrescription, to: RxState, infno: string, at: string, update: RxUpdate = {}, detail?: string): RxPrescription {
    const next: RxPrescription = { ...rx, ...update, state: to, updatedAt: at };
    const sets = RX_COLUMNS.filter((c) => c !== 'hiRxno').map((c) => `${snake(c)} = @${c}`);
    this.db.prepare(`UPDATE rx_prescription SET ${sets.join(', ')} WHERE hi_rxno = @hiRxno`).run(next);
    this.db
      .prepare('INSERT INTO rx_event (hi_rxno, infno, state_from, state_to, at, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(rx.hiRxno, infno, rx.state, to, at, detail ?? null);
    return next;
  }

  events(hiRxno: string): { infno: string; stateFrom: string; stateTo: string; at: string }[] {
    return this.db
      .prepare<[string], { infno: string; stateFrom: string; stateTo: string; at: string }>(
        'SELECT infno, state_from AS stateFrom, state_to AS stateTo, at FROM rx_event WHERE hi_rxno = ? ORDER BY id',
      )
      .all(hiRxno);
  }

  insertSale(sale: RxSale): void {
    this.db
      .prepare(
        `INSERT INTO rx_sale (sel_no, hi_rxno, fixmedins_code, setl_id, sumamt, lines, sold_at, revoked_at, revs_rea)
         VALUES (@selNo, @hiRxno, @fixmedinsCode, @setlId, @sumamt, @lines, @soldAt, NULL, NULL)`,
      )
      .run({ ...sale, lines: JSON.stringify(sale.lines) });
  }

  sale(selNo: string): RxSale | undefined {
    const row = this.db
      .prepare<[string], SaleDbRow>(
        `SELECT sel_no AS selNo, hi_rxno AS hiRxno, fixmedins_code AS fixmedinsCode, setl_id AS setlId, sumamt,
                lines, sold_at AS soldAt, revoked_at AS revokedAt, revs_rea AS revsRea
         FROM rx_sale WHERE sel_no = ?`,
      )
      .get(selNo);
    return row && { ...row, sumamt: row.sumamt as Fen, lines: JSON.parse(row.lines) as RxSaleLine[] };
  }

  /** The live (not revoked) sale tied to a settlement, if any. */
  liveSaleOfSettlement(setlId: string): string | undefined {
    return this.db
      .prepare<[string], { selNo: string }>('SELECT sel_no AS selNo FROM rx_sale WHERE setl_id = ? AND revoked_at IS NULL')
      .get(setlId)?.selNo;
  }

  revokeSale(selNo: string, at: string, rea: string): void {
    this.db.prepare('UPDATE rx_sale SET revoked_at = ?, revs_rea = ? WHERE sel_no = ?').run(at, rea, selNo);
  }
}
