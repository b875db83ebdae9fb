/**
 * The clinic outpatient flow (2201–2208, 2601) against a real sandbox center over HTTP,
 * driven by a real counter app. Amounts are checked against the center's own ledger
 * (account balance, year-to-date) and the spec's identities; wrong-order and inconsistent
 * calls must be refused with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC, PHARMACY, startHarness, type Harness } from '../helpers/sandbox-harness';
import type { CounterApp } from '../../src-main/app/counter-app';
import { RejectedError } from '../../src-main/protocol/call-errors';
import {
  addFen,
  applyRatio,
  lineAmount,
  negFen,
  fen,
  parsePrice,
  parseQty,
  parseYuan,
  priceNumber,
  qtyNumber,
  subFen,
  sumFen,
  yuanNumber,
  type Fen,
  type UnitPrice,
} from '../../src-main/sandbox/amounts';
import type { CatalogueItemRow, PersonRow, SandboxStore } from '../../src-main/sandbox/store';

const OPERATOR = { opter: 'C0001', opterName: '门诊收费员' };
const NOW = '2026-11-23 09:30:00';

let harness: Harness;
let app: CounterApp;
let store: SandboxStore;

// ---- catalogue and persons ------------------------------------------------------------

interface Item {
  readonly code: string;
  readonly pric: UnitPrice;
  readonly row: CatalogueItemRow;
}
let classA: Item; // 甲类, no price limit
let classB: Item; // 乙类 with a 先自付 ratio
let classC: Item; // 丙类
let overLimit: Item; // priced above its 限价

function hilist(chrgitmLv: string): CatalogueItemRow[] {
  return store.catalogue
    .queryHilist({ updtTime: '1900-01-01 00:00:00', pageNum: 1, pageSize: 5000, chrgitmLv, valiFlag: '1' })
    .rows.filter(
      (r) => r.medChrgitmType && r.refPric !== null && r.refPric > 0 && store.catalogue.current(r.code)?.rid === r.rid,
    );
}

function pickItems(): void {
  const a = hilist('01');
  const b = hilist('02');
  const c = hilist('03');
  const noLimit = (r: CatalogueItemRow) => r.pricUplmtAmt === null;
  const aRow = a.find(noLimit);
  const bRow = b.find((r) => noLimit(r) && (r.selfpayProp ?? 0) > 0);
  const cRow = c[0];
  const limited = [...a, ...b].find((r) => r.pricUplmtAmt !== null && r.pricUplmtAmt > 0);
  if (!aRow || !bRow || !cRow || !limited || limited.pricUplmtAmt === null)
    throw new Error('seeded catalogue lacks 甲/乙/丙/限价 items');
  const item = (row: CatalogueItemRow, pric: number): Item => ({ code: row.code, pric: pric as UnitPrice, row });
  classA = item(aRow, aRow.refPric as number);
  classB = item(bRow, bRow.refPric as number);
  classC = item(cRow, cRow.refPric as number);
  // One yuan above the limit per unit.
  overLimit = item(limited, limited.pricUplmtAmt + parsePrice(1));
}

const usedPersons = new Set<string>();

/** A fresh local 职工 (310) with a personal account to draw on; each scenario takes its own. */
function employee(): PersonRow {
  const found = store.persons.list().find((p) => {
    if (p.category !== 'emp-active' || usedPersons.has(p.psnNo)) return false;
    const ins = store.persons.insuranceFor(p.psnNo, '310');
    return ins !== undefined && ins.psnInsuStas === '1' && ins.insuplcAdmdvs === '420100' && ins.balc > 50_000;
  });
  if (!found) throw new Error('no seeded local 职工 with an account balance left');
  usedPersons.add(found.psnNo);
  return found;
}

function balance(p: PersonRow): Fen {
  return store.ledger.balance(p.psnNo, '310');
}

/** Year-to-date accumulators without zero entries (a cancelled settlement leaves zero rows behind). */
function ytd(p: PersonRow): Record<string, number> {
  const all = store.ledger.ytd(p.psnNo, new Date().getUTCFullYear());
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== 0));
}

// ---- calls ---------------------------------------------------------------------------------

type Output = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(
  infno: string,
  input: Record<string, unknown>,
  counter = app,
): Promise<Output & { msgid: string; envelope: unknown }> {
  const r = await counter.callAs(OPERATOR, infno, input);
  return { ...(r.output as Output), msgid: r.msgid, envelope: r.envelope };
}

