/** `yibao acceptance --type pharmacy|clinic [--report out.html]`: the interface acceptance self-test. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { YibaoError } from '../../core/errors';
import { runAcceptanceTest } from '../../acceptance/run-acceptance';
import { reportHtml, reportJson } from '../../acceptance/report';
import type { AcceptanceType } from '../../acceptance/types';
import { printJson } from '../output';
import { describeRow, runMatrix } from '../../acceptance/matrix/run-matrix';
import type { Operator } from '../../protocol/center-client';

interface AcceptanceCliOptions {
  type?: string;
  matrix?: boolean;
  report?: string;
  certNo?: string;
  name?: string;
  opter?: string;
  opterName?: string;
  json?: boolean;
}

/** out.html → out.json (the machine-readable twin of the report). */
export const jsonPathFor = (htmlPath: string) => htmlPath.replace(/(\.html?)?$/i, '.json');

export function registerAcceptance(program: Command): void {
  program
    .command('acceptance')
    .description('接口验收自测: 按机构类型跑完所有必测接口, 记录报文ID、结果与耗时; 全部通过才返回 0')
    .option('--type <type>', '机构类型: pharmacy (药店) 或 clinic (诊所)')
    .option('--matrix', '基卫验收矩阵 (种子 004: 职工/居民/离休/医疗救助 门诊与药店行): 逐行结算并按分核对基金、个账、现金')
    .option('--report <file.html>', '写出 HTML 报告 (同名 .json 为 JSON 报告)')
    .option('--cert-no <身份证号>', '测试参保人证件号 (对接非内置沙箱中心时必填)')
    .option('--name <姓名>', '测试参保人姓名')
    .option('--opter <code>', '操作员编号', 'YS001')
    .option('--opter-name <name>', '操作员姓名', '验收操作员')
    .option('--json', '输出 JSON 报告到标准输出')
    .action(async (opts: AcceptanceCliOptions) => {
      const g = program.opts<{ config?: string; center?: string }>();
      const operator: Operator = { opter: opts.opter ?? 'YS001', opterName: opts.opterName ?? '验收操作员' };
      if (opts.matrix) {
        await runMatrixCli(opts, g, operator);
        return;
      }
      if (opts.type !== 'pharmacy' && opts.type !== 'clinic') {
        throw new YibaoError('E_USAGE', `--type 只能是 pharmacy 或 clinic, 收到 "${opts.type ?? ''}"; 或用 --matrix 跑验收矩阵`);
      }
      if (Boolean(opts.certNo) !== Boolean(opts.name)) {
        throw new YibaoError('E_USAGE', '--cert-no 和 --name 要一起给出');
      }
      const report = await runAcceptanceTest({
        type: opts.type as AcceptanceType,
        configPath: g.config,
        centerUrl: g.center,
        certno: opts.certNo,
        name: opts.name,
        operator,
        onStep: opts.json
          ? undefined
          : (r, i, n) => process.stderr.write(`[${i + 1}/${n}] ${r.ok ? '✓' : '✗'} ${r.title} (${r.elapsedMs} ms) ${r.detail}\n`),
      });
      if (opts.report) {
        writeFileSync(opts.report, reportHtml(report));
        writeFileSync(jsonPathFor(opts.report), reportJson(report));
      }
      if (opts.json) printJson(report);
      else {
        for (const c of report.codes.filter((c) => !c.passed))
          process.stdout.write(`未通过 ${c.code} ${c.name}: ${c.reason ?? ''}\n`);
        process.stdout.write(
          `acceptance ${report.type}: ${report.passed}/${report.total} passed${report.ok ? '' : ' — FAILED'}\n`,
        );
      }
      process.exitCode = report.ok ? 0 : 1;
    });
}

async function runMatrixCli(
  opts: AcceptanceCliOptions,
  g: { config?: string; center?: string },
  operator: Operator,
): Promise<void> {
  const report = await runMatrix({
    configPath: g.config,
    centerUrl: g.center,
    operator,
    onRow: opts.json ? undefined : (r, i, n) => process.stderr.write(`[${i + 1}/${n}] ${describeRow(r)}\n`),
  });
  if (opts.report) {
    writeFileSync(jsonPathFor(opts.report), `${JSON.stringify(report, null, 2)}\n`);
  }
  if (opts.json) printJson(report);
  else {
    for (const r of report.rows.filter((x) => !x.ok)) process.stdout.write(`未通过 ${describeRow(r)}\n`);
    for (const n of report.notApplicable) process.stdout.write(`不适用 ${n.id} ${n.title}: ${n.reason}\n`);
    process.stdout.write(`acceptance matrix: ${report.passed}/${report.total} passed${report.ok ? '' : ' — FAILED'}\n`);
  }
  process.exitCode = report.ok ? 0 : 1;
}
