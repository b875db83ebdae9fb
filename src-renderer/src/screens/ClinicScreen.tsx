/**
 * 门诊收费: 挂号 → 就诊信息 (诊断) → 费用录入 → 上传明细 (2204) → 预结算 (2206 / 2206A, fund breakdown)
 * → 结算 (2207 / 2207A) → result on screen; several bills per visit; refunds from the visit panel;
 * recent visits to continue or refund; with a shop store, settlements of other windows to refund.
 *
 * The screen follows only the visit's stage, which decides its layout; each part reads from the store what it
 * draws (clinic/), so a call's busy flag or a new line draws that part, not the whole visit tab (issue 17).
 */
import { useEffect, useRef, useState } from 'react';
import { Space, Steps } from 'antd';
import { ScreenTabs } from '../components/ScreenTabs';
import { useClinicStore } from '../stores/clinic-store';
import { canPreSettleClinic, canSettleClinic, clinicStage } from '../stores/clinic-stage';
import { usePersonStore } from '../stores/person-store';
import { useSessionStore } from '../stores/session-store';
import { useNavStore } from '../stores/nav-store';
import { KeyHints } from '../components/KeyHints';
import { type ItemSearchHandle } from '../components/ItemSearchBox';
import { ReceiptPreview } from '../components/ReceiptPreview';
import {
  ClinicError,
  ClinicPerson,
  ClinicProgress,
  ClinicVisit,
  RefundDone,
  RegisterSection,
  VisitInfoAhead,
} from './clinic/VisitParts';
import { FeesCard } from './clinic/FeesCard';
import { BillDone, BillPre, BillSettleCard } from './clinic/BillSettle';
import { RecentVisits } from './clinic/RecentVisits';
import { useHotkeys } from '../keyboard';
import { useDiscardConfirm } from '../components/DiscardConfirm';

type Tab = 'visit' | 'recent';
const NO_FLOWS: Readonly<Record<string, string>> = {};

export function ClinicScreen() {
  const [tab, setTab] = useState<Tab>('visit');
  const flows = useSessionStore((s) => s.status?.profile.flows) ?? NO_FLOWS;
  const stage = useClinicStore(clinicStage);
  const clearPerson = usePersonStore((s) => s.clear);
  const go = useNavStore((s) => s.go);
  const search = useRef<ItemSearchHandle>(null);

  // Each time it is shown (its effects run again then): the staff lists as they are now; hidden, back to the visit tab.
  const loadStaff = useClinicStore((s) => s.loadStaff);
  useEffect(() => {
    void loadStaff(true);
    return () => setTab('visit');
  }, [loadStaff]);
  const loadRecent = useClinicStore((s) => s.loadRecent);
  useEffect(() => {
    if (tab === 'recent') void loadRecent();
  }, [tab, loadRecent]);

  const newVisit = () => {
    useClinicStore.getState().newVisit();
    clearPerson();
    go('card');
  };
  const discard = useDiscardConfirm(
    '收费单',
    () => useClinicStore.getState().lines.length,
    () => useClinicStore.getState().newBill(),
  );
  // The keys read the store as it is when pressed (the screen is not drawn again for what they check).
  const newBill = () => {
    const c = useClinicStore.getState();
    if (c.busy || !c.visit || c.visit.cancelled) return;
    if (clinicStage(c) === 'fees' && c.lines.length > 0) discard.ask();
    else c.newBill();
  };
  useHotkeys({
    F5: () => {
      const c = useClinicStore.getState();
      if (canPreSettleClinic(c)) void c.uploadAndPreSettle();
    },
    F6: () => {
      const c = useClinicStore.getState();
      if (canSettleClinic(c)) void c.settle();
    },
    F7: () => search.current?.focus(),
    F8: () => setTab((t) => (t === 'visit' ? 'recent' : 'visit')),
    F9: newBill,
    Escape: () => {
      const c = useClinicStore.getState();
      if (tab === 'recent') setTab('visit');
      else if (clinicStage(c) === 'done' || c.visit?.cancelled) newVisit();
      else if (clinicStage(c) === 'settle') c.newBill();
    },
  });

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
      <ClinicPerson stage={stage} />
      <ClinicVisit flows={flows} />
      <RefundDone />
      <ClinicProgress />
      <ClinicError />
      {stage === 'register' && <RegisterSection flows={flows} />}
      {stage === 'fees' && <FeesCard search={search} active={tab === 'visit'} infno={flows['clinicFeeUpload'] ?? '2204'} />}
      {stage === 'settle' && <BillSettleCard />}
      {stage === 'settle' && <BillPre />}
      {stage === 'done' && <BillDone onNextVisit={newVisit} />}
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
                <VisitInfoAhead stage={stage} flows={flows} />
              </>
            ),
          },
          {
            key: 'recent',
            label: '就诊记录 · 退费 (F8)',
            children: <RecentVisits refundInfno={flows['clinicSettleCancel'] ?? '2208'} onOpened={() => setTab('visit')} />,
          },
        ]}
      />
    </>
  );
}
