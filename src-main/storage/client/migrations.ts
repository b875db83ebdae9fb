/**
 * Migrations of the counter's local database (<dataDir>/yibao.sqlite). Append only:
 * never edit a migration that has shipped; add the next number.
 */
import type { Migration } from '../sqlite';
import { journalKeysMigration } from './journal-keys-migration';
import { searchTokens } from '../../catalogue/name-tokens';
import { shopStoreMigration } from './shop-migration';
import { clearingApplicationMigration } from './clearing-migration';
import { journalIndexesMigration } from './journal-indexes-migration';
import { pinyinIndexMigration } from './pinyin-index-migration';

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
  {
    version: 5,
    name: 'reconciliation runs (3201 / 3202) and monthly clearing',
    up(db) {
      // The auditor's record of every 对账: what the counter sent, what the center answered, and
      // each settlement that differed. Amounts in integer fen.
      db.exec(`
        CREATE TABLE reconcile_run (
          id              INTEGER PRIMARY KEY,
          kind            TEXT NOT NULL,
          begndate        TEXT NOT NULL,
          enddate         TEXT NOT NULL,
          fixmedins_code  TEXT NOT NULL,
          center_url      TEXT NOT NULL,
          opter           TEXT,
          started_at      TEXT NOT NULL,
          finished_at     TEXT,
          result          TEXT NOT NULL,
          note            TEXT
        );
        CREATE INDEX reconcile_run_by_period ON reconcile_run(kind, begndate, id);
        CREATE TABLE reconcile_group (
          id               INTEGER PRIMARY KEY,
          run_id           INTEGER NOT NULL REFERENCES reconcile_run(id),
          insutype         TEXT NOT NULL,
          clr_type         TEXT NOT NULL,
          setl_optins      TEXT NOT NULL,
          setl_cnt         INTEGER NOT NULL,
          medfee_sumamt    INTEGER NOT NULL,
          fund_pay_sumamt  INTEGER NOT NULL,
          acct_pay         INTEGER NOT NULL,
          cash_payamt      INTEGER NOT NULL,
          msgid            TEXT,
          stmt_rslt        TEXT,
          stmt_rslt_dscr   TEXT
        );
        CREATE INDEX reconcile_group_by_run ON reconcile_group(run_id);
        CREATE TABLE reconcile_difference (
          id              INTEGER PRIMARY KEY,
          run_id          INTEGER NOT NULL REFERENCES reconcile_run(id),
          clr_type        TEXT NOT NULL,
          setl_optins     TEXT NOT NULL,
          detail_msgid    TEXT NOT NULL,
          kind            TEXT NOT NULL,
          stmt_rslt       TEXT NOT NULL,
          setl_id         TEXT,
          msgid           TEXT,
          psn_no          TEXT,
          mdtrt_id        TEXT,
          refd_setl_flag  TEXT,
          memo            TEXT
        );
        CREATE INDEX reconcile_difference_by_run ON reconcile_difference(run_id);
      `);
    },
  },
  {
    version: 6,
    name: '进销存 upload queue and 目录对照 uploads',
    up(db) {
      db.exec(`
        -- One import of a CSV / XLSX file (src-main/inventory/); rows that failed validation keep their reason.
        CREATE TABLE inventory_import (
          id              INTEGER PRIMARY KEY,
          kind            TEXT NOT NULL,
          filename        TEXT NOT NULL,
          imported_at     TEXT NOT NULL,
          rows_total      INTEGER NOT NULL,
          rows_queued     INTEGER NOT NULL,
          rows_invalid    INTEGER NOT NULL
        );
        CREATE TABLE inventory_row_error (
          import_id  INTEGER NOT NULL REFERENCES inventory_import(id),
          row_no     INTEGER NOT NULL,
          message    TEXT NOT NULL
        );
        CREATE INDEX inventory_row_error_by_import ON inventory_row_error(import_id, row_no);
        -- The upload queue: one row of the spec per item, unique per kind and business key, so a
        -- file imported twice is not uploaded twice. uncertain = an earlier attempt may have reached
        -- the center (unknown outcome): a later "duplicate" answer then means it took effect.
        CREATE TABLE inventory_item (
          id               INTEGER PRIMARY KEY,
          import_id        INTEGER NOT NULL REFERENCES inventory_import(id),
          row_no           INTEGER NOT NULL,
          kind             TEXT NOT NULL,
          business_key     TEXT NOT NULL,
          payload_json     TEXT NOT NULL,
          insuplc_admdvs   TEXT,
          state            TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'rejected', 'not-sent', 'unknown')),
          attempts         INTEGER NOT NULL DEFAULT 0,
          next_attempt_at  TEXT,
          last_msgid       TEXT,
          uncertain_msgids TEXT NOT NULL DEFAULT '[]',
          message          TEXT,
          created_at       TEXT NOT NULL,
          updated_at       TEXT NOT NULL,
          UNIQUE (kind, business_key)
        );
        CREATE INDEX inventory_item_by_state ON inventory_item(state, next_attempt_at);
        CREATE INDEX inventory_item_by_import ON inventory_item(import_id, row_no);
        -- 3301 目录对照 this counter uploaded and their 3302 revocations.
        CREATE TABLE mapping_upload (
          local_code     TEXT PRIMARY KEY,
          local_name     TEXT NOT NULL,
          national_code  TEXT NOT NULL,
          list_type      TEXT NOT NULL,
          barcode        TEXT,
          begndate       TEXT NOT NULL,
          state          TEXT NOT NULL CHECK (state IN ('uploaded', 'revoked')),
          msgid          TEXT,
          uploaded_at    TEXT NOT NULL,
          revoked_at     TEXT
        );
      `);
    },
  },
  {
    version: 7,
    name: 'electronic prescriptions handled at the pharmacy (7201–7210)',
    up(db) {
      // One row per prescription this pharmacy was authorised for, and every step it went through.
      db.exec(`
        CREATE TABLE rx_local (
          hi_rxno          TEXT PRIMARY KEY,
          fixmedins_code   TEXT NOT NULL,
          psn_no           TEXT NOT NULL,
          mdtrt_cert_type  TEXT NOT NULL,
          mdtrt_cert_no    TEXT NOT NULL,
          auth_rxno        TEXT NOT NULL,
          rx_trace_code    TEXT,
          state            TEXT NOT NULL,
          rx_json          TEXT,
          basket_id        TEXT UNIQUE,
          setl_id          TEXT,
          mdtrt_id         TEXT,
          settlement_msgid TEXT,
          sel_no           TEXT,
          delv_no          TEXT,
          updated_at       TEXT NOT NULL
        );
        CREATE INDEX rx_local_by_person ON rx_local(psn_no);
        CREATE TABLE rx_local_event (
          id         INTEGER PRIMARY KEY,
          hi_rxno    TEXT NOT NULL REFERENCES rx_local(hi_rxno),
          step       TEXT NOT NULL,
          state_from TEXT NOT NULL,
          state_to   TEXT NOT NULL,
          at         TEXT NOT NULL,
          msgid      TEXT
        );
      `);
    },
  },
  journalKeysMigration,
  {
    version: 9,
    name: 'journal entries keep the problems of optional answer fields (warnings)',
    up(db) {
      // JSON list of { path, problem }: the call succeeded, the screen and `yibao journal` show them (issue 16).
      db.exec('ALTER TABLE journal ADD COLUMN answer_warnings TEXT');
    },
  },
  {
    version: 10,
    name: "name index also holds each item's 拼音首字母 (found anywhere in the name)",
    up(db) {
      // Same tokens as item-store.ts writes: the name's characters, then the marked initials
      // (the center's, or derived from the name where it sent none).
      db.function('catalogue_name_tokens_v10', { deterministic: true }, (name: unknown, pinyin: unknown) =>
        searchTokens(String(name ?? ''), typeof pinyin === 'string' ? pinyin : null),
      );
      db.exec(`
        INSERT INTO catalogue_name_fts(catalogue_name_fts) VALUES('delete-all');
        INSERT INTO catalogue_name_fts (rowid, chars) SELECT id, catalogue_name_tokens_v10(name, pinyin) FROM catalogue_item;
      `);
    },
  },
  {
    version: 11,
    name: "the institution's own price list and the last price charged per item",
    up(db) {
      // Prices in 1/1000000 yuan (UnitPrice). list_price: the price list (imported or edited);
      // last_price: the price the item was last charged at, the fallback.
      db.exec(`
        CREATE TABLE item_price (
          code       TEXT PRIMARY KEY,
          name       TEXT NOT NULL DEFAULT '',
          list_price INTEGER,
          last_price INTEGER,
          updated_at TEXT NOT NULL
        );
      `);
    },
  },
  shopStoreMigration,
  {
    version: 13,
    name: "the institution's departments and doctors offered at 挂号",
    up(db) {
      // Per institution (设置 can switch the counter to another one). initials: 拼音首字母 of the
      // name (pinyin-pro), for the pick list. used_at: last registration, the next one's default.
      db.exec(`
        CREATE TABLE clinic_department (
          fixmedins_code TEXT NOT NULL,
          code           TEXT NOT NULL,
          name           TEXT NOT NULL,
          caty           TEXT NOT NULL,
          initials       TEXT NOT NULL,
          used_at        TEXT,
          updated_at     TEXT NOT NULL,
          PRIMARY KEY (fixmedins_code, code)
        );
        CREATE TABLE clinic_doctor (
          fixmedins_code TEXT NOT NULL,
          code           TEXT NOT NULL,
          name           TEXT NOT NULL,
          initials       TEXT NOT NULL,
          source         TEXT NOT NULL CHECK (source IN ('5102', 'manual')),
          used_at        TEXT,
          updated_at     TEXT NOT NULL,
          PRIMARY KEY (fixmedins_code, code)
        );
      `);
    },
  },
  clearingApplicationMigration,
  journalIndexesMigration,
  pinyinIndexMigration,
];
