/** A long operation in progress: the step the main side reports and the seconds waited. */
import { useEffect, useState } from 'react';
import { Alert, Spin } from 'antd';
import { useLiveStore } from '../stores/live-store';

export function ProgressNote({ op, active, fallback }: { op: string | string[]; active: boolean; fallback: string }) {
  const ops = Array.isArray(op) ? op : [op];
  const progress = useLiveStore((s) => ops.map((o) => s.progress[o]).find((p) => p && !p.done));
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!active) return;
    setSeconds(0);
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [active]);
  if (!active) return null;
  return (
    <Alert
      type="info"
      showIcon
      icon={<Spin size="small" />}
      title={`${progress?.step ?? fallback} … 已等待 ${seconds} 秒`}
      description="请勿重复操作; 中心答复前按钮保持禁用。"
      data-testid="progress"
      style={{ marginBottom: 12 }}
    />
  );
}
