/** 设置 → 本地目录: what the counter holds, and a download started (or resumed) by hand. */
import { useState } from 'react';
import { Button, Card, Typography } from 'antd';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';
import { useLiveStore } from '../stores/live-store';
import { ErrorNotice } from './ErrorNotice';

export function CatalogueCard() {
  const fill = useLiveStore((s) => s.catalogueFill);
  const [error, setError] = useState<UiError | null>(null);
  async function start() {
    setError(null);
    try {
      useLiveStore.setState({ catalogueFill: await call('catalogue.fill', {}) });
    } catch (e) {
      setError(uiError(e));
    }
  }
  const filling = fill?.state === 'filling';
  return (
    <Card size="small" title="本地目录" style={{ marginTop: 16 }} data-testid="catalogue-settings">
      <Typography.Paragraph data-testid="catalogue-state">
        {fill ? (fill.state === 'filled' ? fill.text : `${fill.text}; 本地已有 ${fill.items} 条`) : '正在读取…'}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        首次签到时自动下载; 下载中查找先用已下载的部分。再次下载只取中心新增和变更的部分。
      </Typography.Paragraph>
      <Button onClick={() => void start()} disabled={filling} data-testid="catalogue-fill-start">
        {fill?.state === 'failed' ? '继续下载目录' : '下载目录更新'}
      </Button>
      {error && <ErrorNotice error={error} />}
    </Card>
  );
}
