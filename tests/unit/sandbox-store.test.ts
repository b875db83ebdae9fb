/**
 * The sandbox store on a real SQLite file: schema from empty, data surviving a reopen,
 * settlement money movement and its exact undoing, msgid uniqueness, message log, files,
 * faults, sign-ins and fee lines.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fen, ratio, type Fen, parseQty, parsePrice, lineAmount } from '../../src-main/sandbox/amounts';
import {
  ALL_BATCHES,
  DuplicateKeyError,
  DuplicateMsgidError,
  InsufficientBalanceError,
  NotFoundError,
  SANDBOX_SCHEMA_VERSION,
  SandboxStore,
  StateError,
  contentFingerprint,
  toYearToDate,
  ytdDeltas,
  type FeeLine,
  type NewSettlement,
  type PersonRecord,
  type SettlementAmounts,
} from '../../src-main/sandbox/store';
import { generatePersons } from '../../src-main/sandbox/seed';
import { makeTempDir } from '../helpers/temp-dir';

const AT = '2026-03-02 10:00:00';
const CLINIC = 'H42010000002';

let temp: { dir: string; cleanup: () => void };
let file: string;
let store: SandboxStore;
let employee: PersonRecord;
let resident: PersonRecord;

beforeEach(() => {
  temp = makeTempDir('sandbox-store-');
  file = join(temp.dir, 'sandbox.sqlite');
  store = SandboxStore.openFile(file);
  const persons = generatePersons({ seed: 7, referenceDate: '2026-01-01' });
  employee = persons.find((p) => p.person.category === 'emp-active') as PersonRecord;
  resident = persons.find((p) => p.person.category === 'res-high') as PersonRecord;
  store.persons.insert([employee, resident]);
  store.ledger.setBalance(employee.person.psnNo, '310', fen(100_000));
});

afterEach(() => {
  store.close();
  temp.cleanup();
});

function reopen(): void {
  store.close();
  store = SandboxStore.openFile(file);
}

function amounts(partial: Partial<SettlementAmounts>): SettlementAmounts {
  const zero = fen(0);
  return {
    medfeeSumamt: zero,
    fulamtOwnpayAmt: zero,
    overlmtSelfpay: zero,
    preselfpayAmt: zero,
    inscpScpAmt: zero,
    actPayDedc: zero,
    hifpPay: zero,
    poolPropSelfpay: ratio(0),
    cvlservPay: zero,
    hifesPay: zero,
    hifmiPay: zero,
    hifobPay: zero,
    mafPay: zero,
    othPay: zero,
    fundPaySumamt: zero,
    psnPartAmt: zero,
    acctPay: zero,
    psnCashPay: zero,
    hospPartAmt: zero,
    balc: zero,
    acctMulaidPay: zero,
    ...partial,
  };
}

function line(mdtrtId: string, sn: string, chrgBchno: string, cnt: string, pric: string): FeeLine {
  const q = parseQty(cnt);
  const p = parsePrice(pric);
  const amount = lineAmount(q, p);
  return {
    mdtrtId,
    feedetlSn: sn,
    psnNo: employee.person.psnNo,
    chrgBchno,
    diseCodg: null,
    rxno: null,
    rxCircFlag: '0',
    feeOcurTime: AT,
    medListCodg: 'XJ01CAD001A001010100001',
    medinsListCodg: `LOCAL-${sn}`,
    detItemFeeSumamt: amount,
    cnt: q,
    pric: p,
    sinDosDscr: null,
    usedFrquDscr: null,
    prdDays: '3.00',
    medcWayDscr: null,
    bilgDeptCodg: 'A01',
    bilgDeptName: '内科',
    bilgDrCodg: 'D001',
    bilgDrName: '医生甲',
    acordDeptCodg: null,
    acordDeptName: null,
    ordersDrCode: null,
    ordersDrName: null,
    hospApprFlag: '0',
    tcmdrugUsedWay: null,
    etipFlag: null,
    etipHospCode: null,
    dscgTkdrugFlag: null,
    matnFeeFlag: null,
    expContent: null,
    pricUplmtAmt: null,
    selfpayProp: ratio(1000),
    fulamtOwnpayAmt: fen(0),
    overlmtAmt: fen(0),
    preselfpayAmt: fen(0),
    inscpScpAmt: amount,
    chrgitmLv: '01',
    medChrgitmType: '09',
    basMednFlag: '0',
    hiNegoDrugFlag: '0',
    chldMedcFlag: '0',
    listSpItemFlag: '0',
    lmtUsedFlag: '0',
    drtReimFlag: '0',
    memo: null,
  };
}

function registerVisit(mdtrtId: string, psnNo = employee.person.psnNo, insutype = '310'): void {
  store.visits.register({
    mdtrtId,
    psnNo,
    fixmedinsCode: CLINIC,
    iptOtpNo: `OTP-${mdtrtId}`,
    insutype,
    medType: '11',
    begntime: AT,
    mdtrtCertType: '02',
    mdtrtCertNo: employee.person.certno,
    cardSn: null,
    atddrNo: 'D001',
    drName: '医生甲',
    deptCode: 'A01',
    deptName: '内科',
    caty: 'A03',
    mainCondDscr: null,
    diseCodg: null,
    diseName: null,
    at: AT,
  });
}

/** A settlement of 120.00: fund 70.00, account 30.00, cash 20.00, adding to two accumulators. */
function settlement(setlId: string, msgid: string, mdtrtId: string, chrgBchno: string | null): NewSettlement {
  return {
    setlId,
    mdtrtId,
    psnNo: employee.person.psnNo,
    fixmedinsCode: CLINIC,
    infno: '2207',
    msgid,
    chrgBchno,
    setlTime: AT,
    insutype: '310',
    psnType: '11',
    cvlservFlag: '0',
    medType: '11',
    mdtrtCertType: '02',
    clrType: '11',
    clrWay: '1',
    clrOptins: '420100',
    invono: null,
    amounts: amounts({
      medfeeSumamt: fen(12_000),
      inscpScpAmt: fen(12_000),
      hifpPay: fen(7_000),
      fundPaySumamt: fen(7_000),
      psnPartAmt: fen(5_000),
      acctPay: fen(3_000),
      psnCashPay: fen(2_000),
      actPayDedc: fen(1_000),
      poolPropSelfpay: ratio(7000),
    }),
    details: [
      {
        fundPayType: '310100',
        fundPayTypeName: '职工基本医疗保险统筹基金',
        inscpScpAmt: fen(12_000),
        crtPaybLmtAmt: fen(500_000),
        fundPayamt: fen(7_000),
        setlProcInfo: '起付线后按70%支付',
      },
    ],
    ytdDeltas: { 'outpatient.deductibleUsed': fen(1_000), 'outpatient.poolPaid': fen(7_000) },
  };
}

