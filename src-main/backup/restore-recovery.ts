/**
 * After a restore, the counter's journal may be older than the center's ledger. What it does at
 * the next start (before any new settlement):
 *
 * 1. Entries the restored journal holds open (a call in flight when the backup was taken) are
 *    settled by the ordinary recovery (OutcomeResolver: 2601, never sent again) before this runs.
 * 2. Settlements the center holds and the restored journal does not (made after the backup was
 *    taken) are real sales: the goods are gone, the patient paid. They are not reversed. They are
 *    found with a detail 对账 (3201 / 9101 / 3202 / 9102) from the day of the newest restored
 *    entry to today, each is queried with 5203, and written back into the journal as the center
 *    holds it (state ok, resolution 恢复备份后由中心补录), so the journal is again the full record.
 * 3. A second 对账 of the same period must balance; only then the restore marker is removed.
 *    Until then new settlements are refused (counter-app.ts), and the next start tries again.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatDate, parseDateTime } from '../core/time';
import type { ReconcileApp } from '../reconcile/reconcile-runner';
import { runReconciliation } from '../reconcile/reconcile-runner';
import { readLedger } from '../reconcile/local-ledger';
import { daysOf } from '../reconcile/grouping';
import { REFUND_CODES, SETTLE_CODES } from '../counter/settlement-history';
import { block, str } from '../counter/journal-records';
import { readJsonFile } from '../core/json-file';
import { logError } from '../core/log';
import { RESTORE_MARKER, restoreMarkerSchema, type RestoreMarker } from './restore';

export interface RestoreRecoveryReport {
  /** True when the journal and the center agree for the period and the marker was removed. */
  readonly done: boolean;
  readonly begndate: string;
  readonly enddate: string;
  /** Center settlements written back into the journal. */
  readonly recovered: number;
  readonly lines: string[];
}

export function restoreMarkerOf(dataDir: string): RestoreMarker | null {
  const read = readJsonFile(join(dataDir, RESTORE_MARKER), restoreMarkerSchema);
  if (read.kind === 'missing') return null;
  if (read.kind === 'ok') return read.value;
  // Unreadable or of another shape: still a restore to check, from today (the file says no more).
  logError('E_RESTORE_MARKER', read.reason);
  return { from: '?', restoredAt: formatDate(new Date()) + ' 00:00:00', journalUpTo: null, replaced: null };
}

/** Scopes (clr_type, setl_optins) this counter settled in during the 90 days before `begndate`. */
function recentScopes(app: ReconcileApp, begndate: string): { clrType: string; setlOptins: string }[] {
  const start = parseDateTime(`${begndate} 00:00:00`) as Date;
  const from = formatDate(new Date(start.getTime() - 90 * 86_400_000));
  const scopes = new Map<string, { clrType: string; setlOptins: string }>();
  for (const r of readLedger(app.journal, app.loaded.config.institution.fixmedinsCode, from, begndate)) {
    scopes.set(`${r.clrType}|${r.clrOptins}`, { clrType: r.clrType, setlOptins: r.clrOptins });
  }
  return [...scopes.values()];
}

export async function recoverAfterRestore(
  app: ReconcileApp,
  today = formatDate(new Date()),
): Promise<RestoreRecoveryReport | null> {
  const marker = restoreMarkerOf(app.loaded.dataDir);
  if (!marker) return null;
  const begndate = (marker.journalUpTo ?? marker.restoredAt).slice(0, 10);
  const enddate = today < begndate ? begndate : today;
  const lines: string[] = [`恢复自 ${marker.from}; 与中心核对 ${begndate} 至 ${enddate} 的结算`];
  const request = { kind: 'daily' as const, begndate, enddate, detail: 'always' as const };
  const scopes = recentScopes(app, begndate);
  const first = await runReconciliation(app, { ...request, alsoDetail: scopes });
  const kind = app.loaded.config.institution.kind;
  const session = app.sessions.require();
  let recovered = 0;
  for (const d of first.differences) {
    if (d.kind !== 'center-only' || !d.msgid || !d.setlId || !d.mdtrtId || !d.psnNo) {
      lines.push(`${d.kindLabel}: 结算ID ${d.setlId} 报文 ${d.msgid}, 请人工核实`);
      continue;
    }
    if (app.journal.byMsgid(d.msgid)) {
      lines.push(`中心有结算 ${d.setlId} (报文 ${d.msgid}), 本机流水中该报文不是成功结算, 请人工核实`);
      continue;
    }
    const data = { setl_id: d.setlId, mdtrt_id: d.mdtrtId, psn_no: d.psnNo };
    const query = await app.callAs(undefined, '5203', { data });
    const setlinfo = block(query.output as Record<string, unknown>, 'setlinfo');
    const refund = d.refdSetlFlag === '1';
    const infno = (refund ? REFUND_CODES : SETTLE_CODES)[kind][0] as string;
    app.journal.recordFromCenter({
      msgid: d.msgid,
      infno,
      operator: session,
      fixmedinsCode: app.loaded.config.institution.fixmedinsCode,
      psnNo: d.psnNo,
      at: str(setlinfo, 'setl_time') || `${enddate} 00:00:00`,
      request: { recovered: true, infno, input: { data } },
      response: { infcode: 0, output: query.output },
      resolution: `恢复备份后由中心补录: 本机恢复的流水中没有此${refund ? '退费' : '结算'}, 按中心 5203 (报文 ${query.msgid}) 记入`,
    });
    recovered += 1;
    lines.push(`补录 ${infno} 报文 ${d.msgid} 结算ID ${d.setlId} (中心 5203)`);
  }
  const second = first.result === 'balanced' ? first : await runReconciliation(app, { ...request, alsoDetail: scopes });
  const done = second.result === 'balanced';
  lines.push(
    done
      ? `核对完成: ${daysOf(begndate, enddate).length} 天的结算与中心一致 (对账 #${second.id})`
      : `核对后仍不一致 (对账 #${second.id}): ${second.note ?? ''}; 下次启动再核对, 核对完成前不能办理新的结算`,
  );
  if (done) rmSync(join(app.loaded.dataDir, RESTORE_MARKER), { force: true });
  return { done, begndate, enddate, recovered, lines };
}