/** The call must be refused by the center; returns its err_msg. */
async function refused(infno: string, input: Record<string, unknown>, counter = app): Promise<string> {
  try {
    await counter.callAs(OPERATOR, infno, input);
  } catch (e) {
    expect(e).toBeInstanceOf(RejectedError);
    return (e as RejectedError).errMsg;
  }
  throw new Error(`${infno} was expected to be refused`);
}

async function readCard(p: PersonRow, counter = app): Promise<void> {
  const out = await call(
    '1101',
    { data: { mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, psn_cert_type: '01', certno: p.certno, psn_name: p.psnName } },
    counter,
  );
  expect(out['baseinfo'].psn_no).toBe(p.psnNo);
}

let otpSerial = 0;
function registration(p: PersonRow, iptOtpNo = `MZ${Date.now()}${otpSerial++}`) {
  return {
    data: {
      psn_no: p.psnNo,
      insutype: '310',
      begntime: NOW,
      mdtrt_cert_type: '02',
      mdtrt_cert_no: p.certno,
      ipt_otp_no: iptOtpNo,
      atddr_no: 'D420100000001',
      dr_name: '张医生',
      dept_code: 'NK01',
      dept_name: '内科',
      caty: 'A03',
    },
  };
}

async function register(p: PersonRow): Promise<{ mdtrtId: string; iptOtpNo: string }> {
  const input = registration(p);
  const out = await call('2201', input);
  expect(out['data'].psn_no).toBe(p.psnNo);
  expect(out['data'].ipt_otp_no).toBe(input.data.ipt_otp_no);
  expect(out['data'].mdtrt_id).toMatch(/^MD420100\d{18}$/);
  return { mdtrtId: out['data'].mdtrt_id as string, iptOtpNo: input.data.ipt_otp_no };
}

function visitInfo(p: PersonRow, mdtrtId: string, medType = '11') {
  return {
    mdtrtinfo: {
      mdtrt_id: mdtrtId,
      psn_no: p.psnNo,
      med_type: medType,
      begntime: NOW,
      main_cond_dscr: '咳嗽三天',
      dise_codg: '',
      dise_name: '',
    },
    diseinfo: [
      {
        diag_type: '1',
        diag_srt_no: 1,
        diag_code: 'J06.900',
        diag_name: '急性上呼吸道感染',
        diag_dept: '内科',
        dise_dor_no: 'D420100000001',
        dise_dor_name: '张医生',
        diag_time: NOW,
        vali_flag: '1',
      },
    ],
  };
}

interface Line {
  readonly sn: string;
  readonly item: Item;
  readonly cnt: number;
  readonly bchno: string;
}

function amountOf(l: Line): Fen {
  return lineAmount(parseQty(l.cnt), l.item.pric);
}

function feedetail(p: PersonRow, mdtrtId: string, lines: readonly Line[]) {
  return {
    feedetail: lines.map((l) => ({
      feedetl_sn: l.sn,
      mdtrt_id: mdtrtId,
      psn_no: p.psnNo,
      chrg_bchno: l.bchno,
      rx_circ_flag: '0',
      fee_ocur_time: NOW,
      med_list_codg: l.item.code,
      medins_list_codg: `HIS-${l.item.code}`,
      det_item_fee_sumamt: yuanNumber(amountOf(l)),
      cnt: qtyNumber(parseQty(l.cnt)),
      pric: priceNumber(l.item.pric),
      bilg_dept_codg: 'NK01',
      bilg_dept_name: '内科',
      bilg_dr_codg: 'D420100000001',
      bilg_dr_name: '张医生',
      hosp_appr_flag: '0',
    })),
  };
}

function preSettleData(p: PersonRow, mdtrtId: string, bchno: string, total: Fen, medType = '11') {
  return {
    psn_no: p.psnNo,
    mdtrt_cert_type: '02',
    mdtrt_cert_no: p.certno,
    med_type: medType,
    medfee_sumamt: yuanNumber(total),
    psn_setlway: '01',
    mdtrt_id: mdtrtId,
    chrg_bchno: bchno,
    insutype: '310',
    acct_used_flag: '1',
  };
}

interface Sums {
  fulamt_ownpay_amt: number;
  overlmt_selfpay: number;
  preselfpay_amt: number;
  inscp_scp_amt: number;
}

