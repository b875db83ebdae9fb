/**
 * The sandbox center's first schema. Every table is STRICT so a float can never slip into
 * a money column: amounts are INTEGER fen, ratios INTEGER 1/10000, unit prices INTEGER
 * 1/1000000 yuan, quantities INTEGER 1/10000 (see ../../amounts.ts). See ../README.md.
 */
import type { Migration } from '../../../storage/sqlite';

const SQL = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE sequence (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT;

-- ---- insured persons ------------------------------------------------------------

CREATE TABLE person (
  psn_no         TEXT PRIMARY KEY,
  psn_name       TEXT NOT NULL,
  gend           TEXT NOT NULL CHECK (gend IN ('0', '1', '2', '9')),
  naty           TEXT NOT NULL,
  brdy           TEXT NOT NULL,
  psn_cert_type  TEXT NOT NULL,
  certno         TEXT NOT NULL UNIQUE,
  card_no        TEXT UNIQUE,
  card_sn        TEXT UNIQUE CHECK (card_sn IS NULL OR (length(card_sn) = 32 AND card_sn NOT GLOB '*[^0-9A-F]*')),
  ec_token       TEXT UNIQUE,
  insu_admdvs    TEXT NOT NULL,
  category       TEXT NOT NULL,
  category_label TEXT NOT NULL
) STRICT;
CREATE INDEX person_by_category ON person(category);

CREATE TABLE insurance (
  psn_no             TEXT NOT NULL REFERENCES person(psn_no),
  insutype           TEXT NOT NULL,
  psn_type           TEXT NOT NULL,
  balc               INTEGER NOT NULL CHECK (balc >= 0),
  psn_insu_stas      TEXT NOT NULL,
  psn_insu_date      TEXT,
  paus_insu_date     TEXT,
  cvlserv_flag       TEXT NOT NULL CHECK (cvlserv_flag IN ('0', '1')),
  insuplc_admdvs     TEXT NOT NULL,
  emp_name           TEXT,
  resident_tier      TEXT CHECK (resident_tier IN ('high', 'low', 'student')),
  college_student    INTEGER NOT NULL CHECK (college_student IN (0, 1)),
  retired_cadre_kind TEXT CHECK (retired_cadre_kind IN ('enterprise', 'organ', 'institution')),
  assistance         TEXT CHECK (assistance IN ('tekun', 'kunjingChild', 'dibaoDisabled', 'dibaoOther')),
  insu_region        TEXT NOT NULL CHECK (insu_region IN ('local', 'in-province', 'cross-province')),
  PRIMARY KEY (psn_no, insutype)
) STRICT;

CREATE TABLE identity (
  id            INTEGER PRIMARY KEY,
  psn_no        TEXT NOT NULL REFERENCES person(psn_no),
  psn_idet_type TEXT NOT NULL,
  psn_type_lv   TEXT,
  memo          TEXT,
  begntime      TEXT NOT NULL,
  endtime       TEXT
) STRICT;
CREATE INDEX identity_by_person ON identity(psn_no);

-- 门慢门特 filings (2503): the policy engine needs the disease category for med_type 14.
CREATE TABLE chronic_filing (
  id               INTEGER PRIMARY KEY,
  psn_no           TEXT NOT NULL REFERENCES person(psn_no),
  opsp_dise_code   TEXT NOT NULL,
  opsp_dise_name   TEXT NOT NULL,
  chronic_category INTEGER NOT NULL CHECK (chronic_category BETWEEN 1 AND 4),
  begndate         TEXT NOT NULL,
  enddate          TEXT
) STRICT;
CREATE INDEX chronic_filing_by_person ON chronic_filing(psn_no);

-- Year-to-date accumulators, one amount per (person, year, key); keys are the policy
-- engine's (e.g. outpatient.deductibleUsed). Generic so a new accumulator needs no migration.
CREATE TABLE ytd (
  psn_no TEXT NOT NULL REFERENCES person(psn_no),
  year   INTEGER NOT NULL,
  key    TEXT NOT NULL,
  amount INTEGER NOT NULL,
  PRIMARY KEY (psn_no, year, key)
) STRICT, WITHOUT ROWID;

-- ---- counter-side business ------------------------------------------------------

CREATE TABLE signin (
  sign_no        TEXT PRIMARY KEY,
  opter          TEXT NOT NULL,
  opter_name     TEXT,
  fixmedins_code TEXT NOT NULL,
  mac            TEXT,
  ip             TEXT,
  signed_in_at   TEXT NOT NULL,
  signed_out_at  TEXT,
  state          TEXT NOT NULL CHECK (state IN ('in', 'out'))
) STRICT;
CREATE INDEX signin_by_operator ON signin(fixmedins_code, opter, state);

CREATE TABLE visit (
  mdtrt_id        TEXT PRIMARY KEY,
  psn_no          TEXT NOT NULL REFERENCES person(psn_no),
  fixmedins_code  TEXT NOT NULL,
  ipt_otp_no      TEXT,
  insutype        TEXT NOT NULL,
  med_type        TEXT,
  begntime        TEXT NOT NULL,
  mdtrt_cert_type TEXT,
  mdtrt_cert_no   TEXT,
  card_sn         TEXT,
  atddr_no        TEXT,
  dr_name         TEXT,
  dept_code       TEXT,
  dept_name       TEXT,
  caty            TEXT,
  main_cond_dscr  TEXT,
  dise_codg       TEXT,
  dise_name       TEXT,
  diagnoses       TEXT NOT NULL CHECK (json_valid(diagnoses)),
  state           TEXT NOT NULL CHECK (state IN ('registered', 'cancelled')),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX visit_by_person ON visit(psn_no);
CREATE INDEX visit_by_ipt_otp_no ON visit(fixmedins_code, ipt_otp_no);

CREATE TABLE fee_detail (
  mdtrt_id            TEXT NOT NULL REFERENCES visit(mdtrt_id),
  feedetl_sn          TEXT NOT NULL,
  psn_no              TEXT NOT NULL,
  chrg_bchno          TEXT NOT NULL,
  dise_codg           TEXT,
  rxno                TEXT,
  rx_circ_flag        TEXT,
  fee_ocur_time       TEXT NOT NULL,
  med_list_codg       TEXT NOT NULL,
  medins_list_codg    TEXT NOT NULL,
  det_item_fee_sumamt INTEGER NOT NULL,
  cnt                 INTEGER NOT NULL,
  pric                INTEGER NOT NULL,
  sin_dos_dscr        TEXT,
  used_frqu_dscr      TEXT,
  prd_days            TEXT,
  medc_way_dscr       TEXT,
  bilg_dept_codg      TEXT,
  bilg_dept_name      TEXT,
  bilg_dr_codg        TEXT,
  bilg_dr_name        TEXT,
  acord_dept_codg     TEXT,
  acord_dept_name     TEXT,
  orders_dr_code      TEXT,
  orders_dr_name      TEXT,
  hosp_appr_flag      TEXT,
  tcmdrug_used_way    TEXT,
  etip_flag           TEXT,
  etip_hosp_code      TEXT,
  dscg_tkdrug_flag    TEXT,
  matn_fee_flag       TEXT,
  exp_content         TEXT,
  pric_uplmt_amt      INTEGER,
  selfpay_prop        INTEGER NOT NULL,
  fulamt_ownpay_amt   INTEGER NOT NULL,
  overlmt_amt         INTEGER NOT NULL,
  preselfpay_amt      INTEGER NOT NULL,
  inscp_scp_amt       INTEGER NOT NULL,
  chrgitm_lv          TEXT NOT NULL,
  med_chrgitm_type    TEXT NOT NULL,
  bas_medn_flag       TEXT NOT NULL,
  hi_nego_drug_flag   TEXT NOT NULL,
  chld_medc_flag      TEXT NOT NULL,
  list_sp_item_flag   TEXT NOT NULL,
  lmt_used_flag       TEXT NOT NULL,
  drt_reim_flag       TEXT NOT NULL,
  memo                TEXT,
  state               TEXT NOT NULL CHECK (state IN ('uploaded', 'settled', 'cancelled')),
  setl_id             TEXT,
  uploaded_at         TEXT NOT NULL,
  PRIMARY KEY (mdtrt_id, feedetl_sn)
) STRICT;
CREATE INDEX fee_detail_by_batch ON fee_detail(mdtrt_id, chrg_bchno, state);
CREATE INDEX fee_detail_by_setl ON fee_detail(setl_id);

CREATE TABLE settlement (
  setl_id           TEXT PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('settle', 'refund')),
  mdtrt_id          TEXT NOT NULL REFERENCES visit(mdtrt_id),
  psn_no            TEXT NOT NULL REFERENCES person(psn_no),
  fixmedins_code    TEXT NOT NULL,
  infno             TEXT NOT NULL,
  msgid             TEXT NOT NULL,
  chrg_bchno        TEXT,
  setl_time         TEXT NOT NULL,
  insutype          TEXT NOT NULL,
  psn_type          TEXT NOT NULL,
  cvlserv_flag      TEXT NOT NULL,
  med_type          TEXT NOT NULL,
  mdtrt_cert_type   TEXT,
  clr_type          TEXT NOT NULL,
  clr_way           TEXT NOT NULL,
  clr_optins        TEXT NOT NULL,
  invono            TEXT,
  medfee_sumamt     INTEGER NOT NULL,
  fulamt_ownpay_amt INTEGER NOT NULL,
  overlmt_selfpay   INTEGER NOT NULL,
  preselfpay_amt    INTEGER NOT NULL,
  inscp_scp_amt     INTEGER NOT NULL,
  act_pay_dedc      INTEGER NOT NULL,
  hifp_pay          INTEGER NOT NULL,
  pool_prop_selfpay INTEGER NOT NULL,
  cvlserv_pay       INTEGER NOT NULL,
  hifes_pay         INTEGER NOT NULL,
  hifmi_pay         INTEGER NOT NULL,
  hifob_pay         INTEGER NOT NULL,
  maf_pay           INTEGER NOT NULL,
  oth_pay           INTEGER NOT NULL,
  fund_pay_sumamt   INTEGER NOT NULL,
  psn_part_amt      INTEGER NOT NULL,
  acct_pay          INTEGER NOT NULL,
  psn_cash_pay      INTEGER NOT NULL,
  hosp_part_amt     INTEGER NOT NULL,
  balc              INTEGER NOT NULL,
  acct_mulaid_pay   INTEGER NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('settled', 'cancelled', 'reversed')),
  orig_setl_id      TEXT REFERENCES settlement(setl_id),
  reverse_setl_id   TEXT,
  reverse_msgid     TEXT,
  reversed_at       TEXT,
  CHECK ((kind = 'refund') = (orig_setl_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX settlement_by_msgid ON settlement(msgid);
CREATE INDEX settlement_by_time ON settlement(setl_time);
CREATE INDEX settlement_by_visit ON settlement(mdtrt_id);

CREATE TABLE setl_detail (
  setl_id            TEXT NOT NULL REFERENCES settlement(setl_id),
  seq                INTEGER NOT NULL,
  fund_pay_type      TEXT NOT NULL,
  fund_pay_type_name TEXT NOT NULL,
  inscp_scp_amt      INTEGER NOT NULL,
  crt_payb_lmt_amt   INTEGER NOT NULL,
  fund_payamt        INTEGER NOT NULL,
  setl_proc_info     TEXT,
  PRIMARY KEY (setl_id, seq)
) STRICT;

-- What a settlement added to the accumulators, so cancelling it subtracts exactly that.
CREATE TABLE settlement_ytd (
  setl_id TEXT NOT NULL REFERENCES settlement(setl_id),
  year    INTEGER NOT NULL,
  key     TEXT NOT NULL,
  amount  INTEGER NOT NULL,
  PRIMARY KEY (setl_id, key)
) STRICT;

-- ---- message log (also the processed-msgid register) ----------------------------

CREATE TABLE message (
  id              INTEGER PRIMARY KEY,
  msgid           TEXT NOT NULL,
  accepted        INTEGER NOT NULL CHECK (accepted IN (0, 1)),
  infno           TEXT NOT NULL,
  opter           TEXT,
  fixmedins_code  TEXT,
  sign_no         TEXT,
  received_at     TEXT NOT NULL,
  infcode         INTEGER,
  err_msg         TEXT,
  inf_refmsgid    TEXT,
  request_json    TEXT NOT NULL,
  response_json   TEXT,
  fault_applied   TEXT,
  violations      TEXT NOT NULL CHECK (json_valid(violations)),
  violation_count INTEGER NOT NULL
) STRICT;
-- Unique among processed messages only: a rejected duplicate is still logged (accepted = 0).
CREATE UNIQUE INDEX message_processed_msgid ON message(msgid) WHERE accepted = 1;
CREATE INDEX message_by_infno ON message(infno, id);
CREATE INDEX message_by_time ON message(received_at, id);

CREATE TABLE file (
  file_qury_no   TEXT PRIMARY KEY,
  filename       TEXT NOT NULL,
  fixmedins_code TEXT NOT NULL,
  bytes          BLOB NOT NULL,
  size           INTEGER NOT NULL,
  purpose        TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  expires_at     TEXT NOT NULL
) STRICT;

CREATE TABLE fault_rule (
  id         INTEGER PRIMARY KEY,
  infno      TEXT NOT NULL,
  mode       TEXT NOT NULL,
  remaining  INTEGER CHECK (remaining IS NULL OR remaining > 0),
  created_at TEXT NOT NULL
) STRICT;

-- ---- catalogue and dictionaries -------------------------------------------------

CREATE TABLE catalogue_version (
  catalogue    TEXT NOT NULL,
  ver          TEXT NOT NULL,
  ver_name     TEXT NOT NULL,
  published_at TEXT NOT NULL,
  row_count    INTEGER NOT NULL,
  PRIMARY KEY (catalogue, ver)
) STRICT;

CREATE TABLE catalogue_item (
  rid               INTEGER PRIMARY KEY,
  catalogue         TEXT NOT NULL,
  list_type         TEXT,
  code              TEXT NOT NULL,
  name              TEXT NOT NULL,
  gennm             TEXT,
  pinyin            TEXT NOT NULL,
  spec              TEXT,
  dosform           TEXT,
  pacunt            TEXT,
  prodentp_name     TEXT,
  aprvno            TEXT,
  barcode           TEXT,
  chrgitm_lv        TEXT,
  med_chrgitm_type  TEXT,
  selfpay_prop      INTEGER,
  pric_uplmt_amt    INTEGER,
  ref_pric          INTEGER,
  bas_medn_flag     TEXT,
  hi_nego_drug_flag TEXT,
  chld_medc_flag    TEXT,
  list_sp_item_flag TEXT,
  lmt_used_flag     TEXT,
  drt_reim_flag     TEXT,
  lmt_scp           TEXT,
  memo              TEXT,
  begndate          TEXT NOT NULL,
  enddate           TEXT,
  vali_flag         TEXT NOT NULL CHECK (vali_flag IN ('0', '1')),
  ver               TEXT NOT NULL,
  updt_time         TEXT NOT NULL,
  FOREIGN KEY (catalogue, ver) REFERENCES catalogue_version(catalogue, ver)
) STRICT;
CREATE INDEX catalogue_item_by_version ON catalogue_item(catalogue, ver, rid);
CREATE INDEX catalogue_item_by_code ON catalogue_item(code, ver);
CREATE INDEX catalogue_item_by_updt ON catalogue_item(updt_time, rid);

CREATE TABLE dictionary (
  type         TEXT NOT NULL,
  value        TEXT NOT NULL,
  label        TEXT NOT NULL,
  parent_value TEXT,
  sort         INTEGER NOT NULL,
  vali_flag    TEXT NOT NULL,
  PRIMARY KEY (type, value)
) STRICT;
`;

export const migration001: Migration = {
  version: 1,
  name: 'sandbox center: persons, ledger, visits, settlements, message log, files, faults, catalogue',
  up(db) {
    db.exec(SQL);
  },
};
