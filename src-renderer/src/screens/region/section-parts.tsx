/** What every section of the 四川扩展 screen shares: one center call's state, a labelled field, a success line. */
import { useState, type ReactNode } from 'react';
import { Alert, Input } from 'antd';
import type { ApiArgs, ApiMethod, ApiResults } from '../../../../src-main/api/contract';
import { call } from '../../api/client';
import { uiError, type UiError } from '../../format';

/** One center call of a section: its answer, its error and whether it is under way. */
export function useCenterCall() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  async function run<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M] | null> {
    setBusy(true);
    setError(null);
    try {
      return await call(method, args);
    } catch (e) {
      setError(uiError(e));
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

export function Field(props: { label: string; value: string; onChange(v: string): void; testId: string; width?: number }) {
  return (
    <Input
      addonBefore={props.label}
      style={{ width: props.width ?? 260 }}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      data-testid={props.testId}
    />
  );
}

export function Done({ text, testId }: { text: ReactNode; testId: string }) {
  return <Alert type="success" showIcon title={text} data-testid={testId} style={{ marginBottom: 12 }} />;
}