/** What the counter passes into 2207: the sums of the 2204 answers of the batch. */
function sumsOf(result: readonly Output[]): Sums {
  const sum = (k: string) => yuanNumber(sumFen(result.map((r) => parseYuan(r[k] as number))));
  return {
    fulamt_ownpay_amt: sum('fulamt_ownpay_amt'),
    overlmt_selfpay: sum('overlmt_amt'),
    preselfpay_amt: sum('preselfpay_amt'),
    inscp_scp_amt: sum('inscp_scp_amt'),
  };
}

function settleInput(p: PersonRow, mdtrtId: string, bchno: string, total: Fen, sums: Sums) {
  return { data: { ...preSettleData(p, mdtrtId, bchno, total), invono: '', ...sums } };
}

const y = (v: unknown): Fen => parseYuan(v as number);

/** The spec's identities (protocol.md §2.9) on a setlinfo. */
function expectIdentities(s: Output): void {
  expect(addFen(y(s['fund_pay_sumamt']), y(s['psn_part_amt']), y(s['hosp_part_amt']))).toBe(y(s['medfee_sumamt']));
  expect(addFen(y(s['acct_pay']), y(s['psn_cash_pay']))).toBe(y(s['psn_part_amt']));
  expect(
    addFen(
      y(s['hifp_pay']),
      y(s['cvlserv_pay']),
      y(s['hifes_pay']),
      y(s['hifmi_pay']),
      y(s['hifob_pay']),
      y(s['maf_pay']),
      y(s['oth_pay']),
    ),
  ).toBe(y(s['fund_pay_sumamt']));
}

function lineStates(mdtrtId: string): Record<string, string> {
  return Object.fromEntries(store.visits.linesOfVisit(mdtrtId).map((l) => [l.feedetlSn, l.state]));
}

/** 1101 → 2201 → 2203 → 2204 of one batch; returns what 2207 needs. */
async function visitWithBatch(p: PersonRow, lines: readonly Line[], opts: { visitInfo?: boolean } = {}) {
  await readCard(p);
  const { mdtrtId, iptOtpNo } = await register(p);
  if (opts.visitInfo !== false) await call('2203', visitInfo(p, mdtrtId));
  const up = await call('2204', feedetail(p, mdtrtId, lines));
  const total = sumFen(lines.map(amountOf));
  return { mdtrtId, iptOtpNo, total, sums: sumsOf(up['result'] as Output[]) };
}

beforeAll(async () => {
  harness = await startHarness();
  store = harness.sandbox.center.store;
  app = await harness.openApp({ institution: CLINIC });
  pickItems();
});

afterAll(async () => {
  await harness?.close();
});

// ---- the whole visit ------------------------------------------------------------------------

