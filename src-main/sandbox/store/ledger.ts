/**
 * Money the center holds per person: the personal-account balance of each insurance row
 * and the year-to-date accumulators the policy engine reads (deductible used, pooled fund
 * paid …). All integer fen; a debit never takes a balance below zero.
 */
import { fen, type Fen } from '../amounts';
import type { Db } from './db';
import { InsufficientBalanceError, NotFoundError } from './errors';

/** Accumulator amounts by key, e.g. { 'outpatient.deductibleUsed': 30000 }. Missing keys are 0. */
export type YtdAmounts = Record<string, Fen>;

export class LedgerRepo {
  private readonly balanceStmt;
  private readonly debitStmt;
  private readonly creditStmt;
  private readonly setBalanceStmt;
  private readonly ytdStmt;
  private readonly ytdAddStmt;

  constructor(private readonly db: Db) {
    this.balanceStmt = db.prepare<[string, string], { balc: number }>(
      'SELECT balc FROM insurance WHERE psn_no = ? AND insutype = ?',
    );
    this.debitStmt = db.prepare<[number, string, string, number], { balc: number }>(
      'UPDATE insurance SET balc = balc - ? WHERE psn_no = ? AND insutype = ? AND balc >= ? RETURNING balc',
    );
    this.creditStmt = db.prepare<[number, string, string], { balc: number }>(
      'UPDATE insurance SET balc = balc + ? WHERE psn_no = ? AND insutype = ? RETURNING balc',
    );
    this.setBalanceStmt = db.prepare<[number, string, string]>('UPDATE insurance SET balc = ? WHERE psn_no = ? AND insutype = ?');
    this.ytdStmt = db.prepare<[string, number], { key: string; amount: number }>(
      'SELECT key, amount FROM ytd WHERE psn_no = ? AND year = ? ORDER BY key',
    );
    this.ytdAddStmt = db.prepare<[string, number, string, number]>(
      `INSERT INTO ytd (psn_no, year, key, amount) VALUES (?, ?, ?, ?)
       ON CONFLICT (psn_no, year, key) DO UPDATE SET amount = amount + excluded.amount`,
    );
  }

  /** Personal-account balance of the person's row for `insutype`. */
  balance(psnNo: string, insutype: string): Fen {
    const row = this.balanceStmt.get(psnNo, insutype);
    if (!row) throw new NotFoundError('参保险种', `${psnNo}/${insutype}`);
    return fen(row.balc);
  }

  /** Takes `amount` from the account; returns the balance after. Throws when it would go negative. */
  debit(psnNo: string, insutype: string, amount: Fen): Fen {
    if (amount < 0) throw new RangeError(`debit amount must not be negative: ${amount}`);
    const row = this.debitStmt.get(amount, psnNo, insutype, amount);
    if (row) return fen(row.balc);
    const balance = this.balance(psnNo, insutype); // throws NotFound when the row is missing
    throw new InsufficientBalanceError(psnNo, insutype, balance, amount);
  }

  /** Puts `amount` back on the account; returns the balance after. */
  credit(psnNo: string, insutype: string, amount: Fen): Fen {
    if (amount < 0) throw new RangeError(`credit amount must not be negative: ${amount}`);
    const row = this.creditStmt.get(amount, psnNo, insutype);
    if (!row) throw new NotFoundError('参保险种', `${psnNo}/${insutype}`);
    return fen(row.balc);
  }

  /** Sets a balance outright (admin / test setup). */
  setBalance(psnNo: string, insutype: string, balc: Fen): void {
    if (balc < 0) throw new RangeError(`balance must not be negative: ${balc}`);
    if (this.setBalanceStmt.run(balc, psnNo, insutype).changes === 0) {
      throw new NotFoundError('参保险种', `${psnNo}/${insutype}`);
    }
  }

  /** Year-to-date amounts of one person in one calendar year. */
  ytd(psnNo: string, year: number): YtdAmounts {
    const out: YtdAmounts = {};
    for (const r of this.ytdStmt.all(psnNo, year)) out[r.key] = fen(r.amount);
    return out;
  }

  /** Adds each delta (may be negative) to the accumulators, atomically. */
  applyYtd(psnNo: string, year: number, deltas: YtdAmounts): void {
    this.db.transaction(() => {
      for (const [key, amount] of Object.entries(deltas)) {
        if (amount !== 0) this.ytdAddStmt.run(psnNo, year, key, fen(amount));
      }
    })();
  }
}
