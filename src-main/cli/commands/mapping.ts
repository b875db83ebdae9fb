/**
 * `yibao mapping …`: 目录对照. upload one mapping (--local X --code Y …) or a file of them
 * (3301), revoke one (3302), list what this counter uploaded.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { YibaoError, formatPath } from '../../core/errors';
import { DATE_RE } from '../../core/time';
import { MappingDesk } from '../../mapping/mapping-desk';
import { MAPPING_COLUMNS, uploadMappingFile } from '../../mapping/mapping-file';
import { EXIT, printJson, printTable } from '../output';
import { withApp } from './call';

const uploadSchema = z.strictObject({
  localCode: z.string().trim().min(1).max(30),
  localName: z.string().trim().min(1).max(200).optional(),
  nationalCode: z.string().trim().min(1).max(50),
  listType: z
    .string()
    .regex(/^[0-9A-Za-z]{1,30}$/, { message: '--list-type 应为目录类别代码, 如 101' })
    .optional(),
  barcode: z.string().trim().min(1).max(50).optional(),
  begndate: z.string().regex(DATE_RE, { message: '--begin 格式应为 yyyy-MM-dd' }).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new YibaoError('E_USAGE', `参数不正确: ${formatPath(issue?.path ?? [])} ${issue?.message ?? ''}`.trim());
}

export function registerMapping(program: Command): void {
  const mapping = program.command('mapping').description('目录对照: 上传 (3301)、撤销 (3302)、列出本机上传的对照');

  mapping
    .command('upload [file]')
    .description(
      `上传目录对照: 一条 (--local --name --code) 或一个 CSV / XLSX 文件 (列: ${Object.values(MAPPING_COLUMNS).join(', ')}; 前三列必填)`,
    )
    .option('--local <code>', '本机构编码 (定点医药机构目录编号)')
    .option('--name <name>', '本机构名称 (默认取本地目录中的名称)')
    .option('--code <code>', '医保目录编码')
    .option('--list-type <type>', '目录类别 (默认取本地目录中该编码的类别)')
    .option('--barcode <barcode>', '商品条形码 (仅本机查找用)')
    .option('--begin <date>', '开始日期 yyyy-MM-dd (默认今天)')
    .option('--json', '输出 JSON')
    .action(
      async (
        file: string | undefined,
        opts: {
          local?: string;
          name?: string;
          code?: string;
          listType?: string;
          barcode?: string;
          begin?: string;
          json?: boolean;
        },
      ) => {
        if (file) {
          let bytes: Buffer;
          try {
            bytes = readFileSync(file);
          } catch (cause) {
            throw new YibaoError('E_USAGE', `无法读取文件 ${file}: ${(cause as Error).message}`, {}, { cause });
          }
          await withApp(program, {}, async (app) => {
            const results = await uploadMappingFile(new MappingDesk(app), basename(file), bytes);
            if (opts.json) printJson(results);
            else {
              printTable(
                results.map((r) => ({ 行: r.rowNo, 本机构编码: r.localCode, 结果: r.ok ? '成功' : '失败', 说明: r.message })),
                ['行', '本机构编码', '结果', '说明'],
              );
            }
            if (results.some((r) => !r.ok)) process.exitCode = EXIT.rejected;
          });
          return;
        }
        if (!opts.local || !opts.code)
          throw new YibaoError('E_USAGE', '请给出文件, 或 --local 本机构编码 和 --code 医保目录编码');
        const req = parse(uploadSchema, {
          localCode: opts.local,
          localName: opts.name,
          nationalCode: opts.code,
          listType: opts.listType,
          barcode: opts.barcode,
          begndate: opts.begin,
        });
        await withApp(program, {}, async (app) => {
          const record = await new MappingDesk(app).upload(req);
          if (opts.json) printJson(record);
          else
            process.stdout.write(
              `已上传目录对照: ${record.localCode} ${record.localName} → ${record.nationalCode} (目录类别 ${record.listType})\n`,
            );
        });
      },
    );

  mapping
    .command('revoke <localCode>')
    .description('撤销本机上传的一条目录对照 (3302)')
    .option('--json', '输出 JSON')
    .action(async (localCode: string, opts: { json?: boolean }) => {
      await withApp(program, {}, async (app) => {
        const record = await new MappingDesk(app).revoke(localCode);
        if (opts.json) printJson(record);
        else process.stdout.write(`已撤销目录对照: ${record.localCode} → ${record.nationalCode}\n`);
      });
    });

  mapping
    .command('list')
    .description('本机上传的目录对照')
    .option('--all', '包括已撤销的')
    .option('--json', '输出 JSON')
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      await withApp(program, { recover: false }, async (app) => {
        const records = new MappingDesk(app).list({ includeRevoked: opts.all === true });
        if (opts.json) {
          printJson(records);
          return;
        }
        printTable(
          records.map((r) => ({
            本机构编码: r.localCode,
            名称: r.localName,
            医保目录编码: r.nationalCode,
            类别: r.listType,
            条形码: r.barcode,
            状态: r.state === 'uploaded' ? '有效' : '已撤销',
            上传时间: r.uploadedAt,
          })),
          ['本机构编码', '名称', '医保目录编码', '类别', '条形码', '状态', '上传时间'],
        );
        process.stdout.write(`共 ${records.length} 条\n`);
      });
    });
}