describe('a clinic visit with two bills', () => {
  let p: PersonRow;
  let mdtrtId = '';
  let iptOtpNo = '';
  const bill1: Line[] = [];
  const bill2: Line[] = [];
  let sums1: Sums;
  let sums2: Sums;
  let setl1: Output;
  let setl2: Output;
  let balanceBefore: Fen;
  let ytdBefore: Record<string, number>;

  beforeAll(() => {
    p = employee();
    bill1.push(
      { sn: 'F1-1', item: classA, cnt: 2, bchno: 'B1' },
      { sn: 'F1-2', item: classB, cnt: 3, bchno: 'B1' },
      { sn: 'F1-3', item: classC, cnt: 1, bchno: 'B1' },
    );
    bill2.push({ sn: 'F2-1', item: classB, cnt: 1, bchno: 'B2' }, { sn: 'F2-2', item: overLimit, cnt: 2, bchno: 'B2' });
    balanceBefore = balance(p);
    ytdBefore = ytd(p);
  });

  it('registers (2201), takes the diagnosis (2203) and splits both bills of one 2204 call', async () => {
    await readCard(p);
    ({ mdtrtId, iptOtpNo } = await register(p));
    const visit = store.visits.get(mdtrtId);
    expect(visit).toMatchObject({
      psnNo: p.psnNo,
      fixmedinsCode: CLINIC.fixmedinsCode,
      iptOtpNo,
      state: 'registered',
      medType: null,
    });

    await call('2203', visitInfo(p, mdtrtId));
    expect(store.visits.get(mdtrtId)).toMatchObject({ medType: '11', mainCondDscr: '咳嗽三天' });
    expect(store.visits.get(mdtrtId)?.diagnoses).toHaveLength(1);

    const up = await call('2204', feedetail(p, mdtrtId, [...bill1, ...bill2]));
    const result = up['result'] as Output[];
    expect(result.map((r) => r['feedetl_sn'])).toEqual(['F1-1', 'F1-2', 'F1-3', 'F2-1', 'F2-2']);
    const bySn = Object.fromEntries(result.map((r) => [r['feedetl_sn'] as string, r]));

    // 甲类: all in scope, no price limit to report.
    const a = bySn['F1-1'] as Output;
    expect(y(a['inscp_scp_amt'])).toBe(amountOf(bill1[0] as Line));
    expect(y(a['preselfpay_amt'])).toBe(0);
    expect(a['chrgitm_lv']).toBe('01');
    expect(a['pric_uplmt_amt']).toBeNull(); // no price cap: sent as null (the client reads null or a number)
    // 乙类: the catalogue's 先自付 share first, the rest in scope.
    const b = bySn['F1-2'] as Output;
    const bAmount = amountOf(bill1[1] as Line);
    const bPre = applyRatio(bAmount, classB.row.selfpayProp ?? (0 as never));
    expect(y(b['preselfpay_amt'])).toBe(bPre);
    expect(y(b['inscp_scp_amt'])).toBe(subFen(bAmount, bPre));
    // 丙类: all self-paid.
    const c = bySn['F1-3'] as Output;
    expect(y(c['fulamt_ownpay_amt'])).toBe(amountOf(bill1[2] as Line));
    expect(y(c['inscp_scp_amt'])).toBe(0);
    // Above the 限价: 1 yuan per unit over, 2 units.
    expect(y(bySn['F2-2']?.['overlmt_amt'])).toBe(200);

    sums1 = sumsOf(result.slice(0, 3));
    sums2 = sumsOf(result.slice(3));
    expect(Object.values(lineStates(mdtrtId))).toEqual(['uploaded', 'uploaded', 'uploaded', 'uploaded', 'uploaded']);
    expect(store.visits.linesOfBatch(mdtrtId, 'B2').map((l) => l.feedetlSn)).toEqual(['F2-1', 'F2-2']);
  });

  it('pre-settles bill 1 (2206) without changing anything', async () => {
    const total = sumFen(bill1.map(amountOf));
    const pre = await call('2206', { data: preSettleData(p, mdtrtId, 'B1', total) });
    const s = pre['setlinfo'] as Output;
    expect(y(s['medfee_sumamt'])).toBe(total);
    expect(s['setl_id'] ?? '').toBe('');
    expect(s['mdtrt_id']).toBe(mdtrtId);
    expect(y(s['inscp_scp_amt'])).toBe(y(sums1.inscp_scp_amt));
    expectIdentities(s);
    expect(balance(p)).toBe(balanceBefore);
    expect(store.settlements.ofVisit(mdtrtId)).toEqual([]);
    expect(lineStates(mdtrtId)['F1-1']).toBe('uploaded');
  });

  it('settles bill 1 and then bill 2 (2207), each taking its acct_pay from the account and only its own lines', async () => {
    const total1 = sumFen(bill1.map(amountOf));
    setl1 = await call('2207', settleInput(p, mdtrtId, 'B1', total1, sums1));
    const s1 = setl1['setlinfo'] as Output;
    expect(s1['setl_id']).toMatch(/^ST420100/);
    expect(s1['mdtrt_id']).toBe(mdtrtId);
    expect(s1['medins_setl_id']).toBe(setl1.msgid);
    expect(y(s1['medfee_sumamt'])).toBe(total1);
    expectIdentities(s1);
    expect(y(s1['acct_pay'])).toBeGreaterThan(0);
    expect(balance(p)).toBe(subFen(balanceBefore, y(s1['acct_pay'])));
    expect(y(s1['balc'])).toBe(balance(p));
    expect(lineStates(mdtrtId)).toEqual({
      'F1-1': 'settled',
      'F1-2': 'settled',
      'F1-3': 'settled',
      'F2-1': 'uploaded',
      'F2-2': 'uploaded',
    });

    const afterBill1 = balance(p);
    const total2 = sumFen(bill2.map(amountOf));
    setl2 = await call('2207', settleInput(p, mdtrtId, 'B2', total2, sums2));
    const s2 = setl2['setlinfo'] as Output;
    expect(s2['setl_id']).not.toBe(s1['setl_id']);
    expect(y(s2['medfee_sumamt'])).toBe(total2);
    expect(y(s2['overlmt_selfpay'])).toBe(200);
    expectIdentities(s2);
    expect(balance(p)).toBe(subFen(afterBill1, y(s2['acct_pay'])));
    expect(Object.values(lineStates(mdtrtId))).toEqual(['settled', 'settled', 'settled', 'settled', 'settled']);

    const stored = store.settlements.get(s2['setl_id'] as string);
    expect(stored).toMatchObject({ state: 'settled', chrgBchno: 'B2', infno: '2207', medfeeSumamt: total2 });
    expect(ytd(p)).not.toEqual(ytdBefore);
  });

  it('refuses cancelling out of order while bills are settled (2202, 2205) and changes nothing', async () => {
    const balanceNow = balance(p);
    expect(await refused('2202', { data: { psn_no: p.psnNo, mdtrt_id: mdtrtId, ipt_otp_no: iptOtpNo } })).toContain('2208');
    expect(await refused('2205', { data: { mdtrt_id: mdtrtId, chrg_bchno: 'B2', psn_no: p.psnNo } })).toContain('2208');
    // 0000 means the unsettled lines only, and there are none.
    expect(await refused('2205', { data: { mdtrt_id: mdtrtId, chrg_bchno: '0000', psn_no: p.psnNo } })).toContain('没有未结算');
    expect(balance(p)).toBe(balanceNow);
    expect(store.visits.get(mdtrtId)?.state).toBe('registered');
    expect(Object.values(lineStates(mdtrtId)).every((s) => s === 'settled')).toBe(true);
  });

  it('refuses settling an already settled bill again', async () => {
    const balanceNow = balance(p);
    const msg = await refused('2207', settleInput(p, mdtrtId, 'B1', sumFen(bill1.map(amountOf)), sums1));
    expect(msg).toContain('已结算');
    expect(await refused('2204', feedetail(p, mdtrtId, [{ sn: 'F1-9', item: classA, cnt: 1, bchno: 'B1' }]))).toContain('已结算');
    expect(balance(p)).toBe(balanceNow);
    expect(store.settlements.ofVisit(mdtrtId)).toHaveLength(2);
  });

  it('refunds bill 2 only (2208 then 2205): account back by its acct_pay, bill 1 stays settled', async () => {
    const s2 = setl2['setlinfo'] as Output;
    const balanceNow = balance(p);
    // Cancelling needs the original settlement's id, with matching visit and person.
    expect(
      await refused('2208', { data: { setl_id: s2['setl_id'], mdtrt_id: 'MD420100000000000000000000', psn_no: p.psnNo } }),
    ).toContain('不符');

    const refund = await call('2208', { data: { setl_id: s2['setl_id'], mdtrt_id: mdtrtId, psn_no: p.psnNo } });
    const r = refund['setlinfo'] as Output;
    expect(r['setl_id']).not.toBe(s2['setl_id']);
    expect(y(r['medfee_sumamt'])).toBe(negFen(y(s2['medfee_sumamt'])));
    expect(y(r['acct_pay'])).toBe(negFen(y(s2['acct_pay'])));
    expect(y(r['psn_cash_pay'])).toBe(negFen(y(s2['psn_cash_pay'])));
    expect(y(r['fund_pay_sumamt'])).toBe(negFen(y(s2['fund_pay_sumamt'])));
    expectIdentities(r);
    expect(balance(p)).toBe(addFen(balanceNow, y(s2['acct_pay'])));
    expect(y(r['balc'])).toBe(balance(p));
    expect(store.settlements.get(s2['setl_id'] as string)?.state).toBe('cancelled');
    expect(lineStates(mdtrtId)).toMatchObject({ 'F2-1': 'uploaded', 'F2-2': 'uploaded', 'F1-1': 'settled' });

    // The same settlement cannot be cancelled twice.
    expect(await refused('2208', { data: { setl_id: s2['setl_id'], mdtrt_id: mdtrtId, psn_no: p.psnNo } })).toContain('已撤销');

    await call('2205', { data: { mdtrt_id: mdtrtId, chrg_bchno: 'B2', psn_no: p.psnNo } });
    expect(lineStates(mdtrtId)).toEqual({
      'F1-1': 'settled',
      'F1-2': 'settled',
      'F1-3': 'settled',
      'F2-1': 'cancelled',
      'F2-2': 'cancelled',
    });
    expect(await refused('2205', { data: { mdtrt_id: mdtrtId, chrg_bchno: 'B2', psn_no: p.psnNo } })).toContain('没有未结算');
    expect(store.settlements.get(setl1['setlinfo'].setl_id as string)?.state).toBe('settled');
  });

  it('cancels the whole visit in the only allowed order: 2208 → 2205 → 2202, restoring account and YTD exactly', async () => {
    const s1 = setl1['setlinfo'] as Output;
    expect(await refused('2202', { data: { psn_no: p.psnNo, mdtrt_id: mdtrtId, ipt_otp_no: iptOtpNo } })).toContain('2208');
    await call('2208', { data: { setl_id: s1['setl_id'], mdtrt_id: mdtrtId, psn_no: p.psnNo } });
    // Lines are back to uploaded: 2202 still refuses until they are cancelled.
    expect(await refused('2202', { data: { psn_no: p.psnNo, mdtrt_id: mdtrtId, ipt_otp_no: iptOtpNo } })).toContain('2205');
    await call('2205', { data: { mdtrt_id: mdtrtId, chrg_bchno: '0000', psn_no: p.psnNo } });
    await call('2202', { data: { psn_no: p.psnNo, mdtrt_id: mdtrtId, ipt_otp_no: iptOtpNo } });

    expect(store.visits.get(mdtrtId)?.state).toBe('cancelled');
    expect(Object.values(lineStates(mdtrtId)).every((s) => s === 'cancelled')).toBe(true);
    expect(balance(p)).toBe(balanceBefore);
    expect(ytd(p)).toEqual(ytdBefore);
    // A cancelled visit takes nothing more.
    expect(await refused('2204', feedetail(p, mdtrtId, [{ sn: 'F9-1', item: classA, cnt: 1, bchno: 'B9' }]))).toContain(
      '已撤销挂号',
    );
  });
});

