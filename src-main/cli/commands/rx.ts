/**
 * `yibao rx …`: 医保电子处方 at the pharmacy (7201 授权, 7204 下载, 7205 核验, 7206 审方, sale with
 * 2101 / 2102 then 7207, refund with 2103 then 7208, 7209 配送, 7210 签收, 7211 药品目录).
 * The logic is src-main/prescription/; this file parses options and prints.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { YibaoError } from '../../core/errors';
import { fen, formatYuan } from '../../core/money';
import type { CounterApp } from '../../app/counter-app';
import { rxDrugQueryOutput } from '../../protocol/transactions/prescription';
import { CounterEvents } from '../../counter/events';
import { createCounterServices } from '../../counter/counter-services';
import { PrescriptionDesk, type RxView } from '../../prescription/prescription-desk';
import { withApp } from './call';
import { printJson, printTable } from '../output';
import { operatorOf } from '../operator-option';

interface OperatorOpts {
  opter?: string;
  name?: string;
  json?: boolean;
}

function withOperator(cmd: Command): Command {
  return cmd
    .option('--opter <code>', '操作员编号 (默认: 最近签到的操作员)')
    .option('--name <name>', '操作员姓名')
    .option('--json', '输出 JSON');
}

/** Opens the counter, signs the operator in when given, and hands over the desk. */
async function withDesk<T>(
  program: Command,
  opts: OperatorOpts,
  fn: (desk: PrescriptionDesk, services: ReturnType<typeof createCounterServices>, app: CounterApp) => Promise<T>,
): Promise<T> {
  const operator = operatorOf(opts);
  return withApp(program, {}, async (app) => {
    if (operator) await app.sessions.ensure(app.client, operator);
    const services = createCounterServices(app, new CounterEvents());
    const desk = new PrescriptionDesk(app, services.persons, services.pharmacy, services.history);
    return fn(desk, services, app);
  });
}

function printView(view: RxView, json: boolean | undefined): void {
  if (json) {
    printJson(view);
    return;
  }
  process.stdout.write(`处方 ${view.hiRxno}  ${view.stateLabel}  下一步: ${view.next}\n`);
  if (view.rx) {
    const rx = view.rx;
    process.stdout.write(
      `  ${rx.issuerName} ${rx.deptName} ${rx.drName}  开方 ${rx.prscTime}  有效至 ${rx.validEndTime}\n  参保人 ${rx.patnNameMasked}  诊断 ${rx.diagnosis}\n`,
    );
    printTable(
      rx.lines.map((l) => ({
        编码: l.code,
        药品: l.name,
        规格: l.spec,
        数量: `${l.cntText}${l.unit}`,
        单价: l.pricText,
        金额: formatYuan(fen(l.amountFen)),
        用法: l.usage,
      })),
      ['编码', '药品', '规格', '数量', '单价', '金额', '用法'],
    );
    process.stdout.write(`  合计 ${formatYuan(fen(rx.totalFen))} 元\n`);
  }
  if (view.setlId) process.stdout.write(`  结算ID ${view.setlId}${view.selNo ? `  出库单号 ${view.selNo}` : ''}\n`);
  if (view.delvNo) process.stdout.write(`  配送业务编号 ${view.delvNo}\n`);
}

const personOptions = (cmd: Command) =>
  cmd.requiredOption('--id <certno>', '参保人身份证号').requiredOption('--psn-name <name>', '参保人姓名');

