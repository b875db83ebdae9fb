/**
 * Under 历史 · 退费 (pharmacy) and 就诊记录 · 退费 (clinic): settlements made at another till or window of
 * the shop (issue 20). Looked up in the shop store by person or 结算号; 退费 (2103 / 2208) after the usual
 * confirmation, done at this counter, with the refunded amounts shown. Shown only with a shop store.
 */
import { useEffect } from 'react';
import { Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { OtherTillSettlementView } from '../../../src-main/api/contract';
import { useOtherTillStore, type OtherTillKind } from '../stores/other-till-store';
import { ErrorNotice } from './ErrorNotice';
import { SettlementCard } from './SettlementCard';
import { dangerOkProps, useOkFocus } from './ok-focus';
import { yuan } from '../format';

/** What differs between a pharmacy's tills and a clinic's windows. */
const WORDS: Record<OtherTillKind, { place: string; what: string; rest: string }> = {
  pharmacy: { place: '收银台', what: '药店销售', rest: '' },
  clinic: { place: '窗口', what: '门诊单据', rest: ' 撤销明细和挂号仍到结算的窗口办理。' },
};

export function OtherTillPanel({ kind, refundInfno }: { kind: OtherTillKind; refundInfno: string }) {
  const o = useOtherTillStore();
  const w = WORDS[kind];
  const okFocus = useOkFocus();
  const loadShop = o.loadShop;
  useEffect(() => {
    void loadShop();
  }, [loadShop]);
  if (!o.shop) return null;
  const row = o.confirming;
  return (
    <Card size="small" title={`其他${w.place}的结算 (门店库)`} data-testid="other-window">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {`在本店其他${w.place}结算的${w.what}: 按姓名、人员编号、结算ID或报文ID查找, 可在本${w.place}退费 (${refundInfno}); ` +
            `退费记在本${w.place}。${w.rest}`}
        </Typography.Text>
        <Input.Search
          placeholder="姓名 / 人员编号 / 结算ID / 报文ID, 回车查找 (留空列出全部)"
          allowClear
          enterButton="查找"
          loading={o.busy === 'search'}
          onSearch={(text) => void o.search(kind, text)}
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
            locale={{ emptyText: `其他${w.place}没有符合条件的结算` }}
            data-testid="other-window-rows"
            columns={[
              { title: '结算时间', dataIndex: 'time', width: 165 },
              { title: w.place, dataIndex: 'counter', width: 110 },
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
        onOk={() => void o.refund(kind)}
        onCancel={o.cancel}
        destroyOnHidden
      >
        {row && (
          <Space orientation="vertical">
            <Typography.Text>
              撤销结算 ({refundInfno}): 参保人 {row.psnNameMasked}, {row.time} 在「{row.counter}」结算
              {row.amountFen === null ? '' : `, 医疗费总额 ${yuan(row.amountFen)} 元`}。
            </Typography.Text>
            <Typography.Text type="secondary">{`退费在本${w.place}办理并记入本${w.place}的交易流水; 中心只退一次。`}</Typography.Text>
            <ErrorNotice error={o.error} />
          </Space>
        )}
      </Modal>
    </Card>
  );
}
