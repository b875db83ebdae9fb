/**
 * 诊所: a visit with two bills (2201 → 2203 → 2204 ×2 → 2206 → 2207 ×2), the second bill refunded
 * with its fee lines (2208 → 2205), a registration cancelled (2202), and a settlement reversed (2601).
 */
import type { AcceptanceStep, StepEnv } from '../types';
import { settlementAmounts } from './amounts';
import { reverseSettlement } from './reversal';
import { need } from './state';

const OUTPATIENT = '11';

async function register(env: StepEnv): Promise<string> {
  const visit = await env.services.clinic.register({
    personKey: need<string>(env.state, 'personKey', '参保人信息 (1101)'),
    medType: OUTPATIENT,
    deptCode: 'NK01',
    deptName: '内科',
    caty: 'A03',
    doctorCode: 'D420100000001',
    doctorName: '验收医生',
  });
  return visit.mdtrtId;
}

function billLines(env: StepEnv, cnt: string) {
  return env.subjects.items.map((i) => ({ code: i.code, name: i.name, cntText: cnt, pricText: i.pricText }));
}

export const clinicRegisterStep: AcceptanceStep = {
  title: '门诊挂号与就诊信息上传',
  codes: ['2201', '2203'],
  async run(env) {
    const mdtrtId = await register(env);
    await env.services.clinic.visitInfo({
      mdtrtId,
      medType: OUTPATIENT,
      mainCondDscr: '咳嗽三天',
      diagnoses: [env.subjects.diagnosis],
    });
    env.state.set('mdtrtId', mdtrtId);
    return `就诊ID ${mdtrtId}`;
  },
};

export const clinicBillsStep: AcceptanceStep = {
  title: '门诊两张处方上传、预结算与结算',
  codes: ['2204', '2206', '2207'],
  async run(env) {
    const mdtrtId = need<string>(env.state, 'mdtrtId', '就诊ID (2201)');
    const out: string[] = [];
    const bills: string[] = [];
    for (const cnt of ['1', '2']) {
      const { chrgBchno } = await env.services.clinic.uploadBill({ mdtrtId, lines: billLines(env, cnt) });
      await env.services.clinic.preSettle({ mdtrtId, chrgBchno, acctUsed: true });
      const { result } = await env.services.clinic.settle({ mdtrtId, chrgBchno, acctUsed: true });
      bills.push(chrgBchno);
      out.push(`批次 ${chrgBchno}: 结算ID ${result.settlement.setlId}; ${settlementAmounts(result.settlement)}`);
      env.state.set('clinicSettleMsgid', result.settlement.msgid);
    }
    env.state.set('bills', bills);
    return out.join(' | ');
  },
};

export const clinicRefundStep: AcceptanceStep = {
  title: '门诊结算撤销与费用明细撤销 (第二张处方)',
  codes: ['2208', '2205'],
  async run(env) {
    const mdtrtId = need<string>(env.state, 'mdtrtId', '就诊ID (2201)');
    const bills = need<string[]>(env.state, 'bills', '已结算的处方');
    const { steps } = await env.services.clinic.refund({
      mdtrtId,
      chrgBchno: bills[1],
      cancelFees: true,
      cancelRegistration: false,
    });
    return steps.map((s) => `${s.infno} ${s.what}`).join(', ');
  },
};

export const clinicCancelRegistrationStep: AcceptanceStep = {
  title: '门诊挂号撤销 (未收费的挂号)',
  codes: ['2202'],
  async run(env) {
    const mdtrtId = await register(env);
    const { steps } = await env.services.clinic.refund({ mdtrtId, cancelFees: false, cancelRegistration: true });
    return `就诊ID ${mdtrtId}: ${steps.map((s) => `${s.infno} ${s.what}`).join(', ')}`;
  },
};

export const clinicReversalStep: AcceptanceStep = {
  title: '门诊结算冲正',
  codes: ['2601'],
  async run(env) {
    const mdtrtId = await register(env);
    await env.services.clinic.visitInfo({ mdtrtId, medType: OUTPATIENT, diagnoses: [env.subjects.diagnosis] });
    const { chrgBchno } = await env.services.clinic.uploadBill({ mdtrtId, lines: billLines(env, '1') });
    await env.services.clinic.preSettle({ mdtrtId, chrgBchno, acctUsed: false });
    const { result } = await env.services.clinic.settle({ mdtrtId, chrgBchno, acctUsed: false });
    return reverseSettlement(env, result.settlement.msgid);
  },
};