export function registerRx(program: Command): void {
  const rx = program.command('rx').description('医保电子处方: 授权、下载、核验、审方、购药出库、撤销、配送、签收');

  withOperator(rx.command('list').description('本药店经手的电子处方 (最近 50 张)')).action(async (opts: OperatorOpts) => {
    await withDesk(program, opts, async (desk) => {
      const views = desk.list();
      if (opts.json) printJson(views);
      else
        printTable(
          views.map((v) => ({ 处方编号: v.hiRxno, 状态: v.stateLabel, 下一步: v.next, 更新: v.updatedAt })),
          ['处方编号', '状态', '下一步', '更新'],
        );
    });
  });

  withOperator(rx.command('show <hi_rxno>').description('一张处方的内容和状态')).action(
    async (hiRxno: string, opts: OperatorOpts) => {
      await withDesk(program, opts, async (desk) => printView(desk.get(hiRxno), opts.json));
    },
  );

  withOperator(personOptions(rx.command('authorize').description('读卡 (1101) 后授权本药店使用参保人的电子处方 (7201)')))
    .option('--rx <hi_rxno>', '只授权这一张处方')
    .action(async (opts: OperatorOpts & { id: string; psnName: string; rx?: string }) => {
      await withDesk(program, opts, async (desk, services) => {
        const person = await services.persons.read({ kind: 'id', idNumber: opts.id, name: opts.psnName });
        const views = await desk.authorize(person.key, opts.rx);
        if (opts.json) printJson(views);
        else if (views.length === 0) process.stdout.write('该参保人没有可授权的电子处方\n');
        else for (const v of views) process.stdout.write(`已授权 ${v.hiRxno}  下一步: ${v.next}\n`);
      });
    });

  withOperator(rx.command('download <hi_rxno>').description('下载电子处方 (7204)')).action(
    async (hiRxno: string, opts: OperatorOpts) => {
      await withDesk(program, opts, async (desk) => printView(await desk.download(hiRxno), opts.json));
    },
  );

  withOperator(rx.command('verify <hi_rxno>').description('核验电子处方 (7205)')).action(
    async (hiRxno: string, opts: OperatorOpts) => {
      await withDesk(program, opts, async (desk) => printView(await desk.verify(hiRxno), opts.json));
    },
  );

  withOperator(rx.command('audit <hi_rxno>').description('药师审方并上传 (7206)'))
    .requiredOption('--phar-name <name>', '审方药师姓名')
    .requiredOption('--phar-certno <certno>', '审方药师身份证号')
    .requiredOption('--phar-cert <no>', '药师执业资格证号 (见 yibao info practitioner --type 3)')
    .option('--reject', '审方不通过')
    .option('--opinion <text>', '处方审核意见 (不通过时必填)', '')
    .action(
      async (
        hiRxno: string,
        opts: OperatorOpts & { pharName: string; pharCertno: string; pharCert: string; reject?: boolean; opinion: string },
      ) => {
        await withDesk(program, opts, async (desk) => {
          const pharmacist = { certType: '01', certno: opts.pharCertno, name: opts.pharName, pracCertNo: opts.pharCert };
          printView(await desk.audit(hiRxno, pharmacist, !opts.reject, opts.opinion), opts.json);
        });
      },
    );

  withOperator(
    personOptions(
      rx.command('sell <hi_rxno>').description('处方药品转入购药: 读卡, 预结算 (2101), 结算 (2102), 上传销售出库 (7207)'),
    ),
  )
    .option('--no-account', '不使用个人账户')
    .action(async (hiRxno: string, opts: OperatorOpts & { id: string; psnName: string; account: boolean }) => {
      await withDesk(program, opts, async (desk, services) => {
        const person = await services.persons.read({ kind: 'id', idNumber: opts.id, name: opts.psnName });
        const { basketId, lines } = desk.basket(hiRxno);
        await services.pharmacy.preSettle({ basketId, personKey: person.key, acctUsed: opts.account, lines });
        const outcome = await desk.settle(hiRxno, person.key, opts.account);
        if (opts.json) {
          printJson(outcome);
          return;
        }
        const s = outcome.sale.settlement;
        process.stdout.write(
          `结算成功 结算ID ${s.setlId}  总额 ${formatYuan(fen(s.medfeeFen))}  基金 ${formatYuan(fen(s.fundPaySumFen))}  个人账户 ${formatYuan(fen(s.acctPayFen))}  现金 ${formatYuan(fen(s.psnCashPayFen))}\n`,
        );
        if (outcome.selNo) process.stdout.write(`销售出库已上传 (7207) 出库单号 ${outcome.selNo}\n`);
        else
          process.stdout.write(`销售出库上传失败: ${outcome.uploadError}; 结算有效, 请稍后执行 yibao rx sale-upload ${hiRxno}\n`);
      });
    });

  withOperator(rx.command('sale-upload <hi_rxno>').description('补传销售出库明细 (7207)')).action(
    async (hiRxno: string, opts: OperatorOpts) => {
      await withDesk(program, opts, async (desk) => printView(await desk.uploadSale(hiRxno), opts.json));
    },
  );

  withOperator(rx.command('revoke <hi_rxno>').description('退费 (2103) 并撤销销售出库 (7208)'))
    .requiredOption('--reason <text>', '撤销原因')
    .action(async (hiRxno: string, opts: OperatorOpts & { reason: string }) => {
      await withDesk(program, opts, async (desk) => printView(await desk.refund(hiRxno, opts.reason), opts.json));
    });

  withOperator(rx.command('deliver <hi_rxno>').description('同步配送信息 (7209)'))
    .requiredOption('--delv-no <no>', '配送业务编号')
    .requiredOption('--company <name>', '配送企业名称')
    .requiredOption('--courier <name>', '配送员姓名')
    .requiredOption('--tel <tel>', '配送员电话')
    .requiredOption('--address <text>', '配送地址')
    .option('--status <code>', '配送状态: 1 待配送, 2 配送中, 3 已送达', '2')
    .action(
      async (
        hiRxno: string,
        opts: OperatorOpts & { delvNo: string; company: string; courier: string; tel: string; address: string; status: string },
      ) => {
        const status = z.enum(['1', '2', '3']).safeParse(opts.status);
        if (!status.success) throw new YibaoError('E_USAGE', '--status 应为 1 待配送 / 2 配送中 / 3 已送达');
        await withDesk(program, opts, async (desk) =>
          printView(
            await desk.deliver(hiRxno, {
              delvNo: opts.delvNo,
              company: opts.company,
              courier: opts.courier,
              tel: opts.tel,
              address: opts.address,
              status: status.data,
            }),
            opts.json,
          ),
        );
      },
    );

  withOperator(rx.command('sign <hi_rxno>').description('配送签收确认 (7210)'))
    .requiredOption('--signer <name>', '签收人姓名')
    .action(async (hiRxno: string, opts: OperatorOpts & { signer: string }) => {
      await withDesk(program, opts, async (desk) => printView(await desk.sign(hiRxno, opts.signer), opts.json));
    });

  withOperator(rx.command('drugs').description('电子处方药品目录查询 (7211)'))
    .option('--code <code>', '医疗目录编码')
    .option('--drug <text>', '通用名 (包含)')
    .option('--page <n>', '页码', '1')
    .action(async (opts: OperatorOpts & { code?: string; drug?: string; page: string }) => {
      const page = z.coerce.number().int().min(1).safeParse(opts.page);
      if (!page.success) throw new YibaoError('E_USAGE', '--page 应为正整数');
      await withApp(program, {}, async (app) => {
        const operator = operatorOf(opts);
        const result = await app.callAs(operator, '7211', {
          data: {
            page_num: page.data,
            page_size: 50,
            ...(opts.code ? { med_list_codg: opts.code } : {}),
            ...(opts.drug ? { drug_genname: opts.drug } : {}),
          },
        });
        const out = rxDrugQueryOutput.parse(result.output);
        if (opts.json) printJson(out);
        else {
          printTable(
            out.list.map((d) => ({
              编码: d.med_list_codg ?? '',
              通用名: d.drug_genname ?? '',
              规格: d.drug_spec ?? '',
              剂型: d.drug_dosform ?? '',
              等级: d.chrgitm_lv ?? '',
            })),
            ['编码', '通用名', '规格', '剂型', '等级'],
          );
          process.stdout.write(`共 ${out.total ?? out.list.length} 条\n`);
        }
      });
    });
}
