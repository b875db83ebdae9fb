/** An error as the cashier reads it: what went wrong, and what to do next. */
import { Alert } from 'antd';
import type { UiError } from '../format';

export function ErrorNotice({ error, onClose, testId }: { error: UiError | null; onClose?: () => void; testId?: string }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      closable={onClose ? { onClose } : false}
      title={error.message}
      description={error.hint ? `下一步: ${error.hint}` : undefined}
      data-testid={testId ?? 'error'}
      style={{ marginBottom: 12 }}
    />
  );
}
