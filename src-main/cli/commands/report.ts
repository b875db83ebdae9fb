/**
 * `yibao report --date YYYY-MM-DD [--shift <opter>] [--xlsx f] [--csv f] [--json]`: the day's
 * (or one operator's shift's) settlement report from the journal; files are written as asked.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { YibaoError } from '../../core/errors';
import { formatDate } from '../../core/time';
import { formatYuan, type Fen } from '../../core/money';
import { reportDateSchema } from '../../reconcile/date';
import { reportCsv, reportXlsx } from '../../reports/report-export';
import { reportTables } from '../../reports/report-tables';
import { printJson, printTable } from '../output';
import { withApp } from './call';
import { scopedReport } from '../../reports/report-scope';

const optionsSchema = z.strictObject({
  date: reportDateSchema,
  shift: z.string().trim().min(1).max(20, { message: '操作员编号不超过 20 位' }).optional(),
  xlsx: z.string().min(1).optional(),
  csv: z.string().min(1).optional(),
  json: z.boolean().optional(),
  shop: z.boolean().optional(),
  counter: z.string().trim().min(1).max(40).optional(),
});

function writeFile(path: string, bytes: Buffer): void {
  try {
    writeFileSync(path, bytes);
  } catch (cause) {
    throw new YibaoError('E_REPORT_WRITE', `无法写入报表文件 ${path}: ${(cause as Error).message}`, { path }, { cause });
  }
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('结算日报 / 交班报表: 按操作员、险种、基金汇总结算与退费, 冲正, 分时; 可导出 XLSX / CSV')
    .option('--date <yyyy-MM-dd>', '日期 (中心结算时间的日期, 默认今天)')
    .option('--shift <opter>', '只看这位操作员 (签到中且当天签到时, 从签到起)')
    .option('--xlsx <file>', '写出 XLSX 文件')
    .option('--csv <file>', '写出 CSV 文件 (UTF-8 带 BOM)')
    .option('--shop', '门店全部收银台 (需要门店库)')
    .option('--counter <name|slot>', '门店的某一台收银台, 按名称或终端序号 (需要门店库)')
    .option('--json', '输出 JSON')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = optionsSchema.safeParse({ ...raw, date: raw['date'] ?? formatDate(new Date()) });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new YibaoError('E_USAGE', `--${String(issue?.path[0] ?? '')} ${issue?.message ?? '无效'}`);
      }
      const opts = parsed.data;
      await withApp(program, { recover: false }, async (app) => {
        const report = await scopedReport(app, { date: opts.date, opter: opts.shift, shop: opts.shop, counter: opts.counter });
        if (opts.xlsx) writeFile(opts.xlsx, await reportXlsx(report));
        if (opts.csv) writeFile(opts.csv, reportCsv(report));
        if (opts.json) {
          printJson(report);
          return;
        }
        if (opts.shop || opts.counter !== undefined) process.stdout.write(`${report.fixmedinsName} ${report.date}\n\n`);
        // The same tables as the files, but the hourly series only where something happened.
        for (const table of reportTables(report)) {
          const rows = table.title === '分时' ? table.rows.filter((r) => r[1] !== 0 || r[2] !== 0) : table.rows;
          if (rows.length === 0) continue;
          process.stdout.write(`【${table.title}】\n`);
          const headers = table.columns.map((c) => c.header);
          printTable(
            rows.map((r) =>
              Object.fromEntries(
                r.map((v, i) => [headers[i], table.columns[i]?.kind === 'money' ? formatYuan(v as Fen) : String(v)]),
              ),
            ),
            headers,
          );
          process.stdout.write('\n');
        }
        for (const file of [opts.xlsx, opts.csv].filter(Boolean)) process.stdout.write(`已写出 ${file}\n`);
      });
    });
}
