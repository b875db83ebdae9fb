/**
 * The sandbox center over real HTTP: strict envelope checks, a pharmacy sale's effect on
 * the ledger, refund and 2601 restoring it exactly, duplicates, "not simulated", and
 * persistence across a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personInfoInput, personsOf, pharmacySaleInput, typicalBasket } from '../helpers/sandbox-fixtures';
import { RejectedError } from '../../src-main/protocol/call-errors';
import type { CounterApp } from '../../src-main/app/counter-app';
import type { RequestEnvelope } from '../../src-main/protocol/envelope';
import type { PersonRow } from '../../src-main/sandbox/store';
import { REVERSAL_MESSAGES } from '../../src-main/sandbox/center/reject';
import { startSandboxCenter } from '../../src-main/sandbox/server';

let h: Harness;
let app: CounterApp;
let person: PersonRow;
let template: RequestEnvelope;
let rawSeq = 0;

beforeAll(async () => {
  h = await startHarness();
  app = await h.openApp();
  const store = h.sandbox.center.store;
  person = personsOf(store, 'emp-active', 50_000)[0] as PersonRow;
  template = (await app.callAs(OPERATOR, '1101', personInfoInput(person))).envelope;
}, 120_000);
afterAll(async () => {
  await h.close();
});

const store = () => h.sandbox.center.store;
const balance = (p: PersonRow) => store().ledger.balance(p.psnNo, '310');
const ytd = (p: PersonRow) => store().ledger.ytd(p.psnNo, new Date().getUTCFullYear());

/** Posts an envelope as-is (no client checks) and returns the parsed answer. */
async function post(envelope: Record<string, unknown>): Promise<{ infcode: number; err_msg: string | null; output: unknown }> {
  const res = await fetch(h.sandbox.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(envelope),
  });
  return (await res.json()) as { infcode: number; err_msg: string | null; output: unknown };
}

function rawMsgid(): string {
  rawSeq += 1;
  return `P42010000001${'20260101000000'}${String(rawSeq).padStart(4, '0')}`;
}

async function rejection(p: Promise<unknown>): Promise<RejectedError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RejectedError);
    return e as RejectedError;
  }
  throw new Error('expected a rejection');
}

describe('strict envelope', () => {
  it.each([
    ['a malformed msgid', { msgid: '123' }, /msgid/],
    ['a msgid of another institution', { msgid: 'P99999999999202601010000009999' }, /必须以定点医药机构编码/],
    ['an unknown institution', { fixmedins_code: 'P00000000000', msgid: 'P00000000000202601010000000001' }, /未在中心登记/],
    ['a wrong treatment area', { mdtrtarea_admvs: '110100' }, /区划/],
    ['an invalid sign_no', { sign_no: 'SN-FORGED' }, /签到编号无效/],
    ['a missing operator name', { opter_name: '' }, /opter_name/],
    ['an unknown infno', { infno: '9999' }, /9999 不存在/],
    ['a bad inf_time', { inf_time: '2026/11/23' }, /inf_time/],
  ])('refuses %s with a precise err_msg and logs the violation', async (_what, change, pattern) => {
    const before = store().messages.countViolations().violations;
    const answer = await post({ ...template, msgid: rawMsgid(), ...change });
    expect(answer.infcode).toBe(-1);
    expect(answer.err_msg).toMatch(pattern);
    expect(store().messages.countViolations().violations).toBe(before + 1);
  });

  it('names the missing input field', async () => {
    const answer = await post({
      ...template,
      msgid: rawMsgid(),
      input: { data: { ...personInfoInput(person).data, psn_name: undefined } },
    });
    expect(answer.infcode).toBe(-1);
    expect(answer.err_msg).toContain('data.psn_name');
  });

  it('requires insuplc_admdvs when the input names a person', async () => {
    const sale = pharmacySaleInput(store(), person, typicalBasket(store()));
    const answer = await post({ ...template, infno: '2101', msgid: rawMsgid(), insuplc_admdvs: '', input: sale });
    expect(answer.err_msg).toContain('insuplc_admdvs');
  });

  it('answers every registry code it does not simulate with infcode -1, never a fake success', async () => {
    const e = await rejection(app.callAs(OPERATOR, '3512', { data: {} }));
    expect(e.errMsg).toMatch(/未模拟交易 3512/);
    const answer = await post({ ...template, infno: '5205', msgid: rawMsgid(), input: {} });
    expect(answer.infcode).toBe(-1);
    expect(answer.err_msg).toMatch(/未模拟/);
  });
});

