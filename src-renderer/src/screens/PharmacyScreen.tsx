/**
 * 药店购药: item entry → 预结算 (2101 / 2101A) → 结算 (2102 / 2102A) → result on screen; and the
 * history with 2103 refunds. The settle button is disabled while in flight and until a fresh
 * pre-settlement of exactly these lines exists.
 */
import { SettleActions } from '../components/SettleActions';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Alert, Button, Card, Modal, Space, Table, Tag, Typography } from 'antd';
import { ScreenTabs } from '../components/ScreenTabs';
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
import { SettledAlert } from '../components/SettledAlert';
import { ReceiptPreview } from '../components/ReceiptPreview';
import { useReceiptStore } from '../stores/receipt-store';
import { useHotkeys } from '../keyboard';
import { useHomeField } from '../focus';
import { useDiscardConfirm } from '../components/DiscardConfirm';
import { yuan } from '../format';
import { useListCursor } from '../list-cursor';
import { dangerOkProps, useOkFocus } from '../components/ok-focus';

type Tab = 'sale' | 'history';

/*
 * Each part of the screen reads from the store only what it draws (issue 17): adding a line draws the lines, not
 * the person, the key hints and the tabs again; the screen itself follows only what decides its layout.
 */

/** The person read, with the balance after the settlement once there is one. */
function SalePerson() {
  const person = usePersonStore((s) => s.person);
  const balanceAfterFen = usePharmacyStore((s) => s.result?.settlement.balanceAfterFen);
  if (!person) return <Alert type="warning" showIcon title="还没有读卡: 按 F1 读卡后再录入" data-testid="need-card" />;
  return <PersonCard person={person} compact balanceAfterFen={balanceAfterFen} />;
}

/** The lines being entered; Enter in a line sends the cursor back to the item search. */
function BasketLines({ search }: { search: RefObject<ItemSearchHandle | null> }) {
  const lines = usePharmacyStore((s) => s.lines);
  const locked = usePharmacyStore((s) => s.result !== null || s.busy !== null);
  const updateLine = usePharmacyStore((s) => s.updateLine);
  const removeLine = usePharmacyStore((s) => s.removeLine);
  return <LineEditor lines={lines} onChange={updateLine} onRemove={removeLine} search={search} locked={locked} />;
}

/** 购物单: the item search, the lines, the account switch and the F5 / F6 buttons. */
function BasketCard({ search, onNextCustomer }: { search: RefObject<ItemSearchHandle | null>; onNextCustomer: () => void }) {
  // The person is part of the pre-settlement's key: a new read draws the buttons again.
  usePersonStore((s) => s.person);
  const view = usePharmacyStore(
    useShallow((s) => ({
      basketId: s.basketId,
      acctUsed: s.acctUsed,
      busy: s.busy,
      setlId: s.result ? (s.result.settlement.setlId ?? '') : null,
      canPre: s.canPreSettle(),
      canSettle: s.canSettle(),
      stale: s.pre !== null && s.result === null && !s.preIsFresh(),
    })),
  );
  const act = usePharmacyStore.getState();
  const previewReceipt = useReceiptStore((r) => r.preview);
  const settled = view.setlId !== null;
  const locked = settled || view.busy !== null;
  return (
    <Card size="small" title={`购物单 ${view.basketId}`}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ItemSearchBox ref={search} onPick={act.addItem} disabled={locked} />
        <BasketLines search={search} />
        <SettleActions
          acctUsed={view.acctUsed}
          onAcctUsed={act.setAcctUsed}
          acctDisabled={locked}
          canPre={view.canPre}
          canSettle={view.canSettle}
          busy={view.busy}
          onPreSettle={() => void act.preSettle()}
          onSettle={() => void act.settle()}
        >
          {settled && (
            <Button onClick={() => void previewReceipt(view.setlId ?? '')} disabled={!view.setlId} data-testid="print-receipt">
              打印小票
            </Button>
          )}
          {settled && (
            <Button onClick={onNextCustomer} data-testid="new-sale">
              下一单 (F9)
            </Button>
          )}
        </SettleActions>
        {view.stale && <Typography.Text type="warning">预结算之后明细或选项有改动, 请重新预结算 (F5)</Typography.Text>}
      </Space>
    </Card>
  );
}

function SaleError() {
  return <ErrorNotice error={usePharmacyStore((s) => s.error)} testId="sale-error" />;
}

/** 结算成功 and the settlement's amounts (shown only once settled). */
function SaleDone() {
  const result = usePharmacyStore((s) => s.result);
  if (!result) return null;
  return <SettledAlert result={result} next="按 F9 或 Esc 开始下一单。" testId="sale-done" />;
}

function SaleSettlement() {
  const result = usePharmacyStore((s) => s.result);
  if (!result) return null;
  return <SettlementCard settlement={result.settlement} title="结算结果 (收费小票)" kind="settled" testId="settlement" reveal />;
}

function SalePre() {
  const pre = usePharmacyStore((s) => s.pre);
  if (!pre) return null;
  return <SettlementCard settlement={pre} title="预结算结果 (请与参保人确认)" kind="pre" testId="pre-settlement" reveal />;
}

