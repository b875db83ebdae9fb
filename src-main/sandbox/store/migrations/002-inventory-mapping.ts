/**
 * 进销存 ledger (3501–3511) and 目录对照 (3301 / 3302). Stock is kept per (institution, own item
 * code, batch) as INTEGER 1/10000 (Qty) and can never go negative; every upload is a record
 * with the stock change it made, so 3507 undoes exactly that. A record is unique per kind
 * and business key while valid: uploading the same purchase twice is refused, not counted
 * twice. Unit prices INTEGER 1/1000000 yuan.
 */
import type { Migration } from '../../../storage/sqlite';

const SQL = `
CREATE TABLE inv_batch (
  fixmedins_code      TEXT NOT NULL,
  fixmedins_hilist_id TEXT NOT NULL,
  fixmedins_bchno     TEXT NOT NULL,
  med_list_codg       TEXT NOT NULL,
  hilist_name         TEXT NOT NULL,
  rx_flag             TEXT NOT NULL,
  manu_lotnum         TEXT,
  manu_date           TEXT,
  expy_end            TEXT,
  stock_qty           INTEGER NOT NULL CHECK (stock_qty >= 0),
  invdate             TEXT,
  medins_prod_inv_no  TEXT NOT NULL UNIQUE,
  created_at          TEXT NOT NULL,
  updt_time           TEXT NOT NULL,
  PRIMARY KEY (fixmedins_code, fixmedins_hilist_id, fixmedins_bchno)
) STRICT;
CREATE INDEX inv_batch_by_bchno ON inv_batch(fixmedins_code, fixmedins_bchno);

CREATE TABLE inv_record (
  rid                 INTEGER PRIMARY KEY,
  fixmedins_code      TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('count', 'change', 'purchase', 'purchase-return', 'sale', 'sale-return')),
  inv_data_type       TEXT NOT NULL CHECK (inv_data_type IN ('1', '2', '3', '4')),
  record_no           TEXT NOT NULL UNIQUE,
  dedupe_key          TEXT NOT NULL,
  fixmedins_hilist_id TEXT NOT NULL,
  fixmedins_bchno     TEXT NOT NULL,
  med_list_codg       TEXT NOT NULL,
  qty                 INTEGER NOT NULL,
  stock_delta         INTEGER NOT NULL,
  pric                INTEGER,
  event_time          TEXT NOT NULL,
  infno               TEXT NOT NULL,
  msgid               TEXT NOT NULL,
  row_json            TEXT NOT NULL,
  vali_flag           TEXT NOT NULL CHECK (vali_flag IN ('0', '1')),
  created_at          TEXT NOT NULL,
  updt_time           TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX inv_record_key ON inv_record(fixmedins_code, kind, dedupe_key) WHERE vali_flag = '1';
CREATE INDEX inv_record_by_bchno ON inv_record(fixmedins_code, fixmedins_bchno, inv_data_type);
CREATE INDEX inv_record_by_item ON inv_record(fixmedins_code, fixmedins_hilist_id, inv_data_type);

CREATE TABLE hilist_match (
  rid                   INTEGER PRIMARY KEY,
  fixmedins_code        TEXT NOT NULL,
  fixmedins_hilist_id   TEXT NOT NULL,
  fixmedins_hilist_name TEXT NOT NULL,
  list_type             TEXT NOT NULL,
  med_list_codg         TEXT NOT NULL,
  begndate              TEXT NOT NULL,
  enddate               TEXT,
  row_json              TEXT NOT NULL,
  vali_flag             TEXT NOT NULL CHECK (vali_flag IN ('0', '1')),
  created_at            TEXT NOT NULL,
  updt_time             TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX hilist_match_valid ON hilist_match(fixmedins_code, fixmedins_hilist_id) WHERE vali_flag = '1';
CREATE INDEX hilist_match_by_updt ON hilist_match(fixmedins_code, updt_time, rid);
`;

export const migration002: Migration = {
  version: 2,
  name: '进销存 ledger and 目录对照',
  up(db) {
    db.exec(SQL);
  },
};
