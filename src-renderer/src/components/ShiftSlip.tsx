/** 交班单: counts and sums of one operator's shift (settlements, refunds, net, reversals, open work). */
import { Alert, Descriptions, Table } from 'antd';
import type { MoneyTotals, ShiftSummary } from '../../../src-main/api/contract';
import { yuan } from '../format';

export function ShiftSlip({ summary, testId }: { summary: ShiftSummary; testId: string }) {
  const rows: { key: string; label: string; t: MoneyTotals }[] = [
    { key: 'settle', label: '结算', t: summary.settlements },
    { key: 'refund', label: '退费', t: summary.refunds },
    { key: 'net', label: '净额', t: summary.net },
  ];
  return (
    <div data-testid={testId}>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'op', label: '操作员', children: `${summary.opter} ${summary.opterName}` },
          { key: 'calls', label: '交易笔数 (全部)', children: summary.calls },
          { key: 'since', label: '签到时间', children: summary.since },
          { key: 'until', label: '截至', children: summary.until },
        ]}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { title: '', dataIndex: 'label', width: 70 },
          { title: '笔数', align: 'right', render: (_, r) => <span data-testid={`${testId}-${r.key}-count`}>{r.t.count}</span> },
          {
            title: '医疗费总额 (元)',
            align: 'right',
            render: (_, r) => <span data-testid={`${testId}-${r.key}-total`}>{yuan(r.t.medfeeFen)}</span>,
          },
          { title: '基金支付', align: 'right', render: (_, r) => yuan(r.t.fundPayFen) },
          { title: '个人账户', align: 'right', render: (_, r) => yuan(r.t.acctPayFen) },
          {
            title: '现金',
            align: 'right',
            render: (_, r) => <b data-testid={`${testId}-${r.key}-cash`}>{yuan(r.t.cashFen)}</b>,
          },
        ]}
      />
      <Descriptions
        size="small"
        column={3}
        style={{ marginTop: 8 }}
        items={[
          { key: 'rev', label: '已自动冲正', children: <span data-testid={`${testId}-reversed`}>{summary.reversed}</span> },
          {
            key: 'notApplied',
            label: '原交易未生效 (无需冲正)',
            children: <span data-testid={`${testId}-not-applied`}>{summary.notApplied}</span>,
          },
          { key: 'pending', label: '冲正进行中', children: summary.pending },
          { key: 'manual', label: '需人工核实', children: summary.needsManual },
        ]}
      />
      {(summary.pending > 0 || summary.needsManual > 0) && (
        <Alert type="warning" showIcon title="还有结果未明或需人工核实的交易: 交班前请在交易流水 (F3) 中查看并告知接班人" />
      )}
    </div>
  );
}
