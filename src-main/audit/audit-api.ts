/** The 明细审核 API methods: route to DetailAudit and turn the answer into the screen's view. */
import type { z } from 'zod';
import { parseYuan } from '../core/money';
import type { CounterApp } from '../app/counter-app';
import type { auditApiArgs } from './api-args';
import { DetailAudit, type AuditReport } from './detail-audit';
import type { AuditReportView } from './views';

type Args<M extends keyof typeof auditApiArgs> = z.output<(typeof auditApiArgs)[M]>;

/** sev_deg: 1 明确违规, 2 高度可疑 (absent: shown blank). */
const SEVERITY: Record<string, string> = { '1': '明确违规', '2': '高度可疑' };

export function auditReportView(report: AuditReport): AuditReportView {
  return {
    infno: report.infno,
    mdtrtId: report.mdtrtId,
    hits: report.hits.map((h) => ({
      jrId: h.jr_id,
      ruleId: h.rule_id ?? '',
      ruleName: h.rule_name ?? '',
      content: h.vola_cont ?? '',
      severity: SEVERITY[h.sev_deg ?? ''] ?? '',
      evidence: h.vola_evid ?? '',
      amountFen: h.vola_amt === null ? 0 : parseYuan(h.vola_amt),
      lineIds: h.judge_result_detail_dtos.flatMap((d) => (d.rx_id ? [d.rx_id] : [])),
    })),
  };
}

export function auditHandlers(app: CounterApp) {
  const audit = new DetailAudit(app);
  return {
    'audit.checkDraft': async (args: Args<'audit.checkDraft'>) =>
      auditReportView(await audit.checkDraft(args.mdtrtId, args.lines)),
    'audit.feedback': async (args: Args<'audit.feedback'>) => ({ handled: await audit.feedback(args.stage, args.decisions) }),
  };
}