describe('schema and persistence', () => {
  it('migrates an empty file to the current schema with WAL and foreign keys', () => {
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SANDBOX_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    db.close();
    for (const t of [
      'person',
      'insurance',
      'identity',
      'ytd',
      'signin',
      'visit',
      'fee_detail',
      'settlement',
      'setl_detail',
      'message',
      'file',
      'fault_rule',
      'catalogue_item',
      'catalogue_version',
      'dictionary',
    ]) {
      expect(tables).toContain(t);
    }
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps every row across a close and reopen (a restart of the center)', () => {
    registerVisit('M1');
    store.visits.uploadLines([line('M1', '1', 'B1', '2', '60')], AT);
    store.settlements.record(settlement('S1', 'MSG-1', 'M1', 'B1'));
    store.messages.insertProcessed({
      msgid: 'MSG-1',
      infno: '2207',
      opter: 'op1',
      fixmedinsCode: CLINIC,
      signNo: 'SN1',
      receivedAt: AT,
      requestJson: '{}',
    });
    store.faults.add('2207', 'delay:100', 2, AT);
    const before = contentFingerprint(store.db);
    reopen();
    expect(contentFingerprint(store.db)).toEqual(before);
    expect(store.settlements.get('S1')?.balc).toBe(97_000);
    expect(store.ledger.balance(employee.person.psnNo, '310')).toBe(97_000);
  });

  it('refuses a foreign key to a person that does not exist', () => {
    expect(() => registerVisit('M-ghost', 'NO-SUCH-PERSON')).toThrow(/FOREIGN KEY/);
  });

  it('refuses a float in a money column (STRICT tables)', () => {
    expect(() =>
      store.db.prepare("UPDATE insurance SET balc = 12.5 WHERE psn_no = ? AND insutype = '310'").run(employee.person.psnNo),
    ).toThrow(/cannot store REAL/);
  });
});

