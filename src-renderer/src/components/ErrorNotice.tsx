/**
 * An error as the cashier reads it: what went wrong, what to do next, and, small, the code the
 * cashier reads out to the IT person (「代码 E_…」; the log carries the same code).
 */
import { Alert, Typography } from 'antd';
import type { UiError } from '../format';

export function ErrorNotice({ error, onClose, testId }: { error: UiError | null; onClose?: () => void; testId?: string }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      closable={onClose ? { onClose } : false}
      title={error.message}
      description={
        <>
          {error.hint && <div>下一步: {error.hint}</div>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="error-code">
            代码 {error.code}
          </Typography.Text>
        </>
      }
      data-testid={testId ?? 'error'}
      style={{ marginBottom: 12 }}
    />
  );
}
