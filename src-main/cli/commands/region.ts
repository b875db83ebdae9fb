/**
 * `yibao region …`: the region's own transactions (四川 S / Z codes, profile regionCodes; a counter of a
 * region without one is told so): `sheet` 结算单数据 (S3601), `chronic-rx upload|list` 门慢门特处方
 * (S3701 / S5201), `dialysis` 血透指标 (S3702), `two-disease file|revoke` 城乡两病备案 (Z1101 / Z1102),
 * `no-password apply|list` 无密码结算申请 (S3901 / S5901). 财政电子票据 (S3301 / S3302): `yibao einvoice
 * fiscal-upload|fiscal-query`. The work is done in src-main/region/.
 */
import type { Command } from 'commander';
import { YibaoError } from '../../core/errors';
import { formatYuan } from '../../core/money';
import type { CounterApp } from '../../app/counter-app';
import { SettlementHistory } from '../../counter/settlement-history';
import { fetchSettlementSheet } from '../../region/settlement-sheet';
import { ChronicVisitDesk, type Indicator } from '../../region/chronic-visit-desk';
import { PersonFilings } from '../../region/person-filings';
import { printJson, printTable } from '../output';
import { withApp } from './call';
import { centerCallOptions, operatorOf, type OperatorOpts } from '../operator-option';

interface Opts extends OperatorOpts {
  json?: boolean;
}

const common = centerCallOptions;

async function signedIn<T>(program: Command, opts: Opts, fn: (app: CounterApp) => Promise<T>): Promise<T> {
  const operator = operatorOf(opts);
  return withApp(program, {}, async (app) => {
    if (operator) await app.sessions.ensure(app.client, operator);
    return fn(app);
  });
}

function out(opts: Opts, value: unknown, text: string): void {
  if (opts.json) printJson(value);
  else process.stdout.write(`${text}\n`);
}

/** `--indx code:name:value[:unit]` */
function indicatorOf(text: string, all: Indicator[]): Indicator[] {
  const [code, name, value, unit] = text.split(':');
  if (!code || !name || !value) throw new YibaoError('E_USAGE', `--indx 格式应为 代码:名称:值[:单位] (收到 "${text}")`);
  return [...all, { code, name, value, ...(unit ? { unit } : {}) }];
}

function registerSheet(region: Command, program: Command): void {
  common(region.command('sheet <setl_id>').description('结算单数据获取 (四川 S3601)')).action(
    async (setlId: string, opts: Opts) => {
      await signedIn(program, opts, async (app) => {
        const history = new SettlementHistory(app.journal, app.loaded.config.institution.fixmedinsCode);
        const sheet = await fetchSettlementSheet(app, history, setlId);
        if (opts.json) return printJson(sheet);
        process.stdout.write(
          `结算单 (${sheet.infno}) 结算ID ${sheet.setlId}  就诊ID ${sheet.mdtrtId}  ${sheet.psnNameMasked}  ${sheet.setlTime}\n` +
            `医疗费总额 ${formatYuan(sheet.medfeeFen)}  基金支付 ${formatYuan(sheet.fundPayFen)}  个人账户 ${formatYuan(sheet.acctPayFen)}  现金 ${formatYuan(sheet.cashFen)}\n`,
        );
        printTable(
          sheet.funds.map((f) => ({ 基金: `${f.type} ${f.name}`, 金额: formatYuan(f.amountFen) })),
          ['基金', '金额'],
        );
        printTable(
          sheet.lines.map((l) => ({ 项目编码: l.code, 数量: l.cntText, 金额: formatYuan(l.amountFen) })),
          ['项目编码', '数量', '金额'],
        );
        return undefined;
      });
    },
  );
}

function registerChronic(region: Command, program: Command): void {
  const rx = region.command('chronic-rx').description('门慢门特处方: 上传 (四川 S3701)、查询 (S5201)');
  common(
    rx
      .command('upload <mdtrt_id>')
      .description('上传一次门慢门特就诊 (医疗类别 14) 的处方; 药品取自该就诊已上传的费用明细')
      .requiredOption('--dise-code <code>', '门慢门特病种代码')
      .requiredOption('--dise-name <name>', '门慢门特病种名称')
      .option('--rxno <no>', '处方号 (默认: 第一张收费单的收费批次号)'),
  ).action(async (mdtrtId: string, opts: Opts & { diseCode: string; diseName: string; rxno?: string }) => {
    await signedIn(program, opts, async (app) => {
      const r = await new ChronicVisitDesk(app).uploadRx({
        mdtrtId,
        diseCode: opts.diseCode,
        diseName: opts.diseName,
        ...(opts.rxno ? { rxno: opts.rxno } : {}),
      });
      out(opts, r, `已上传门慢门特处方 (${r.infno}) 处方号 ${r.rxno}  药品 ${r.drugCount} 项`);
    });
  });
  common(
    rx.command('list <mdtrt_id>').description('查询该就诊人员的门慢门特处方').option('--visit-only', '只查这次就诊的处方'),
  ).action(async (mdtrtId: string, opts: Opts & { visitOnly?: boolean }) => {
    await signedIn(program, opts, async (app) => {
      const list = await new ChronicVisitDesk(app).listRx(mdtrtId, opts.visitOnly === true);
      if (opts.json) return printJson(list);
      printTable(
        list.map((r) => ({
          处方号: r.rxno,
          就诊ID: r.mdtrt_id,
          时间: r.rx_time ?? '',
          病种: `${r.opsp_dise_code ?? ''} ${r.opsp_dise_name ?? ''}`,
          药品数: r.rxdetail.length,
        })),
        ['处方号', '就诊ID', '时间', '病种', '药品数'],
      );
      process.stdout.write(`共 ${list.length} 张处方\n`);
      return undefined;
    });
  });
  common(
    region
      .command('dialysis <mdtrt_id>')
      .description('门慢血透指标上传 (四川 S3702, 血透机构必做)')
      .requiredOption('--dise-code <code>', '门慢门特病种代码')
      .requiredOption('--date <yyyy-MM-dd>', '检查日期')
      .option('--indx <code:name:value[:unit]>', '一项指标 (可重复)', indicatorOf, [] as Indicator[]),
  ).action(async (mdtrtId: string, opts: Opts & { diseCode: string; date: string; indx: Indicator[] }) => {
    await signedIn(program, opts, async (app) => {
      const r = await new ChronicVisitDesk(app).uploadDialysis({
        mdtrtId,
        diseCode: opts.diseCode,
        examDate: opts.date,
        indicators: opts.indx,
      });
      out(opts, r, `已上传血透指标 (${r.infno}) 就诊ID ${r.mdtrtId}  ${r.count} 项`);
    });
  });
}