/** 历史 · 退费: the sales of this counter, each refundable (2103) after a confirmation. */
function HistoryTab({ active, refundInfno }: { active: boolean; refundInfno: string }) {
  const okFocus = useOkFocus();
  const history = usePharmacyStore((s) => s.history);
  const busy = usePharmacyStore((s) => s.busy);
  const error = usePharmacyStore((s) => s.error);
  const refund = usePharmacyStore((s) => s.refund);
  const refundSale = usePharmacyStore((s) => s.refundSale);
  const previewReceipt = useReceiptStore((r) => r.preview);
  const historyList = useRef<HTMLDivElement>(null);
  const [refunding, setRefunding] = useState<SettlementRecord | null>(null);
  // 历史: the cursor is on the list (↑ / ↓, Enter), and back on it when the refund dialog closes.
  useHomeField(historyList, active && refunding === null && busy !== 'refund');
  const cursor = useListCursor(history, {
    pageSize: 15,
    rowKey: (r) => r.msgid,
    onEnter: (r) => {
      if (!r.refund && !usePharmacyStore.getState().busy) setRefunding(r);
    },
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <KeyHints
        testId="history-keys"
        hints={[
          ['↑ / ↓', '选择一笔'],
          ['Enter', '退费 (先确认)'],
          ['F8 / Esc', '回到购药'],
        ]}
      />
      <ErrorNotice error={error} testId="history-error" />
      {refund && (
        <SettlementCard
          settlement={refund.refund}
          title={refund.repeated ? '该笔已退费 (显示第一次退费结果)' : `退费成功 (${refundInfno})`}
          kind="refund"
          testId="refund"
          showLines={false}
        />
      )}
      <div ref={historyList} {...cursor.keys} className="list-keys" data-testid="sale-history">
        <Table<SettlementRecord>
          size="small"
          rowKey="msgid"
          loading={busy === 'history'}
          dataSource={[...history]}
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
        okButtonProps={dangerOkProps(okFocus.okRef, 'confirm-refund', busy === 'refund')}
        onOk={async () => {
          if (refunding && (await refundSale(refunding.msgid))) setRefunding(null);
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
        <ErrorNotice error={error} />
      </Modal>
      <OtherTillPanel kind="pharmacy" refundInfno={refundInfno} />
    </Space>
  );
}

export function PharmacyScreen() {
  const [tab, setTab] = useState<Tab>('sale');
  const flows = useSessionStore((s) => s.status?.profile.flows);
  const busy = usePharmacyStore((s) => s.busy);
  const settled = usePharmacyStore((s) => s.result !== null);
  const hasPre = usePharmacyStore((s) => s.pre !== null);
  const loadHistory = usePharmacyStore((s) => s.loadHistory);
  const clearPerson = usePersonStore((s) => s.clear);
  const go = useNavStore((s) => s.go);
  const search = useRef<ItemSearchHandle>(null);
  const preInfno = flows?.['pharmacyPreSettle'] ?? '2101';
  const settleInfno = flows?.['pharmacySettle'] ?? '2102';
  const refundInfno = flows?.['pharmacyRefund'] ?? '2103';

  // Hidden (F1 …; its effects are cleaned up then): shown again, it opens on the sale as when it was mounted anew.
  useEffect(() => () => setTab('sale'), []);

  useEffect(() => {
    if (tab === 'history') void loadHistory();
  }, [tab, loadHistory]);

  // The settled customer is done: empty basket, person cleared, 读卡 for the next one.
  const nextCustomer = () => {
    usePharmacyStore.getState().newSale();
    clearPerson();
    go('card');
  };
  const discard = useDiscardConfirm(
    '购物单',
    () => usePharmacyStore.getState().lines.length,
    () => usePharmacyStore.getState().newSale(),
  );
  const newBasket = () => {
    const s = usePharmacyStore.getState();
    if (s.busy) return;
    if (s.result) nextCustomer();
    else if (s.lines.length > 0) discard.ask();
    else s.newSale();
  };
  useHomeField(search, tab === 'sale' && !busy && !settled);
  useHotkeys(
    {
      F5: () => {
        const s = usePharmacyStore.getState();
        if (s.canPreSettle()) void s.preSettle();
      },
      F6: () => {
        const s = usePharmacyStore.getState();
        if (s.canSettle()) void s.settle();
      },
      F7: () => search.current?.focus(),
      F8: () => setTab((t) => (t === 'sale' ? 'history' : 'sale')),
      F9: newBasket,
      Escape: () => {
        if (tab === 'history') setTab('sale');
        else if (usePharmacyStore.getState().result) nextCustomer();
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
      <SalePerson />
      <BasketCard search={search} onNextCustomer={nextCustomer} />
      <ProgressNote
        op={['pharmacy.preSettle', 'pharmacy.settle']}
        active={busy === 'pre' || busy === 'settle'}
        fallback="正在与医保中心通讯"
      />
      <SaleError />
      {settled && <SaleDone />}
      {settled && <SaleSettlement />}
      {hasPre && !settled && <SalePre />}
    </Space>
  );

  return (
    <>
      <ReceiptPreview />
      {discard.dialog}
      <ScreenTabs
        active={tab}
        onChange={setTab}
        items={[
          { key: 'sale', label: '购药收费', children: saleTab },
          {
            key: 'history',
            label: '历史 · 退费 (F8)',
            children: <HistoryTab active={tab === 'history'} refundInfno={refundInfno} />,
          },
        ]}
      />
    </>
  );
}
