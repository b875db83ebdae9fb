/** The keys of a screen, shown on it (keyboard first, documented where it is used). */
import { Space, Typography } from 'antd';

export type Hint = readonly [key: string, label: string];

export function KeyHints({ hints, testId }: { hints: readonly Hint[]; testId?: string }) {
  return (
    <Space size={[14, 4]} wrap data-testid={testId}>
      {hints.map(([key, label]) => (
        <span key={key + label} style={{ whiteSpace: 'nowrap' }}>
          <kbd className="key">{key}</kbd>
          <Typography.Text type="secondary"> {label}</Typography.Text>
        </span>
      ))}
    </Space>
  );
}
