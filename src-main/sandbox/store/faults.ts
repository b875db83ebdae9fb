/**
 * Fault rules the sandbox applies to the next matching messages (tests, demos, training).
 * The mode is the text center/faults.ts parses (`delay:500`, `commit-then-drop` …); the
 * store only keeps it and counts down how many more messages it applies to.
 */
import type { Db } from './db';

export interface FaultRule {
  id: number;
  /** infno it applies to, or `*` for every message. */
  infno: string;
  mode: string;
  /** Messages it still applies to; null = until cleared. */
  remaining: number | null;
  createdAt: string;
}

export const ANY_INFNO = '*';

export class FaultRepo {
  private readonly insertStmt;
  private readonly nextStmt;
  private readonly decrementStmt;
  private readonly deleteStmt;
  private readonly listStmt;
  private readonly clearAllStmt;
  private readonly clearInfnoStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<[string, string, number | null, string]>(
      'INSERT INTO fault_rule (infno, mode, remaining, created_at) VALUES (?, ?, ?, ?)',
    );
    // A rule for the exact infno wins over a `*` rule; older rules first.
    this.nextStmt = db.prepare<[string], FaultRule>(
      `SELECT id, infno, mode, remaining, created_at AS createdAt FROM fault_rule
       WHERE infno = ? OR infno = '*' ORDER BY infno = '*', id LIMIT 1`,
    );
    this.decrementStmt = db.prepare<[number]>('UPDATE fault_rule SET remaining = remaining - 1 WHERE id = ?');
    this.deleteStmt = db.prepare<[number]>('DELETE FROM fault_rule WHERE id = ?');
    this.listStmt = db.prepare<[], FaultRule>(
      'SELECT id, infno, mode, remaining, created_at AS createdAt FROM fault_rule ORDER BY id',
    );
    this.clearAllStmt = db.prepare('DELETE FROM fault_rule');
    this.clearInfnoStmt = db.prepare<[string]>('DELETE FROM fault_rule WHERE infno = ?');
  }

  /** Adds a rule; `times` null = until cleared. Returns the rule. */
  add(infno: string, mode: string, times: number | null, createdAt: string): FaultRule {
    if (times !== null && (!Number.isInteger(times) || times < 1)) throw new RangeError(`times must be ≥ 1: ${times}`);
    const id = Number(this.insertStmt.run(infno, mode, times, createdAt).lastInsertRowid);
    return { id, infno, mode, remaining: times, createdAt };
  }

  /** Takes one use of the rule that applies to `infno` (if any) and returns it as it was before. */
  takeOne(infno: string): FaultRule | undefined {
    return this.db
      .transaction(() => {
        const rule = this.nextStmt.get(infno);
        if (!rule) return undefined;
        if (rule.remaining === 1) this.deleteStmt.run(rule.id);
        else if (rule.remaining !== null) this.decrementStmt.run(rule.id);
        return rule;
      })
      .immediate();
  }

  list(): FaultRule[] {
    return this.listStmt.all();
  }

  /** Removes every rule, or those for one infno (`*` removes only the `*` rules). Returns how many. */
  clear(infno?: string): number {
    return (infno === undefined ? this.clearAllStmt.run() : this.clearInfnoStmt.run(infno)).changes;
  }
}