function registerFilings(region: Command, program: Command): void {
  const two = region.command('two-disease').description('城乡两病备案 (四川 Z1101) 与撤销 (Z1102)');
  common(
    two
      .command('file <psn_no>')
      .description('为城乡居民办理两病 (高血压 / 糖尿病) 备案; 打印备案流水号, 撤销时要用')
      .requiredOption('--dise-code <code>', '病种代码')
      .requiredOption('--dise-name <name>', '病种名称')
      .option('--begin <yyyy-MM-dd>', '开始日期 (默认今天)')
      .option('--end <yyyy-MM-dd>', '结束日期')
      .option('--opinion <text>', '医院意见'),
  ).action(
    async (
      psnNo: string,
      opts: Opts & { diseCode: string; diseName: string; begin?: string; end?: string; opinion?: string },
    ) => {
      await signedIn(program, opts, async (app) => {
        const r = await new PersonFilings(app).fileTwoDisease({
          psnNo,
          diseCode: opts.diseCode,
          diseName: opts.diseName,
          ...(opts.begin ? { begndate: opts.begin } : {}),
          ...(opts.end ? { enddate: opts.end } : {}),
          ...(opts.opinion ? { doctorOpinion: opts.opinion } : {}),
        });
        out(opts, r, `已备案 (${r.infno}) 备案流水号 ${r.serial}`);
      });
    },
  );
  common(two.command('revoke <psn_no> <serial>').description('撤销一项两病备案').option('--memo <text>', '备注')).action(
    async (psnNo: string, serial: string, opts: Opts & { memo?: string }) => {
      await signedIn(program, opts, async (app) => {
        const r = await new PersonFilings(app).revokeTwoDisease(psnNo, serial, opts.memo);
        out(opts, r, `已撤销两病备案 (${r.infno}) ${r.serial}`);
      });
    },
  );

  const np = region.command('no-password').description('无密码结算申请 (四川 S3901) 与查询 (S5901)');
  common(
    np
      .command('apply <psn_no>')
      .description('申请一段时间内无密码结算')
      .requiredOption('--reason <text>', '申请原因')
      .requiredOption('--begin <yyyy-MM-dd>', '开始日期')
      .requiredOption('--end <yyyy-MM-dd>', '结束日期')
      .option('--agent <name>', '代办人姓名')
      .option('--agent-tel <tel>', '代办人电话'),
  ).action(
    async (psnNo: string, opts: Opts & { reason: string; begin: string; end: string; agent?: string; agentTel?: string }) => {
      await signedIn(program, opts, async (app) => {
        const r = await new PersonFilings(app).applyNoPassword({
          psnNo,
          reason: opts.reason,
          begndate: opts.begin,
          enddate: opts.end,
          ...(opts.agent ? { agentName: opts.agent } : {}),
          ...(opts.agentTel ? { agentTel: opts.agentTel } : {}),
        });
        out(opts, r, `已申请无密码结算 (${r.infno}) 申请号 ${r.applicationId}`);
      });
    },
  );
  common(np.command('list <psn_no>').description('该人员的无密码结算申请')).action(async (psnNo: string, opts: Opts) => {
    await signedIn(program, opts, async (app) => {
      const list = await new PersonFilings(app).listNoPassword(psnNo);
      if (opts.json) return printJson(list);
      printTable(
        list.map((a) => ({
          申请号: a.appy_id,
          期间: `${a.begndate ?? ''} 至 ${a.enddate ?? ''}`,
          原因: a.appy_rea ?? '',
          状态: a.vali_flag === '1' ? '有效' : a.vali_flag === '0' ? '已过期' : '',
        })),
        ['申请号', '期间', '原因', '状态'],
      );
      process.stdout.write(`共 ${list.length} 项申请\n`);
      return undefined;
    });
  });
}

export function registerRegion(program: Command): void {
  const region = program.command('region').description('地区交易 (四川 S / Z 交易; 本机地区配置没有的交易会提示)');
  registerSheet(region, program);
  registerChronic(region, program);
  registerFilings(region, program);
}
