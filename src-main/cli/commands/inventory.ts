/**
 * `yibao inventory …`: 进销存 from the command line. import a CSV / XLSX into the upload queue
 * (rows that fail validation are listed with their row numbers), show the queue, upload it
 * (3501–3507 or the A variants, as the region profile says), put refused rows back, and query
 * the center's ledger (3508–3511).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { YibaoError, formatPath } from '../../core/errors';
import { maskPersonalData } from '../../core/mask';
import { DATE_RE } from '../../core/time';
import { InventoryDesk, LEDGER_QUERIES, type LedgerQueryKind } from '../../inventory/inventory-desk';
import { INVENTORY_KINDS, KINDS, type InventoryKind } from '../../inventory/kinds';
import { describeLayout } from '../../inventory/layouts';
import { ITEM_STATES, type ItemState, type QueueItem } from '../../inventory/queue-store';
import type { Operator } from '../../protocol/center-client';
import { EXIT, printJson, printTable } from '../output';
import { withApp } from './call';

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new YibaoError('E_USAGE', `参数不正确: ${formatPath(issue?.path ?? [])} ${issue?.message ?? ''}`.trim());
}

const operatorSchema = z
  .object({ opter: z.string().min(1).max(20).optional(), name: z.string().min(1).max(50).optional() })
  .refine((o) => (o.opter === undefined) === (o.name === undefined), { message: '--opter 和 --name 需要同时给出' });

function operatorOf(opts: { opter?: string; name?: string }): Operator | undefined {
  const o = parse(operatorSchema, { opter: opts.opter, name: opts.name });
  return o.opter && o.name ? { opter: o.opter, opterName: o.name } : undefined;
}

const kindSchema = z.enum(INVENTORY_KINDS, { message: `--kind 应为 ${INVENTORY_KINDS.join(' | ')}` });
const dateOpt = z.string().regex(DATE_RE, { message: '日期格式应为 yyyy-MM-dd' }).optional();
const positiveInt = z.coerce.number().int().min(1).optional();

/** One line per queue item for a terminal. */
function queueRows(items: readonly QueueItem[]) {
  return items.map((i) => ({
    编号: i.id,
    导入: `#${i.importId}`,
    行: i.rowNo,
    类型: KINDS[i.kind].label,
    批次号: String(i.row['fixmedins_bchno'] ?? ''),
    本机构编码: String(i.row['fixmedins_hilist_id'] ?? ''),
    状态: i.state,
    次数: i.attempts,
    说明: i.message ?? '',
  }));
}
const QUEUE_COLUMNS = ['编号', '导入', '行', '类型', '批次号', '本机构编码', '状态', '次数', '说明'];

function itemJson(i: QueueItem) {
  return { ...i, row: maskPersonalData(i.row) };
}

const LAYOUT_HELP = INVENTORY_KINDS.map((k) => `  ${k} (${KINDS[k].label}): ${describeLayout(k)}`).join('\n');

