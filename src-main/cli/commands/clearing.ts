/**
 * `yibao clearing list|cancel <id>|print <id>`: the clearing applications a region makes with its own
 * transactions (湖北 3202a / 1608, made by `yibao reconcile` once last month balanced); withdraw one
 * (3204a / 1618) or print its application form (3205a).
 */
import type { Command } from 'commander';
import { YibaoError } from '../../core/errors';
import { formatYuan, type Fen } from '../../core/money';
import { ClearingApplicationStore, cancelClearing, printClearing } from '../../reconcile/clearing-applications';
import type { ClearingApplicationView } from '../../reconcile/views';
import { printJson, printTable } from '../output';
import { withApp } from './call';
import { operatorOf } from '../operator-option';

const yuan = (f: number) => formatYuan(f as Fen);

function printApplications(list: readonly ClearingApplicationView[]): void {
  printTable(
    list.map((a) => ({
      编号: a.id,
      人员: a.personsLabel,
      交易: a.infno,
      申请号: a.evtId,
      期间: `${a.begndate} 至 ${a.enddate}`,
      险种: a.insutype,
      清算类别: a.clrType,
      经办机构: a.setlOptins,
      笔数: a.count,
      医疗费总额: yuan(a.medfeeFen),
      基金支付: yuan(a.fundPayFen),
      个人账户: yuan(a.acctPayFen),
      状态: a.standing ? '已申请' : `已撤销 ${a.cancelledAt ?? ''}`,
    })),
    [
      '编号',
      '人员',
      '交易',
      '申请号',
      '期间',
      '险种',
      '清算类别',
      '经办机构',
      '笔数',
      '医疗费总额',
      '基金支付',
      '个人账户',
      '状态',
    ],
  );
}

function parseId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new YibaoError('E_USAGE', `清算申请编号应为正整数 (收到 "${text}")`);
  return id;
}

export function registerClearing(program: Command): void {
  const clearing = program.command('clearing').description('清算申请 (湖北 3202a / 1608): 查看、撤销、打印申请单');
  clearing
    .command('list')
    .description('本机的清算申请 (最新在前)')
    .option('--json', '输出 JSON')
    .action(async (opts: { json?: boolean }) => {
      await withApp(program, { recover: false }, (app) => {
        const list = new ClearingApplicationStore(app).list();
        if (opts.json) printJson(list);
        else {
          printApplications(list);
          process.stdout.write(`共 ${list.length} 项清算申请\n`);
        }
        return Promise.resolve();
      });
    });
  for (const [name, description] of [
    ['cancel', '撤销一项清算申请 (本地 3204a, 异地 1618)'],
    ['print', '打印清算申请单 (3205a)'],
  ] as const) {
    clearing
      .command(`${name} <id>`)
      .description(description)
      .option('--opter <code>', '操作员编号 (默认: 最近签到的操作员)')
      .option('--name <name>', '操作员姓名')
      .option('--json', '输出 JSON')
      .action(async (idText: string, opts: { opter?: string; name?: string; json?: boolean }) => {
        const id = parseId(idText);
        await withApp(program, {}, async (app) => {
          const operator = operatorOf(opts);
          const result = name === 'cancel' ? await cancelClearing(app, id, operator) : await printClearing(app, id, operator);
          if (opts.json) printJson(result);
          else if ('form' in result) {
            const f = result.form;
            process.stdout.write(
              `清算申请单 ${f.clr_appy_evt_id}\n${f.fixmedins_name ?? ''} (${f.fixmedins_code ?? ''})\n${f.appy_name ?? ''} ${f.appy_infno ?? ''}  申请时间 ${f.appy_time ?? ''}\n` +
                `期间 ${f.stmt_begndate ?? ''} 至 ${f.stmt_enddate ?? ''}  险种 ${f.insutype ?? ''}  清算类别 ${f.clr_type ?? ''}  经办机构 ${f.setl_optins ?? ''}\n` +
                `笔数 ${f.fixmedins_setl_cnt ?? ''}  医疗费总额 ${f.medfee_sumamt ?? ''}  基金支付 ${f.fund_pay_sumamt ?? ''}  个人账户 ${f.acct_pay ?? ''}\n` +
                `状态 ${f.appy_stas === '0' ? '已撤销' : '已申请'}\n`,
            );
          } else printApplications([result]);
        });
      });
  }
}
