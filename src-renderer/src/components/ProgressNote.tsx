/**
 * A long operation in progress: the step the main side reports and the seconds waited. Shown once the call has
 * taken SLOW_AFTER_MS (slow-spinner.ts): a quick answer (the sandbox, a near center) is not preceded by a note drawn and taken away
 * again in the same breath (issue 17: that was part of F5 / F6's time); the buttons are disabled meanwhile.
 */
import { useEffect, useState } from 'react';
import { Alert, Spin } from 'antd';
import { useLiveStore } from '../stores/live-store';
import { SLOW_AFTER_MS } from './slow-spinner';

export function ProgressNote({ op, active, fallback }: { op: string | string[]; active: boolean; fallback: string }) {
  const ops = Array.isArray(op) ? op : [op];
  const progress = useLiveStore((s) => ops.map((o) => s.progress[o]).find((p) => p && !p.done));
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const tick = () => setSeconds(Math.floor((Date.now() - started) / 1000));
    let timer: ReturnType<typeof setInterval> | undefined;
    const shown = setTimeout(() => {
      tick();
      timer = setInterval(tick, 500);
    }, SLOW_AFTER_MS);
    return () => {
      clearTimeout(shown);
      clearInterval(timer);
      setSeconds(null);
    };
  }, [active]);
  if (!active || seconds === null) return null;
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
