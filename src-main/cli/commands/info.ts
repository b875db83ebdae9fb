/** `yibao info institution|practitioner|policy`: 1201, 5102, 100001 (src-main/info/center-info.ts). */
import type { Command } from 'commander';
import { z } from 'zod';
import { YibaoError } from '../../core/errors';
import { maskIdNumber, maskName } from '../../core/mask';
import { PRACTITIONER_TYPES, queryInstitutions, queryPolicies, queryPractitioners } from '../../info/center-info';
import { withApp } from './call';
import { clockCheckOf, describeSkew } from '../../journal/clock-skew';
import { printJson, printTable } from '../output';
import { centerCallOptions, operatorOf } from '../operator-option';

interface Opts {
  opter?: string;
  name?: string;
  json?: boolean;
}

const common = centerCallOptions;

export function registerInfo(program: Command): void {
  const info = program.command('info').description('中心的基础信息: 医药机构 (1201)、医执人员 (5102)、政策项 (100001)');

  common(info.command('institution').description('医药机构信息获取 (1201)'))
    .option('--type <1|2>', '机构类型: 1 医疗机构, 2 零售药店', '2')
    .option('--code <fixmedins_code>', '机构编号')
    .option('--like <text>', '机构名称包含')
    .action(async (opts: Opts & { type: string; code?: string; like?: string }) => {
      const type = z.enum(['1', '2']).safeParse(opts.type);
      if (!type.success) throw new YibaoError('E_USAGE', '--type 应为 1 医疗机构 或 2 零售药店');
      await withApp(program, {}, async (app) => {
        const rows = await queryInstitutions(app, { type: type.data, code: opts.code, name: opts.like }, operatorOf(opts));
        if (opts.json) printJson(rows);
        else
          printTable(
            rows.map((r) => ({
              编号: r.fixmedins_code ?? '',
              名称: r.fixmedins_name ?? '',
              类型: r.fixmedins_type ?? '',
              等级: r.hosp_lv ?? '',
              信用代码: r.uscc ?? '',
            })),
            ['编号', '名称', '类型', '等级', '信用代码'],
          );
      });
    });

  common(info.command('practitioner').description('本机构的医执人员 (5102)'))
    .option('--type <1|2|3>', '1 医师, 2 护士, 3 药师', '3')
    .option('--show', '显示完整身份证号和姓名 (默认打码)')
    .action(async (opts: Opts & { type: string; show?: boolean }) => {
      const type = z.enum(['1', '2', '3']).safeParse(opts.type);
      if (!type.success) throw new YibaoError('E_USAGE', '--type 应为 1 医师, 2 护士 或 3 药师');
      await withApp(program, {}, async (app) => {
        const rows = (await queryPractitioners(app, { type: type.data }, operatorOf(opts))).map((r) =>
          opts.show ? r : { ...r, certno: maskIdNumber(r.certno), prac_psn_name: maskName(r.prac_psn_name) },
        );
        if (opts.json) printJson(rows, { reveal: opts.show === true });
        else
          printTable(
            rows.map((r) => ({
              编码: r.prac_psn_code,
              姓名: r.prac_psn_name,
              类别: PRACTITIONER_TYPES[type.data],
              身份证号: r.certno,
              执业证号: r.prac_cert_no ?? '',
            })),
            ['编码', '姓名', '类别', '身份证号', '执业证号'],
          );
      });
    });

  info
    .command('clock')
    .description('本机时钟与医保中心时钟之差 (取最近一笔应答的 respond_time)')
    .option('--json', '输出 JSON')
    .action(async (opts: { json?: boolean }) => {
      await withApp(program, { recover: false }, async (app) => {
        const check = clockCheckOf(app.journal);
        if (opts.json) printJson(check);
        else if (!check) process.stdout.write('交易流水中还没有带中心时间的应答, 无法比较时钟\n');
        else {
          process.stdout.write(
            `医保中心 ${check.centerTime} / 本机 ${check.localTime} (报文 ${check.msgid}): ${describeSkew(check.skewSeconds)}\n`,
          );
          if (check.warning) process.stdout.write(`警告: ${check.warning}\n`);
        }
        if (check?.warning) process.exitCode = 2;
      });
    });

  common(info.command('policy').description('政策项查询 (100001)'))
    .option('--insutype <code>', '险种, 例如 310')
    .option('--med-type <code>', '医疗类别, 例如 11')
    .action(async (opts: Opts & { insutype?: string; medType?: string }) => {
      await withApp(program, {}, async (app) => {
        const rows = await queryPolicies(app, { insutype: opts.insutype, medType: opts.medType }, operatorOf(opts));
        if (opts.json) printJson(rows);
        else
          printTable(
            rows.map((r) => ({
              政策项: r.poli_item_code ?? '',
              名称: r.poli_item_name ?? '',
              级别: r.fixmedins_lv ?? '',
              值: `${r.poli_val ?? ''}${r.poli_val_unit ?? ''}`,
            })),
            ['政策项', '名称', '级别', '值'],
          );
      });
    });
}
