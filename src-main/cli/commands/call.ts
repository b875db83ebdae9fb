/** `yibao call <infno> [--input JSON|@file] [--center URL] [--json]` and signin / signout. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SafeControl } from '../../counter/safe-control';
import { PersonDesk } from '../../counter/person';
import { YibaoError } from '../../core/errors';
import { requireInterface } from '../../registry/registry';
import { openCounterApp, type CounterApp, type OpenOptions } from '../../app/counter-app';
import type { Operator } from '../../protocol/center-client';
import { printJson } from '../output';
import { parseJsonText } from '../../core/bom';

interface GlobalOpts {
  config?: string;
  center?: string;
}

export async function withApp<T>(
  program: Command,
  options: Omit<OpenOptions, 'configPath' | 'centerUrl'>,
  fn: (app: CounterApp) => Promise<T>,
): Promise<T> {
  const g = program.opts<GlobalOpts>();
  const app = await openCounterApp({ ...options, configPath: g.config, centerUrl: g.center });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

export function parseInputOption(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let source = text;
  let origin = '--input';
  if (text.startsWith('@')) {
    origin = text.slice(1);
    try {
      source = readFileSync(origin, 'utf8');
    } catch (cause) {
      throw new YibaoError('E_USAGE', `无法读取入参文件 ${origin}: ${(cause as Error).message}`, {}, { cause });
    }
  }
  let value: unknown;
  try {
    value = parseJsonText(source);
  } catch (cause) {
    throw new YibaoError('E_USAGE', `${origin} 不是有效的 JSON: ${(cause as Error).message}`, {}, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new YibaoError('E_USAGE', `${origin} 必须是 JSON 对象, 例如 {"data": {...}}`);
  }
  return value as Record<string, unknown>;
}

function operatorFrom(opts: { opter?: string; name?: string }): Operator | undefined {
  if (opts.opter === undefined && opts.name === undefined) return undefined;
  if (!opts.opter || !opts.name) throw new YibaoError('E_USAGE', '--opter 和 --name 需要同时给出');
  return { opter: opts.opter, opterName: opts.name };
}

export function registerCall(program: Command): void {
  program
    .command('call <infno>')
    .description('调用一个交易 (完整报文头, 需要时先签到); 退出码 0 成功, 2 中心拒绝, 3 结果未知, 1 用法或配置错误')
    .option('--input <json>', '交易入参 JSON, 或 @文件路径')
    .option('--opter <code>', '操作员编号 (默认: 最近签到的操作员)')
    .option('--name <name>', '操作员姓名')
    .option('--insuplc <admdvs>', '参保地医保区划 (默认取自该人员最近一次 1101)')
    .option('--json', '输出 JSON')
    .option('--show', '显示完整的个人信息 (默认脱敏)')
    .action(
      async (
        infno: string,
        opts: { input?: string; opter?: string; name?: string; insuplc?: string; json?: boolean; show?: boolean },
      ) => {
        requireInterface(infno);
        const input = parseInputOption(opts.input);
        await withApp(program, {}, async (app) => {
          const result = await app.callAs(operatorFrom(opts), infno, input, opts.insuplc ? { insuplcAdmdvs: opts.insuplc } : {});
          const output = Buffer.isBuffer(result.output) ? { bytes: result.output.length } : result.output;
          const reveal = { reveal: opts.show === true };
          if (opts.json) {
            printJson({ infno, msgid: result.msgid, infRefmsgid: result.infRefmsgid, warnMsg: result.warnMsg, output }, reveal);
          } else {
            process.stdout.write(`交易 ${infno} 成功  msgid=${result.msgid}  耗时 ${Math.round(result.elapsedMs)} ms\n`);
            if (result.warnMsg) process.stdout.write(`警告: ${result.warnMsg}\n`);
            printJson(output, reveal);
          }
        });
      },
    );

  program
    .command('signin')
    .description('操作员签到 (9001)')
    .requiredOption('--opter <code>', '操作员编号')
    .requiredOption('--name <name>', '操作员姓名')
    .option('--json', '输出 JSON')
    .action(async (opts: { opter: string; name: string; json?: boolean }) => {
      await withApp(program, {}, async (app) => {
        const { session, result } = await app.sessions.signInWithResult(app.client, { opter: opts.opter, opterName: opts.name });
        // As the screen's sign-in: the region's 安全控件 is initialised right after 9001 (seed 003 第七章 step 1).
        // The control lives in this process only, so here it tells whether the control answers.
        const control = new SafeControl(app, new PersonDesk(app));
        const safeControl = await control.initialise();
        await control.close();
        if (opts.json)
          printJson({
            opter: session.opter,
            signNo: session.signNo,
            signTime: session.signTime,
            msgid: result.msgid,
            safeControl,
          });
        else {
          process.stdout.write(`签到成功: 操作员 ${session.opter}  签到编号 ${session.signNo}  时间 ${session.signTime}\n`);
          if (safeControl.required) {
            process.stdout.write(safeControl.ready ? '安全控件: 初始化成功\n' : `安全控件: ${safeControl.message ?? '未就绪'}\n`);
          }
        }
      });
    });

  program
    .command('signout')
    .description('操作员签退 (9002)')
    .option('--opter <code>', '操作员编号 (默认: 最近签到的操作员)')
    .option('--json', '输出 JSON')
    .action(async (opts: { opter?: string; json?: boolean }) => {
      await withApp(program, {}, async (app) => {
        const { session, signOutTime } = await app.sessions.signOut(app.client, opts.opter);
        if (opts.json) printJson({ opter: session.opter, signNo: session.signNo, signOutTime });
        else process.stdout.write(`签退成功: 操作员 ${session.opter}  签到编号 ${session.signNo}  时间 ${signOutTime}\n`);
      });
    });
}
