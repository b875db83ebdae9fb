/**
 * 交班: what one operator did since signing in, from the journal: settlements and refunds (count
 * and sums of total, fund, account and cash), automatic reversals, and what is still open or
 * waits for a person. Shown before sign-out (9002) and kept on screen after it as the hand-over
 * slip.
 */
import { addFen, subFen, type Fen } from '../core/money';
import { formatDateTime } from '../core/time';
import { OPEN_STATES, type JournalEntry, type JournalStore } from '../journal/journal-store';
import { isNotApplied } from '../journal/states';
import type { OperatorSession } from '../session/operator-sessions';
import { block, outputOf, str } from './journal-records';
import { fenOf } from './settlement-view';
import { ALL_REFUND_CODES, ALL_SETTLE_CODES } from './settlement-history';
import type { MoneyTotals, ShiftSummary } from './views';

const ZERO: MoneyTotals = { count: 0, medfeeFen: 0, fundPayFen: 0, acctPayFen: 0, cashFen: 0 };

function add(total: MoneyTotals, entry: JournalEntry, sign: 1 | -1 | 'abs'): MoneyTotals {
  const s = block(outputOf(entry), 'setlinfo');
  const v = (key: string): Fen => {
    const fen = fenOf(s[key]);
    return (sign === 'abs' ? Math.abs(fen) : sign * fen) as Fen;
  };
  return {
    count: total.count + 1,
    medfeeFen: addFen(total.medfeeFen as Fen, v('medfee_sumamt')),
    fundPayFen: addFen(total.fundPayFen as Fen, v('fund_pay_sumamt')),
    acctPayFen: addFen(total.acctPayFen as Fen, v('acct_pay')),
    cashFen: addFen(total.cashFen as Fen, v('psn_cash_pay')),
  };
}

function minus(a: MoneyTotals, b: MoneyTotals): MoneyTotals {
  return {
    count: a.count - b.count,
    medfeeFen: subFen(a.medfeeFen as Fen, b.medfeeFen as Fen),
    fundPayFen: subFen(a.fundPayFen as Fen, b.fundPayFen as Fen),
    acctPayFen: subFen(a.acctPayFen as Fen, b.acctPayFen as Fen),
    cashFen: subFen(a.cashFen as Fen, b.cashFen as Fen),
  };
}

/**
 * When the shift began: the journal time of the 9001 that gave this session its sign_no (the
 * counter's own clock, like every other journal time), else the center's sign time.
 */
export function shiftStart(journal: JournalStore, session: OperatorSession, fixmedinsCode: string): string {
  const signIns = journal.list({ infno: '9001', states: ['ok'], opter: session.opter, fixmedinsCode, limit: 50 });
  const mine = signIns.find((e) => str(block(outputOf(e), 'signinoutb'), 'sign_no') === session.signNo);
  return mine?.preparedAt ?? session.signTime;
}

export function shiftSummary(
  journal: JournalStore,
  session: OperatorSession,
  fixmedinsCode: string,
  now = new Date(),
): ShiftSummary {
  const since = shiftStart(journal, session, fixmedinsCode);
  const entries = journal.list({ opter: session.opter, fixmedinsCode, since, originalsOnly: true, limit: 100_000 });
  let settlements = ZERO;
  let refunds = ZERO;
  let reversed = 0;
  let notApplied = 0;
  let pending = 0;
  let needsManual = 0;
  for (const e of entries) {
    if (e.state === 'ok' && ALL_SETTLE_CODES.includes(e.infno)) settlements = add(settlements, e, 1);
    else if (e.state === 'ok' && ALL_REFUND_CODES.includes(e.infno)) refunds = add(refunds, e, 'abs');
    else if (e.state === 'reversed') reversed += 1;
    else if (isNotApplied(e)) notApplied += 1;
    else if (e.state === 'needs-manual') needsManual += 1;
    else if (OPEN_STATES.includes(e.state)) pending += 1;
  }
  return {
    opter: session.opter,
    opterName: session.opterName,
    since,
    until: formatDateTime(now),
    settlements,
    refunds,
    net: { ...minus(settlements, refunds), count: settlements.count - refunds.count },
    reversed,
    notApplied,
    pending,
    needsManual,
    calls: entries.length,
  };
}
