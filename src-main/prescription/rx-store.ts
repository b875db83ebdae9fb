/**
 * The counter's own record of the electronic prescriptions it handles (client migration 7):
 * who authorised it, the downloaded prescription, where it stands, and the settlement, sale and
 * delivery it led to. Every state change is kept in rx_local_event with the msgid that made it.
 */
import type { Db } from '../storage/sqlite';
import type { RxLocalState } from './rx-state';

export interface RxLocalRow {
  hiRxno: string;
  fixmedinsCode: string;
  psnNo: string;
  mdtrtCertType: string;
  mdtrtCertNo: string;
  authRxno: string;
  rxTraceCode: string | null;
  state: RxLocalState;
  /** The 7204 answer as received. */
  rxJson: string | null;
  basketId: string | null;
  setlId: string | null;
  mdtrtId: string | null;
  settlementMsgid: string | null;
  selNo: string | null;
  delvNo: string | null;
  updatedAt: string;
}

export type RxLocalUpdate = Partial<
  Pick<
    RxLocalRow,
    'rxTraceCode' | 'rxJson' | 'basketId' | 'setlId' | 'mdtrtId' | 'settlementMsgid' | 'selNo' | 'delvNo' | 'authRxno'
  >
>;

const COLUMNS =
  'hi_rxno AS hiRxno, fixmedins_code AS fixmedinsCode, psn_no AS psnNo, mdtrt_cert_type AS mdtrtCertType, ' +
  'mdtrt_cert_no AS mdtrtCertNo, auth_rxno AS authRxno, rx_trace_code AS rxTraceCode, state, rx_json AS rxJson, ' +
  'basket_id AS basketId, setl_id AS setlId, mdtrt_id AS mdtrtId, settlement_msgid AS settlementMsgid, sel_no AS selNo, ' +
  'delv_no AS delvNo, updated_at AS updatedAt';

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export class RxLocalStore {
  constructor(private readonly db: Db) {}

  get(hiRxno: string, fixmedinsCode: string): RxLocalRow | undefined {
    return this.db
      .prepare<[string, string], RxLocalRow>(`SELECT ${COLUMNS} FROM rx_local WHERE hi_rxno = ? AND fixmedins_code = ?`)
      .get(hiRxno, fixmedinsCode);
  }

  /** Newest first. */
  list(fixmedinsCode: string, limit = 50): RxLocalRow[] {
    return this.db
      .prepare<[string, number], RxLocalRow>(
        `SELECT ${COLUMNS} FROM rx_local WHERE fixmedins_code = ? ORDER BY updated_at DESC, hi_rxno LIMIT ?`,
      )
      .all(fixmedinsCode, limit);
  }

  /** The prescription a pharmacy basket was filled from. */
  byBasket(basketId: string): RxLocalRow | undefined {
    return this.db.prepare<[string], RxLocalRow>(`SELECT ${COLUMNS} FROM rx_local WHERE basket_id = ?`).get(basketId);
  }

  /** First authorisation (or a repeated one, which keeps what was recorded and takes the new auth_rxno). */
  authorize(
    row: Pick<RxLocalRow, 'hiRxno' | 'fixmedinsCode' | 'psnNo' | 'mdtrtCertType' | 'mdtrtCertNo' | 'authRxno'>,
    at: string,
    msgid: string,
  ): void {
    this.db.transaction(() => {
      const before = this.get(row.hiRxno, row.fixmedinsCode);
      this.db
        .prepare(
          `INSERT INTO rx_local (hi_rxno, fixmedins_code, psn_no, mdtrt_cert_type, mdtrt_cert_no, auth_rxno, state, updated_at)
           VALUES (@hiRxno, @fixmedinsCode, @psnNo, @mdtrtCertType, @mdtrtCertNo, @authRxno, 'authorized', @at)
           ON CONFLICT (hi_rxno) DO UPDATE SET auth_rxno = excluded.auth_rxno, mdtrt_cert_type = excluded.mdtrt_cert_type,
             mdtrt_cert_no = excluded.mdtrt_cert_no, updated_at = excluded.updated_at`,
        )
        .run({ ...row, at });
      this.event(row.hiRxno, 'authorize', before?.state ?? 'new', before?.state ?? 'authorized', at, msgid);
    })();
  }

  transition(
    row: RxLocalRow,
    step: string,
    to: RxLocalState,
    at: string,
    msgid: string | null,
    update: RxLocalUpdate = {},
  ): RxLocalRow {
    const next: RxLocalRow = { ...row, ...update, state: to, updatedAt: at };
    const fields = ['state', 'updatedAt', ...Object.keys(update)];
    this.db.transaction(() => {
      this.db
        .prepare(`UPDATE rx_local SET ${fields.map((f) => `${snake(f)} = @${f}`).join(', ')} WHERE hi_rxno = @hiRxno`)
        .run(next);
      this.event(row.hiRxno, step, row.state, to, at, msgid);
    })();
    return next;
  }

  /** Remembers which pharmacy basket the prescription's drugs went into (转入购药), before it settles. */
  setBasket(hiRxno: string, basketId: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE rx_local SET basket_id = NULL WHERE basket_id = ? AND hi_rxno <> ?').run(basketId, hiRxno);
      this.db.prepare('UPDATE rx_local SET basket_id = ? WHERE hi_rxno = ?').run(basketId, hiRxno);
    })();
  }

  events(hiRxno: string): { step: string; stateFrom: string; stateTo: string; at: string; msgid: string | null }[] {
    return this.db
      .prepare<[string], { step: string; stateFrom: string; stateTo: string; at: string; msgid: string | null }>(
        'SELECT step, state_from AS stateFrom, state_to AS stateTo, at, msgid FROM rx_local_event WHERE hi_rxno = ? ORDER BY id',
      )
      .all(hiRxno);
  }

  private event(hiRxno: string, step: string, from: string, to: string, at: string, msgid: string | null): void {
    this.db
      .prepare('INSERT INTO rx_local_event (hi_rxno, step, state_from, state_to, at, msgid) VALUES (?, ?, ?, ?, ?, ?)')
      .run(hiRxno, step, from, to, at, msgid);
  }
}
