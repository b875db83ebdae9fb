/** 药店: a sale pre-settled and settled (2101 → 2102), refunded (2103), and a sale reversed (2601). */
import { settlementAmounts } from './amounts';
import type { AcceptanceStep, StepEnv } from '../types';
import { need } from './state';
import { reverseSettlement } from './reversal';

let basketSerial = 0;
/** Basket ids are the settle-once key of a sale: unique per run and process. */
const newBasketId = () => `YS${Date.now().toString(36)}${process.pid.toString(36)}${(basketSerial++).toString(36)}`.slice(0, 24);

function saleRequest(env: StepEnv) {
  return {
    basketId: newBasketId(),
    personKey: need<string>(env.state, 'personKey', '参保人信息 (1101)'),
    acctUsed: true,
    lines: env.subjects.items.map((i) => ({ code: i.code, name: i.name, cntText: '2', pricText: i.pricText })),
  };
}

export const pharmacySaleStep: AcceptanceStep = {
  title: '药店预结算与结算',
  codes: ['2101', '2102'],
  async run(env) {
    const req = saleRequest(env);
    await env.services.pharmacy.preSettle(req);
    const { settlement } = await env.services.pharmacy.settle(req);
    env.state.set('saleMsgid', settlement.msgid);
    env.state.set('saleSetlId', settlement.setlId);
    env.state.set('saleMdtrtId', settlement.mdtrtId);
    return `结算ID ${settlement.setlId}; ${settlementAmounts(settlement)}`;
  },
};

export const pharmacyRefundStep: AcceptanceStep = {
  title: '药店结算撤销',
  codes: ['2103'],
  async run(env) {
    const msgid = need<string>(env.state, 'saleMsgid', '药店结算');
    const { refund } = await env.services.pharmacy.refund(msgid);
    return `撤销结算ID ${refund.setlId ?? ''}`;
  },
};

export const pharmacyReversalStep: AcceptanceStep = {
  title: '药店结算冲正',
  codes: ['2601'],
  async run(env) {
    const req = saleRequest(env);
    await env.services.pharmacy.preSettle(req);
    const { settlement } = await env.services.pharmacy.settle(req);
    return reverseSettlement(env, settlement.msgid);
  },
};
