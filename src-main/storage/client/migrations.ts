/**
 * Migrations of the counter's local database (<dataDir>/yibao.sqlite). Append only:
 * never edit a migration that has shipped; add the next number.
 */
import type { Migration } from '../sqlite';

export const CLIENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'msgid sequence and operator sessions',
    up(db) {
      db.exec(`
        CREATE TABLE msgid_sequence (
          slot_min    INTEGER PRIMARY KEY,
          last_second TEXT    NOT NULL,
          last_seq    INTEGER NOT NULL
        );
        CREATE TABLE operator_session (
          opter          TEXT PRIMARY KEY,
          opter_name     TEXT NOT NULL,
          fixmedins_code TEXT NOT NULL,
          center_url     TEXT NOT NULL,
          sign_no        TEXT,
          sign_time      TEXT,
          signed_out_at  TEXT,
          updated_at     TEXT NOT NULL
        );
        CREATE TABLE insured_area (
          psn_no         TEXT PRIMARY KEY,
          insuplc_admdvs TEXT NOT NULL,
          updated_at     TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 2,
    name: 'transaction journal and reversal attempts',
    up(db) {
      db.exec(`
        -- Every call to the center, committed before it leaves the process. The request and
        -- response are the legal record and are kept unmasked; logs and exports mask them.
        CREATE TABLE journal (
          id             INTEGER PRIMARY KEY,
          msgid          TEXT NOT NULL UNIQUE,
          infno          TEXT NOT NULL,
          opter          TEXT NOT NULL,
          opter_name     TEXT NOT NULL,
          sign_no        TEXT NOT NULL,
          fixmedins_code TEXT NOT NULL,
          center_url     TEXT NOT NULL,
          psn_no         TEXT,
          state          TEXT NOT NULL CHECK (state IN ('prepared', 'sent', 'ok', 'rejected', 'not-sent', 'unknown',
                                                        'reversing', 'reversed', 'no-effect', 'needs-manual')),
          request_json   TEXT NOT NULL,
          response_json  TEXT,
          failure_code   TEXT,
          failure_msg    TEXT,
          resolution     TEXT,
          reverses_id    INTEGER REFERENCES journal(id),
          attempts       INTEGER NOT NULL DEFAULT 0,
          next_attempt_at TEXT,
          prepared_at    TEXT NOT NULL,
          sent_at        TEXT,
          finished_at    TEXT,
          updated_at     TEXT NOT NULL
        );
        CREATE INDEX journal_by_state ON journal(state);
        CREATE INDEX journal_by_time ON journal(prepared_at);
        CREATE INDEX journal_by_reverses ON journal(reverses_id);
      `);
    },
  },
  {
    version: 3,
    name: 'catalogue items, search index, sync state, dictionaries and local-code mapping',
    up(db) {
      db.exec(`
        -- One row per item and catalogue: the current state of each national code, whichever
        -- download (1301–1315 file, 1312 / 1312a query) brought it last. Money-like columns are
        -- integers: selfpay_prop in 1/10000, prices in 1/1000000 yuan.
        CREATE TABLE catalogue_item (
          id                INTEGER PRIMARY KEY,
          catalogue         TEXT NOT NULL,
          code              TEXT NOT NULL,
          name              TEXT NOT NULL,
          gennm             TEXT,
          pinyin            TEXT,
          barcode           TEXT,
          spec              TEXT,
          dosform           TEXT,
          pacunt            TEXT,
          prodentp_name     TEXT,
          aprvno            TEXT,
          list_type         TEXT,
          chrgitm_lv        TEXT,
          med_chrgitm_type  TEXT,
          selfpay_prop      INTEGER,
          pric_uplmt_amt    INTEGER,
          ref_pric          INTEGER,
          lmt_used_flag     TEXT,
          lmt_scp           TEXT,
          bas_medn_flag     TEXT,
          hi_nego_drug_flag TEXT,
          chld_medc_flag    TEXT,
          list_sp_item_flag TEXT,
          drt_reim_flag     TEXT,
          memo              TEXT,
          begndate          TEXT,
          enddate           TEXT,
          vali_flag         TEXT NOT NULL,
          ver               TEXT,
          updt_time         TEXT NOT NULL,
          source_infno      TEXT NOT NULL
        );
        CREATE UNIQUE INDEX catalogue_item_by_code ON catalogue_item(code, catalogue);
        CREATE INDEX catalogue_item_by_pinyin ON catalogue_item(pinyin) WHERE pinyin IS NOT NULL;
        CREATE INDEX catalogue_item_by_barcode ON catalogue_item(barcode) WHERE barcode IS NOT NULL;

        -- Name search: each character of the name is one token, so a phrase query is a
        -- substring match of any length (Chinese names have no word boundaries).
        CREATE VIRTUAL TABLE catalogue_name_fts USING fts5(
          chars, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
        );

        -- Where each download stands. File catalogues: the highest version fully imported.
        -- Paged queries: the pass in progress (rows with updt_time >= pass_from, rows_done of
        -- them imported with page_size) and where the next pass starts.
        CREATE TABLE catalogue_sync_state (
          infno           TEXT PRIMARY KEY,
          local_ver       TEXT,
          pass_from       TEXT,
          page_size       INTEGER,
          rows_done       INTEGER NOT NULL DEFAULT 0,
          pass_total      INTEGER,
          pass_max_updt   TEXT,
          pass_unstable   INTEGER NOT NULL DEFAULT 0,
          pass_open       INTEGER NOT NULL DEFAULT 0,
          rows_total      INTEGER NOT NULL DEFAULT 0,
          versions_total  INTEGER NOT NULL DEFAULT 0,
          pages_total     INTEGER NOT NULL DEFAULT 0,
          last_synced_at  TEXT,
          updated_at      TEXT NOT NULL
        );

        -- 1901 字典表.
        CREATE TABLE catalogue_dictionary (
          type          TEXT NOT NULL,
          value         TEXT NOT NULL,
          label         TEXT NOT NULL,
          parent_value  TEXT,
          sort          INTEGER,
          vali_flag     TEXT NOT NULL,
          updated_at    TEXT NOT NULL,
          PRIMARY KEY (type, value)
        );

        -- The institution's own codes (医院自编码, a shop's barcode) → national code: 3301
        -- 目录对照 uploads, 1317 医药机构目录匹配 downloads, or entered by hand.
        CREATE TABLE catalogue_local_code (
          local_code     TEXT NOT NULL,
          national_code  TEXT NOT NULL,
          local_name     TEXT,
          list_type      TEXT,
          source         TEXT NOT NULL,
          vali_flag      TEXT NOT NULL DEFAULT '1',
          begndate       TEXT,
          enddate        TEXT,
          updt_time      TEXT,
          updated_at     TEXT NOT NULL,
          PRIMARY KEY (local_code, national_code)
        );
        CREATE INDEX catalogue_local_code_by_national ON catalogue_local_code(national_code);

        -- 1316 医疗目录与医保目录匹配.
        CREATE TABLE catalogue_hilist_map (
          med_list_codg  TEXT NOT NULL,
          hilist_code    TEXT NOT NULL,
          list_type      TEXT,
          vali_flag      TEXT NOT NULL,
          begndate       TEXT,
          enddate        TEXT,
          updt_time      TEXT NOT NULL,
          PRIMARY KEY (med_list_codg, hilist_code)
        );

        -- 1318 限价 (1/1000000 yuan) and 1319 先自付比例 (1/10000), per code and kind.
        CREATE TABLE catalogue_price_cap (
          code            TEXT NOT NULL,
          lmtpric_type    TEXT NOT NULL,
          pric_uplmt_amt  INTEGER NOT NULL,
          vali_flag       TEXT NOT NULL,
          begndate        TEXT,
          enddate         TEXT,
          updt_time       TEXT NOT NULL,
          PRIMARY KEY (code, lmtpric_type)
        );
        CREATE TABLE catalogue_selfpay_ratio (
          code               TEXT NOT NULL,
          selfpay_prop_type  TEXT NOT NULL,
          selfpay_prop       INTEGER NOT NULL,
          vali_flag          TEXT NOT NULL,
          begndate           TEXT,
          enddate            TEXT,
          updt_time          TEXT NOT NULL,
          PRIMARY KEY (code, selfpay_prop_type)
        );
      `);
    },
  },
  {
    version: 4,
    name: 'journal entries remember the process that sent them',
    up(db) {
      // Recovery must not reverse a call another live process (the app beside a CLI) is still waiting on.
      db.exec('ALTER TABLE journal ADD COLUMN owner_pid INTEGER');
    },
  },
];
