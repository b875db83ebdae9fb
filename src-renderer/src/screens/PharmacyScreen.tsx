/**
 * 药店购药: item entry → 预结算 (2101 / 2101A) → 结算 (2102 / 2102A) → result on screen; and the
 * history with 2103 refunds. The settle button is disabled while in flight and until a fresh
 * pre-settlement of exactly these lines exists.
 */
import { SettleActions } from '../components/SettleActions';
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { SettlementRecord } from '../../../src-main/api/contract';
import { usePharmacyStore } from '../stores/pharmacy-store';
import { usePersonStore } from '../stores/person-store';
import { useSessionStore } from '../stores/session-store';
import { useNavStore } from '../stores/nav-store';
import { OtherTillPanel } from '../components/OtherTillPanel';
import { ErrorNotice } from '../components/ErrorNotice';
import { KeyHints } from '../components/KeyHints';
import { PersonCard } from '../components/PersonCard';
import { ItemSearchBox, type ItemSearchHandle } from '../components/ItemSearchBox';
import { LineEditor } from '../components/LineEditor';
import { ProgressNote } from '../components/ProgressNote';
import { SettlementCard } from '../components/SettlementCard';
import { ReceiptPreview } from '../components/ReceiptPreview';
import { useReceiptStore } from '../stores/receipt-store';
import { useHotkeys } from '../keyboard';
import { useHomeField } from '../focus';
import { useDiscardConfirm } from '../components/DiscardConfirm';
import { yuan } from '../format';
import { useListCursor } from '../list-cursor';
import { dangerOkProps, useOkFocus } from '../components/ok-focus';

type Tab = 'sale' | 'history';

