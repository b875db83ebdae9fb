/** `yibao interfaces [--mandatory pharmacy|clinic|hosp1|hosp2] [--json]` */
import type { Command } from 'commander';
import { YibaoError } from '../../core/errors';
import { listInterfaces, mandatoryFor } from '../../registry/registry';
import type { InstitutionKind } from '../../registry/types';
import { printJson, printTable } from '../output';

const KINDS: readonly InstitutionKind[] = ['pharmacy', 'clinic', 'hosp1', 'hosp2'];

export function registerInterfaces(program: Command): void {
  program
    .command('interfaces')
    .description('列出接口清单 (shared/spec/interfaces.tsv 生成的注册表)')
    .option('--mandatory <kind>', `只列某类机构的必须接口: ${KINDS.join(' | ')}`)
    .option('--json', '输出 JSON')
    .action((opts: { mandatory?: string; json?: boolean }) => {
      let rows = listInterfaces();
      if (opts.mandatory !== undefined) {
        if (!KINDS.includes(opts.mandatory as InstitutionKind)) {
          throw new YibaoError('E_USAGE', `--mandatory 只能是 ${KINDS.join(' / ')}, 收到 "${opts.mandatory}"`);
        }
        rows = mandatoryFor(opts.mandatory as InstitutionKind);
      }
      if (opts.json) {
        printJson(rows);
        return;
      }
      printTable(
        rows.map((r) => ({
          编号: r.code,
          名称: r.name,
          分类: r.category,
          方式: r.modeText,
          必须: KINDS.filter((k) => r.mandatory[k]).join(','),
          地区: r.regions.join(','),
        })),
        ['编号', '名称', '分类', '方式', '必须', '地区'],
      );
      process.stdout.write(`共 ${rows.length} 个接口\n`);
    });
}
