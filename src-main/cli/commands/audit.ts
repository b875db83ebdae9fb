/**
 * `yibao audit <mdtrt_id> [--during] [--bill CHRG_BCHNO]`: 明细审核 3101 (事前) / 3102 (事中) of a clinic
 * visit; `yibao audit feedback --continue JR_ID:理由 … --modify JR_ID …` sends 3103.
 */
import type { Command } from 'commander';
import { YibaoError } from '../../core/errors';
import { DetailAudit, type AuditDecision } from '../../audit/detail-audit';
import { auditReportView } from '../../audit/audit-api';
import { fen, formatYuan } from '../../core/money';
import { withApp } from './call';
import { printJson, printTable } from '../output';
import { operatorOf } from '../operator-option';

interface Opts {
  opter?: string;
  name?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** "JR…:理由" → a continue decision; the reason is required. */
export function parseContinue(text: string): AuditDecision {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1) throw new YibaoError('E_USAGE', `--continue 的格式是 违规标识:理由, 收到「${text}」`);
  return { jrId: text.slice(0, at), action: 'continue', reason: text.slice(at + 1) };
}

export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description('明细审核: 事前 (3101) / 事中 (3102) 分析一次就诊的费用, feedback 反馈处理方式 (3103)');

  audit
    .command('run <mdtrt_id>', { isDefault: true })
    .description('审核一次门诊就诊的费用明细 (默认事前 3101)')
    .option('--during', '事中审核 (3102), 连同中心已收到的明细一起审')
    .option('--bill <chrg_bchno>', '只审这一张单据')
    .option('--opter <code>', '操作员编号 (默认: 最近签到的操作员)')
    .option('--name <name>', '操作员姓名')
    .option('--json', '输出 JSON')
    .action(async (mdtrtId: string, opts: Opts & { during?: boolean; bill?: string }) => {
      const operator = operatorOf(opts);
      await withApp(program, {}, async (app) => {
        if (operator) await app.sessions.ensure(app.client, operator);
        const report = await new DetailAudit(app).run(mdtrtId, opts.during ? 'during' : 'pre', opts.bill);
        if (opts.json) {
          printJson(report);
          return;
        }
        process.stdout.write(
          `${report.infno} 审核就诊 ${mdtrtId}: ${report.hits.length === 0 ? '未发现违规' : `${report.hits.length} 条违规`}\n`,
        );
        if (report.hits.length > 0) {
          printTable(
            auditReportView(report).hits.map((h) => ({
              违规标识: h.jrId,
              规则: `${h.ruleId} ${h.ruleName}`.trim(),
              程度: h.severity,
              金额: formatYuan(fen(h.amountFen)),
              内容: h.content,
            })),
            ['违规标识', '规则', '程度', '金额', '内容'],
          );
          process.stdout.write('处理后反馈: yibao audit feedback --continue 违规标识:理由 或 --modify 违规标识\n');
        }
      });
    });

  audit
    .command('feedback')
    .description('反馈违规的处理方式 (3103)')
    .option('--during', '反馈的是事中预警 (3102)')
    .option('--continue <jr_id:reason>', '继续执行并说明理由 (可重复)', collect, [] as string[])
    .option('--modify <jr_id>', '返回修改 (可重复)', collect, [] as string[])
    .option('--opter <code>', '操作员编号 (默认: 最近签到的操作员)')
    .option('--name <name>', '操作员姓名')
    .option('--json', '输出 JSON')
    .action(async (opts: Opts & { during?: boolean; continue: string[]; modify: string[] }) => {
      const decisions: AuditDecision[] = [
        ...opts.continue.map(parseContinue),
        ...opts.modify.map((jrId) => ({ jrId, action: 'modify' as const })),
      ];
      const operator = operatorOf(opts);
      await withApp(program, {}, async (app) => {
        if (operator) await app.sessions.ensure(app.client, operator);
        const handled = await new DetailAudit(app).feedback(opts.during ? 'during' : 'pre', decisions);
        if (opts.json) printJson({ handled });
        else process.stdout.write(`已反馈 ${handled} 条违规的处理方式 (3103)\n`);
      });
    });
}
