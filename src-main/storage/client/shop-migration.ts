/**
 * Migration 10: the counter's side of the shop store (src-main/shop/, issue 20). Self-contained so
 * that it can be renumbered on merge. Nothing here is used without `shop.postgresUrl` in the config.
 */
import type { Migration } from '../sqlite';

export const shopStoreMigration: Migration = {
  version: 12,
  name: 'shop store: counter identity, outbox of journal events, counter of each reconcile difference',
  up(db) {
    db.exec(`
      -- This counter as the shop store knows it: a random id made once, and the terminalSlot the
      -- shop gave it (kept so that the counter starts with the same slot while the LAN is down).
      CREATE TABLE shop_identity (
        only_row      INTEGER PRIMARY KEY CHECK (only_row = 1),
        counter_id    TEXT NOT NULL,
        slot          INTEGER,
        counter_name  TEXT,
        registered_at TEXT
      );
      -- The outbox: one row per journal event the shop store must get (a settlement, refund, 2601
      -- or sign-in/out reaching an outcome), written in the journal's own transaction; pushed_at
      -- is set after the shop store committed it. event_key = msgid:state, the shop store's key.
      CREATE TABLE shop_outbox (
        id           INTEGER PRIMARY KEY,
        event_key    TEXT NOT NULL UNIQUE,
        msgid        TEXT NOT NULL,
        infno        TEXT NOT NULL,
        state        TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        pushed_at    TEXT
      );
      CREATE INDEX shop_outbox_unpushed ON shop_outbox(id) WHERE pushed_at IS NULL;
      -- Institution-level 对账: which counter holds each differing record.
      ALTER TABLE reconcile_difference ADD COLUMN counter TEXT;
    `);
  },
};
