/** 结算成功 with the cash to take, shared by the pharmacy and clinic screens; a repeated settle says none was made. */
import type { ReactNode } from 'react';
import { Alert } from 'antd';
import type { SaleResult } from '../../../src-main/api/contract';
import { yuan } from '../format';

export function SettledAlert({
  result,
  next,
  testId,
  action,
}: {
  result: SaleResult;
  /** What the cashier does next (after the 结算ID). */
  next: string;
  testId: string;
  action?: ReactNode;
}) {
  return (
    <Alert
      type="success"
      showIcon
      data-testid={testId}
      title={`结算成功: 应收现金 ${yuan(result.settlement.psnCashPayFen)} 元`}
      description={
        result.repeated
          ? '该单此前已结算, 这里显示的是第一次的结算结果, 没有重复扣费。'
          : `结算ID ${result.settlement.setlId ?? ''}; ${next}`
      }
      action={action}
    />
  );
}
