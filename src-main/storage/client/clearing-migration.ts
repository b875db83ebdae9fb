/** Migration 14: the clearing applications a region makes with its own codes (湖北 3202a / 1608). */
import type { Migration } from '../sqlite';

export const clearingApplicationMigration: Migration = {
  version: 14,
  name: 'clearing applications (3202a / 1608) and their withdrawal',
  up(db) {
    // One row per application the center accepted; amounts in integer fen, as the center answered them.
    db.exec(`
      CREATE TABLE clearing_application (
        id              INTEGER PRIMARY KEY,
        fixmedins_code  TEXT NOT NULL,
        center_url      TEXT NOT NULL,
        persons         TEXT NOT NULL,
        infno           TEXT NOT NULL,
        msgid           TEXT NOT NULL,
        evt_id          TEXT NOT NULL,
        insutype        TEXT NOT NULL,
        clr_type        TEXT NOT NULL,
        setl_optins     TEXT NOT NULL,
        begndate        TEXT NOT NULL,
        enddate         TEXT NOT NULL,
        setl_cnt        INTEGER NOT NULL,
        medfee_sumamt   INTEGER NOT NULL,
        fund_pay_sumamt INTEGER NOT NULL,
        acct_pay        INTEGER NOT NULL,
        applied_at      TEXT NOT NULL,
        cancel_msgid    TEXT,
        cancelled_at    TEXT
      );
      CREATE INDEX clearing_application_by_period ON clearing_application(fixmedins_code, begndate);
    `);
  },
};
