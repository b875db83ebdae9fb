/** `yibao receipt <setl_id> [--format 58|80|a4] [--pdf FILE] [--html FILE]`: a settlement's receipt from the journal. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { YibaoError } from '../../core/errors';
import { maskName } from '../../core/mask';
import { formatDateTime } from '../../core/time';
import { LocalCatalogue } from '../../catalogue/local-catalogue';
import { ItemNames } from '../../counter/item-names';
import { buildReceipt } from '../../receipts/receipt-builder';
import { renderReceiptHtml } from '../../receipts/receipt-html';
import { layoutFor } from '../../receipts/receipt-layout';
import { RECEIPT_FORMATS } from '../../receipts/receipt-model';
import { renderReceiptPdf } from '../../receipts/receipt-pdf';
import { receiptSources } from '../../receipts/receipt-sources';
import { printJson } from '../output';
import { renderReceiptText } from '../receipt-text';
import { withApp } from './call';

const argsSchema = z.object({
  setlId: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z_-]{1,30}$/, { message: '结算ID应为 1–30 位字母、数字、- 或 _' }),
  format: z.enum(RECEIPT_FORMATS, { message: '--format 只能是 58、80 或 a4' }).optional(),
  pdf: z.string().min(1).optional(),
  html: z.string().min(1).optional(),
  chromium: z.string().min(1).optional(),
  reprint: z.boolean().optional(),
  show: z.boolean().optional(),
  json: z.boolean().optional(),
});

function parseArgs(raw: unknown): z.output<typeof argsSchema> {
  const parsed = argsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new YibaoError('E_USAGE', parsed.error.issues[0]?.message ?? '参数不正确');
}

function writeOut(file: string, data: string | Buffer, what: string): void {
  try {
    writeFileSync(file, data);
  } catch (cause) {
    throw new YibaoError('E_RECEIPT_WRITE', `无法写入${what}文件 ${file}: ${(cause as Error).message}`, { file }, { cause });
  }
}

export function registerReceipt(program: Command): void {
  program
    .command('receipt <setl_id>')
    .description(
      '打印小票 / 结算单: 按结算ID 从交易流水生成 (58 / 80 mm 小票或 A4 医疗收费结算单); 不给 --pdf / --html 时输出文本预览',
    )
    .option('--format <paper>', '纸张: 58、80 或 a4 (默认取配置 printer.paper)')
    .option('--pdf <file>', '生成 PDF (经 Chromium)')
    .option('--html <file>', '输出 HTML')
    .option('--chromium <path>', 'Chromium / Chrome 程序路径 (默认 $YIBAO_CHROMIUM 或系统安装的 chromium)')
    .option('--reprint', '标注为补打')
    .option('--show', '文本预览中显示完整姓名 (默认脱敏)')
    .option('--json', '输出小票数据 JSON (姓名脱敏)')
    .action(async (setlIdArg: string, opts: Record<string, unknown>) => {
      const args = parseArgs({ ...opts, setlId: setlIdArg });
      await withApp(program, { recover: false }, async (app) => {
        const local = app.db.memory ? null : LocalCatalogue.open(app.db.name);
        try {
          const names = new ItemNames(app.lightDb);
          const model = buildReceipt(receiptSources(app, { names, local }), args.setlId);
          const layout = layoutFor(args.format ?? app.loaded.config.printer.paper);
          const options = { printedAt: formatDateTime(new Date()), reprint: args.reprint };
          if (args.json) {
            printJson({ ...model, person: { ...model.person, name: maskName(model.person.name) } });
            return;
          }
          if (!args.pdf && !args.html) {
            process.stdout.write(renderReceiptText(model, layout, { ...options, maskName: args.show ? undefined : maskName }));
            return;
          }
          const html = renderReceiptHtml(model, layout, options);
          if (args.html) {
            writeOut(args.html, html, ' HTML ');
            process.stdout.write(`已输出 HTML: ${args.html} (结算ID ${model.setlId}, 纸张 ${layout.format})\n`);
          }
          if (args.pdf) {
            const { pdf, widthMm, heightMm } = await renderReceiptPdf(html, layout, { chromiumPath: args.chromium });
            writeOut(args.pdf, pdf, ' PDF ');
            process.stdout.write(`已生成 PDF: ${args.pdf} (${widthMm} mm × ${heightMm} mm, 结算ID ${model.setlId})\n`);
          }
        } finally {
          local?.close();
        }
      });
    });
}