describe('persons', () => {
  it('finds a person by psn_no, ID number, card number and e-certificate token', () => {
    const p = employee.person;
    expect(store.persons.getByPsnNo(p.psnNo)?.certno).toBe(p.certno);
    expect(store.persons.getByCertno(p.certno)?.psnNo).toBe(p.psnNo);
    expect(store.persons.getByCardNo(p.cardNo as string)?.psnNo).toBe(p.psnNo);
    expect(store.persons.getByEcToken(p.ecToken as string)?.psnNo).toBe(p.psnNo);
    expect(store.persons.getByCredential('01', p.ecToken as string)?.psnNo).toBe(p.psnNo);
    expect(store.persons.getByCredential('02', p.certno)?.psnNo).toBe(p.psnNo);
    expect(store.persons.getByCredential('03', p.cardNo as string)?.psnNo).toBe(p.psnNo);
    expect(store.persons.getByCertno('110101190001010000')).toBeUndefined();
  });

  it('returns the full record with insurance rows, booleans restored', () => {
    const r = store.persons.record(resident.person.psnNo);
    expect(r?.insurance).toHaveLength(1);
    expect(r?.insurance[0]).toMatchObject({ insutype: '390', residentTier: 'high', collegeStudent: false, balc: 0 });
    expect(store.persons.insuranceFor(employee.person.psnNo, '310')?.balc).toBe(100_000);
  });
});