export function PharmacyScreen() {
  const okFocus = useOkFocus();
  const [tab, setTab] = useState<Tab>('sale');
  const flows = useSessionStore((s) => s.status?.profile.flows);
  const store = usePharmacyStore();
  const person = usePersonStore((s) => s.person);
  const clearPerson = usePersonStore((s) => s.clear);
  const go = useNavStore((s) => s.go);
  const search = useRef<ItemSearchHandle>(null);
  const historyList = useRef<HTMLDivElement>(null);
  const [refunding, setRefunding] = useState<SettlementRecord | null>(null);
  const previewReceipt = useReceiptStore((r) => r.preview);

  const fresh = store.pre !== null && store.preKey === store.currentKey();
  const canPre = !!person && store.lines.length > 0 && !store.busy && !store.result;
  const canSettle = fresh && !store.busy && !store.result;
  const preInfno = flows?.['pharmacyPreSettle'] ?? '2101';
  const settleInfno = flows?.['pharmacySettle'] ?? '2102';
  const refundInfno = flows?.['pharmacyRefund'] ?? '2103';

  // Hidden (F1 …; its effects are cleaned up then): shown again, it opens on the sale as when it was mounted anew.
  useEffect(() => () => setTab('sale'), []);

  const loadHistory = store.loadHistory;
  useEffect(() => {
    if (tab === 'history') void loadHistory();
  }, [tab, loadHistory]);

  // The settled customer is done: empty basket, person cleared, 读卡 for the next one.
  const nextCustomer = () => {
    store.newSale();
    clearPerson();
    go('card');
  };
  const discard = useDiscardConfirm('购物单', store.lines.length, () => store.newSale());
  const newBasket = () => {
    if (store.busy) return;
    if (store.result) nextCustomer();
    else if (store.lines.length > 0) discard.ask();
    else store.newSale();
  };
  useHomeField(search, tab === 'sale' && !store.busy && !store.result);
  // 历史: the cursor is on the list (↑ / ↓, Enter), and back on it when the refund dialog closes.
  useHomeField(historyList, tab === 'history' && refunding === null && store.busy !== 'refund');
  const cursor = useListCursor(store.history, {
    pageSize: 15,
    rowKey: (r) => r.msgid,
    onEnter: (r) => {
      if (!r.refund && !store.busy) setRefunding(r);
    },
  });
  useHotkeys(
    {
      F5: () => canPre && void store.preSettle(),
      F6: () => canSettle && void store.settle(),
      F7: () => search.current?.focus(),
      F8: () => setTab((t) => (t === 'sale' ? 'history' : 'sale')),
      F9: newBasket,
      Escape: () => {
        if (tab === 'history') setTab('sale');
        else if (store.result) nextCustomer();
      },
    },
    { enabled: tab === 'sale' || tab === 'history' },
  );

  const saleTab = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <KeyHints
        hints={[
          ['F1', '读卡'],
          ['F7', '查找药品'],
          ['F5', `预结算 (${preInfno})`],
          ['F6', `结算 (${settleInfno})`],
          ['F9', '新单'],
          ['F8', '历史 / 退费'],
          ['Esc', '结算后开始下一单'],
        ]}
      />
      {person ? (
        <PersonCard person={person} compact balanceAfterFen={store.result?.settlement.balanceAfterFen} />
      ) : (
        <Alert type="warning" showIcon title="还没有读卡: 按 F1 读卡后再录入" data-testid="need-card" />
      )}
      <Card size="small" title={`购物单 ${store.basketId}`}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <ItemSearchBox ref={search} onPick={store.addItem} disabled={!!store.result || store.busy !== null} />
          <LineEditor
            lines={store.lines}
            onChange={store.updateLine}
            onRemove={store.removeLine}
            locked={!!store.result || store.busy !== null}
          />
          <SettleActions
            acctUsed={store.acctUsed}
            onAcctUsed={store.setAcctUsed}
            acctDisabled={!!store.result || store.busy !== null}
            canPre={canPre}
            canSettle={canSettle}
            busy={store.busy}
            onPreSettle={() => void store.preSettle()}
            onSettle={() => void store.settle()}
          >
            {store.result && (
              <Button
                onClick={() => void previewReceipt(store.result?.settlement.setlId ?? '')}
                disabled={!store.result.settlement.setlId}
                data-testid="print-receipt"
              >
                打印小票
              </Button>
            )}
            {store.result && (
              <Button onClick={nextCustomer} data-testid="new-sale">
                下一单 (F9)
              </Button>
            )}
          </SettleActions>
          {store.pre && !fresh && !store.result && (
            <Typography.Text type="warning">预结算之后明细或选项有改动, 请重新预结算 (F5)</Typography.Text>
          )}
        </Space>
      </Card>
      <ProgressNote
        op={['pharmacy.preSettle', 'pharmacy.settle']}
        active={store.busy === 'pre' || store.busy === 'settle'}
        fallback="正在与医保中心通讯"
      />
      <ErrorNotice error={store.error} testId="sale-error" />
      {store.result && (
        <Alert
          type="success"
          showIcon
          data-testid="sale-done"
          title={`结算成功: 应收现金 ${yuan(store.result.settlement.psnCashPayFen)} 元`}
          description={
            store.result.repeated
              ? '该单此前已结算, 这里显示的是第一次的结算结果, 没有重复扣费。'
              : `结算ID ${store.result.settlement.setlId ?? ''}; 按 F9 或 Esc 开始下一单。`
          }
        />
      )}
      {store.result && (
        <SettlementCard
          settlement={store.result.settlement}
          title="结算结果 (收费小票)"
          kind="settled"
          testId="settlement"
          reveal
        />
      )}
      {store.pre && !store.result && (
        <SettlementCard settlement={store.pre} title="预结算结果 (请与参保人确认)" kind="pre" testId="pre-settlement" reveal />
      )}
    </Space>
  );

  const historyTab = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <KeyHints
        testId="history-keys"
        hints={[
          ['↑ / ↓', '选择一笔'],
          ['Enter', '退费 (先确认)'],
          ['F8 / Esc', '回到购药'],
        ]}
      />
      <ErrorNotice error={store.error} testId="history-error" />
      {store.refund && (
        <SettlementCard
          settlement={store.refund.refund}
          title={store.refund.repeated ? '该笔已退费 (显示第一次退费结果)' : `退费成功 (${refundInfno})`}
          kind="refund"
          testId="refund"
          showLines={false}
        />
      )}
      <div ref={historyList} {...cursor.keys} className="list-keys" data-testid="sale-history">
        <Table<SettlementRecord>
          size="small"
          rowKey="msgid"
          loading={store.busy === 'history'}
          dataSource={[...store.history]}
          pagination={cursor.pagination}
          rowClassName={cursor.rowClassName}
          onRow={cursor.onRow}
          columns={[
            { title: '时间', dataIndex: 'time', width: 160 },
            { title: '参保人', dataIndex: 'psnNameMasked', width: 90 },
            { title: '结算ID', dataIndex: 'setlId' },
            { title: '交易', dataIndex: 'infno', width: 70 },
            { title: '总额', align: 'right', render: (_, r) => yuan(r.medfeeFen) },
            { title: '基金', align: 'right', render: (_, r) => yuan(r.fundPaySumFen) },
            { title: '个人账户', align: 'right', render: (_, r) => yuan(r.acctPayFen) },
            { title: '现金', align: 'right', render: (_, r) => yuan(r.psnCashPayFen) },
            { title: '操作员', dataIndex: 'opter', width: 80 },
            {
              title: '状态 / 操作',
              width: 150,
              render: (_, r) =>
                r.refund ? (
                  <Tag color="red">已退费 {r.refund.time.slice(11)}</Tag>
                ) : (
                  <Button size="small" danger onClick={() => setRefunding(r)} data-testid={`refund-${r.setlId}`}>
                    退费 ({refundInfno})
                  </Button>
                ),
            },
            {
              title: '小票',
              width: 70,
              render: (_, r) => (
                <Button
                  size="small"
                  onClick={() => void previewReceipt(r.setlId, { reprint: true })}
                  data-testid={`reprint-${r.setlId}`}
                >
                  重打
                </Button>
              ),
            },
          ]}
        />
      </div>
      <Modal
        open={refunding !== null}
        afterOpenChange={okFocus.afterOpenChange}
        title={`确认退费 (${refundInfno})`}
        okText="退费 (Enter)"
        cancelText="取消 (Esc)"
        okButtonProps={dangerOkProps(okFocus.okRef, 'confirm-refund', store.busy === 'refund')}
        onOk={async () => {
          if (refunding && (await store.refundSale(refunding.msgid))) setRefunding(null);
        }}
        onCancel={() => setRefunding(null)}
        destroyOnHidden
      >
        {refunding && (
          <Typography.Paragraph>
            撤销 {refunding.time} 的结算 {refunding.setlId} ({refunding.psnNameMasked}), 总额 {yuan(refunding.medfeeFen)} 元: 基金{' '}
            {yuan(refunding.fundPaySumFen)} 元和个人账户 {yuan(refunding.acctPayFen)} 元退回医保, 现金{' '}
            {yuan(refunding.psnCashPayFen)} 元退给参保人。
          </Typography.Paragraph>
        )}
        <ErrorNotice error={store.error} />
      </Modal>
      <OtherTillPanel kind="pharmacy" refundInfno={refundInfno} />
    </Space>
  );

  return (
    <>
      <ReceiptPreview />
      {discard.dialog}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          { key: 'sale', label: '购药收费', children: saleTab },
          { key: 'history', label: '历史 · 退费 (F8)', children: historyTab },
        ]}
      />
    </>
  );
}
