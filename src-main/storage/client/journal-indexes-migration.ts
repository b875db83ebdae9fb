/**
 * Migration 15: the indexes a journal of years needs (issue 19, bench/years.ts). 交易流水 filtered
 * by person read every row without one; the reversal index held a NULL for each of millions of
 * originals, only to find the few 2601 attempts — partial now, it holds just those.
 */
import type { Migration } from '../sqlite';

export const journalIndexesMigration: Migration = {
  version: 15,
  name: 'journal indexes for years of data (person, partial reversals)',
  up(db) {
    db.exec(`
      CREATE INDEX journal_by_person ON journal(psn_no, id) WHERE psn_no IS NOT NULL;
      DROP INDEX journal_by_reverses;
      CREATE INDEX journal_by_reverses ON journal(reverses_id) WHERE reverses_id IS NOT NULL;
    `);
  },
};