export function registerInventory(program: Command): void {
  const inventory = program
    .command('inventory')
    .description('进销存: 导入 CSV / XLSX、上传队列 (3501–3507)、中心库存查询 (3508–3511)');

  inventory
    .command('import <file>')
    .description('把 CSV / XLSX 文件读入上传队列; 有错误的行列出行号和原因, 其余行照常入队')
    .requiredOption('--kind <kind>', INVENTORY_KINDS.join(' | '))
    .option('--json', '输出 JSON')
    .addHelpText(
      'after',
      `\n文件第 1 行为列名 (顺序不限), 其后每行一条记录:\n${LAYOUT_HELP}\n销售 / 销售退货有人员编号时另加列 参保地区划.`,
    )
    .action(async (file: string, opts: { kind: string; json?: boolean }) => {
      const kind = parse(kindSchema, opts.kind) as InventoryKind;
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (cause) {
        throw new YibaoError('E_USAGE', `无法读取文件 ${file}: ${(cause as Error).message}`, {}, { cause });
      }
      await withApp(program, {}, async (app) => {
        const result = await new InventoryDesk(app).importFile(kind, basename(file), bytes);
        if (opts.json) {
          printJson(result);
          return;
        }
        process.stdout.write(
          `导入 #${result.id} ${KINDS[kind].label}: 共 ${result.rowsTotal} 行, 入队 ${result.rowsQueued} 行, 有问题 ${result.rowsInvalid} 行\n`,
        );
        if (result.errors.length > 0) {
          printTable(
            result.errors.map((e) => ({ 行: e.rowNo, 原因: e.message })),
            ['行', '原因'],
          );
        }
        if (result.rowsInvalid > 0) process.exitCode = EXIT.rejected;
      });
    });

  inventory
    .command('queue')
    .description('上传队列: 每行的状态、尝试次数和中心的答复')
    .option('--state <states>', `只看这些状态, 逗号分隔 (${ITEM_STATES.join(', ')})`)
    .option('--import <id>', '只看某次导入')
    .option('--json', '输出 JSON')
    .action(async (opts: { state?: string; import?: string; json?: boolean }) => {
      const states = opts.state
        ? (parse(
            z.array(z.enum(ITEM_STATES)),
            opts.state.split(',').map((s) => s.trim()),
          ) as ItemState[])
        : undefined;
      const importId = parse(positiveInt, opts.import);
      await withApp(program, { recover: false }, async (app) => {
        const desk = new InventoryDesk(app);
        const items = desk.items({ states, importId });
        if (opts.json) {
          printJson({ counts: desk.queue.counts(), items: items.map(itemJson) });
          return;
        }
        printTable(queueRows(items), QUEUE_COLUMNS);
        const c = desk.queue.counts();
        process.stdout.write(
          `共 ${items.length} 条: 待上传 ${c.queued}, 已完成 ${c.done}, 被拒 ${c.rejected}, 待重试 ${c['not-sent'] + c.unknown}\n`,
        );
      });
    });

  inventory
    .command('upload')
    .description('上传队列中到期的行 (按地区配置用 3501–3507 或批量 A 版本); 结果未知的行重试时按中心记录核实, 不会重复计入')
    .option('--now', '不等退避时间, 立即重试未发出和结果未知的行')
    .option('--opter <code>', '操作员编号 (默认: 最近签到的操作员)')
    .option('--name <name>', '操作员姓名')
    .option('--json', '输出 JSON')
    .action(async (opts: { now?: boolean; opter?: string; name?: string; json?: boolean }) => {
      const operator = operatorOf(opts);
      await withApp(program, {}, async (app) => {
        const desk = new InventoryDesk(app);
        const report = await desk.upload({
          force: opts.now === true,
          operator,
          onProgress: opts.json ? undefined : (p) => process.stderr.write(`${p.done}/${p.total} ${p.step}\n`),
        });
        if (opts.json) printJson({ ...report, items: report.items.map(itemJson) });
        else {
          if (report.items.length > 0) printTable(queueRows(report.items), QUEUE_COLUMNS);
          process.stdout.write(
            `上传 ${report.items.length} 行 (${report.calls} 次交易): 完成 ${report.done}, 被拒 ${report.rejected}, 待重试 ${report.waiting}\n`,
          );
        }
        process.exitCode = report.waiting > 0 ? EXIT.unknown : report.rejected > 0 ? EXIT.rejected : EXIT.ok;
      });
    });

  inventory
    .command('retry')
    .description('把被中心拒绝的行放回队列 (例如先补传了采购); 之后再运行 upload')
    .option('--json', '输出 JSON')
    .action(async (opts: { json?: boolean }) => {
      await withApp(program, { recover: false }, async (app) => {
        const n = new InventoryDesk(app).retryRejected();
        if (opts.json) printJson({ requeued: n });
        else process.stdout.write(`已放回队列 ${n} 行\n`);
      });
    });

  inventory
    .command('query <what>')
    .description('查询中心的进销存记录: stock 库存 (3508), changes 库存变更 (3509), purchases 采购 (3510), sales 销售 (3511)')
    .option('--item <code>', '本机构编码 (医药机构目录编码)')
    .option('--batch <bchno>', '批次号 (定点医药机构批次流水号)')
    .option('--from <date>', '开始日期 yyyy-MM-dd (默认 2000-01-01)')
    .option('--to <date>', '结束日期 yyyy-MM-dd (默认今天)')
    .option('--page <n>', '页码 (默认 1)')
    .option('--page-size <n>', '每页条数 (默认 100)')
    .option('--opter <code>', '操作员编号')
    .option('--name <name>', '操作员姓名')
    .option('--json', '输出 JSON')
    .action(
      async (
        what: string,
        opts: {
          item?: string;
          batch?: string;
          from?: string;
          to?: string;
          page?: string;
          pageSize?: string;
          opter?: string;
          name?: string;
          json?: boolean;
        },
      ) => {
        const kind = parse(
          z.enum(Object.keys(LEDGER_QUERIES) as [LedgerQueryKind, ...LedgerQueryKind[]], {
            message: '查询类型应为 stock | changes | purchases | sales',
          }),
          what,
        );
        const from = parse(dateOpt, opts.from);
        const to = parse(dateOpt, opts.to);
        const page = parse(positiveInt, opts.page);
        const pageSize = parse(z.coerce.number().int().min(1).max(1000).optional(), opts.pageSize);
        const operator = operatorOf(opts);
        await withApp(program, {}, async (app) => {
          const result = await new InventoryDesk(app).query({
            kind,
            item: opts.item,
            batch: opts.batch,
            from,
            to,
            page,
            pageSize,
            operator,
          });
          const rows = result.rows.map((r) => maskPersonalData(r) as Record<string, unknown>);
          if (opts.json) {
            printJson({ ...result, rows });
            return;
          }
          const columns = LEDGER_COLUMNS[kind];
          printTable(rows, columns);
          process.stdout.write(
            `${result.infno}: 第 ${result.pageNum} 页, 本页 ${rows.length} 条${result.recordCounts === null ? '' : `, 共 ${result.recordCounts} 条`}\n`,
          );
        });
      },
    );
}

const LEDGER_COLUMNS: Record<LedgerQueryKind, string[]> = {
  stock: ['medinsListCodg', 'medinsListName', 'fixmedinsBchno', 'medListCodg', 'invCnt', 'invdate', 'expyEnd', 'updtTime'],
  changes: ['medinsListCodg', 'fixmedinsBchno', 'invChgType', 'cnt', 'pric', 'invChgTime', 'medinsProdInvChgNo'],
  purchases: [
    'medinsListCodg',
    'fixmedinsBchno',
    'prodRetnFlag',
    'purcRetnCnt',
    'finlTrnsPric',
    'purcRetnStoinTime',
    'medinsProdPurcNo',
  ],
  sales: ['medinsListCodg', 'fixmedinsBchno', 'selRetnFlag', 'selRetnCnt', 'finlTrnsPric', 'selRetnTime', 'medinsProdSelNo'],
};
