/** The account switch and the 预结算 (F5) / 结算 (F6) buttons shared by the pharmacy and clinic screens. */
import type { ReactNode } from 'react';
import { Button, Space, Switch } from 'antd';
import { slowSpinner } from './slow-spinner';

interface Props {
  readonly acctUsed: boolean;
  readonly onAcctUsed: (used: boolean) => void;
  readonly acctDisabled: boolean;
  readonly canPre: boolean;
  readonly canSettle: boolean;
  /** Which action is running, to show its spinner. */
  readonly busy: string | null;
  readonly onPreSettle: () => void;
  readonly onSettle: () => void;
  /** Prefix of the data-testid values ('' → acct-used, pre-settle, settle). */
  readonly testIdPrefix?: string;
  /** Further buttons after 结算 (next customer, back …). */
  readonly children?: ReactNode;
}

export function SettleActions(p: Props) {
  const id = (name: string) => `${p.testIdPrefix ?? ''}${name}`;
  return (
    <Space size="large">
      <span>
        使用个人账户支付{' '}
        <Switch checked={p.acctUsed} disabled={p.acctDisabled} onChange={p.onAcctUsed} data-testid={id('acct-used')} />
      </span>
      <Button onClick={p.onPreSettle} disabled={!p.canPre} loading={slowSpinner(p.busy === 'pre')} data-testid={id('pre-settle')}>
        预结算 (F5)
      </Button>
      <Button
        type="primary"
        onClick={p.onSettle}
        disabled={!p.canSettle}
        loading={slowSpinner(p.busy === 'settle')}
        data-testid={id('settle')}
      >
        结算 (F6)
      </Button>
      {p.children}
    </Space>
  );
}
