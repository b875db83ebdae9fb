/**
 * `yibao reconcile --date YYYY-MM-DD [--json]`: the day's 对账 (3201 per group, 3202 for a group
 * that does not balance) and, where the region profile wants it, the monthly clearing.
 * Exit codes: 0 平, 4 不平 (the differing settlements are listed), 1 usage / config, 2 a call
 * refused by the center, 3 a call with an unknown outcome. `yibao reconcile history` lists runs.
 */
import type { Command } from 'commander';
import { YibaoError } from '../../core/errors';
import { formatDate } from '../../core/time';
import { formatYuan, type Fen } from '../../core/money';
import { reconcileDay } from '../../reconcile/daily-reconcile';
import { reportDateSchema } from '../../reconcile/date';
import { reconcileStoreOf } from '../../reconcile/reconcile-runner';
import type { ReconcileRunView } from '../../reconcile/views';
import { EXIT, printJson, printTable } from '../output';
import { withApp } from './call';
import { operatorOf } from '../operator-option';

/** Exit code of `yibao reconcile` when the day does not balance. */
export const EXIT_UNBALANCED = 4;

const RESULT_TEXT: Record<ReconcileRunView['result'], string> = {
  running: '进行中',
  balanced: '平',
  unbalanced: '不平',
  failed: '中断',
};

function parseDateOption(text: string | undefined): string {
  const parsed = reportDateSchema.safeParse(text ?? formatDate(new Date()));
  if (!parsed.success) throw new YibaoError('E_USAGE', `--date ${parsed.error.issues[0]?.message ?? '无效'} (收到 "${text}")`);
  return parsed.data;
}

const yuan = (f: number) => formatYuan(f as Fen);

export function printRun(run: ReconcileRunView): void {
  const period = run.begndate === run.enddate ? run.begndate : `${run.begndate} 至 ${run.enddate}`;
  const what = run.kind === 'clearing' ? '整月对总账 (清算申请)' : '对账';
  process.stdout.write(`${what} ${period}: ${RESULT_TEXT[run.result]}  (记录 #${run.id})${run.note ? `  ${run.note}` : ''}\n`);
  if (run.groups.length > 0) {
    printTable(
      run.groups.map((g) => ({
        险种: `${g.insutype} ${g.insutypeLabel}`,
        清算类别: g.clrType,
        经办机构: g.setlOptins,
        笔数: g.count,
        医疗费总额: yuan(g.medfeeFen),
        基金支付: yuan(g.fundPayFen),
        个人账户: yuan(g.acctPayFen),
        结果: g.balanced ? '平' : '不平',
        中心说明: g.stmtRsltDscr ?? '',
      })),
      ['险种', '清算类别', '经办机构', '笔数', '医疗费总额', '基金支付', '个人账户', '结果', '中心说明'],
    );
  }
  if (run.differences.length > 0) {
    process.stdout.write(`\n不一致的结算 (3202 明细对账, ${run.differences.length} 笔):\n`);
    printTable(
      run.differences.map((d) => ({
        类型: d.kindLabel,
        结算ID: d.setlId,
        msgid: d.msgid,
        人员编号: d.psnNo,
        就诊ID: d.mdtrtId,
        退费: d.refdSetlFlag === '1' ? '是' : '否',
        收银台: d.counter ?? '',
        说明: d.memo,
      })),
      [
        '类型',
        '结算ID',
        'msgid',
        '人员编号',
        '就诊ID',
        '退费',
        ...(run.differences.some((d) => d.counter) ? ['收银台'] : []),
        '说明',
      ],
    );
  }
}

export function registerReconcile(program: Command): void {
  const reconcile = program
    .command('reconcile')
    .description('日对账: 按险种/清算类别 3201 对总账, 不平时 9101 + 3202 + 9102 对明细; 退出码 0 平, 4 不平')
    .option('--date <yyyy-MM-dd>', '对账日期 (中心结算时间的日期, 默认今天)')
    .option('--opter <code>', '操作员编号 (默认: 最近签到的操作员)')
    .option('--name <name>', '操作员姓名')
    .option('--detail', '对平的类别也做明细对账 (3202)')
    .option('--json', '输出 JSON')
    .action(async (opts: { date?: string; opter?: string; name?: string; detail?: boolean; json?: boolean }) => {
      const date = parseDateOption(opts.date);
      const operator = operatorOf(opts);
      await withApp(program, {}, async (app) => {
        const outcome = await reconcileDay(app, { date, operator, detail: opts.detail ? 'always' : 'when-unbalanced' });
        if (opts.json) printJson(outcome);
        else {
          printRun(outcome.run);
          if (outcome.clearing) process.stdout.write(`\n清算申请: ${outcome.clearing.message}\n`);
        }
        process.exitCode = outcome.run.result === 'balanced' ? EXIT.ok : EXIT_UNBALANCED;
      });
    });

  reconcile
    .command('history')
    .description('对账记录 (最新在前)')
    .option('--date <yyyy-MM-dd>', '只看包含这一天的对账')
    .option('--limit <n>', '条数 (默认 20)', (v) => Number(v))
    .option('--json', '输出 JSON')
    .action(async (_own: unknown, cmd: Command) => {
      // `reconcile` itself takes --date and --json too: commander hands them to the parent, so read both.
      const opts = cmd.optsWithGlobals<{ date?: string; limit?: number; json?: boolean }>();
      const date = opts.date === undefined ? undefined : parseDateOption(opts.date);
      await withApp(program, { recover: false }, (app) => {
        const runs = reconcileStoreOf(app).history({ date, limit: opts.limit ?? 20 });
        if (opts.json) printJson(runs);
        else {
          for (const run of runs) {
            printRun(run);
            process.stdout.write('\n');
          }
          process.stdout.write(`共 ${runs.length} 次对账\n`);
        }
        return Promise.resolve();
      });
    });
}
