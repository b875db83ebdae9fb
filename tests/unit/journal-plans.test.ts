/**
 * Issue 19: the query plans a journal of years relies on (bench/years.ts measures them on 3M
 * rows). Asserted with EXPLAIN QUERY PLAN on the real schema, through the SQL JournalStore.list
 * sends: the 交易流水 filters and a day's window never scan the whole journal.
 */
import { describe, expect, it } from 'vitest';
import { JournalStore, type JournalFilter } from '../../src-main/journal/journal-store';
import { journalWindow } from '../../src-main/journal/day-window';
import { ALL_REFUND_CODES, ALL_SETTLE_CODES } from '../../src-main/counter/settlement-history';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { openDatabase, type Db } from '../../src-main/storage/sqlite';

/** The plan of each statement a JournalStore call runs (captured at prepare, explained with its parameters). */
function plansOf(run: (journal: JournalStore) => unknown): string {
  const db: Db = openDatabase(':memory:', { migrations: CLIENT_MIGRATIONS });
  const plans: string[] = [];
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    const statement = prepare(sql);
    const all = statement.all.bind(statement);
    (statement as { all: unknown }).all = (...params: unknown[]) => {
      const rows = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      plans.push(rows.map((r) => r.detail).join('\n'));
      return all(...params);
    };
    return statement;
  };
  run(new JournalStore(db, ':memory:', 'http://center'));
  db.close();
  return plans.join('\n');
}

const planOf = (filter: JournalFilter): string => plansOf((journal) => journal.list(filter));

describe('journal query plans', () => {
  it('交易流水 by person uses the person index, newest first without a sort', () => {
    const plan = planOf({ psnNo: '42010000000000000001', originalsOnly: true, limit: 200 });
    expect(plan).toContain('USING INDEX journal_by_person (psn_no=?)');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('交易流水 by code and by state use their indexes, newest first without a sort', () => {
    for (const [filter, index] of [
      [{ infno: '2102' }, 'journal_by_infno (infno=?)'],
      [{ states: ['rejected'] }, 'journal_by_state (state=?)'],
    ] as const) {
      const plan = planOf({ ...filter, originalsOnly: true, limit: 200 });
      expect(plan).toContain(`USING INDEX ${index}`);
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });

  it('the first page and the next page (keyset) walk the primary key backwards, no OFFSET', () => {
    expect(planOf({ originalsOnly: true, limit: 200 })).toBe('SCAN journal');
    expect(planOf({ beforeId: 1000, originalsOnly: true, limit: 200 })).toContain('USING INTEGER PRIMARY KEY (rowid<?)');
  });

  it("a day's report and a ledger read their time window by the time index, not every 'ok' or settlement row", () => {
    const report = planOf({ fixmedinsCode: 'P42010000001', ...journalWindow('2022-03-01'), originalsOnly: true, limit: 100 });
    const ledger = planOf({
      infnos: [...ALL_SETTLE_CODES, ...ALL_REFUND_CODES],
      states: ['ok'],
      fixmedinsCode: 'P42010000001',
      ...journalWindow('2022-03-01', '2022-03-31'),
      originalsOnly: true,
      limit: 100,
    });
    for (const plan of [report, ledger]) {
      expect(plan).toContain('SEARCH journal USING INDEX journal_by_time (prepared_at>? AND prepared_at<?)');
      expect(plan).not.toMatch(/journal_by_state|journal_by_infno|SCAN journal/);
    }
  });

  it('the reversal attempts of an entry come from the partial reversal index', () => {
    const db = openDatabase(':memory:', { migrations: CLIENT_MIGRATIONS });
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'journal_by_reverses'").get() as { sql: string }).sql;
    expect(sql).toContain('WHERE reverses_id IS NOT NULL');
    expect(plansOf((journal) => journal.reversalsOf(7))).toContain('INDEX journal_by_reverses (reverses_id=?)');
    db.close();
  });
});
