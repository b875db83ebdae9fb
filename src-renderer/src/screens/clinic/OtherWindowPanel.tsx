/**
 * 就诊记录 · 退费: outpatient settlements made at another window of the shop (issue 20). Looked up in
 * the shop store by person or 结算号; 退费 (2208) after the usual confirmation, done at this window,
 * with the refunded amounts shown. Shown only with a shop store.
 */
import { useEffect } from 'react';
import { Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { OtherTillSettlementView } from '../../../../src-main/api/contract';
import { useOtherWindowStore } from '../../stores/other-window-store';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SettlementCard } from '../../components/SettlementCard';
import { dangerOkProps, useOkFocus } from '../../components/ok-focus';
import { yuan } from '../../format';

export function OtherWindowPanel({ refundInfno }: { refundInfno: string }) {
  const o = useOtherWindowStore();
  const okFocus = useOkFocus();
  const loadShop = o.loadShop;
  useEffect(() => {
    void loadShop();
  }, [loadShop]);
  if (!o.shop) return null;
  const row = o.confirming;
  return (
    <Card size="small" title="其他窗口的结算 (门店库)" data-testid="other-window">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          在本店其他窗口结算的门诊单据: 按姓名、人员编号、结算ID或报文ID查找, 可在本窗口退费 ({refundInfno}); 退费记在本窗口。
          撤销明细和挂号仍到结算的窗口办理。
        </Typography.Text>
        <Input.Search
          placeholder="姓名 / 人员编号 / 结算ID / 报文ID, 回车查找 (留空列出全部)"
          allowClear
          enterButton="查找"
          loading={o.busy === 'search'}
          onSearch={(text) => void o.search(text)}
          style={{ maxWidth: 520 }}
          data-testid="other-window-search"
        />
        <ErrorNotice error={o.confirming ? null : o.error} testId="other-window-error" />
        {o.result && (
          <SettlementCard
            settlement={o.result.refund}
            title={o.result.repeated ? '该笔已退费 (显示第一次退费结果)' : `退费成功 (${o.result.refund.infno})`}
            kind="refund"
            testId="other-window-refund"
            showLines={false}
          />
        )}
        {o.searched && (
          <Table<OtherTillSettlementView>
            size="small"
            rowKey="msgid"
            dataSource={[...o.rows]}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            locale={{ emptyText: '其他窗口没有符合条件的结算' }}
            data-testid="other-window-rows"
            columns={[
              { title: '结算时间', dataIndex: 'time', width: 165 },
              { title: '窗口', dataIndex: 'counter', width: 110 },
              { title: '参保人', dataIndex: 'psnNameMasked', width: 90 },
              {
                title: '金额 (元)',
                width: 100,
                align: 'right',
                render: (_, r) => (r.amountFen === null ? '' : yuan(r.amountFen)),
              },
              { title: '结算ID', dataIndex: 'setlId' },
              {
                title: '',
                width: 90,
                render: (_, r) =>
                  r.refunded ? (
                    <Tag color="volcano" data-testid={`other-window-refunded-${r.msgid}`}>
                      已退费
                    </Tag>
                  ) : (
                    <Button size="small" danger onClick={() => o.ask(r)} data-testid={`other-window-refund-${r.msgid}`}>
                      退费
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Space>
      <Modal
        open={row !== null}
        afterOpenChange={okFocus.afterOpenChange}
        title={`退费: ${row?.counter ?? ''}的结算`}
        okText="确认 (Enter)"
        cancelText="取消 (Esc)"
        okButtonProps={dangerOkProps(okFocus.okRef, 'confirm-other-window-refund', o.busy === 'refund')}
        onOk={() => void o.refund()}
        onCancel={o.cancel}
        destroyOnHidden
      >
        {row && (
          <Space orientation="vertical">
            <Typography.Text>
              撤销结算 ({refundInfno}): 参保人 {row.psnNameMasked}, {row.time} 在「{row.counter}」结算
              {row.amountFen === null ? '' : `, 医疗费总额 ${yuan(row.amountFen)} 元`}。
            </Typography.Text>
            <Typography.Text type="secondary">退费在本窗口办理并记入本窗口的交易流水; 中心只退一次。</Typography.Text>
            <ErrorNotice error={o.error} />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
