/**
 * 清算申请 on 对账与报表 where the region applies with its own codes (湖北 3202a / 1608, made by the
 * 对账 once last month balanced): the applications of this counter, each withdrawn (撤销: 3204a / 1618)
 * or its center form printed (打印: 3205a). The work is on the main side (reconcile/clearing-*.ts).
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import type { ClearingApplicationView } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { finishPrint } from '../print/browser-print';
import { uiError, yuan, type UiError } from '../format';
import { ErrorNotice } from './ErrorNotice';

/** `reloadKey`: changes when a 对账 may have made new applications. */
export function ClearingCard({ reloadKey }: { reloadKey: unknown }) {
  const [rows, setRows] = useState<readonly ClearingApplicationView[]>([]);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [done, setDone] = useState('');

  const reload = useCallback(() => {
    call('clearing.list', {})
      .then(setRows)
      .catch((e: unknown) => setError(uiError(e)));
  }, []);
  useEffect(reload, [reload, reloadKey]);

  async function act(id: number, what: 'cancel' | 'print') {
    setBusy(id);
    setError(null);
    setDone('');
    try {
      if (what === 'cancel') {
        const a = await call('clearing.cancel', { id });
        setDone(`清算申请 ${a.evtId} 已撤销`);
      } else {
        const out = await call('clearing.print', { id });
        setDone(`清算申请单${await finishPrint(out.slip, out)}`);
      }
      reload();
    } catch (e) {
      setError(uiError(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card size="small" title="清算申请" style={{ marginBottom: 12 }} data-testid="clearing-card">
      <ErrorNotice error={error} testId="clearing-error" />
      {done && <Alert type="success" showIcon title={done} style={{ marginBottom: 8 }} data-testid="clearing-done" />}
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={[...rows]}
        locale={{ emptyText: '还没有清算申请 (上月对账平后, 对账时自动申请)' }}
        columns={[
          { title: '人员', dataIndex: 'personsLabel' },
          { title: '交易', dataIndex: 'infno' },
          { title: '申请号', dataIndex: 'evtId' },
          { title: '期间', render: (_, a) => `${a.begndate} 至 ${a.enddate}` },
          { title: '险种', dataIndex: 'insutype' },
          { title: '清算类别', dataIndex: 'clrType' },
          { title: '笔数', dataIndex: 'count', align: 'right' },
          { title: '医疗费总额', align: 'right', render: (_, a) => yuan(a.medfeeFen) },
          { title: '基金支付', align: 'right', render: (_, a) => yuan(a.fundPayFen) },
          {
            title: '状态',
            render: (_, a) => (a.standing ? <Tag color="green">已申请</Tag> : <Tag>已撤销 {a.cancelledAt ?? ''}</Tag>),
          },
          {
            title: '',
            render: (_, a) => (
              <Space>
                <Button
                  size="small"
                  loading={busy === a.id}
                  onClick={() => void act(a.id, 'print')}
                  data-testid={`clearing-print-${a.id}`}
                >
                  打印
                </Button>
                {a.standing && (
                  <Popconfirm
                    title={`撤销清算申请 ${a.evtId}?`}
                    okText="撤销申请"
                    cancelText="不撤销"
                    okButtonProps={{ danger: true, 'data-testid': 'clearing-confirm-cancel' }}
                    onConfirm={() => act(a.id, 'cancel')}
                  >
                    <Button size="small" danger loading={busy === a.id} data-testid={`clearing-cancel-${a.id}`}>
                      撤销
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
