/**
 * `yibao einvoice upload|reupload|result|status <setl_id>`: 4901 / 4905 / 4902 / 5501 (src-main/einvoice/);
 * `fiscal-upload|fiscal-query <setl_id>`: the region's 财政电子票据 (四川 S3301 / S3302).
 */
import type { Command } from 'commander';
import { YibaoError } from '../../core/errors';
import { DATE_RE } from '../../core/time';
import { formatYuan } from '../../core/money';
import { EinvoiceDesk, type Voucher } from '../../einvoice/einvoice-desk';
import { SettlementHistory } from '../../counter/settlement-history';
import type { CounterApp } from '../../app/counter-app';
import { withApp } from './call';
import { printJson } from '../output';
import { centerCallOptions, operatorOf } from '../operator-option';

interface Opts {
  opter?: string;
  name?: string;
  json?: boolean;
}

interface VoucherOpts extends Opts {
  code: string;
  no: string;
  chkcode: string;
  amount?: string;
  date?: string;
  url?: string;
}

const common = centerCallOptions;

const voucherOptions = (cmd: Command) =>
  cmd
    .requiredOption('--code <code>', '票据代码')
    .requiredOption('--no <number>', '票据号码')
    .requiredOption('--chkcode <code>', '校验码')
    .option('--amount <yuan>', '票据金额 (默认: 结算的医疗费总额)')
    .option('--date <yyyy-MM-dd>', '开票日期 (默认: 今天)')
    .option('--url <url>', '票据查验地址');

function voucherOf(opts: VoucherOpts): Voucher {
  if (opts.date !== undefined && !DATE_RE.test(opts.date)) throw new YibaoError('E_USAGE', '--date 格式应为 yyyy-MM-dd');
  return { code: opts.code, number: opts.no, checkCode: opts.chkcode, amountText: opts.amount, date: opts.date, url: opts.url };
}

async function withDesk<T>(program: Command, opts: Opts, fn: (desk: EinvoiceDesk) => Promise<T>): Promise<T> {
  const operator = operatorOf(opts);
  return withApp(program, {}, async (app: CounterApp) => {
    if (operator) await app.sessions.ensure(app.client, operator);
    const history = new SettlementHistory(app.journal, app.loaded.config.institution.fixmedinsCode);
    return fn(new EinvoiceDesk(app, history));
  });
}

export function registerEinvoice(program: Command): void {
  const ev = program
    .command('einvoice')
    .description('电子结算凭证: 上传 (4901)、重新上传 (4905)、上传结果 (4902)、状态 (5501); 财政电子票据 (四川 S3301 / S3302)');

  for (const [name, infno, label] of [
    ['upload', '4901', '上传'],
    ['reupload', '4905', '重新上传'],
  ] as const) {
    common(voucherOptions(ev.command(`${name} <setl_id>`).description(`${label}一笔结算的电子结算凭证 (${infno})`))).action(
      async (setlId: string, opts: VoucherOpts) => {
        await withDesk(program, opts, async (desk) => {
          const voucher = voucherOf(opts);
          const out = name === 'upload' ? await desk.upload(setlId, voucher) : await desk.reupload(setlId, voucher);
          if (opts.json) printJson(out);
          else
            process.stdout.write(
              `已${label} 结算ID ${out.setlId}  上传流水 ${out.upldNo}  金额 ${formatYuan(out.amountFen)}; 用 yibao einvoice result ${setlId} 查看校验结果\n`,
            );
        });
      },
    );
  }

  common(voucherOptions(ev.command('fiscal-upload <setl_id>').description('上传一笔结算的财政电子票据 (四川 S3301)'))).action(
    async (setlId: string, opts: VoucherOpts) => {
      await withDesk(program, opts, async (desk) => {
        const out = await desk.fiscalUpload(setlId, voucherOf(opts));
        if (opts.json) printJson(out);
        else
          process.stdout.write(
            `已上传财政电子票据 结算ID ${out.setlId}  上传流水 ${out.upldNo}  金额 ${formatYuan(out.amountFen)}\n`,
          );
      });
    },
  );

  common(ev.command('fiscal-query <setl_id>').description('查询一笔结算的财政电子票据 (四川 S3302)')).action(
    async (setlId: string, opts: Opts) => {
      await withDesk(program, opts, async (desk) => {
        const out = await desk.fiscalQuery(setlId);
        if (opts.json) printJson(out);
        else
          process.stdout.write(
            `结算ID ${out.setl_id ?? setlId}  票据代码 ${out.einv_code ?? ''}  票据号码 ${out.einv_no ?? ''}  金额 ${out.amountText}  开票日期 ${out.einv_date ?? ''}  上传于 ${out.upld_time ?? ''}\n`,
          );
      });
    },
  );

  common(ev.command('result <setl_id>').description('电子结算凭证上传结果查询 (4902)')).action(
    async (setlId: string, opts: Opts) => {
      await withDesk(program, opts, async (desk) => {
        const out = await desk.result(setlId);
        if (opts.json) printJson(out);
        else
          process.stdout.write(
            `结算ID ${out.setl_id ?? setlId}  ${out.label}  ${out.upld_stas_dscr ?? ''}  第 ${out.upld_cnt ?? '?'} 次上传于 ${out.upld_time ?? '?'}\n`,
          );
      });
    },
  );

  common(ev.command('status <setl_id>').description('查询电子结算凭证状态 (5501)')).action(async (setlId: string, opts: Opts) => {
    await withDesk(program, opts, async (desk) => {
      const out = await desk.status(setlId);
      if (opts.json) printJson(out);
      else
        process.stdout.write(
          `结算ID ${out.setl_id ?? setlId}  ${out.label}  ${out.einv_stas_dscr ?? ''}${out.einv_no ? `  票据号码 ${out.einv_no}` : ''}${out.amountText ? `  金额 ${out.amountText}` : ''}\n`,
        );
    });
  });
}
