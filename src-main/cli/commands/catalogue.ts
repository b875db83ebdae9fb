/**
 * `yibao catalogue sync [--only 1301,1312] [--json]`, `yibao catalogue search <text>` and
 * `yibao catalogue status`: the local catalogue from the command line.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load';
import { YibaoError } from '../../core/errors';
import { formatPrice, formatRatio } from '../../core/money';
import { catalogueLabel } from '../../catalogue/catalogues';
import { centerPort } from '../../catalogue/center-port';
import { LocalCatalogue } from '../../catalogue/local-catalogue';
import { syncCatalogue, type StepResult, type SyncProgress } from '../../catalogue/sync';
import { printJson, printTable } from '../output';
import { withApp } from './call';
import { operatorOf } from '../operator-option';

function parseOnly(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The local catalogue of the configured counter, without starting the app: searching needs
 * no center (and must not start the embedded sandbox).
 */
function withLocalCatalogue<T>(program: Command, fn: (local: LocalCatalogue, profile: string) => T): T {
  const loaded = loadConfig({ path: program.opts<{ config?: string }>().config });
  const local = LocalCatalogue.open(join(loaded.dataDir, 'yibao.sqlite'));
  try {
    return fn(local, loaded.config.profile);
  } finally {
    local.close();
  }
}

/** One line on stderr, redrawn in place on a terminal; a line per finished step otherwise. */
class ProgressLine {
  private readonly tty = process.stderr.isTTY === true;
  private prefix = '';
  private lastDraw = 0;

  onProgress = (p: SyncProgress): void => {
    switch (p.kind) {
      case 'step':
        this.prefix = `[${p.index + 1}/${p.steps}] ${catalogueLabel(p.step.infno)}`;
        this.draw('', 0, 0, true);
        break;
      case 'file':
        this.draw(`版本 ${p.ver} 之后`, p.rows, p.dataCnt);
        break;
      case 'page':
        this.draw(`第 ${p.page} 页`, p.rows, p.total ?? 0);
        break;
      case 'dictionary':
        this.draw(p.type, p.done, p.of);
        break;
      case 'done':
        this.finish(p.result);
        break;
    }
  };

  private draw(what: string, done: number, of: number, force = false): void {
    if (!this.tty) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 24;
    const filled = of > 0 ? Math.min(width, Math.round((done / of) * width)) : 0;
    const bar = of > 0 ? `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ` : '';
    const count = of > 0 ? `${done.toLocaleString('en-US')}/${of.toLocaleString('en-US')}` : done > 0 ? String(done) : '';
    process.stderr.write(`\r\x1b[2K${this.prefix}  ${bar}${count} ${what}`);
  }

  private finish(r: StepResult): void {
    const line = r.refused
      ? `${this.prefix}  中心拒绝, 已跳过: ${r.refused}`
      : `${this.prefix}  收到 ${r.rows} 行, 写入 ${r.written}, 未变 ${r.unchanged}` +
        (r.mode === 'file'
          ? `, ${r.versions} 个版本, 本地版本 ${r.localVer ?? '(无)'}` + (r.parseThreads ? `, ${r.parseThreads} 个线程解析` : '')
          : `, ${r.pages} 次请求`);
    process.stderr.write(this.tty ? `\r\x1b[2K${line}\n` : `${line}\n`);
  }
}

