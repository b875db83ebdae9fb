/**
 * The parts of 门诊收费's visit tab around the bill: the person, the visit with its bills, the refund done, the
 * progress and error, 挂号 and 就诊信息. Each reads from the store only what it draws (issue 17).
 */
import { Activity, useCallback } from 'react';
import { Alert } from 'antd';
import {
  isVisitPerson,
  useClinicStore,
  type Diagnosis,
  type RegisterForm as RegisterFormValues,
} from '../../stores/clinic-store';
import type { ClinicStage } from '../../stores/clinic-stage';
import { usePersonStore } from '../../stores/person-store';
import { useReceiptStore } from '../../stores/receipt-store';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PersonCard } from '../../components/PersonCard';
import { ProgressNote } from '../../components/ProgressNote';
import { SettlementCard } from '../../components/SettlementCard';
import { RegisterForm } from './RegisterForm';
import { VisitInfoForm } from './VisitInfoForm';
import { VisitPanel } from './VisitPanel';

type Flows = Readonly<Record<string, string>>;

/** The person read: before 挂号, and once settled with the balance after it (when the visit is theirs). */
export function ClinicPerson({ stage }: { stage: ClinicStage }) {
  const person = usePersonStore((s) => s.person);
  const visitPerson = useClinicStore((s) => s.visitPerson);
  const settled = useClinicStore((s) => s.result !== null);
  const balanceAfterFen = useClinicStore((s) => s.result?.settlement.balanceAfterFen);
  if (stage === 'register') {
    if (person) return <PersonCard person={person} compact />;
    return <Alert type="warning" showIcon title="还没有读卡: 按 F1 读卡后挂号" data-testid="need-card" />;
  }
  if (stage === 'done' && settled && person && isVisitPerson(visitPerson, person)) {
    return <PersonCard person={person} compact balanceAfterFen={balanceAfterFen} />;
  }
  return null;
}

/** The visit being served with its bills and refunds. */
export function ClinicVisit({ flows }: { flows: Flows }) {
  const visit = useClinicStore((s) => s.visit);
  const activeBill = useClinicStore((s) => s.activeBill);
  const busy = useClinicStore((s) => s.busy !== null);
  const error = useClinicStore((s) => s.error);
  const selectBill = useClinicStore((s) => s.selectBill);
  const refund = useClinicStore((s) => s.refund);
  const previewReceipt = useReceiptStore((r) => r.preview);
  if (!visit) return null;
  return (
    <VisitPanel
      visit={visit}
      activeBill={activeBill}
      busy={busy}
      error={error}
      flows={flows}
      onSelectBill={selectBill}
      onReprint={(setlId) => void previewReceipt(setlId, { reprint: true })}
      onRefund={(r) => refund(r.chrgBchno, r.cancelFees, r.cancelRegistration)}
    />
  );
}

/** 撤销完成: the steps done, and each refund's amounts. */
export function RefundDone() {
  const steps = useClinicStore((s) => s.refundSteps);
  if (steps.length === 0) return null;
  return (
    <>
      <Alert
        type="success"
        showIcon
        data-testid="clinic-refund-done"
        title="撤销完成"
        description={steps.map((s) => `${s.infno}: ${s.what}`).join('; ')}
      />
      {steps.map(
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
    </>
  );
}

/** 正在与医保中心通讯 while a call of the visit runs. */
export function ClinicProgress() {
  const active = useClinicStore((s) => s.busy !== null && s.busy !== 'load');
  return (
    <ProgressNote
      op={['clinic.register', 'clinic.visitInfo', 'clinic.uploadBill', 'clinic.preSettle', 'clinic.settle', 'clinic.refund']}
      active={active}
      fallback="正在与医保中心通讯"
    />
  );
}

export function ClinicError() {
  return <ErrorNotice error={useClinicStore((s) => s.error)} testId="clinic-error" />;
}

/** 挂号, once the institution's departments and doctors are loaded. */
export function RegisterSection({ flows }: { flows: Flows }) {
  const form = useClinicStore((s) => s.form);
  const staff = useClinicStore((s) => s.staff);
  const fetched = useClinicStore((s) => s.staffFetched);
  const busy = useClinicStore((s) => s.busy);
  const noPerson = usePersonStore((s) => s.person === null);
  const register = useClinicStore((s) => s.register);
  const syncDoctors = useClinicStore((s) => s.syncDoctors);
  const onSubmit = useCallback((v: RegisterFormValues) => void register(v), [register]);
  const onSyncDoctors = useCallback(() => void syncDoctors(), [syncDoctors]);
  if (!staff) return null;
  return (
    <RegisterForm
      initial={form}
      staff={staff}
      fetched={fetched}
      infno={flows['clinicRegister'] ?? '2201'}
      busy={busy === 'register'}
      syncing={busy === 'staff'}
      disabled={noPerson}
      onSubmit={onSubmit}
      onSyncDoctors={onSyncDoctors}
    />
  );
}

/*
 * 就诊信息 is drawn ahead, hidden, while 挂号 is on screen (React <Activity>: drawn at low priority after what is
 * shown, no effects, no cursor), and shown as it is when the registration comes back: mounting its form then was
 * most of Enter → 就诊信息's time (issue 17). Under the visit tab's items, where it stood last when shown.
 */
export function VisitInfoAhead({ stage, flows }: { stage: ClinicStage; flows: Flows }) {
  const hasPerson = usePersonStore((s) => s.person !== null);
  const hasVisit = useClinicStore((s) => s.visit !== null);
  const medType = useClinicStore((s) => s.form.medType);
  const busy = useClinicStore((s) => s.busy === 'info');
  const visitInfo = useClinicStore((s) => s.visitInfo);
  const onSubmit = useCallback(
    (medType: string, mainCondDscr: string, diagnoses: Diagnosis[]) => void visitInfo(medType, mainCondDscr, diagnoses),
    [visitInfo],
  );
  if ((stage !== 'register' && stage !== 'info') || !(hasPerson || hasVisit)) return null;
  return (
    <Activity mode={stage === 'info' && hasVisit ? 'visible' : 'hidden'}>
      <div style={{ marginTop: 16 }}>
        <VisitInfoForm infno={flows['clinicVisitInfo'] ?? '2203'} medType={medType} busy={busy} onSubmit={onSubmit} />
      </div>
    </Activity>
  );
}
