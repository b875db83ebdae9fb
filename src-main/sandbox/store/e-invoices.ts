/** 电子结算凭证 uploads per settlement (4901 / 4905), read by 4902 and 5501 (migration 003). */
import type { Fen } from '../amounts';
import type { Db } from './db';

export interface EinvoiceRow {
  setlId: string;
  fixmedinsCode: string;
  upldNo: string;
  einvCode: string;
  einvNo: string;
  einvChkcode: string;
  einvAmt: Fen;
  einvDate: string;
  einvUrl: string | null;
  /** 0 处理中, 1 上传成功, 2 校验失败. */
  upldStas: '0' | '1' | '2';
  upldStasDscr: string | null;
  upldTime: string;
  upldCnt: number;
}

const COLUMNS =
  'setl_id AS setlId, fixmedins_code AS fixmedinsCode, upld_no AS upldNo, einv_code AS einvCode, einv_no AS einvNo, ' +
  'einv_chkcode AS einvChkcode, einv_amt AS einvAmt, einv_date AS einvDate, einv_url AS einvUrl, upld_stas AS upldStas, ' +
  'upld_stas_dscr AS upldStasDscr, upld_time AS upldTime, upld_cnt AS upldCnt';

export class EinvoiceRepo {
  constructor(private readonly db: Db) {}

  get(setlId: string): EinvoiceRow | undefined {
    return this.db.prepare<[string], EinvoiceRow>(`SELECT ${COLUMNS} FROM einvoice WHERE setl_id = ?`).get(setlId);
  }

  /** First upload (upld_cnt 1) or a replacement (upld_cnt + 1): one row per settlement. */
  put(row: Omit<EinvoiceRow, 'upldCnt'>): EinvoiceRow {
    this.db
      .prepare(
        `INSERT INTO einvoice (setl_id, fixmedins_code, upld_no, einv_code, einv_no, einv_chkcode, einv_amt, einv_date,
                               einv_url, upld_stas, upld_stas_dscr, upld_time, upld_cnt)
         VALUES (@setlId, @fixmedinsCode, @upldNo, @einvCode, @einvNo, @einvChkcode, @einvAmt, @einvDate,
                 @einvUrl, @upldStas, @upldStasDscr, @upldTime, 1)
         ON CONFLICT (setl_id) DO UPDATE SET upld_no = excluded.upld_no, einv_code = excluded.einv_code,
           einv_no = excluded.einv_no, einv_chkcode = excluded.einv_chkcode, einv_amt = excluded.einv_amt,
           einv_date = excluded.einv_date, einv_url = excluded.einv_url, upld_stas = excluded.upld_stas,
           upld_stas_dscr = excluded.upld_stas_dscr, upld_time = excluded.upld_time, upld_cnt = upld_cnt + 1`,
      )
      .run(row);
    const stored = this.get(row.setlId);
    if (!stored) throw new Error(`einvoice ${row.setlId} not stored`);
    return stored;
  }
}
