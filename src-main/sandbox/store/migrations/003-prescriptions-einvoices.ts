/**
 * 医保电子处方 (7201–7211), 明细审核 warnings (3101–3103) and 电子结算凭证 (4901–5501).
 * STRICT like every sandbox table: quantities INTEGER 1/10000, unit prices INTEGER
 * 1/1000000 yuan, amounts INTEGER fen. Independent of migration 002.
 */
import type { Migration } from '../../../storage/sqlite';

const SQL = `
CREATE TABLE rx_prescription (
  hi_rxno          TEXT PRIMARY KEY,
  rx_trace_code    TEXT NOT NULL UNIQUE,
  psn_no           TEXT NOT NULL REFERENCES person(psn_no),
  issuer_code      TEXT NOT NULL,
  issuer_name      TEXT NOT NULL,
  mdtrt_id         TEXT NOT NULL,
  dept_name        TEXT NOT NULL,
  dr_name          TEXT NOT NULL,
  diag_code        TEXT NOT NULL,
  diag_name        TEXT NOT NULL,
  prsc_time        TEXT NOT NULL,
  valid_end_time   TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN
                     ('issued', 'authorized', 'downloaded', 'verified', 'audited', 'refused', 'sold', 'delivering', 'signed')),
  auth_rxno        TEXT UNIQUE,
  pharmacy_code    TEXT,
  phar_name        TEXT,
  phar_prac_cert_no TEXT,
  rx_chk_opnn      TEXT,
  sel_no           TEXT,
  setl_id          TEXT,
  delv_no          TEXT,
  delv_stas_codg   TEXT,
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX rx_prescription_by_person ON rx_prescription(psn_no);

CREATE TABLE rx_line (
  hi_rxno        TEXT NOT NULL REFERENCES rx_prescription(hi_rxno),
  rx_detl_no     TEXT NOT NULL,
  med_list_codg  TEXT NOT NULL,
  drug_genname   TEXT NOT NULL,
  drug_spec      TEXT,
  drug_dosform   TEXT,
  cnt            INTEGER NOT NULL CHECK (cnt > 0),
  cnt_unit       TEXT,
  pric           INTEGER NOT NULL CHECK (pric > 0),
  sumamt         INTEGER NOT NULL,
  medc_way_dscr  TEXT,
  used_frqu_name TEXT,
  sin_doscnt     TEXT,
  medc_days      INTEGER,
  PRIMARY KEY (hi_rxno, rx_detl_no)
) STRICT;

-- One 7207 upload; revoked_at set by 7208.
CREATE TABLE rx_sale (
  sel_no         TEXT PRIMARY KEY,
  hi_rxno        TEXT NOT NULL REFERENCES rx_prescription(hi_rxno),
  fixmedins_code TEXT NOT NULL,
  setl_id        TEXT NOT NULL,
  sumamt         INTEGER NOT NULL,
  lines          TEXT NOT NULL CHECK (json_valid(lines)),
  sold_at        TEXT NOT NULL,
  revoked_at     TEXT,
  revs_rea       TEXT
) STRICT;
CREATE UNIQUE INDEX rx_sale_live_by_setl ON rx_sale(setl_id) WHERE revoked_at IS NULL;

-- Every state change of a prescription, for the center's own record.
CREATE TABLE rx_event (
  id         INTEGER PRIMARY KEY,
  hi_rxno    TEXT NOT NULL REFERENCES rx_prescription(hi_rxno),
  infno      TEXT NOT NULL,
  state_from TEXT NOT NULL,
  state_to   TEXT NOT NULL,
  at         TEXT NOT NULL,
  detail     TEXT
) STRICT;

CREATE TABLE audit_warning (
  jr_id          TEXT PRIMARY KEY,
  task_id        TEXT NOT NULL,
  infno          TEXT NOT NULL CHECK (infno IN ('3101', '3102')),
  fixmedins_code TEXT NOT NULL,
  mdtrt_id       TEXT NOT NULL,
  patn_id        TEXT NOT NULL,
  rule_id        TEXT NOT NULL,
  vola_amt       INTEGER NOT NULL,
  created_at     TEXT NOT NULL,
  dspo_way       TEXT CHECK (dspo_way IS NULL OR dspo_way IN ('1', '2')),
  dspo_way_rea   TEXT,
  handled_at     TEXT
) STRICT;

CREATE TABLE einvoice (
  setl_id        TEXT PRIMARY KEY,
  fixmedins_code TEXT NOT NULL,
  upld_no        TEXT NOT NULL UNIQUE,
  einv_code      TEXT NOT NULL,
  einv_no        TEXT NOT NULL,
  einv_chkcode   TEXT NOT NULL,
  einv_amt       INTEGER NOT NULL,
  einv_date      TEXT NOT NULL,
  einv_url       TEXT,
  upld_stas      TEXT NOT NULL CHECK (upld_stas IN ('0', '1', '2')),
  upld_stas_dscr TEXT,
  upld_time      TEXT NOT NULL,
  upld_cnt       INTEGER NOT NULL CHECK (upld_cnt >= 1)
) STRICT;
`;

export const migration003: Migration = {
  version: 3,
  name: 'electronic prescriptions, detail-audit warnings, electronic settlement vouchers',
  up(db) {
    db.exec(SQL);
  },
};
