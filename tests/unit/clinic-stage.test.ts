/**
 * 门诊收费's stage and what F5 / F6 may do, without the screen: each part of the screen reads these from the
 * store, and the keys ask them as pressed.
 */
import { describe, expect, it } from 'vitest';
import type { BillView, VisitView } from '../../src-main/api/contract';
import {
  activeBillOf,
  canPreSettleClinic,
  canSettleClinic,
  clinicStage,
  preIsFresh,
  preKeyFor,
  type StageState,
} from '../../src-renderer/src/stores/clinic-stage';

function bill(chrgBchno: string, state: BillView['state']): BillView {
  return {
    chrgBchno,
    state,
    stateLabel: state,
    lines: [],
    medfeeFen: 1250,
    uploadedAt: '2026-12-07 10:00:00',
    preSettlement: null,
    settlement: null,
    refund: null,
  };
}

const registered: VisitView = {
  mdtrtId: 'MD1',
  iptOtpNo: 'OP1',
  psnNameMasked: '曹*航',
  insutype: { code: '310', label: '职工基本医疗保险' },
  registerInfno: '2201',
  registeredAt: '2026-12-07 09:58:00',
  medType: null,
  diagnoses: [],
  doctorName: '张医生',
  deptName: '内科',
  bills: [],
  cancelled: false,
  canCancelRegistration: true,
};
const withInfo: VisitView = { ...registered, medType: { code: '11', label: '普通门诊' } };

const empty: StageState = {
  visit: null,
  activeBill: null,
  result: null,
  busy: null,
  lines: [],
  pre: null,
  preKey: null,
  acctUsed: true,
};

describe('clinicStage', () => {
  it('walks 挂号 → 就诊信息 → 费用录入 → 预结算 → 结算', () => {
    expect(clinicStage(empty)).toBe('register');
    expect(clinicStage({ ...empty, visit: registered })).toBe('info');
    expect(clinicStage({ ...empty, visit: withInfo })).toBe('fees');
    const uploaded = { ...withInfo, bills: [bill('B1', 'uploaded')] };
    expect(clinicStage({ ...empty, visit: uploaded, activeBill: 'B1' })).toBe('settle');
    expect(clinicStage({ ...empty, visit: uploaded, activeBill: 'B1', result: {} })).toBe('done');
  });

  it('is back at fee entry when the active bill is settled or cancelled, or gone', () => {
    for (const state of ['settled', 'cancelled'] as const) {
      expect(clinicStage({ ...empty, visit: { ...withInfo, bills: [bill('B1', state)] }, activeBill: 'B1' })).toBe('fees');
    }
    expect(clinicStage({ ...empty, visit: { ...withInfo, bills: [bill('B1', 'uploaded')] }, activeBill: 'B2' })).toBe('fees');
  });

  it('finds the active bill among the visit bills', () => {
    const visit = { ...withInfo, bills: [bill('B1', 'settled'), bill('B2', 'pre-settled')] };
    expect(activeBillOf({ visit, activeBill: 'B2' })?.state).toBe('pre-settled');
    expect(activeBillOf({ visit, activeBill: null })).toBeNull();
  });
});

describe('F5 and F6', () => {
  const atSettle: StageState = { ...empty, visit: { ...withInfo, bills: [bill('B1', 'pre-settled')] }, activeBill: 'B1' };

  it('F5 needs lines at fee entry, or a bill to settle, and nothing in flight', () => {
    expect(canPreSettleClinic({ ...empty, visit: withInfo })).toBe(false);
    expect(canPreSettleClinic({ ...empty, visit: withInfo, lines: [{}] })).toBe(true);
    expect(canPreSettleClinic({ ...empty, visit: withInfo, lines: [{}], busy: 'upload' })).toBe(false);
    expect(canPreSettleClinic({ ...empty, visit: { ...withInfo, cancelled: true }, lines: [{}] })).toBe(false);
    expect(canPreSettleClinic(atSettle)).toBe(true);
    expect(canPreSettleClinic({ ...empty, visit: registered, lines: [{}] })).toBe(false);
  });

  it('F6 needs a pre-settlement of this very bill and 个人账户 choice', () => {
    const pre = {};
    expect(canSettleClinic(atSettle)).toBe(false);
    expect(canSettleClinic({ ...atSettle, pre, preKey: preKeyFor('B1', true) })).toBe(true);
    expect(canSettleClinic({ ...atSettle, pre, preKey: preKeyFor('B1', false) })).toBe(false);
    expect(canSettleClinic({ ...atSettle, pre, preKey: preKeyFor('B0', true) })).toBe(false);
    expect(canSettleClinic({ ...atSettle, pre, preKey: preKeyFor('B1', true), busy: 'settle' })).toBe(false);
  });

  it('a pre-settlement is fresh for the bill and 个人账户 choice it was asked with (what 结算 checks first)', () => {
    const asked = { pre: {}, preKey: preKeyFor('B1', true) };
    expect(preIsFresh({ ...asked, activeBill: 'B1', acctUsed: true })).toBe(true);
    expect(preIsFresh({ ...asked, activeBill: 'B1', acctUsed: false })).toBe(false);
    expect(preIsFresh({ ...asked, activeBill: 'B2', acctUsed: true })).toBe(false);
    expect(preIsFresh({ ...asked, pre: null, activeBill: 'B1', acctUsed: true })).toBe(false);
  });
});
