/**
 * 门诊收费: 挂号 → 就诊信息 (诊断) → 费用录入 → 上传明细 (2204) → 预结算 (2206 / 2206A, fund breakdown)
 * → 结算 (2207 / 2207A) → result on screen; several bills per visit; refunds from the visit panel;
 * recent visits to continue or refund; with a shop store, settlements of other windows to refund.
 */
import { SettleActions } from '../components/SettleActions';
import { Activity, useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Space, Steps, Switch, Table, Tag } from 'antd';
import { ScreenTabs } from '../components/ScreenTabs';
import type { VisitSummary } from '../../../src-main/api/contract';
import { isVisitPerson, useClinicStore, type Diagnosis, type RegisterForm as RegisterFormValues } from '../stores/clinic-store';
import { usePersonStore } from '../stores/person-store';
import { useSessionStore } from '../stores/session-store';
import { useNavStore } from '../stores/nav-store';
import { ErrorNotice } from '../components/ErrorNotice';
import { KeyHints } from '../components/KeyHints';
import { PersonCard } from '../components/PersonCard';
import { ItemSearchBox, type ItemSearchHandle } from '../components/ItemSearchBox';
import { LineEditor } from '../components/LineEditor';
import { ProgressNote } from '../components/ProgressNote';
import { SettlementCard } from '../components/SettlementCard';
import { ReceiptPreview } from '../components/ReceiptPreview';
import { useReceiptStore } from '../stores/receipt-store';
import { RegisterForm } from './clinic/RegisterForm';
import { VisitInfoForm } from './clinic/VisitInfoForm';
import { AuditPanel } from './clinic/AuditPanel';
import { VisitPanel } from './clinic/VisitPanel';
import { OtherTillPanel } from '../components/OtherTillPanel';
import { useHotkeys } from '../keyboard';
import { useHomeField } from '../focus';
import { useDiscardConfirm } from '../components/DiscardConfirm';
import { yuan } from '../format';
import { slowSpinner } from '../components/slow-spinner';

type Tab = 'visit' | 'recent';
type Stage = 'register' | 'info' | 'fees' | 'settle' | 'done';

