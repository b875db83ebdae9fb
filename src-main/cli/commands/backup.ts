/** `yibao backup now|list|verify|restore <file>` (each with --to DIR): src-main/backup/. */
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../../config/load';
import { YibaoError } from '../../core/errors';
import { formatDateTime } from '../../core/time';
import { openDatabase } from '../../storage/sqlite';
import { CLIENT_MIGRATIONS } from '../../storage/client/migrations';
import { backupFolderOf, listBackups } from '../../backup/backup-files';
import { verifyBackupFile } from '../../backup/backup-verify';
import { writeBackup } from '../../backup/backup-writer';
import { DB_NAME, restoreBackup } from '../../backup/restore';
import { backupStatus } from '../../backup/backup-status';
import { printJson, printTable } from '../output';

interface Opts {
  to?: string;
  json?: boolean;
}

const withFolder = (cmd: Command) =>
  cmd.option('--to <dir>', '备份文件夹 (默认: 配置中的 backup.folder, 或数据目录下 backups)').option('--json', '输出 JSON');

/** Pages per backup step; a smaller number leaves more of a slow share or USB stick to the counter. */
function stepPagesFromEnv(): number | undefined {
  const text = process.env['YIBAO_BACKUP_STEP_PAGES'];
  if (!text) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new YibaoError('E_USAGE', `YIBAO_BACKUP_STEP_PAGES 应为正整数, 收到 "${text}"`);
  return n;
}

export function registerBackup(program: Command): void {
  const backup = program.command('backup').description('本机数据库的备份与恢复 (SQLite 在线备份, 写入后校验)');
  const loaded = (): LoadedConfig => loadConfig({ path: program.opts<{ config?: string }>().config });

  withFolder(backup.command('now').description('立即备份一次 (并按保留规则清理旧备份)')).action(async (opts: Opts) => {
    const l = loaded();
    const folder = backupFolderOf(l, opts.to);
    const db = openDatabase(join(l.dataDir, DB_NAME), { migrations: CLIENT_MIGRATIONS });
    try {
      const r = await writeBackup(db, folder, { keep: l.config.backup.keep, stepPages: stepPagesFromEnv() });
      if (opts.json) printJson({ file: r.file, counts: r.check.counts, deleted: r.deleted.map((d) => d.name) });
      else {
        process.stdout.write(`备份完成并已校验: ${r.file} (交易流水 ${r.check.counts['journal'] ?? 0} 条)\n`);
        for (const d of r.deleted) process.stdout.write(`按保留规则删除旧备份: ${d.name}\n`);
      }
    } finally {
      db.close();
    }
  });

  // The same zone as the file names (backup-files.ts), said in the column.
  const TAKEN_AT = '时间 (北京时间)';
  withFolder(backup.command('list').description('列出备份 (最新在前)')).action((opts: Opts) => {
    const l = loaded();
    const status = backupStatus(l, new Date(), opts.to);
    const rows = listBackups(status.folder).map((b) => ({
      文件: b.name,
      [TAKEN_AT]: formatDateTime(b.takenAt),
      大小: `${Math.ceil(b.bytes / 1024)} KB`,
    }));
    if (opts.json) printJson({ ...status, backups: rows });
    else {
      process.stdout.write(`备份文件夹: ${status.folder}\n`);
      printTable(rows, ['文件', TAKEN_AT, '大小']);
      if (status.warning) process.stdout.write(`注意: ${status.warning}\n`);
    }
  });

  withFolder(backup.command('verify [file]').description('校验备份 (默认: 文件夹中的全部备份)')).action(
    (file: string | undefined, opts: Opts) => {
      const files = file ? [resolve(file)] : listBackups(backupFolderOf(loaded(), opts.to)).map((b) => b.file);
      const results = files.map((f) => ({ file: f, ...verifyBackupFile(f) }));
      if (opts.json) printJson(results);
      else
        printTable(
          results.map((r) => ({
            文件: r.file,
            结果: r.ok ? '完好' : `损坏: ${r.problems.join('; ')}`,
            版本: r.userVersion ?? '',
            交易流水: r.counts['journal'] ?? '',
          })),
          ['文件', '结果', '版本', '交易流水'],
        );
      if (results.some((r) => !r.ok)) process.exitCode = 2;
    },
  );

  withFolder(
    backup.command('restore <file>').description('用备份替换本机数据库 (先关闭收银台程序); 原数据库改名保留, 下次启动与中心核对'),
  ).action((file: string, opts: Opts) => {
    const l = loaded();
    // A bare name is looked up in the backup folder.
    const path = file.includes('/') || file.includes('\\') ? resolve(file) : join(backupFolderOf(l, opts.to), file);
    const r = restoreBackup(l.dataDir, path);
    if (opts.json) printJson(r);
    else {
      process.stdout.write(
        `已恢复 ${path} (交易流水 ${r.check.counts['journal'] ?? 0} 条, 最新 ${r.check.newestEntry ?? '无'})\n`,
      );
      if (r.replaced) process.stdout.write(`原数据库已改名保留: ${r.replaced}\n`);
      process.stdout.write('下次启动时收银台先处理未完成的交易, 再与中心核对备份之后的结算, 核对完成前不能办理新的结算。\n');
    }
  });
}
