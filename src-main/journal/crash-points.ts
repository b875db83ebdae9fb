/**
 * Named points where the crash tests kill the counter process (tests/crash). Inert unless
 * YIBAO_TEST_CRASH_AT names the point (and YIBAO_TEST_CRASH_INFNO, if set, the transaction):
 * then the process dies at once with SIGKILL, like a power cut or a killed task would.
 */
export type CrashPoint =
  | 'after-prepare'
  | 'after-send'
  | 'before-result-commit'
  | 'after-result-commit'
  // The shop store committed a pushed batch, the outbox does not yet know (shop/pusher.ts).
  | 'shop-after-append'
  // An archive year is copied and verified, its rows are not yet deleted from the live journal (journal/archive/).
  | 'archive-after-copy'
  // One step of an archive year's rows is deleted from the live journal, the next is not.
  | 'archive-between-deletes';

const AT = process.env['YIBAO_TEST_CRASH_AT'];
const INFNO = process.env['YIBAO_TEST_CRASH_INFNO'];

export function crashPoint(point: CrashPoint, infno: string): void {
  if (AT === undefined || AT !== point) return;
  if (INFNO !== undefined && INFNO !== '' && INFNO !== infno) return;
  process.kill(process.pid, 'SIGKILL');
}