describe('ledger', () => {
  const psn = () => employee.person.psnNo;

  it('debits and credits in integer fen and refuses to go below zero', () => {
    expect(store.ledger.debit(psn(), '310', fen(40_001))).toBe(59_999);
    expect(store.ledger.credit(psn(), '310', fen(1))).toBe(60_000);
    const err = (() => {
      try {
        store.ledger.debit(psn(), '310', fen(60_001));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InsufficientBalanceError);
    expect(store.ledger.balance(psn(), '310')).toBe(60_000);
    expect(store.ledger.debit(psn(), '310', fen(60_000))).toBe(0);
  });

  it('names a missing insurance row', () => {
    expect(() => store.ledger.balance(psn(), '390')).toThrow(NotFoundError);
  });

  it("maps accumulators to the policy engine's YearToDate and back as deltas", () => {
    store.ledger.applyYtd(psn(), 2026, { 'inpatient.poolPaid': fen(80_000), assistancePaid: fen(5) });
    const before = toYearToDate(store.ledger.ytd(psn(), 2026));
    expect(before.inpatient).toEqual({ deductibleUsed: 0, poolPaid: 80_000 });
    expect(before.assistancePaid).toBe(5);
    expect(before.outpatient).toEqual({ deductibleUsed: 0, poolPaid: 0 });
    const after = { ...before, outpatient: { deductibleUsed: fen(2_000), poolPaid: fen(300) }, cvlservPaid: fen(7) };
    const deltas = ytdDeltas(before, after);
    expect(deltas).toEqual({ 'outpatient.deductibleUsed': 2_000, 'outpatient.poolPaid': 300, cvlservPaid: 7 });
    store.ledger.applyYtd(psn(), 2026, deltas);
    expect(toYearToDate(store.ledger.ytd(psn(), 2026))).toEqual(after);
  });

  it('adds YTD deltas per (person, year, key)', () => {
    store.ledger.applyYtd(psn(), 2026, { 'outpatient.poolPaid': fen(500), 'inpatient.poolPaid': fen(0) });
    store.ledger.applyYtd(psn(), 2026, { 'outpatient.poolPaid': fen(250) });
    store.ledger.applyYtd(psn(), 2025, { 'outpatient.poolPaid': fen(9) });
    expect(store.ledger.ytd(psn(), 2026)).toEqual({ 'outpatient.poolPaid': 750 });
    expect(store.ledger.ytd(psn(), 2025)).toEqual({ 'outpatient.poolPaid': 9 });
    expect(store.ledger.ytd(psn(), 2024)).toEqual({});
  });
});

describe('settlements', () => {
  const psn = () => employee.person.psnNo;

  beforeEach(() => {
    registerVisit('M1');
    store.visits.uploadLines([line('M1', '1', 'B1', '1', '100'), line('M1', '2', 'B1', '2', '10')], AT);
  });

  it('records the settlement, its detail, the debit, YTD and consumed lines in one go', () => {
    const s = store.settlements.record(settlement('S1', 'MSG-1', 'M1', 'B1'));
    expect(s.balc).toBe(97_000);
    expect(store.settlements.get('S1')).toMatchObject({
      state: 'settled',
      kind: 'settle',
      msgid: 'MSG-1',
      acctPay: 3_000,
      poolPropSelfpay: 7000,
    });
    expect(store.settlements.get('S1')?.details).toHaveLength(1);
    expect(store.settlements.getByMsgid('MSG-1')?.setlId).toBe('S1');
    expect(store.ledger.ytd(psn(), 2026)).toEqual({ 'outpatient.deductibleUsed': 1_000, 'outpatient.poolPaid': 7_000 });
    expect(store.visits.linesOfSettlement('S1').map((l) => l.state)).toEqual(['settled', 'settled']);
    expect(store.visits.linesOfBatch('M1', 'B1')).toHaveLength(0);
  });

  it('rolls everything back when the account cannot pay', () => {
    store.ledger.setBalance(psn(), '310', fen(2_999));
    const before = contentFingerprint(store.db);
    expect(() => store.settlements.record(settlement('S1', 'MSG-1', 'M1', 'B1'))).toThrow(InsufficientBalanceError);
    expect(contentFingerprint(store.db)).toEqual(before);
  });

  it('cancel (2208) writes the negative refund record and restores balance and YTD exactly', () => {
    store.ledger.applyYtd(psn(), 2026, { 'outpatient.poolPaid': fen(123) });
    const ytdBefore = store.ledger.ytd(psn(), 2026);
    store.settlements.record(settlement('S1', 'MSG-1', 'M1', 'B1'));
    const { original, refund } = store.settlements.cancel({
      setlId: 'S1',
      refundSetlId: 'S1-R',
      msgid: 'MSG-2',
      infno: '2208',
      time: '2026-03-02 11:00:00',
    });
    expect(store.ledger.balance(psn(), '310')).toBe(100_000);
    expect(store.ledger.ytd(psn(), 2026)).toEqual({ ...ytdBefore, 'outpatient.deductibleUsed': 0 });
    expect(original).toMatchObject({ state: 'cancelled', reverseSetlId: 'S1-R', reverseMsgid: 'MSG-2' });
    expect(refund).toMatchObject({
      kind: 'refund',
      origSetlId: 'S1',
      medfeeSumamt: -12_000,
      acctPay: -3_000,
      psnCashPay: -2_000,
      balc: 100_000,
      poolPropSelfpay: 7000,
    });
    expect(refund.details[0]?.fundPayamt).toBe(-7_000);
    expect(store.visits.linesOfBatch('M1', 'B1').map((l) => l.feedetlSn)).toEqual(['1', '2']);
    expect(() =>
      store.settlements.cancel({ setlId: 'S1', refundSetlId: 'S1-R2', msgid: 'MSG-3', infno: '2208', time: AT }),
    ).toThrow(StateError);
  });

  it('reverse (2601 of 2207) voids the settlement and gives back exactly what it took', () => {
    store.settlements.record(settlement('S1', 'MSG-1', 'M1', 'B1'));
    const reversed = store.settlements.reverse({ setlId: 'S1', msgid: 'MSG-2601', time: AT });
    expect(reversed).toMatchObject({ state: 'reversed', reverseMsgid: 'MSG-2601', reverseSetlId: null });
    expect(store.ledger.balance(psn(), '310')).toBe(100_000);
    expect(store.ledger.ytd(psn(), 2026)).toEqual({ 'outpatient.deductibleUsed': 0, 'outpatient.poolPaid': 0 });
    expect(store.visits.linesOfBatch('M1', 'B1')).toHaveLength(2);
    expect(() => store.settlements.reverse({ setlId: 'S1', msgid: 'X', time: AT })).toThrow(/已冲正/);
    // The same lines can be settled again.
    expect(store.settlements.record(settlement('S2', 'MSG-3', 'M1', 'B1')).balc).toBe(97_000);
  });

  it('reversing a cancellation (2601 of 2208) reinstates the original exactly', () => {
    store.settlements.record(settlement('S1', 'MSG-1', 'M1', 'B1'));
    store.settlements.cancel({ setlId: 'S1', refundSetlId: 'S1-R', msgid: 'MSG-2', infno: '2208', time: AT });
    const { original, refund } = store.settlements.reverseCancellation({ refundSetlId: 'S1-R', msgid: 'MSG-2601', time: AT });
    expect(original).toMatchObject({ state: 'settled', reverseSetlId: null, reverseMsgid: null });
    expect(refund).toMatchObject({ state: 'reversed', reverseMsgid: 'MSG-2601' });
    expect(store.ledger.balance(psn(), '310')).toBe(97_000);
    expect(store.ledger.ytd(psn(), 2026)).toEqual({ 'outpatient.deductibleUsed': 1_000, 'outpatient.poolPaid': 7_000 });
    expect(store.visits.linesOfSettlement('S1').map((l) => l.state)).toEqual(['settled', 'settled']);
  });

  it('pharmacy reversal can cancel the lines the sale uploaded', () => {
    store.settlements.record({ ...settlement('S1', 'MSG-1', 'M1', null), infno: '2102', feedetlSns: ['1', '2'] });
    store.settlements.reverse({ setlId: 'S1', msgid: 'MSG-2601', time: AT, feeLines: 'cancelled' });
    expect(store.visits.linesOfVisit('M1').map((l) => l.state)).toEqual(['cancelled', 'cancelled']);
  });

  it('a second settlement with the same msgid is a DuplicateMsgidError', () => {
    store.settlements.record(settlement('S1', 'MSG-1', 'M1', 'B1'));
    expect(() => store.settlements.record(settlement('S2', 'MSG-1', 'M1', 'B1'))).toThrow(DuplicateMsgidError);
    expect(() => store.settlements.record(settlement('S1', 'MSG-9', 'M1', 'B1'))).toThrow(DuplicateKeyError);
    expect(store.ledger.balance(psn(), '310')).toBe(97_000);
  });

  it('statement totals count originals and refunds, not reversed records', () => {
    store.settlements.record(settlement('S1', 'MSG-1', 'M1', 'B1'));
    store.settlements.cancel({ setlId: 'S1', refundSetlId: 'S1-R', msgid: 'MSG-2', infno: '2208', time: '2026-03-02 12:00:00' });
    store.settlements.record(settlement('S2', 'MSG-3', 'M1', 'B1'));
    store.visits.uploadLines([line('M1', '3', 'B2', '1', '5')], AT);
    store.settlements.record(settlement('S3', 'MSG-4', 'M1', 'B2'));
    store.settlements.reverse({ setlId: 'S3', msgid: 'MSG-5', time: AT });
    const filter = {
      fixmedinsCode: CLINIC,
      begin: '2026-03-02 00:00:00',
      end: '2026-03-02 23:59:59',
      insutype: '310',
      clrType: '11',
    };
    expect(store.settlements.forStatement(filter).map((s) => s.setlId)).toEqual(['S1', 'S2', 'S1-R']);
    expect(store.settlements.statementTotals(filter)).toEqual({
      medfeeSumamt: 12_000,
      fundPaySumamt: 7_000,
      acctPay: 3_000,
      psnCashPay: 2_000,
      count: 3,
    });
    expect(store.settlements.statementTotals({ ...filter, refdSetlFlag: '1' }).count).toBe(1);
    expect(store.settlements.statementTotals({ ...filter, begin: '2026-03-03 00:00:00', end: '2026-03-03 23:59:59' }).count).toBe(
      0,
    );
  });
});

describe('visits and fee lines', () => {
  it('rejects a duplicate serial, cancels a batch and lets a cancelled serial be reused', () => {
    registerVisit('M1');
    store.visits.uploadLines([line('M1', '1', 'B1', '1', '1.5'), line('M1', '2', 'B2', '3', '0.333333')], AT);
    expect(store.visits.line('M1', '2')?.detItemFeeSumamt).toBe(100);
    expect(() => store.visits.uploadLines([line('M1', '3', 'B1', '1', '1'), line('M1', '1', 'B1', '1', '1')], AT)).toThrow(
      DuplicateKeyError,
    );
    expect(store.visits.line('M1', '3')).toBeUndefined(); // all or nothing
    expect(store.visits.cancelLines('M1', 'B1')).toBe(1);
    expect(store.visits.cancelLines('M1', ALL_BATCHES)).toBe(1);
    store.visits.uploadLines([line('M1', '1', 'B3', '2', '2')], AT);
    expect(store.visits.line('M1', '1')).toMatchObject({
      state: 'uploaded',
      chrgBchno: 'B3',
      detItemFeeSumamt: 400,
      prdDays: '3.00',
    });
  });

  it('updates visit info (2203) and cancels a registration (2202)', () => {
    registerVisit('M1');
    const v = store.visits.updateInfo(
      'M1',
      { medType: '14', mainCondDscr: null, diseCodg: 'M01000', diseName: '高血压病', diagnoses: [{ diag_code: 'I10.900' }] },
      AT,
    );
    expect(v).toMatchObject({ medType: '14', diseCodg: 'M01000', diagnoses: [{ diag_code: 'I10.900' }] });
    expect(store.visits.byIptOtpNo(CLINIC, 'OTP-M1').map((x) => x.state)).toEqual(['registered']);
    expect(store.visits.byIptOtpNo('P42010000001', 'OTP-M1')).toEqual([]);
    expect(store.visits.cancel('M1', AT)).toBe(true);
    expect(store.visits.cancel('M1', AT)).toBe(false);
    expect(store.visits.get('M1')?.state).toBe('cancelled');
    expect(() => store.visits.cancel('M-nope', AT)).toThrow(NotFoundError);
  });
});

describe('message log', () => {
  const entry = (msgid: string, infno: string, receivedAt = AT) => ({
    msgid,
    infno,
    opter: 'op1',
    fixmedinsCode: CLINIC,
    signNo: 'SN1',
    receivedAt,
    requestJson: JSON.stringify({ infno, msgid }),
  });

  it('rejects a duplicate msgid with a typed error but can still log the attempt', () => {
    const id = store.messages.insertProcessed(entry('MSG-1', '2207'));
    let error: unknown;
    try {
      store.messages.insertProcessed(entry('MSG-1', '2207'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DuplicateMsgidError);
    expect((error as DuplicateMsgidError).code).toBe('E_SANDBOX_DUPLICATE_MSGID');
    const rejectedId = store.messages.logRejected({
      ...entry('MSG-1', '2207'),
      infcode: -1,
      errMsg: 'msgid 重复',
      violations: ['duplicate-msgid'],
    });
    expect(rejectedId).toBeGreaterThan(id);
    expect(store.messages.getProcessed('MSG-1')?.id).toBe(id);
    expect(store.messages.query({ withViolations: true }).map((m) => m.accepted)).toEqual([false]);
  });

  it('records outcomes and filters by infno, outcome, time and id', () => {
    const a = store.messages.insertProcessed(entry('A', '1101', '2026-03-01 09:00:00'));
    const b = store.messages.insertProcessed(entry('B', '2207', '2026-03-02 09:00:00'));
    store.messages.insertProcessed(entry('C', '2207', '2026-03-03 09:00:00'));
    store.messages.complete(a, { infcode: 0, errMsg: null, responseJson: '{"infcode":0}', infRefmsgid: 'R1' });
    store.messages.complete(b, {
      infcode: -1,
      errMsg: '余额不足',
      responseJson: '{"infcode":-1}',
      faultApplied: 'delay:10',
      violations: ['no-sign-in', 'bad-time'],
    });
    expect(store.messages.query({ infno: '2207' }).map((m) => m.msgid)).toEqual(['B', 'C']);
    expect(store.messages.query({ outcome: 'ok' }).map((m) => m.msgid)).toEqual(['A']);
    expect(store.messages.query({ outcome: 'error' }).map((m) => m.msgid)).toEqual(['B']);
    expect(store.messages.query({ outcome: 'pending' }).map((m) => m.msgid)).toEqual(['C']);
    expect(store.messages.query({ since: '2026-03-02 00:00:00' }).map((m) => m.msgid)).toEqual(['B', 'C']);
    expect(store.messages.query({ afterId: a, limit: 1 }).map((m) => m.msgid)).toEqual(['B']);
    expect(store.messages.get(b)).toMatchObject({
      errMsg: '余额不足',
      faultApplied: 'delay:10',
      violations: ['no-sign-in', 'bad-time'],
      accepted: true,
    });
    expect(store.messages.countViolations()).toEqual({ messages: 1, violations: 2 });
    expect(store.messages.countViolations('2026-03-03 00:00:00')).toEqual({ messages: 0, violations: 0 });
  });
});

describe('files, faults, sign-ins, sequences', () => {
  it('stores file bytes exactly and purges expired files', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 0, 255, 128]);
    store.files.put({
      fileQuryNo: 'F1',
      filename: 'a.zip',
      fixmedinsCode: 'plc',
      bytes,
      purpose: 'catalogue-1301',
      createdAt: AT,
      expiresAt: '2026-03-03 10:00:00',
    });
    expect(() =>
      store.files.put({
        fileQuryNo: 'F1',
        filename: 'b.zip',
        fixmedinsCode: 'plc',
        bytes,
        purpose: 'x',
        createdAt: AT,
        expiresAt: AT,
      }),
    ).toThrow(DuplicateKeyError);
    expect([...(store.files.get('F1')?.bytes ?? [])]).toEqual([...bytes]);
    expect(store.files.list('catalogue')).toMatchObject([{ fileQuryNo: 'F1', size: 7 }]);
    expect(store.files.purgeExpired('2026-03-03 10:00:00')).toBe(0);
    expect(store.files.purgeExpired('2026-03-04 00:00:00')).toBe(1);
    expect(store.files.get('F1')).toBeUndefined();
  });

  it('applies an exact-infno fault before a wildcard one and counts uses down', () => {
    store.faults.add('*', 'http500', null, AT);
    store.faults.add('2207', 'commit-then-drop', 2, AT);
    expect(store.faults.takeOne('2207')?.mode).toBe('commit-then-drop');
    expect(store.faults.list().find((f) => f.infno === '2207')?.remaining).toBe(1);
    expect(store.faults.takeOne('2207')?.mode).toBe('commit-then-drop');
    expect(store.faults.takeOne('2207')?.mode).toBe('http500');
    expect(store.faults.takeOne('1101')?.mode).toBe('http500');
    expect(store.faults.list()).toHaveLength(1);
    expect(store.faults.clear()).toBe(1);
    expect(store.faults.takeOne('1101')).toBeUndefined();
  });

  it('signs operators in and out', () => {
    store.signIns.signIn({
      signNo: 'SN1',
      opter: 'op1',
      opterName: '收银员',
      fixmedinsCode: CLINIC,
      mac: null,
      ip: '127.0.0.1',
      signedInAt: AT,
    });
    expect(store.signIns.active(CLINIC, 'op1').map((s) => s.signNo)).toEqual(['SN1']);
    expect(store.signIns.signOut('SN1', '2026-03-02 18:00:00')).toMatchObject({
      state: 'out',
      signedOutAt: '2026-03-02 18:00:00',
    });
    expect(store.signIns.active(CLINIC, 'op1')).toEqual([]);
    expect(() => store.signIns.signOut('SN1', AT)).toThrow(StateError);
  });

  it('hands out sequence numbers that survive a restart', () => {
    expect(store.meta.nextSequence('setl_id')).toBe(1);
    expect(store.meta.nextSequence('setl_id')).toBe(2);
    expect(store.meta.nextSequence('mdtrt_id')).toBe(1);
    reopen();
    expect(store.meta.nextSequence('setl_id')).toBe(3);
  });

  it('rolls back a whole store.transaction on a throw', () => {
    const before: Fen = store.ledger.balance(employee.person.psnNo, '310');
    expect(() =>
      store.transaction(() => {
        store.messages.insertProcessed({
          msgid: 'T1',
          infno: '2207',
          opter: null,
          fixmedinsCode: null,
          signNo: null,
          receivedAt: AT,
          requestJson: '{}',
        });
        store.ledger.debit(employee.person.psnNo, '310', fen(1));
        throw new Error('handler failed');
      }),
    ).toThrow('handler failed');
    expect(store.messages.getProcessed('T1')).toBeUndefined();
    expect(store.ledger.balance(employee.person.psnNo, '310')).toBe(before);
  });
});