// ---- refusals --------------------------------------------------------------------------------

describe('clinic refusals', () => {
  it('refuses settling before the visit info (2203) was uploaded', async () => {
    const p = employee();
    const lines: Line[] = [{ sn: 'N1', item: classA, cnt: 1, bchno: 'B1' }];
    const v = await visitWithBatch(p, lines, { visitInfo: false });
    expect(await refused('2206', { data: preSettleData(p, v.mdtrtId, 'B1', v.total) })).toContain('2203');
    expect(await refused('2207', settleInput(p, v.mdtrtId, 'B1', v.total, v.sums))).toContain('2203');
    expect(store.settlements.ofVisit(v.mdtrtId)).toEqual([]);
    // After 2203 the same batch settles, and med_type must be the visit's.
    await call('2203', visitInfo(p, v.mdtrtId));
    expect(await refused('2206', { data: preSettleData(p, v.mdtrtId, 'B1', v.total, '14') })).toContain('med_type');
    await call('2207', settleInput(p, v.mdtrtId, 'B1', v.total, v.sums));
  });

  it('refuses 2207 whose four amounts differ from the 2204 sums, naming the field, with nothing changed', async () => {
    const p = employee();
    const lines: Line[] = [
      { sn: 'W1', item: classA, cnt: 1, bchno: 'B1' },
      { sn: 'W2', item: classB, cnt: 2, bchno: 'B1' },
    ];
    const v = await visitWithBatch(p, lines);
    const before = balance(p);
    const wrong = { ...v.sums, inscp_scp_amt: yuanNumber(addFen(y(v.sums.inscp_scp_amt), fen(1))) };
    const msg = await refused('2207', settleInput(p, v.mdtrtId, 'B1', v.total, wrong));
    expect(msg).toContain('inscp_scp_amt');
    const wrongPre = { ...v.sums, preselfpay_amt: 0 };
    expect(await refused('2207', settleInput(p, v.mdtrtId, 'B1', v.total, wrongPre))).toContain('preselfpay_amt');
    // medfee_sumamt must be the batch's total.
    expect(await refused('2207', settleInput(p, v.mdtrtId, 'B1', addFen(v.total, fen(100)), v.sums))).toContain('明细合计');
    expect(balance(p)).toBe(before);
    expect(store.settlements.ofVisit(v.mdtrtId)).toEqual([]);
    expect(Object.values(lineStates(v.mdtrtId))).toEqual(['uploaded', 'uploaded']);
  });

  it('refuses a fee serial already uploaded in the visit, the reserved batch 0000 and lines of a foreign visit', async () => {
    const p = employee();
    const v = await visitWithBatch(p, [{ sn: 'D1', item: classA, cnt: 1, bchno: 'B1' }]);
    expect(await refused('2204', feedetail(p, v.mdtrtId, [{ sn: 'D1', item: classB, cnt: 1, bchno: 'B2' }]))).toContain('D1');
    expect(
      await refused(
        '2204',
        feedetail(p, v.mdtrtId, [
          { sn: 'D2', item: classA, cnt: 1, bchno: 'B2' },
          { sn: 'D2', item: classA, cnt: 1, bchno: 'B2' },
        ]),
      ),
    ).toContain('重复');
    expect(await refused('2204', feedetail(p, v.mdtrtId, [{ sn: 'D3', item: classA, cnt: 1, bchno: '0000' }]))).toContain('0000');
    const other = employee();
    await readCard(other);
    expect(await refused('2204', feedetail(other, v.mdtrtId, [{ sn: 'D4', item: classA, cnt: 1, bchno: 'B2' }]))).toContain(
      '不属于',
    );
    // det_item_fee_sumamt must be cnt × pric.
    const bad = feedetail(p, v.mdtrtId, [{ sn: 'D5', item: classA, cnt: 1, bchno: 'B2' }]);
    bad.feedetail[0]!.det_item_fee_sumamt = yuanNumber(addFen(amountOf({ sn: 'D5', item: classA, cnt: 1, bchno: 'B2' }), fen(1)));
    expect(await refused('2204', bad)).toContain('数量 × 单价');
    expect(store.visits.linesOfVisit(v.mdtrtId).map((l) => l.feedetlSn)).toEqual(['D1']);
  });

  it('refuses a repeated ipt_otp_no, a credential of someone else and a registration from a pharmacy', async () => {
    const p = employee();
    await readCard(p);
    const input = registration(p, `DUP${Date.now()}`);
    await call('2201', input);
    expect(await refused('2201', input)).toContain('ipt_otp_no');

    const other = employee();
    const foreign = registration(p);
    foreign.data.mdtrt_cert_no = other.certno;
    expect(await refused('2201', foreign)).toContain('就诊凭证');

    const pharmacy = await harness.openApp({ institution: PHARMACY }, 'pharmacy-counter');
    await readCard(p, pharmacy);
    expect(await refused('2201', registration(p), pharmacy)).toContain('定点医疗机构');
  });

  it('2201A keeps the medical category, so the batch settles without 2203', async () => {
    const p = employee();
    await readCard(p);
    const input = { data: { ...registration(p).data, med_type: '11' } };
    const out = await call('2201A', input);
    const mdtrtId = out['data'].mdtrt_id as string;
    expect(store.visits.get(mdtrtId)?.medType).toBe('11');
    const lines: Line[] = [{ sn: 'A1', item: classA, cnt: 1, bchno: 'B1' }];
    const up = await call('2204', feedetail(p, mdtrtId, lines));
    const total = amountOf(lines[0] as Line);
    const settled = await call('2207A', settleInput(p, mdtrtId, 'B1', total, sumsOf(up['result'] as Output[])));
    expect(store.settlements.get(settled['setlinfo'].setl_id as string)?.infno).toBe('2207A');
  });
});

