/**
 * Before a money-moving call for a business key (a basket, a bill, a settlement to refund): what
 * happened to the earlier calls for the same key, per the journal. A success is answered again
 * instead of paying twice; an open or unresolved outcome blocks a new call; calls that changed
 * nothing (rejected, not sent, reversed, no effect) allow one.
 */
import { YibaoError } from '../core/errors';
import { OPEN_STATES, type JournalEntry } from '../journal/journal-store';

export function priorSuccess(entries: readonly JournalEntry[], what: string): JournalEntry | null {
  const ok = entries.find((e) => e.state === 'ok');
  if (ok) return ok;
  const open = entries.find((e) => OPEN_STATES.includes(e.state));
  if (open) {
    throw new YibaoError(
      'E_PENDING_REVERSAL',
      `${what}上一次提交 (${open.infno}, 报文 ${open.msgid}) 结果未明, 正在自动冲正; 冲正完成前不能再次提交`,
      { msgid: open.msgid },
    );
  }
  const manual = entries.find((e) => e.state === 'needs-manual');
  if (manual) {
    throw new YibaoError(
      'E_NEEDS_MANUAL',
      `${what}上一次提交 (${manual.infno}, 报文 ${manual.msgid}) 需要人工核实; 核实处理前不能再次提交`,
      { msgid: manual.msgid },
    );
  }
  return null;
}