describe('pharmacy ledger', () => {
  it('pre-settle (2101) changes nothing; settle (2102) moves exactly acct_pay from the account', async () => {
    const before = balance(person);
    const ytdBefore = ytd(person);
    const input = pharmacySaleInput(store(), person, typicalBasket(store()));
    const pre = (await app.callAs(OPERATOR, '2101', input)).output as { setlinfo: Record<string, number> };
    expect(balance(person)).toBe(before);
    expect(ytd(person)).toEqual(ytdBefore);

    const settled = (await app.callAs(OPERATOR, '2102', input)).output as { setlinfo: Record<string, number | string> };
    const s = settled.setlinfo;
    expect(s['acct_pay']).toBe(pre.setlinfo['acct_pay']);
    const acctFen = Math.round(Number(s['acct_pay']) * 100);
    expect(balance(person)).toBe(before - acctFen);
    expect(Math.round(Number(s['balc']) * 100)).toBe(before - acctFen);
    const cents = (k: string) => Math.round(Number(s[k]) * 100);
    expect(cents('fund_pay_sumamt') + cents('psn_part_amt')).toBe(cents('medfee_sumamt'));
    expect(cents('acct_pay') + cents('psn_cash_pay')).toBe(cents('psn_part_amt'));
  });

  it('refund (2103) restores balance and year-to-date exactly; a second refund is refused', async () => {
    const before = balance(person);
    const ytdBefore = ytd(person);
    const sale = (await app.callAs(OPERATOR, '2102', pharmacySaleInput(store(), person, typicalBasket(store())))).output as {
      setlinfo: { setl_id: string; mdtrt_id: string };
    };
    expect(balance(person)).toBeLessThan(before);
    const key = { setl_id: sale.setlinfo.setl_id, mdtrt_id: sale.setlinfo.mdtrt_id, psn_no: person.psnNo };
    const refund = (await app.callAs(OPERATOR, '2103', { data: key })).output as {
      setlinfo: { setl_id: string; medfee_sumamt: number };
    };
    expect(refund.setlinfo.setl_id).not.toBe(key.setl_id);
    expect(refund.setlinfo.medfee_sumamt).toBeLessThan(0);
    expect(balance(person)).toBe(before);
    expect(ytd(person)).toEqual(ytdBefore);
    expect(store().settlements.get(key.setl_id)?.state).toBe('cancelled');
    await rejection(app.callAs(OPERATOR, '2103', { data: key }));
    expect(balance(person)).toBe(before);
  });

  it('2601 undoes a 2102 exactly once and says so clearly otherwise', async () => {
    const before = balance(person);
    const ytdBefore = ytd(person);
    const sale = await app.callAs(OPERATOR, '2102', pharmacySaleInput(store(), person, typicalBasket(store())));
    const reversal = { data: { psn_no: person.psnNo, omsgid: sale.msgid, oinfno: '2102' } };
    await app.callAs(OPERATOR, '2601', reversal);
    expect(balance(person)).toBe(before);
    expect(ytd(person)).toEqual(ytdBefore);
    expect(store().settlements.getByMsgid(sale.msgid)?.state).toBe('reversed');

    expect((await rejection(app.callAs(OPERATOR, '2601', reversal))).errMsg).toBe(REVERSAL_MESSAGES.alreadyReversed);
    expect(balance(person)).toBe(before);
    const never = { data: { psn_no: person.psnNo, omsgid: 'P42010000001209901010000000001', oinfno: '2102' } };
    expect((await rejection(app.callAs(OPERATOR, '2601', never))).errMsg).toBe(REVERSAL_MESSAGES.originalNotFound);
    const pre = await app.callAs(OPERATOR, '2101', pharmacySaleInput(store(), person, typicalBasket(store())));
    const notReversible = { data: { psn_no: person.psnNo, omsgid: pre.msgid, oinfno: '2101' } };
    expect((await rejection(app.callAs(OPERATOR, '2601', notReversible))).errMsg).toContain(REVERSAL_MESSAGES.notReversible);
  });

  it('2601 of a refund (2103) puts the sale back, money included', async () => {
    const sale = (await app.callAs(OPERATOR, '2102', pharmacySaleInput(store(), person, typicalBasket(store())))).output as {
      setlinfo: { setl_id: string; mdtrt_id: string };
    };
    const afterSale = balance(person);
    const refund = await app.callAs(OPERATOR, '2103', {
      data: { setl_id: sale.setlinfo.setl_id, mdtrt_id: sale.setlinfo.mdtrt_id, psn_no: person.psnNo },
    });
    await app.callAs(OPERATOR, '2601', { data: { psn_no: person.psnNo, omsgid: refund.msgid, oinfno: '2103' } });
    expect(balance(person)).toBe(afterSale);
    expect(store().settlements.get(sale.setlinfo.setl_id)?.state).toBe('settled');
  });

  it('a repeated msgid is refused as a duplicate and changes nothing', async () => {
    const sale = await app.callAs(OPERATOR, '2102', pharmacySaleInput(store(), person, typicalBasket(store())));
    const after = balance(person);
    const again = await post(sale.envelope as unknown as Record<string, unknown>);
    expect(again.infcode).toBe(-1);
    expect(again.err_msg).toMatch(/重复/);
    expect(balance(person)).toBe(after);
    expect(
      store()
        .messages.query({ infno: '2102' })
        .filter((m) => m.msgid === sale.msgid),
    ).toHaveLength(2);
  });
});

describe('sign-in', () => {
  it('a sign_no is invalid after sign-out (9002)', async () => {
    const other = await h.openApp();
    const op = { opter: 'OP777', opterName: '李夜班' };
    const session = await other.sessions.signIn(other.client, op);
    await other.client.call('1101', personInfoInput(person), { operator: op, signNo: session.signNo });
    await other.sessions.signOut(other.client, op.opter);
    const e = await rejection(other.client.call('1101', personInfoInput(person), { operator: op, signNo: session.signNo }));
    expect(e.errMsg).toMatch(/签到编号无效或已签退/);
  });
});

describe('persistence', () => {
  it('keeps persons, balances and settlements across a restart of the center', async () => {
    const sale = await app.callAs(OPERATOR, '2102', pharmacySaleInput(store(), person, typicalBasket(store())));
    const bal = balance(person);
    const dataDir = `${h.dir}/sandbox-restart`;
    const first = await startSandboxCenter({ dataDir });
    const psnCount = first.center.store.persons.list().length;
    await first.close();
    const second = await startSandboxCenter({ dataDir });
    expect(second.center.store.persons.list().length).toBe(psnCount);
    await second.close();
    // and the harness's own center still has the sale after everything above
    expect(store().settlements.getByMsgid(sale.msgid)?.state).toBe('settled');
    expect(balance(person)).toBe(bal);
  });
});