export function registerCatalogue(program: Command): void {
  const catalogue = program.command('catalogue').description('医保目录与字典: 下载到本地 (1301–1319, 1901) 和查询');

  catalogue
    .command('sync')
    .description('按地区配置同步目录 (文件下载按版本, 查询类分页) 和字典; 中断后再次运行从中断处继续')
    .option('--only <codes>', '只同步这些交易, 逗号分隔, 例如 1301,1312,1901')
    .option('--opter <code>', '操作员编号 (默认: 最近签到的操作员)')
    .option('--name <name>', '操作员姓名')
    .option('--json', '输出 JSON')
    .action(async (opts: { only?: string; opter?: string; name?: string; json?: boolean }) => {
      const operator = operatorOf(opts);
      const only = parseOnly(opts.only);
      await withApp(program, {}, async (app) => {
        const local = LocalCatalogue.open(app.db.name);
        const controller = new AbortController();
        // Ctrl-C stops at the next batch boundary, keeping everything imported so far.
        const onSigint = () => controller.abort();
        process.once('SIGINT', onSigint);
        try {
          const report = await syncCatalogue(local, centerPort(app, operator), app.client.profile, {
            only,
            signal: controller.signal,
            onProgress: new ProgressLine().onProgress,
          });
          if (opts.json) printJson({ ...report, items: local.items.count() });
          else {
            // A refusal may mean "not offered here" or a real problem: say which steps were left out.
            const skipped = report.steps.filter((r) => r.refused).map((r) => r.infno);
            process.stdout.write(
              `同步完成: 本地目录 ${local.items.count()} 条, 用时 ${Math.round(report.elapsedMs / 1000)} 秒` +
                (skipped.length > 0 ? `; 中心拒绝、未同步: ${skipped.join(', ')}` : '') +
                '\n',
            );
          }
        } finally {
          process.off('SIGINT', onSigint);
          local.close();
        }
      });
    });

  catalogue
    .command('search <text>')
    .description('按编码、名称、拼音首字母、条码或本机构编码查找目录')
    .option('--limit <n>', '最多条数 (默认 20)', (v) => Number(v))
    .option('--catalogue <codes>', '只查这些目录, 逗号分隔, 例如 1301,1306')
    .option('--json', '输出 JSON')
    .action((text: string, opts: { limit?: number; catalogue?: string; json?: boolean }) => {
      if (opts.limit !== undefined && !(Number.isInteger(opts.limit) && opts.limit > 0)) {
        throw new YibaoError('E_USAGE', '--limit 应为正整数');
      }
      withLocalCatalogue(program, (local) => {
        const hits = local.search(text, { limit: opts.limit, catalogues: parseOnly(opts.catalogue) });
        if (opts.json) {
          printJson(hits.map((h) => ({ match: h.match, ...h.item })));
          return;
        }
        const d = local.dictionary;
        printTable(
          hits.map(({ item, match }) => ({
            匹配: match,
            编码: item.code,
            名称: item.name,
            规格: item.spec,
            厂家: item.prodentpName,
            等级: d.label('chrgitm_lv', item.chrgitmLv) ?? item.chrgitmLv,
            自付比例: item.selfpayProp === null ? '' : formatRatio(item.selfpayProp),
            限价: item.pricUplmtAmt === null ? '' : formatPrice(item.pricUplmtAmt),
            有效: d.label('vali_flag', item.valiFlag) ?? item.valiFlag,
          })),
          ['匹配', '编码', '名称', '规格', '厂家', '等级', '自付比例', '限价', '有效'],
        );
        process.stdout.write(`共 ${hits.length} 条\n`);
      });
    });

  catalogue
    .command('status')
    .description('各目录的本地版本、已收行数和最近同步时间')
    .option('--json', '输出 JSON')
    .action((opts: { json?: boolean }) => {
      withLocalCatalogue(program, (local, profile) => {
        const states = local.state.all();
        const counts = {
          items: local.items.count(),
          ...local.mappings.counts(),
          dictionaryTypes: local.dictionary.types().length,
        };
        if (opts.json) {
          printJson({ profile, counts, states });
          return;
        }
        printTable(
          states.map((s) => ({
            交易: catalogueLabel(s.infno),
            本地版本: s.localVer ?? '',
            分页进度: s.passOpen ? `未完成: 第 ${Math.floor(s.rowsDone / (s.pageSize ?? 1)) + 1} 页` : (s.passMaxUpdt ?? ''),
            已收行数: s.rowsTotal,
            最近同步: s.lastSyncedAt ?? '',
          })),
          ['交易', '本地版本', '分页进度', '已收行数', '最近同步'],
        );
        process.stdout.write(
          `本地目录 ${counts.items} 条; 本机构编码对照 ${counts.localCodes}; 限价 ${counts.priceCaps}; 先自付比例 ${counts.selfpayRatios}; 字典 ${counts.dictionaryTypes} 类\n`,
        );
      });
    });
}
