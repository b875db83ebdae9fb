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
];
