/** What the 设置 screen, the header and `yibao backup list` show about backups. */
import type { LoadedConfig } from '../config/load';
import { formatDateTime } from '../core/time';
import { backupFolderOf, listBackups } from './backup-files';
import type { BackupStatus } from './views';

export type { BackupStatus } from './views';

/** The header warns when the newest good backup is older than this. */
export const STALE_AFTER_MS = 2 * 86_400_000;

export function backupStatus(loaded: LoadedConfig, now = new Date(), folderOverride?: string): BackupStatus {
  const folder = backupFolderOf(loaded, folderOverride);
  const backups = listBackups(folder);
  const newest = backups[0];
  const stale = !newest || now.getTime() - newest.takenAt.getTime() > STALE_AFTER_MS;
  const last = newest ? { name: newest.name, takenAt: formatDateTime(newest.takenAt), bytes: newest.bytes } : null;
  const warning = !stale
    ? null
    : last
      ? `最近一次成功备份在 ${last.takenAt}, 已超过两天: 请检查备份文件夹 ${folder} 是否可用`
      : `还没有成功的备份: 请在 设置 → 数据备份 中设置备份文件夹 (第二块硬盘、U 盘或共享文件夹)`;
  return { folder, count: backups.length, last, stale, warning };
}
