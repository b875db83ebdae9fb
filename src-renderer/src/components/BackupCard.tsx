/** 设置 → 数据备份: the folder, the last good backup, a backup now; the restore is done with `yibao backup restore`. */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Typography } from 'antd';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';
import { useSessionStore } from '../stores/session-store';
import { ErrorNotice } from './ErrorNotice';

export function BackupCard() {
  const { status, refresh } = useSessionStore();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const backup = status?.backup;
  if (!backup) return null;
  async function backupNow() {
    setRunning(true);
    setError(null);
    try {
      await call('backup.now', {});
      await refresh();
    } catch (e) {
      setError(uiError(e));
    } finally {
      setRunning(false);
    }
  }
  return (
    <Card size="small" title="数据备份" style={{ marginTop: 16 }} data-testid="backup-settings">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="备份文件夹">
          {/* A field, not text: the technician copies the folder; the screen's text stays Chinese (issue 17). */}
          <Input size="small" readOnly value={backup.folder} data-testid="backup-folder" />
        </Descriptions.Item>
        <Descriptions.Item label="最近一次成功备份">
          <span data-testid="backup-last">{backup.last ? backup.last.takenAt : '还没有'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="保留的备份">{backup.count} 份 (每天 7 份, 每周 4 份, 每月 12 份)</Descriptions.Item>
      </Descriptions>
      {backup.warning && <Alert type="warning" showIcon title={backup.warning} style={{ marginBottom: 8 }} />}
      {backup.lastError && <Alert type="error" showIcon title={`上次自动备份失败: ${backup.lastError}`} />}
      <ErrorNotice error={error} />
      <Button onClick={() => void backupNow()} loading={running} data-testid="backup-now">
        立即备份
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        备份文件夹由维护人员在配置文件中设置 (第二块硬盘、U 盘或共享文件夹)。恢复: 关闭收银台后由维护人员用命令行工具的恢复命令
        (见使用说明「数据备份与恢复」) 选定一份备份; 恢复后首次启动会与中心核对备份之后的结算。
      </Typography.Paragraph>
    </Card>
  );
}
