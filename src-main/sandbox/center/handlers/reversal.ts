/**
 * 2601 冲正: undoes exactly the effect of the original message (omsgid / oinfno), once.
 * The answer says clearly when there is nothing to undo (never arrived, failed) or when the
 * original is not reversible or already reversed (REVERSAL_MESSAGES, documented in the README).
 */
import type { SandboxInput } from '../../spec/input-rules';
import { reject, REVERSAL_MESSAGES } from '../reject';
import type { HandlerContext, HandlerTable } from '../context';

/** What the sandbox can reverse (the inpatient ones of the spec's list are not simulated). */
const SETTLEMENTS = new Set(['2102', '2102A', '2207', '2207A']);
const CANCELLATIONS = new Set(['2103', '2208']);

function reverse(ctx: HandlerContext<SandboxInput<'2601'>>) {
  const { omsgid, oinfno, psn_no } = ctx.input.data;
  const original = ctx.store.messages.getProcessed(omsgid);
  if (!original || original.fixmedinsCode !== ctx.envelope.fixmedins_code) reject(REVERSAL_MESSAGES.originalNotFound);
  if (original.infno !== oinfno) reject(`原交易编号不符: 报文 ${omsgid} 是 ${original.infno}, 不是 ${oinfno}`);
  if (original.infcode !== 0) reject(REVERSAL_MESSAGES.originalFailed);
  if (!SETTLEMENTS.has(oinfno) && !CANCELLATIONS.has(oinfno)) reject(`${REVERSAL_MESSAGES.notReversible}: ${oinfno}`);

  const record = ctx.store.settlements.getByMsgid(omsgid);
  if (!record) reject(REVERSAL_MESSAGES.originalNotFound);
  if (record.psnNo !== psn_no) reject(`人员编号 ${psn_no} 与原交易不符`);
  if (record.state === 'reversed') reject(REVERSAL_MESSAGES.alreadyReversed);

  if (SETTLEMENTS.has(oinfno)) {
    if (record.state === 'cancelled') reject('原结算已被撤销, 不能冲正 (如需恢复, 请先冲正撤销交易)');
    // A pharmacy sale uploaded its own lines, so they go with it; a clinic batch can be settled again.
    ctx.store.settlements.reverse({
      setlId: record.setlId,
      msgid: ctx.envelope.msgid,
      time: ctx.nowText,
      feeLines: oinfno.startsWith('2102') ? 'cancelled' : 'uploaded',
    });
  } else {
    ctx.store.settlements.reverseCancellation({ refundSetlId: record.setlId, msgid: ctx.envelope.msgid, time: ctx.nowText });
  }
  return { output: {} };
}

export const reversalHandlers: HandlerTable = { '2601': reverse };
