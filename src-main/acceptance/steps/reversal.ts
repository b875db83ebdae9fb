/**
 * 2601 as an acceptance tester does it: reverse a settlement that has just succeeded, by its
 * msgid, and record in the journal that it was reversed (so history, reports and reconciliation
 * no longer count it). The automatic reversal of unknown outcomes is the journal's job and is
 * proven by the crash and fault tests.
 */
import { YibaoError } from '../../core/errors';
import type { StepEnv } from '../types';

export async function reverseSettlement(env: StepEnv, msgid: string): Promise<string> {
  const { app, operator } = env;
  const entry = app.journal.byMsgid(msgid);
  if (!entry?.psnNo || entry.state !== 'ok') {
    throw new YibaoError('E_ACCEPTANCE_REVERSAL', `要冲正的交易 ${msgid} 不在流水中或未成功`, { msgid });
  }
  const result = await app.callAs(operator, '2601', { data: { psn_no: entry.psnNo, omsgid: entry.msgid, oinfno: entry.infno } });
  app.journal.resolve(entry.id, 'reversed', `验收自测: 以 2601 (报文 ${result.msgid}) 冲正`);
  return `原交易 ${entry.infno} ${entry.msgid} 已冲正 (2601 报文 ${result.msgid})`;
}