// ---- 2601 reversal --------------------------------------------------------------------------

describe('2601 reversal in the clinic flow', () => {
  it('reversing a 2207 restores account and YTD; the batch can then be settled again', async () => {
    const p = employee();
    const lines: Line[] = [
      { sn: 'R1', item: classA, cnt: 2, bchno: 'B1' },
      { sn: 'R2', item: classB, cnt: 1, bchno: 'B1' },
    ];
    const v = await visitWithBatch(p, lines);
    const balanceBefore = balance(p);
    const ytdBefore = ytd(p);
    const settled = await call('2207', settleInput(p, v.mdtrtId, 'B1', v.total, v.sums));
    const setlId = settled['setlinfo'].setl_id as string;
    expect(balance(p)).toBe(subFen(balanceBefore, y(settled['setlinfo'].acct_pay)));

    await call('2601', { data: { psn_no: p.psnNo, omsgid: settled.msgid, oinfno: '2207' } });
    expect(balance(p)).toBe(balanceBefore);
    expect(ytd(p)).toEqual(ytdBefore);
    expect(store.settlements.get(setlId)?.state).toBe('reversed');
    expect(Object.values(lineStates(v.mdtrtId))).toEqual(['uploaded', 'uploaded']);
    // A reversed settlement cannot be cancelled, nor reversed twice.
    expect(await refused('2208', { data: { setl_id: setlId, mdtrt_id: v.mdtrtId, psn_no: p.psnNo } })).toContain('冲正');
    expect(await refused('2601', { data: { psn_no: p.psnNo, omsgid: settled.msgid, oinfno: '2207' } })).toContain('已冲正');

    const again = await call('2207', settleInput(p, v.mdtrtId, 'B1', v.total, v.sums));
    expect(again['setlinfo'].setl_id).not.toBe(setlId);
    expect(balance(p)).toBe(subFen(balanceBefore, y(again['setlinfo'].acct_pay)));
  });

  it('reversing a 2208 makes the original settled again, with its account debit and lines', async () => {
    const p = employee();
    const lines: Line[] = [{ sn: 'Q1', item: classB, cnt: 2, bchno: 'B1' }];
    const v = await visitWithBatch(p, lines);
    const balanceBefore = balance(p);
    const settled = await call('2207', settleInput(p, v.mdtrtId, 'B1', v.total, v.sums));
    const setlId = settled['setlinfo'].setl_id as string;
    const ytdSettled = ytd(p);
    const cancel = await call('2208', { data: { setl_id: setlId, mdtrt_id: v.mdtrtId, psn_no: p.psnNo } });
    expect(balance(p)).toBe(balanceBefore);
    expect(lineStates(v.mdtrtId)).toEqual({ Q1: 'uploaded' });

    await call('2601', { data: { psn_no: p.psnNo, omsgid: cancel.msgid, oinfno: '2208' } });
    expect(store.settlements.get(setlId)?.state).toBe('settled');
    expect(store.settlements.get(cancel['setlinfo'].setl_id as string)?.state).toBe('reversed');
    expect(balance(p)).toBe(subFen(balanceBefore, y(settled['setlinfo'].acct_pay)));
    expect(ytd(p)).toEqual(ytdSettled);
    expect(lineStates(v.mdtrtId)).toEqual({ Q1: 'settled' });
    // Settled again, so the batch cannot be settled twice and 2205 still refuses.
    expect(await refused('2207', settleInput(p, v.mdtrtId, 'B1', v.total, v.sums))).toContain('已结算');
    expect(await refused('2205', { data: { mdtrt_id: v.mdtrtId, chrg_bchno: 'B1', psn_no: p.psnNo } })).toContain('2208');
  });
});

