/** Operators' 9001 sign-ins and 9002 sign-outs. */
import { insertSql, selectList, toParams } from './columns';
import type { Db } from './db';
import { NotFoundError, StateError } from './errors';

export interface SignInRow {
  signNo: string;
  opter: string;
  opterName: string | null;
  fixmedinsCode: string;
  mac: string | null;
  ip: string | null;
  /** yyyy-MM-dd HH:mm:ss */
  signedInAt: string;
  signedOutAt: string | null;
  state: 'in' | 'out';
}

export type NewSignIn = Omit<SignInRow, 'signedOutAt' | 'state'>;

const COLUMNS = [
  'sign_no',
  'opter',
  'opter_name',
  'fixmedins_code',
  'mac',
  'ip',
  'signed_in_at',
  'signed_out_at',
  'state',
] as const;

export class SignInRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly activeStmt;
  private readonly signOutStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(insertSql('signin', COLUMNS));
    this.getStmt = db.prepare<[string], SignInRow>(`SELECT ${selectList(COLUMNS)} FROM signin WHERE sign_no = ?`);
    this.activeStmt = db.prepare<[string, string], SignInRow>(
      `SELECT ${selectList(COLUMNS)} FROM signin
       WHERE fixmedins_code = ? AND opter = ? AND state = 'in' ORDER BY signed_in_at DESC, sign_no DESC`,
    );
    this.signOutStmt = db.prepare<[string, string]>(
      "UPDATE signin SET state = 'out', signed_out_at = ? WHERE sign_no = ? AND state = 'in'",
    );
  }

  signIn(row: NewSignIn): SignInRow {
    const full: SignInRow = { ...row, signedOutAt: null, state: 'in' };
    this.insertStmt.run(toParams(COLUMNS, full));
    return full;
  }

  get(signNo: string): SignInRow | undefined {
    return this.getStmt.get(signNo);
  }

  /** Open sign-ins of one operator at one institution, newest first. */
  active(fixmedinsCode: string, opter: string): SignInRow[] {
    return this.activeStmt.all(fixmedinsCode, opter);
  }

  signOut(signNo: string, at: string): SignInRow {
    const row = this.get(signNo);
    if (!row) throw new NotFoundError('签到流水号', signNo);
    if (this.signOutStmt.run(at, signNo).changes === 0) {
      throw new StateError('签到', signNo, row.state, `签到流水号 ${signNo} 已签退`);
    }
    return { ...row, state: 'out', signedOutAt: at };
  }
}
