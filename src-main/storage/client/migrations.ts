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
];