export function ClinicScreen() {
  const [tab, setTab] = useState<Tab>('visit');
  const flows = useSessionStore((s) => s.status?.profile.flows) ?? {};
  const c = useClinicStore();
  const person = usePersonStore((s) => s.person);
  const clearPerson = usePersonStore((s) => s.clear);
  const go = useNavStore((s) => s.go);
  const search = useRef<ItemSearchHandle>(null);
  const previewReceipt = useReceiptStore((r) => r.preview);

  const bill = c.visit?.bills.find((b) => b.chrgBchno === c.activeBill) ?? null;
  const stage: Stage = !c.visit
    ? 'register'
    : !c.visit.medType
      ? 'info'
      : c.result
        ? 'done'
        : bill && bill.state !== 'settled' && bill.state !== 'cancelled'
          ? 'settle'
          : 'fees';
  const fresh = c.pre !== null && c.preKey === JSON.stringify([c.activeBill, c.acctUsed]);
  const busy = c.busy !== null;
  const canPre = !busy && !c.visit?.cancelled && ((stage === 'fees' && c.lines.length > 0) || stage === 'settle');
  const canSettle = stage === 'settle' && fresh && !busy;

  // Each time it is shown (its effects run again then): the staff lists as they are now; hidden, back to the visit tab.
  const loadStaff = c.loadStaff;
  useEffect(() => {
    void loadStaff(true);
    return () => setTab('visit');
  }, [loadStaff]);
  const loadRecent = c.loadRecent;
  useEffect(() => {
    if (tab === 'recent') void loadRecent();
  }, [tab, loadRecent]);

  const newVisit = () => {
    c.newVisit();
    clearPerson();
    go('card');
  };
  const discard = useDiscardConfirm(
    '收费单',
    () => c.lines.length,
    () => c.newBill(),
  );
  const newBill = () => {
    if (busy || !c.visit || c.visit.cancelled) return;
    if (stage === 'fees' && c.lines.length > 0) discard.ask();
    else c.newBill();
  };
  useHomeField(search, tab === 'visit' && stage === 'fees' && !busy);
  useHotkeys({
    F5: () => canPre && void c.uploadAndPreSettle(),
    F6: () => canSettle && void c.settle(),
    F7: () => search.current?.focus(),
    F8: () => setTab((t) => (t === 'visit' ? 'recent' : 'visit')),
    F9: newBill,
    Escape: () => {
      if (tab === 'recent') setTab('visit');
      else if (stage === 'done' || c.visit?.cancelled) newVisit();
      else if (stage === 'settle') c.newBill();
    },
  });

  const { register, syncDoctors: syncDoctorsCall, visitInfo: visitInfoCall } = c;
  const registerSubmit = useCallback((v: RegisterFormValues) => void register(v), [register]);
  const syncDoctors = useCallback(() => void syncDoctorsCall(), [syncDoctorsCall]);
  const visitInfoSubmit = useCallback(
    (medType: string, mainCondDscr: string, diagnoses: Diagnosis[]) => void visitInfoCall(medType, mainCondDscr, diagnoses),
    [visitInfoCall],
  );
  const stepIndex = { register: 0, info: 1, fees: 2, settle: 3, done: 4 }[stage];
  const visitTab = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <KeyHints
        hints={[
          ['F1', '读卡'],
          ['Enter', '挂号 / 上传就诊信息'],
          ['F7', '查找项目'],
          ['F5', `上传明细并预结算 (2204 → ${flows['clinicPreSettle'] ?? '2206'})`],
          ['F6', `结算 (${flows['clinicSettle'] ?? '2207'})`],
          ['F9', '新增单据'],
          ['F8', '就诊记录'],
          ['Esc', '返回 / 下一位'],
        ]}
      />
      <Steps
        size="small"
        current={stepIndex}
        items={[
          { title: `挂号 ${flows['clinicRegister'] ?? ''}` },
          { title: `就诊信息 ${flows['clinicVisitInfo'] ?? ''}` },
          { title: `费用录入 ${flows['clinicFeeUpload'] ?? ''}` },
          { title: `预结算 ${flows['clinicPreSettle'] ?? ''}` },
          { title: `结算 ${flows['clinicSettle'] ?? ''}` },
        ]}
      />
      {person && stage === 'register' && <PersonCard person={person} compact />}
      {person && stage === 'done' && c.result && isVisitPerson(c.visitPerson, person) && (
        <PersonCard person={person} compact balanceAfterFen={c.result.settlement.balanceAfterFen} />
      )}
      {!person && stage === 'register' && (
        <Alert type="warning" showIcon title="还没有读卡: 按 F1 读卡后挂号" data-testid="need-card" />
      )}
      {c.visit && (
        <VisitPanel
          visit={c.visit}
          activeBill={c.activeBill}
          busy={busy}
          error={c.error}
          flows={flows}
          onSelectBill={c.selectBill}
          onReprint={(setlId) => void previewReceipt(setlId, { reprint: true })}
          onRefund={(r) => c.refund(r.chrgBchno, r.cancelFees, r.cancelRegistration)}
        />
      )}
      {c.refundSteps.length > 0 && (
        <Alert
          type="success"
          showIcon
          data-testid="clinic-refund-done"
          title="撤销完成"
          description={c.refundSteps.map((s) => `${s.infno}: ${s.what}`).join('; ')}
        />
      )}
      {c.refundSteps.map(
        (s) =>
          s.refund && (
            <SettlementCard
              key={s.msgid}
              settlement={s.refund}
              title={`退费成功 (${s.infno})`}
              kind="refund"
              testId="clinic-refund"
              showLines={false}
            />
          ),
      )}
      <ProgressNote
        op={['clinic.register', 'clinic.visitInfo', 'clinic.uploadBill', 'clinic.preSettle', 'clinic.settle', 'clinic.refund']}
        active={busy && c.busy !== 'load'}
        fallback="正在与医保中心通讯"
      />
      <ErrorNotice error={c.error} testId="clinic-error" />
      {stage === 'register' && c.staff && (
        <RegisterForm
          initial={c.form}
          staff={c.staff}
          fetched={c.staffFetched}
          infno={flows['clinicRegister'] ?? '2201'}
          busy={c.busy === 'register'}
          syncing={c.busy === 'staff'}
          disabled={!person}
          onSubmit={registerSubmit}
          onSyncDoctors={syncDoctors}
        />
      )}
      {stage === 'fees' && c.visit && !c.visit.cancelled && (
        <Card size="small" title={`新单据: 费用录入 (上传时生成收费批次号, ${flows['clinicFeeUpload'] ?? '2204'})`}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <ItemSearchBox ref={search} onPick={c.addItem} disabled={busy} />
            <LineEditor lines={c.lines} onChange={c.updateLine} onRemove={c.removeLine} locked={busy} />
            <AuditPanel mdtrtId={c.visit.mdtrtId} lines={c.lines} disabled={busy} />
            <Space size="large">
              <span>
                使用个人账户支付 <Switch checked={c.acctUsed} onChange={c.setAcctUsed} disabled={busy} />
              </span>
              <Button
                type="primary"
                disabled={!canPre}
                loading={slowSpinner(c.busy === 'upload')}
                onClick={() => void c.uploadAndPreSettle()}
                data-testid="upload-bill"
              >
                上传明细并预结算 (F5)
              </Button>
            </Space>
          </Space>
        </Card>
      )}
      {stage === 'settle' && bill && (
        <Card
          size="small"
          title={`单据 ${bill.chrgBchno}: ${bill.lines.length} 项, 共 ${yuan(bill.medfeeFen)} 元`}
          data-testid="active-bill"
        >
          <SettleActions
            acctUsed={c.acctUsed}
            onAcctUsed={c.setAcctUsed}
            acctDisabled={busy}
            canPre={canPre}
            canSettle={canSettle}
            busy={c.busy}
            onPreSettle={() => void c.preSettle()}
            onSettle={() => void c.settle()}
            testIdPrefix="clinic-"
          >
            <Button onClick={c.newBill} disabled={busy}>
              返回 (Esc)
            </Button>
          </SettleActions>
        </Card>
      )}
      {stage === 'settle' && c.pre && (
        <SettlementCard settlement={c.pre} title="预结算结果 (请与患者确认)" kind="pre" testId="clinic-pre-settlement" reveal />
      )}
      {stage === 'done' && c.result && (
        <>
          <Alert
            type="success"
            showIcon
            data-testid="clinic-done"
            title={`结算成功: 应收现金 ${yuan(c.result.settlement.psnCashPayFen)} 元`}
            description={
              c.result.repeated
                ? '该单此前已结算, 这里显示的是第一次的结算结果, 没有重复扣费。'
                : `结算ID ${c.result.settlement.setlId ?? ''}; F9 为本次就诊新增单据, Esc 接待下一位。`
            }
            action={
              <Space orientation="vertical">
                <Button
                  size="small"
                  onClick={() => void previewReceipt(c.result?.settlement.setlId ?? '')}
                  disabled={!c.result.settlement.setlId}
                  data-testid="clinic-print-receipt"
                >
                  打印小票
                </Button>
                <Button size="small" onClick={c.newBill} data-testid="new-bill">
                  新增单据 (F9)
                </Button>
                <Button size="small" onClick={newVisit}>
                  下一位 (Esc)
                </Button>
              </Space>
            }
          />
          <SettlementCard
            settlement={c.result.settlement}
            title="结算结果 (收费单)"
            kind="settled"
            testId="clinic-settlement"
            reveal
          />
        </>
      )}
    </Space>
  );
  /*
   * 就诊信息 is drawn ahead, hidden, while 挂号 is on screen (React <Activity>: drawn at low priority after what is
   * shown, no effects, no cursor), and shown as it is when the registration comes back: mounting its form then was
   * most of Enter → 就诊信息's time (issue 17). Under the visit tab's items, where it stood last when shown.
   */
  const visitInfo = (stage === 'register' || stage === 'info') && (person || c.visit) && (
    <Activity mode={stage === 'info' && c.visit ? 'visible' : 'hidden'}>
      <div style={{ marginTop: 16 }}>
        <VisitInfoForm
          infno={flows['clinicVisitInfo'] ?? '2203'}
          medType={c.form.medType}
          busy={c.busy === 'info'}
          onSubmit={visitInfoSubmit}
        />
      </div>
    </Activity>
  );

  const recentTab = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <KeyHints hints={[['F8 / Esc', '回到门诊收费']]} />
      <Table<VisitSummary>
        size="small"
        rowKey="mdtrtId"
        dataSource={[...c.recent]}
        pagination={{ pageSize: 15, showSizeChanger: false }}
        data-testid="recent-visits"
        columns={[
          { title: '挂号时间', dataIndex: 'registeredAt', width: 170 },
          { title: '参保人', dataIndex: 'psnNameMasked', width: 100 },
          { title: '就诊ID', dataIndex: 'mdtrtId' },
          { title: '门诊号', dataIndex: 'iptOtpNo' },
          {
            title: '状态',
            width: 110,
            render: (_, v) => (v.cancelled ? <Tag color="red">已撤销挂号</Tag> : <Tag color="green">有效</Tag>),
          },
          {
            title: '',
            width: 100,
            render: (_, v) => (
              <Button
                size="small"
                onClick={() => {
                  void c.openVisit(v.mdtrtId);
                  setTab('visit');
                }}
              >
                打开
              </Button>
            ),
          },
        ]}
      />
      <OtherTillPanel kind="clinic" refundInfno={flows['clinicSettleCancel'] ?? '2208'} />
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
          {
            key: 'visit',
            label: '门诊收费',
            children: (
              <>
                {visitTab}
                {visitInfo}
              </>
            ),
          },
          { key: 'recent', label: '就诊记录 · 退费 (F8)', children: recentTab },
        ]}
      />
    </>
  );
}
