/**
 * 设置 → 流水归档 (issue 19): off (the default) or after N years, saved with the other settings;
 * the archive folder, the archived years and what the last run moved (src-main/journal/archive/).
 */
import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Form, Input, Select, Typography } from 'antd';
import type { ArchiveView } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';
import { ErrorNotice } from './ErrorNotice';

const YEAR_OPTIONS = [1, 2, 3, 5, 10].map((n) => ({ value: n, label: `${n} 年前的流水归档` }));

function lastRunText(view: ArchiveView): string {
  const r = view.lastRun;
  if (!r) return '还没有归档过';
  const years = r.years.filter((y) => y.moved > 0).map((y) => `${y.year} 年 ${y.moved} 条`);
  const kept = r.years.reduce((n, y) => n + y.kept, 0);
  return `${r.at}: 移出 ${r.moved} 条${years.length ? ` (${years.join(', ')})` : ''}${kept ? `, 留在当前流水 ${kept} 条 (未完结, 或冲正在另一年)` : ''}`;
}

/** Inside the settings form: its field is `archiveAfterYears` (cleared = 不归档). */
export function ArchiveCard() {
  const [view, setView] = useState<ArchiveView | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    call('journal.archives', {}).then(setView, (e: unknown) => setError(uiError(e)));
  }, []);
  return (
    <Card size="small" title="流水归档" style={{ marginTop: 16 }} data-testid="archive-settings">
      <Form.Item name="archiveAfterYears" label="归档 (默认不归档)">
        <Select allowClear placeholder="不归档" options={YEAR_OPTIONS} style={{ width: 220 }} data-testid="archive-years" />
      </Form.Item>
      {view && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="归档文件夹">
            <Input size="small" readOnly value={view.folder} data-testid="archive-folder" />
          </Descriptions.Item>
          <Descriptions.Item label="已归档的年份">
            <span data-testid="archive-year-list">{view.years.length ? view.years.map((y) => `${y} 年`).join('、') : '无'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="上次归档">
            <span data-testid="archive-last-run">{lastRunText(view)}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
      {view?.lastRun?.error && <Alert type="error" showIcon title={`上次归档出错: ${view.lastRun.error}`} />}
      <ErrorNotice error={error} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        开启后, 收银台每天启动后在后台把所选年数以前各年已完结的流水移到归档文件 (每年一个);
        未完结、需人工核实的交易和跨年的冲正留在当前流水。 归档流水在「交易流水」选年份查看 (只读),
        日结报表和对账照常包括归档年份。归档文件夹需与备份一起另行保存。
      </Typography.Paragraph>
    </Card>
  );
}
