/**
 * The sandbox center's 进销存 ledger: batches with their stock and the records that moved it
 * (tables inv_batch / inv_record, migration 002). Pure storage: the rules (what a kind does
 * to stock, which refusals) live in center/inventory-ledger.ts.
 */
import type { Qty, UnitPrice } from '../amounts';
import type { Db } from './db';

export type InvRecordKind = 'count' | 'change' | 'purchase' | 'purchase-return' | 'sale' | 'sale-return';

export interface InvBatch {
  readonly fixmedinsCode: string;
  readonly fixmedinsHilistId: string;
  readonly fixmedinsBchno: string;
  readonly medListCodg: string;
  readonly hilistName: string;
  readonly rxFlag: string;
  readonly manuLotnum: string | null;
  readonly manuDate: string | null;
  readonly expyEnd: string | null;
  readonly stockQty: Qty;
  readonly invdate: string | null;
  readonly medinsProdInvNo: string;
  readonly createdAt: string;
  readonly updtTime: string;
}

export interface InvRecord {
  readonly rid: number;
  readonly fixmedinsCode: string;
  readonly kind: InvRecordKind;
  readonly invDataType: string;
  readonly recordNo: string;
  readonly dedupeKey: string;
  readonly fixmedinsHilistId: string;
  readonly fixmedinsBchno: string;
  readonly medListCodg: string;
  readonly qty: Qty;
  readonly stockDelta: number;
  readonly pric: UnitPrice | null;
  readonly eventTime: string;
  readonly infno: string;
  readonly msgid: string;
  readonly rowJson: string;
  readonly valiFlag: '0' | '1';
  readonly createdAt: string;
  readonly updtTime: string;
}

export type NewInvRecord = Omit<InvRecord, 'rid' | 'valiFlag' | 'updtTime'>;

export interface RecordQuery {
  readonly fixmedinsCode: string;
  readonly kinds: readonly InvRecordKind[];
  readonly hilistId?: string;
  readonly bchno?: string;
  readonly medListCodg?: string;
  readonly invChgType?: string;
  /** yyyy-MM-dd, inclusive, on event_time. */
  readonly from: string;
  readonly to: string;
  readonly offset: number;
  readonly limit: number;
}

const BATCH_SELECT = `SELECT fixmedins_code AS fixmedinsCode, fixmedins_hilist_id AS fixmedinsHilistId,
  fixmedins_bchno AS fixmedinsBchno, med_list_codg AS medListCodg, hilist_name AS hilistName, rx_flag AS rxFlag,
  manu_lotnum AS manuLotnum, manu_date AS manuDate, expy_end AS expyEnd, stock_qty AS stockQty, invdate,
  medins_prod_inv_no AS medinsProdInvNo, created_at AS createdAt, updt_time AS updtTime FROM inv_batch`;

const RECORD_SELECT = `SELECT rid, fixmedins_code AS fixmedinsCode, kind, inv_data_type AS invDataType, record_no AS recordNo,
  dedupe_key AS dedupeKey, fixmedins_hilist_id AS fixmedinsHilistId, fixmedins_bchno AS fixmedinsBchno,
  med_list_codg AS medListCodg, qty, stock_delta AS stockDelta, pric, event_time AS eventTime, infno, msgid,
  row_json AS rowJson, vali_flag AS valiFlag, created_at AS createdAt, updt_time AS updtTime FROM inv_record`;

export class InventoryRepo {
  constructor(private readonly db: Db) {}

  batch(fixmedinsCode: string, hilistId: string, bchno: string): InvBatch | undefined {
    return this.db
      .prepare<[string, string, string], InvBatch>(
        `${BATCH_SELECT} WHERE fixmedins_code = ? AND fixmedins_hilist_id = ? AND fixmedins_bchno = ?`,
      )
      .get(fixmedinsCode, hilistId, bchno);
  }

  insertBatch(b: Omit<InvBatch, 'updtTime'>): void {
    this.db
      .prepare(
        `INSERT INTO inv_batch (fixmedins_code, fixmedins_hilist_id, fixmedins_bchno, med_list_codg, hilist_name, rx_flag,
           manu_lotnum, manu_date, expy_end, stock_qty, invdate, medins_prod_inv_no, created_at, updt_time)
         VALUES (@fixmedinsCode, @fixmedinsHilistId, @fixmedinsBchno, @medListCodg, @hilistName, @rxFlag, @manuLotnum,
           @manuDate, @expyEnd, @stockQty, @invdate, @medinsProdInvNo, @createdAt, @createdAt)`,
      )
      .run(b);
  }

  /** Sets a batch's stock (and its count date when given). */
  setStock(fixmedinsCode: string, hilistId: string, bchno: string, stock: Qty, at: string, invdate?: string): void {
    this.db
      .prepare(
        `UPDATE inv_batch SET stock_qty = ?, invdate = COALESCE(?, invdate), updt_time = ?
         WHERE fixmedins_code = ? AND fixmedins_hilist_id = ? AND fixmedins_bchno = ?`,
      )
      .run(stock, invdate ?? null, at, fixmedinsCode, hilistId, bchno);
  }

