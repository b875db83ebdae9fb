/**
 * Migration 16: a search by 拼音首字母 reads the index only (issue 17). It is limited to the fee catalogues, and with the
 * catalogue in the index it no longer reads a table row for each entry of the range of initials: "TB" is about
 * 1,800 of 100,000 items. A row read costs little while the connection's page cache holds it, but SQLite empties
 * that cache whenever another connection has written (the journal writes at every call), so at the till each
 * two-letter search read them from the file again: 6–30 ms of a keystroke's 50.
 * The same definition as item-indexes.ts (which builds the index again after a large import).
 */
import type { Migration } from '../sqlite';

export const pinyinIndexMigration: Migration = {
  version: 16,
  name: "拼音首字母 index also holds each item's catalogue (a search by initials reads no table rows)",
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS catalogue_item_by_pinyin;
      CREATE INDEX catalogue_item_by_pinyin ON catalogue_item(pinyin, catalogue) WHERE pinyin IS NOT NULL;
    `);
  },
};
