/** `yibao journal [--state S] [--since T] [--json]` and `yibao journal resolve`. */
import type { Command } from 'commander';
import { YibaoError } from '../../core/errors';
import { maskJsonText } from '../../core/mask';
import { answerWarningsOf, JOURNAL_STATES, type JournalEntry, type JournalState } from '../../journal/journal-store';
import { describeProblems } from '../../protocol/answer-fields';
import { printJson, printTable } from '../output';
import { withApp } from './call';
import { shopJournalRows } from '../../shop/shop-journal';
import { ArchiveScheduler } from '../../journal/archive/archive-scheduler';
import { archiveRunLine } from '../../journal/archive/archive-run';
import { archiveAfterYearsSchema } from '../../journal/archive/archive-setting';

function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text)) throw new YibaoError('E_USAGE', `--archive 应为 4 位年份 (如 2021), 收到 "${text}"`);
  return Number(text);
}

function parseStates(text: string | undefined): JournalState[] | undefined {
  if (!text) return undefined;
  const states = text.split(',').map((s) => s.trim());
  for (const s of states) {
    if (!(JOURNAL_STATES as readonly string[]).includes(s)) {
      throw new YibaoError('E_USAGE', `--state 只能是 ${JOURNAL_STATES.join(' / ')} (可用逗号分隔多个), 收到 "${s}"`);
    }
  }
  return states as JournalState[];
}

/** The row's note: its resolution or failure, and the answer's warnings (issue 16). */
function noteOf(r: JournalEntry): string {
  const warnings = answerWarningsOf(r);
  const note = r.resolution ?? r.failureMsg ?? '';
  if (warnings.length === 0) return note;
  const text = `答复警告 ${warnings.length} 项: ${describeProblems(warnings)}`;
  return note ? `${note}; ${text}` : text;
}

interface JournalOptions {
  state?: string;
  since?: string;
  infno?: string;
  text?: string;
  shop?: boolean;
  counter?: string;
  archive?: string;
  limit?: number;
  json?: boolean;
}

export function registerJournal(program: Command): void {
  const journal = program
    .command('journal')
    .description('交易流水: 每笔调用及其状态 (个人信息已脱敏)')
    .option('--state <states>', `按状态过滤: ${JOURNAL_STATES.join(', ')}`)
    .option('--since <time>', '起始时间 yyyy-MM-dd[ HH:mm:ss]')
    .option('--infno <code>', '只看某个交易')
    .option('--text <text>', '请求或应答包含这段文字 (如结算ID、人员编号)')
    .option('--shop', '门店全部收银台的流水 (门店库, 只读; 结算、退费、冲正、签到签退)')
    .option('--counter <name>', '与 --shop 一起用: 只看这台收银台的流水')
    .option('--archive <year>', '查该年的归档流水 (数据目录 archive/journal-年份.sqlite, 只读)')
    .option('--limit <n>', '条数 (默认 200)', (v) => Number(v))
    .option('--json', '输出 JSON (含脱敏后的请求与应答)')
    .action(async (opts: JournalOptions) => {
      const states = parseStates(opts.state);
      const year = parseYear(opts.archive);
      if (year !== undefined && opts.shop) throw new YibaoError('E_USAGE', '--archive 与 --shop 不能同时使用');
      await withApp(program, { recover: false }, async (app) => {
        const filter = { states, since: opts.since, infno: opts.infno, textContains: opts.text, limit: opts.limit };
        // An archive is a journal file: the same list code reads it.
        const rows: (JournalEntry & { counter?: string })[] = opts.shop
          ? await shopJournalRows(app, { ...filter, counter: opts.counter })
          : (year === undefined ? app.journal : app.archives.store(year)).list(filter);
        if (opts.json) {
          printJson(
            rows.map((r) => ({
              ...r,
              requestJson: undefined,
              responseJson: undefined,
              answerWarnings: answerWarningsOf(r),
              request: JSON.parse(maskJsonText(r.requestJson) ?? 'null') as unknown,
              response: JSON.parse(maskJsonText(r.responseJson) ?? 'null') as unknown,
            })),
          );
          return;
        }
        printTable(
          rows.map((r) => ({ ...r, note: noteOf(r) })),
          [...(opts.shop ? ['counter'] : ['id']), 'preparedAt', 'infno', 'msgid', 'opter', 'state', 'attempts', 'note'],
        );
        process.stdout.write(`共 ${rows.length} 条\n`);
      });
    });

  journal
    .command('archive')
    .description('流水归档: 把 N 年前各年已完结的流水移到 数据目录/archive/journal-年份.sqlite')
    .option('--now', '立即归档一次 (收银台每天启动后也会自动做一次)')
    .option('--years <n>', '归档多少年前的流水 (默认: 配置 journal.archiveAfterYears)', (v) => Number(v))
    .option('--json', '输出 JSON')
    .action(async (opts: { now?: boolean; years?: number; json?: boolean }) => {
      const json = opts.json === true || journal.opts<{ json?: boolean }>().json === true;
      if (!opts.now) throw new YibaoError('E_USAGE', '请加 --now 立即归档 (查看归档流水: yibao journal --archive 年份)');
      // The setting's own rule (whole years, 1–100), so --years and the config accept the same values.
      const checked = opts.years === undefined ? null : archiveAfterYearsSchema.safeParse(opts.years);
      if (checked && !checked.success) {
        throw new YibaoError('E_USAGE', `--years: ${checked.error.issues[0]?.message ?? '归档年限不正确'}`);
      }
      await withApp(program, { recover: false }, async (app) => {
        const years = opts.years ?? app.loaded.config.journal.archiveAfterYears;
        if (years === null) {
          throw new YibaoError('E_USAGE', '流水归档未开启: 在配置中设置 journal.archiveAfterYears (年), 或加 --years N');
        }
        const result = await new ArchiveScheduler(app.db, app.archives, years).runNow();
        if (json) printJson(result);
        else process.stdout.write(`${archiveRunLine(result)}\n归档文件夹: ${app.archives.folder}\n`);
        if (result.error) process.exitCode = 1;
      });
    });

  journal
    .command('resolve')
    .description('立即处理结果未明的交易 (自动冲正等), 并打印处理结果')
    .option('--json', '输出 JSON')
    .action(async (opts: { json?: boolean }) => {
      // `--json` is also an option of `journal` itself, which takes it when given after `resolve`.
      const json = opts.json === true || journal.opts<{ json?: boolean }>().json === true;
      await withApp(program, { recover: false }, async (app) => {
        const report = await app.resolver.resolveAll({ ignoreBackoff: true });
        if (json) printJson(report);
        else {
          for (const line of report.lines) process.stdout.write(`${line}\n`);
          process.stdout.write(
            `检查 ${report.examined} 笔: 已冲正 ${report.reversed}, 未生效或无需处理 ${report.noEffect}, 需人工 ${report.needsManual}, 待重试 ${report.pending}; 结果未知的冲正报文已结 ${report.attemptsSettled} 条\n`,
          );
        }
        if (report.pending > 0) process.exitCode = 3;
      });
    });
}