  /** Batches of an institution by own item code and/or batch number, updated within [from, to] (dates). */
  batches(q: Omit<RecordQuery, 'kinds' | 'invChgType'>): { rows: InvBatch[]; total: number } {
    const { where, params } = filter(q, 'updt_time');
    const total = (this.db.prepare(`SELECT count(*) AS n FROM inv_batch WHERE ${where}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare<unknown[], InvBatch>(
        `${BATCH_SELECT} WHERE ${where} ORDER BY fixmedins_hilist_id, fixmedins_bchno LIMIT ? OFFSET ?`,
      )
      .all(...params, q.limit, q.offset);
    return { rows, total };
  }

  /** The valid record of a kind with this business key, if any. */
  findValid(fixmedinsCode: string, kind: InvRecordKind, dedupeKey: string): InvRecord | undefined {
    return this.db
      .prepare<[string, string, string], InvRecord>(
        `${RECORD_SELECT} WHERE fixmedins_code = ? AND kind = ? AND dedupe_key = ? AND vali_flag = '1'`,
      )
      .get(fixmedinsCode, kind, dedupeKey);
  }

  insertRecord(r: NewInvRecord): void {
    this.db
      .prepare(
        `INSERT INTO inv_record (fixmedins_code, kind, inv_data_type, record_no, dedupe_key, fixmedins_hilist_id,
           fixmedins_bchno, med_list_codg, qty, stock_delta, pric, event_time, infno, msgid, row_json, vali_flag,
           created_at, updt_time)
         VALUES (@fixmedinsCode, @kind, @invDataType, @recordNo, @dedupeKey, @fixmedinsHilistId, @fixmedinsBchno,
           @medListCodg, @qty, @stockDelta, @pric, @eventTime, @infno, @msgid, @rowJson, '1', @createdAt, @createdAt)`,
      )
      .run(r);
  }

  /** Valid records of one batch number and data type (3507). */
  validOfBatch(fixmedinsCode: string, bchno: string, invDataType: string): InvRecord[] {
    return this.db
      .prepare<[string, string, string], InvRecord>(
        `${RECORD_SELECT} WHERE fixmedins_code = ? AND fixmedins_bchno = ? AND inv_data_type = ? AND vali_flag = '1'
         ORDER BY rid DESC`,
      )
      .all(fixmedinsCode, bchno, invDataType);
  }

  invalidate(rid: number, at: string): void {
    this.db.prepare("UPDATE inv_record SET vali_flag = '0', updt_time = ? WHERE rid = ?").run(at, rid);
  }

  /** Sum of stock_delta of valid records of some kinds on one batch (e.g. sold minus returned). */
  netOf(fixmedinsCode: string, hilistId: string, bchno: string, kinds: readonly InvRecordKind[]): number {
    const marks = kinds.map(() => '?').join(',');
    return (
      this.db
        .prepare(
          `SELECT COALESCE(SUM(stock_delta), 0) AS n FROM inv_record WHERE fixmedins_code = ? AND fixmedins_hilist_id = ?
           AND fixmedins_bchno = ? AND kind IN (${marks}) AND vali_flag = '1'`,
        )
        .get(fixmedinsCode, hilistId, bchno, ...kinds) as { n: number }
    ).n;
  }

  /** Valid records of some kinds, filtered like 3509–3511, in upload order. */
  records(q: RecordQuery): { rows: InvRecord[]; total: number } {
    const base = filter(q, 'event_time');
    const where = [base.where, `kind IN (${q.kinds.map(() => '?').join(',')})`, "vali_flag = '1'"];
    const params = [...base.params, ...q.kinds];
    if (q.invChgType) {
      where.push("json_extract(row_json, '$.inv_chg_type') = ?");
      params.push(q.invChgType);
    }
    const w = where.join(' AND ');
    const total = (this.db.prepare(`SELECT count(*) AS n FROM inv_record WHERE ${w}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare<unknown[], InvRecord>(`${RECORD_SELECT} WHERE ${w} ORDER BY rid LIMIT ? OFFSET ?`)
      .all(...params, q.limit, q.offset);
    return { rows, total };
  }
}

function filter(
  q: { fixmedinsCode: string; hilistId?: string; bchno?: string; medListCodg?: string; from: string; to: string },
  timeColumn: string,
): { where: string; params: unknown[] } {
  const where = ['fixmedins_code = ?', `substr(${timeColumn}, 1, 10) BETWEEN ? AND ?`];
  const params: unknown[] = [q.fixmedinsCode, q.from, q.to];
  if (q.hilistId) {
    where.push('fixmedins_hilist_id = ?');
    params.push(q.hilistId);
  }
  if (q.bchno) {
    where.push('fixmedins_bchno = ?');
    params.push(q.bchno);
  }
  if (q.medListCodg) {
    where.push('med_list_codg = ?');
    params.push(q.medListCodg);
  }
  return { where: where.join(' AND '), params };
}
