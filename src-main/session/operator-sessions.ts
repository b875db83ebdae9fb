/**
 * Operator sign-in (9001) and sign-out (9002). The sign_no is persisted with the operator
 * so every envelope carries it, across restarts, until sign-out. A call without a valid
 * sign-in is refused locally.
 */
import { YibaoError } from '../core/errors';
import { formatDateTime } from '../core/time';
import { cached, type Db } from '../storage/sqlite';
import type { CallResult, CenterClient, Operator } from '../protocol/center-client';
import { localNetworkIdentity } from './network-identity';

export interface OperatorSession extends Operator {
  readonly signNo: string;
  readonly signTime: string;
}

interface Row {
  opter: string;
  opter_name: string;
  sign_no: string | null;
  sign_time: string | null;
}

export interface SignInNetwork {
  readonly mac?: string;
  readonly ip?: string;
}

export class OperatorSessions {
  constructor(
    private readonly db: Db,
    private readonly fixmedinsCode: string,
    /** CounterApp.centerId: the center's URL, or the embedded sandbox's ledger directory. */
    private readonly centerId: string,
    private readonly network: SignInNetwork = {},
  ) {}

  /** The signed-in session of an operator at this institution and center, if any. */
  get(opter: string): OperatorSession | undefined {
    const row = cached<[string, string, string], Row>(
      this.db,
      `SELECT opter, opter_name, sign_no, sign_time FROM operator_session
         WHERE opter = ? AND fixmedins_code = ? AND center_url = ? AND sign_no IS NOT NULL`,
    ).get(opter, this.fixmedinsCode, this.centerId);
    return row ? toSession(row) : undefined;
  }

  /** The operator who signed in most recently and has not signed out. */
  current(): OperatorSession | undefined {
    const row = cached<[string, string], Row>(
      this.db,
      `SELECT opter, opter_name, sign_no, sign_time FROM operator_session
         WHERE fixmedins_code = ? AND center_url = ? AND sign_no IS NOT NULL
         ORDER BY updated_at DESC LIMIT 1`,
    ).get(this.fixmedinsCode, this.centerId);
    return row ? toSession(row) : undefined;
  }

  require(opter?: string): OperatorSession {
    const session = opter ? this.get(opter) : this.current();
    if (!session) {
      throw new YibaoError(
        'E_NOT_SIGNED_IN',
        opter ? `操作员 ${opter} 尚未签到, 请先签到 (9001)` : '当前没有已签到的操作员, 请先签到 (9001)',
        { opter: opter ?? null },
      );
    }
    return session;
  }

  async signIn(client: CenterClient, operator: Operator): Promise<OperatorSession> {
    return (await this.signInWithResult(client, operator)).session;
  }

  /** Signs in and also returns the raw 9001 call (msgid, envelope) for callers that show it. */
  async signInWithResult(
    client: CenterClient,
    operator: Operator,
  ): Promise<{ session: OperatorSession; result: CallResult<unknown> }> {
    const net = { ...localNetworkIdentity(), ...this.network };
    const result = await client.call(
      '9001',
      { signIn: { opter_no: operator.opter, mac: net.mac, ip: net.ip } },
      { operator, signNo: '' },
    );
    const { sign_no: signNo } = result.output.signinoutb;
    // A center that leaves sign_time out: the counter's own clock stands in (it is only shown).
    const signTime = result.output.signinoutb.sign_time ?? nowText();
    cached(
      this.db,
      `INSERT INTO operator_session (opter, opter_name, fixmedins_code, center_url, sign_no, sign_time, signed_out_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, NULL, ?)
         ON CONFLICT(opter) DO UPDATE SET opter_name = excluded.opter_name, fixmedins_code = excluded.fixmedins_code,
           center_url = excluded.center_url, sign_no = excluded.sign_no, sign_time = excluded.sign_time,
           signed_out_at = NULL, updated_at = excluded.updated_at`,
    ).run(operator.opter, operator.opterName, this.fixmedinsCode, this.centerId, signNo, signTime, nowText());
    return { session: { ...operator, signNo, signTime }, result };
  }

  /** Signs in when the operator has no valid session yet. */
  async ensure(client: CenterClient, operator: Operator): Promise<OperatorSession> {
    return this.get(operator.opter) ?? this.signIn(client, operator);
  }

  async signOut(client: CenterClient, opter?: string): Promise<{ session: OperatorSession; signOutTime: string }> {
    const session = this.require(opter);
    const result = await client.call(
      '9002',
      { signOut: { sign_no: session.signNo, opter_no: session.opter } },
      { operator: session, signNo: session.signNo },
    );
    this.forget(session.opter);
    return { session, signOutTime: result.output.signoutoutb?.sign_time ?? nowText() };
  }

  /** Drops a sign_no the center no longer accepts (or after sign-out). */
  forget(opter: string): void {
    cached(this.db, 'UPDATE operator_session SET sign_no = NULL, signed_out_at = ?, updated_at = ? WHERE opter = ?').run(
      nowText(),
      nowText(),
      opter,
    );
  }
}

function toSession(row: Row): OperatorSession {
  return { opter: row.opter, opterName: row.opter_name, signNo: row.sign_no ?? '', signTime: row.sign_time ?? '' };
}

function nowText(): string {
  return formatDateTime(new Date());
}
