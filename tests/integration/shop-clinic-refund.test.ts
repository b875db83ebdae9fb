/**
 * A clinic with a 挂号 window and a 收费 window sharing a shop store (issue 20): a bill settled
 * (2207) at the 收费 window is refunded (2208) at the 挂号 window, journaled there; asking again at
 * either window answers that refund instead of sending a second 2208; the 收费 window's visit shows
 * the bill refunded, so its fee lines (2205) and the registration (2202) can go there. Real sandbox
 * center, real PostgreSQL, two counter apps on their own SQLite journals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow } from '../../src-main/sandbox/store';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres';
import { openCounter, settleClinicBill, type Counter } from '../helpers/reconcile-counter';
import { ControlDouble } from '../helpers/control-double';
import { personsOf, typicalBasket } from '../helpers/sandbox-fixtures';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';

let h: Harness;
let postgres: TestPostgres;
/** 挂号 window */
let front: Counter;
/** 收费 window */
let cashier: Counter;
let control: ControlDouble;

beforeAll(async () => {
  postgres = await startTestPostgres();
  h = await startHarness();
  // 四川: persons are read through the 安全控件 (the DLL double), as is the person again before a refund.
  control = new ControlDouble(h.dir);
  const shop = (counterName: string) => ({
    institution: CLINIC,
    profile: 'sichuan' as const,
    shop: { postgresUrl: postgres.url, counterName },
  });
  front = await openCounter(h, 'front', shop('挂号窗口'), control);
  cashier = await openCounter(h, 'cashier', shop('收费窗口'), control);
}, 120_000);

afterAll(async () => {
  control?.close();
  await h?.close();
  postgres?.close();
});

const refundCalls = (c: Counter) => c.app.journal.list({ infno: '2208', limit: 10 });

describe('outpatient refund across windows', () => {
  it('refunds at one window a bill settled at the other, once, and the visit is closed where it was made', async () => {
    const store = h.sandbox.center.store;
    const person = personsOf(store, 'emp-active', 50_000)[2] as PersonRow;
    const { services } = cashier;
    const { mdtrtId, chrgBchno, result } = await settleClinicBill(cashier, person, typicalBasket(store));
    const setlId = result.settlement.setlId ?? '';
    await cashier.app.shop?.pusher.pushAll();

    // The 挂号 window never saw this visit; it finds the settlement in the shop store.
    const refund = await front.services.clinic.refundByMsgid(result.settlement.msgid);
    expect(refund.repeated).toBe(false);
    expect(refund.refund.infno).toBe('2208');
    expect(store.settlements.get(setlId)?.state).toBe('cancelled');
    expect(refundCalls(front).map((e) => [e.msgid, e.state])).toEqual([[refund.refund.msgid, 'ok']]);
    expect(refundCalls(cashier)).toHaveLength(0);

    const again = await front.services.clinic.refundByMsgid(result.settlement.msgid);
    expect(again).toMatchObject({ repeated: true, refund: { msgid: refund.refund.msgid } });
    await front.app.shop?.pusher.pushAll();

    // At the 收费 window: the same settlement by msgid answers the refund made at the 挂号 window …
    const there = await services.clinic.refundByMsgid(result.settlement.msgid);
    expect(there).toMatchObject({ repeated: true, refund: { msgid: refund.refund.msgid } });
    // … its visit shows the bill refunded, and the fee lines and the registration are cancelled here.
    expect((await services.clinic.visit(mdtrtId)).bills.map((b) => b.state)).toEqual(['refunded']);
    const rest = await services.clinic.refund({ mdtrtId, chrgBchno, cancelFees: true, cancelRegistration: true });
    expect(rest.steps.map((s) => s.infno)).toEqual(['2205', '2202']);
    expect(rest.visit.cancelled).toBe(true);
    expect(refundCalls(cashier)).toHaveLength(0);
    expect(store.messages.query({ infno: '2208', outcome: 'ok', limit: 10 })).toHaveLength(1);
  }, 120_000);

  it('refuses a msgid that is no outpatient settlement of the shop', async () => {
    await expect(front.services.clinic.refundByMsgid('P42010000001202612060000000001')).rejects.toMatchObject({
      code: 'E_SETTLEMENT_NOT_FOUND',
    });
  });
});
