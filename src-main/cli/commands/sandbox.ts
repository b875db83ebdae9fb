/**
 * `yibao sandbox [--port N] [--data DIR] [--seed N]` starts the sandbox center;
 * `yibao sandbox persons|fault|faults|log` talk to a running one through its admin endpoint
 * (found via <data>/sandbox-state.json) or read its data directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { YibaoError } from '../../core/errors';
import { loadConfig, sandboxDataDir } from '../../config/load';
import { startSandboxCenter, stateFilePath, type SandboxStateFile } from '../../sandbox/server';
import { ANSWER_STYLES, type AnswerStyle } from '../../sandbox/center/answer-shape';
import { FAULT_MODE_HELP, parseFaultMode } from '../../sandbox/center/faults';
import { printJson, printTable } from '../output';

interface Global {
  config?: string;
}

function defaultDataDir(program: Command): { dataDir: string; seed: number; port: number } {
  const loaded = loadConfig({ path: program.opts<Global>().config });
  return {
    dataDir: sandboxDataDir(loaded),
    seed: loaded.config.sandbox.seed,
    port: loaded.config.sandbox.port,
  };
}

function adminUrlOf(dataDir: string, explicit?: string): string {
  if (explicit) return explicit.replace(/\/+$/, '');
  const path = stateFilePath(dataDir);
  if (!existsSync(path)) {
    throw new YibaoError(
      'E_SANDBOX_NOT_RUNNING',
      `沙箱中心未运行 (找不到 ${path}); 先运行 yibao sandbox, 或用 --admin 指定管理地址`,
    );
  }
  return (JSON.parse(readFileSync(path, 'utf8')) as SandboxStateFile).adminUrl;
}

async function admin(url: string, method: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new YibaoError('E_SANDBOX_ADMIN', `无法连接沙箱管理地址 ${url}: ${(cause as Error).message}`, {}, { cause });
  }
  const payload = (await res.json()) as { ok: boolean; error?: string; value?: unknown };
  if (!payload.ok) throw new YibaoError('E_SANDBOX_ADMIN', `沙箱中心拒绝了请求: ${payload.error ?? res.status}`);
  return payload.value;
}

export function registerSandbox(program: Command): void {
  const sandbox = program
    .command('sandbox')
    .description('沙箱医保中心: 启动 / 参保人 / 故障注入 / 报文日志')
    .option('--port <n>', '协议端口 (默认配置 sandbox.port, 0 = 任意空闲端口)', (v) => Number(v))
    .option('--admin-port <n>', '管理端口 (默认任意空闲端口)', (v) => Number(v))
    .option('--data <dir>', '数据目录 (默认 <用户数据目录>/sandbox)')
    .option('--seed <n>', '种子数据的随机种子 (默认配置 sandbox.seed)', (v) => Number(v))
    .option('--answers <style>', 'full (默认) / sparse: 应答省略 protocol.md 未标非空的字段, 数值随机以字符串发送')
    .action(async (opts: { port?: number; adminPort?: number; data?: string; seed?: number; answers?: string }) => {
      if (opts.answers !== undefined && !(ANSWER_STYLES as readonly string[]).includes(opts.answers)) {
        throw new YibaoError('E_USAGE', `--answers 只能是 ${ANSWER_STYLES.join(' / ')}, 收到 "${opts.answers}"`);
      }
      const d = defaultDataDir(program);
      const dataDir = opts.data ?? d.dataDir;
      const running = await startSandboxCenter({
        dataDir,
        port: opts.port ?? d.port,
        adminPort: opts.adminPort,
        seed: opts.seed ?? d.seed,
        answers: opts.answers as AnswerStyle | undefined,
        writeStateFile: true,
      });
      process.stdout.write(
        `沙箱医保中心已启动\n  协议地址: ${running.url}\n  管理地址: ${running.adminUrl}\n  数据目录: ${dataDir}\n按 Ctrl+C 退出\n`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await running.close();
    });

  const dataOpt = (cmd: Command) =>
    cmd.option('--data <dir>', '沙箱数据目录').option('--admin <url>', '沙箱管理地址 (默认从数据目录的 sandbox-state.json 读取)');
  // --data is also an option of `sandbox` itself, so commander may file it under the parent: read both.
  const target = (opts: { data?: string; admin?: string }) => {
    const data = opts.data ?? sandbox.opts<{ data?: string }>().data;
    return adminUrlOf(data ?? defaultDataDir(program).dataDir, opts.admin);
  };

  dataOpt(sandbox.command('persons').description('列出种子参保人 (卡号、电子凭证令牌, 供测试挑选)'))
    .option('--json', '输出 JSON')
    .option('--category <c>', '只列某类人员')
    .action(async (opts: { data?: string; admin?: string; json?: boolean; category?: string }) => {
      const persons = (await admin(`${target(opts)}/admin/persons`, 'GET')) as Record<string, unknown>[];
      const rows = opts.category ? persons.filter((p) => p['category'] === opts.category) : persons;
      // Fictitious training persons: their card numbers and tokens are what this listing is for.
      if (opts.json) printJson(rows, { reveal: true });
      else
        printTable(rows, [
          'psn_no',
          'psn_name',
          'category_label',
          'age',
          'insutype',
          'balc',
          'certno',
          'card_no',
          'card_sn',
          'ec_token',
          'insuplc_admdvs',
        ]);
    });

  dataOpt(sandbox.command('prescriptions').description('列出中心开具的医保电子处方 (参保人、状态、有效期, 供 yibao rx 练习)'))
    .option('--json', '输出 JSON')
    .option('--state <s>', '只列某状态, 例如 issued')
    .action(async (opts: { data?: string; admin?: string; json?: boolean; state?: string }) => {
      const all = (await admin(`${target(opts)}/admin/prescriptions`, 'GET')) as Record<string, unknown>[];
      const rows = opts.state ? all.filter((p) => p['state'] === opts.state) : all;
      if (opts.json) printJson(rows, { reveal: true });
      else
        printTable(rows, ['hi_rxno', 'state', 'psn_name', 'certno', 'category', 'valid_end_time', 'drugs', 'total', 'pharmacy']);
    });

  dataOpt(sandbox.command('fault <infno> <mode>').description(`注入故障, infno 或 * ; 模式: ${FAULT_MODE_HELP}`))
    .option('--times <n>', '生效次数 (默认 1)', (v) => Number(v))
    .action(async (infno: string, mode: string, opts: { data?: string; admin?: string; times?: number }) => {
      parseFaultMode(mode);
      const value = await admin(`${target(opts)}/admin/faults`, 'POST', { infno, mode, times: opts.times ?? 1 });
      printJson(value);
    });

  dataOpt(sandbox.command('faults').description('列出待生效的故障'))
    .option('--clear', '清除全部故障')
    .action(async (opts: { data?: string; admin?: string; clear?: boolean }) => {
      printJson(await admin(`${target(opts)}/admin/faults`, opts.clear ? 'DELETE' : 'GET'));
    });

  dataOpt(sandbox.command('log').description('报文日志 (每笔请求及其结果、注入的故障)'))
    .option('--infno <code>', '只看某个交易')
    .option('--limit <n>', '条数 (默认 50)', (v) => Number(v))
    .option('--json', '输出 JSON')
    .action(async (opts: { data?: string; admin?: string; infno?: string; limit?: number; json?: boolean }) => {
      const q = new URLSearchParams({ limit: String(opts.limit ?? 50), ...(opts.infno ? { infno: opts.infno } : {}) });
      const rows = (await admin(`${target(opts)}/admin/messages?${q}`, 'GET')) as Record<string, unknown>[];
      if (opts.json) printJson(rows);
      else printTable(rows, ['id', 'received_at', 'infno', 'msgid', 'opter', 'infcode', 'fault', 'err_msg']);
    });
}
