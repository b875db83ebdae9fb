/**
 * The local catalogue's first fill in the status bar (issue 17 point 6): while it downloads, how
 * far it is; after a failure, why. Nothing once the catalogue is filled.
 */
import { useEffect } from 'react';
import { Progress, Tag } from 'antd';
import { call } from '../api/client';
import { useLiveStore } from '../stores/live-store';

/** Steps done as a share of the bar (a count of steps, not money: named so the money guard can tell). */
const WHOLE_PERCENT = 100;

export function CatalogueFillTag() {
  const fill = useLiveStore((s) => s.catalogueFill);
  useEffect(() => {
    // The event stream reports changes only: ask once for the state at load.
    void call('catalogue.fillStatus', {})
      .then((view) => {
        if (view && useLiveStore.getState().catalogueFill === null) useLiveStore.setState({ catalogueFill: view });
      })
      .catch(() => {});
  }, []);
  if (!fill || fill.state === 'filled' || fill.state === 'empty') return null;
  const percent = fill.steps > 0 ? Math.floor((fill.stepsDone * WHOLE_PERCENT) / fill.steps) : 0;
  return (
    <Tag color={fill.state === 'failed' ? 'red' : 'blue'} title={fill.text} data-testid="catalogue-fill">
      <span data-testid="catalogue-fill-text">
        {fill.state === 'failed' ? '目录下载中断' : `目录下载中 ${fill.stepsDone}/${fill.steps} · 已有 ${fill.items} 条`}
      </span>
      {fill.state === 'filling' && (
        <Progress percent={percent} size={[80, 6]} showInfo={false} style={{ width: 80, margin: '0 0 0 8px' }} />
      )}
    </Tag>
  );
}