// ---- repeated msgid ---------------------------------------------------------------------------

describe('a repeated message', () => {
  async function postRaw(envelope: unknown): Promise<Output> {
    const res = await fetch(harness.sandbox.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(envelope),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Output;
  }

  it('a 2207 posted twice with the same msgid is refused as 重复 and settles nothing more', async () => {
    const p = employee();
    const v = await visitWithBatch(p, [{ sn: 'M1', item: classA, cnt: 3, bchno: 'B1' }]);
    const settled = await call('2207', settleInput(p, v.mdtrtId, 'B1', v.total, v.sums));
    const balanceAfter = balance(p);
    const ytdAfter = ytd(p);

    const again = await postRaw(settled.envelope);
    expect(again['infcode']).toBe(-1);
    expect(again['err_msg']).toContain('重复');
    expect(again['err_msg']).toContain(settled.msgid);
    expect(balance(p)).toBe(balanceAfter);
    expect(ytd(p)).toEqual(ytdAfter);
    expect(store.settlements.ofVisit(v.mdtrtId)).toHaveLength(1);
  });

  it('a 2201 posted twice registers one visit only', async () => {
    const p = employee();
    await readCard(p);
    const first = await call('2201', registration(p));
    const again = await postRaw(first.envelope);
    expect(again['infcode']).toBe(-1);
    expect(again['err_msg']).toContain('重复');
    expect(store.visits.ofPerson(p.psnNo).map((v) => v.mdtrtId)).toEqual([first['data'].mdtrt_id]);
  });
});
