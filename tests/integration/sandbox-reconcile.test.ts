/**
 * Reconciliation and queries against real pharmacy sales over real HTTP: 3201 totals,
 * 3202 detail via 9101 / 9102, 2601 of a settlement only the center has, 5203 / 5204, and
 * the file-transfer rules of 9101 / 9102.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fen,
  formatYuan,
  lineAmount,
  parseQty,
  parseYuan,
  priceNumber,
  sumFen,
  yuanNumber,
  type Fen,
} from '../../src-main/sandbox/amounts';
import { formatDate, formatDateTime } from '../../src-main/core/time';
import { DETAIL_RESULT_COLUMNS, DETAIL_UPLOAD_COLUMNS } from '../../src-main/protocol/transactions/reconcile';
import { RejectedError } from '../../src-main/protocol/call-errors';
import type { CounterApp } from '../../src-main/app/counter-app';
import type { CatalogueItemRow, InsuranceRow, PersonRow } from '../../src-main/sandbox/store';
import { CLINIC, PHARMACY, startHarness, type Harness } from '../helpers/sandbox-harness';

const OPERATOR = { opter: 'R001', opterName: '对账测试员' };
const DAY_MS = 24 * 60 * 60 * 1000;

let harness: Harness;
let app: CounterApp;
let person: PersonRow;
let insurance: InsuranceRow;
let items: CatalogueItemRow[];

/** What the counter knows of one settlement record: its line of the 3202 upload. */
interface CounterRecord {
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  medfee: Fen;
  fund: Fen;
  acct: Fen;
  refd: '0' | '1';
  msgid: string;
  insutype: string;
  clr_type: string;
  clr_optins: string;
}

beforeAll(async () => {
  harness = await startHarness();
  app = await harness.openApp();
  const s = harness.sandbox.center.store;
  // A local 职工 in normal status with money in the account, so every sale uses the account.
  for (const p of s.persons.list()) {
    const ins = s.persons.insuranceFor(p.psnNo, '310');
    if (p.category === 'emp-active' && ins && ins.psnInsuStas === '1' && ins.insuplcAdmdvs === '420100' && ins.balc > 100_000) {
      person = p;
      insurance = ins;
      break;
    }
  }
  expect(person).toBeDefined();
  const page = s.catalogue.queryHilist({
    updtTime: '2000-01-01 00:00:00',
    pageNum: 1,
    pageSize: 1000,
    listType: '101',
    valiFlag: '1',
    chrgitmLv: '02',
  });
  // Priced under their 限价 (the sale is then a plain 乙类 split), and unchanged since publication.
  items = page.rows
    .filter(
      (r) =>
        r.refPric !== null &&
        r.pricUplmtAmt !== null &&
        r.pricUplmtAmt >= r.refPric &&
        s.catalogue.current(r.code)?.ver === r.ver &&
        s.catalogue.current(r.code)?.valiFlag === '1',
    )
    .slice(0, 3);
  expect(items).toHaveLength(3);
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

async function call(infno: string, input: Record<string, unknown>, target = app) {
  return target.callAs(OPERATOR, infno, input, { insuplcAdmdvs: insurance.insuplcAdmdvs });
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RejectedError);
    return (e as RejectedError).errMsg;
  }
  throw new Error('expected the center to refuse');
}

function recordOf(setlinfo: Record<string, unknown>, msgid: string, refd: '0' | '1'): CounterRecord {
  return {
    setl_id: String(setlinfo['setl_id']),
    mdtrt_id: String(setlinfo['mdtrt_id']),
    psn_no: String(setlinfo['psn_no']),
    medfee: parseYuan(setlinfo['medfee_sumamt'] as number),
    fund: parseYuan(setlinfo['fund_pay_sumamt'] as number),
    acct: parseYuan(setlinfo['acct_pay'] as number),
    refd,
    msgid,
    insutype: String(setlinfo['insutype']),
    clr_type: String(setlinfo['clr_type']),
    clr_optins: String(setlinfo['clr_optins']),
  };
}

let sn = 0;
/** A real 2102 of `count` units of each item; returns what the counter would keep. */
async function sale(lineItems: readonly CatalogueItemRow[], count: number) {
  const now = new Date();
  const cnt = parseQty(count);
  const drugdetail = lineItems.map((item) => {
    const pric = item.refPric as NonNullable<CatalogueItemRow['refPric']>;
    return {
      feedetl_sn: `RC${String(++sn).padStart(6, '0')}`,
      rxno: '',
      rx_circ_flag: '0',
      fee_ocur_time: formatDateTime(now),
      med_list_codg: item.code,
      medins_list_codg: `LOCAL-${item.code}`,
      det_item_fee_sumamt: yuanNumber(lineAmount(cnt, pric)),
      cnt: count,
      pric: priceNumber(pric),
      bilg_dr_codg: '',
      bilg_dr_name: '',
    };
  });
  const total = sumFen(drugdetail.map((l) => parseYuan(l.det_item_fee_sumamt)));
  const result = await call('2102', {
    druginfo: {
      psn_no: person.psnNo,
      mdtrt_cert_type: '02',
      mdtrt_cert_no: person.certno,
      card_sn: '',
      psn_cert_type: person.psnCertType,
      certno: person.certno,
      psn_type: insurance.psnType,
      psn_name: person.psnName,
      begntime: drugdetail[0]?.fee_ocur_time,
      medfee_sumamt: yuanNumber(total),
      insutype: insurance.insutype,
      acct_used_flag: '1',
      med_type: '41',
      invono: '',
    },
    drugdetail,
  });
  const out = result.output as { setlinfo: Record<string, unknown> };
  return { record: recordOf(out.setlinfo, result.msgid, '0'), drugdetail, output: out };
}

async function refund(of: CounterRecord): Promise<CounterRecord> {
  const result = await call('2103', { data: { setl_id: of.setl_id, mdtrt_id: of.mdtrt_id, psn_no: of.psn_no } });
  return recordOf((result.output as { setlinfo: Record<string, unknown> }).setlinfo, result.msgid, '1');
}

/** The counter's ledger and the period around today (center time), for 3201 / 3202. */
const ledger: CounterRecord[] = [];
const period = () => ({
  stmt_begndate: formatDate(new Date(Date.now() - DAY_MS)),
  stmt_enddate: formatDate(new Date(Date.now() + DAY_MS)),
});
const totalsOf = (records: readonly CounterRecord[]) => ({
  medfee_sumamt: yuanNumber(sumFen(records.map((r) => r.medfee))),
  fund_pay_sumamt: yuanNumber(sumFen(records.map((r) => r.fund))),
  acct_pay: yuanNumber(sumFen(records.map((r) => r.acct))),
  fixmedins_setl_cnt: records.length,
});

async function totalReconcile(records: readonly CounterRecord[], extra: Record<string, unknown> = {}) {
  const first = records[0] as CounterRecord;
  const result = await call('3201', {
    data: {
      insutype: first.insutype,
      clr_type: first.clr_type,
      setl_optins: first.clr_optins,
      ...period(),
      ...totalsOf(records),
      refd_setl_flag: '',
      ...extra,
    },
  });
  return (result.output as { stmtinfo: { setl_optins: string; stmt_rslt: string; stmt_rslt_dscr: string } }).stmtinfo;
}

function uploadZip(records: readonly CounterRecord[]): Uint8Array {
  const text = records
    .map((r) => {
      const row: Record<(typeof DETAIL_UPLOAD_COLUMNS)[number], string> = {
        setl_id: r.setl_id,
        mdtrt_id: r.mdtrt_id,
        psn_no: r.psn_no,
        medfee_sumamt: formatYuan(r.medfee),
        fund_pay_sumamt: formatYuan(r.fund),
        acct_pay: formatYuan(r.acct),
        refd_setl_flag: r.refd,
      };
      return DETAIL_UPLOAD_COLUMNS.map((c) => row[c]).join('\t');
    })
    .join('\n');
  return zipSync({ 'detail.txt': strToU8(text + '\n') });
}

async function upload(zip: Uint8Array, filename = 'detail.zip', fixmedinsCode: string = PHARMACY.fixmedinsCode, target = app) {
  const result = await call('9101', { fsUploadIn: { in: Array.from(zip), filename, fixmedins_code: fixmedinsCode } }, target);
  return result.output as { file_qury_no: string; filename: string; fixmedins_code: string; dld_endtime: string };
}

async function download(
  fileQuryNo: string,
  filename: string,
  fixmedinsCode: string = PHARMACY.fixmedinsCode,
  target = app,
): Promise<Buffer> {
  const result = await call(
    '9102',
    { fsDownloadIn: { file_qury_no: fileQuryNo, filename, fixmedins_code: fixmedinsCode } },
    target,
  );
  expect(Buffer.isBuffer(result.output)).toBe(true);
  return result.output as Buffer;
}

/** 9101 + 3202 + 9102, as the counter does it; returns the result file's lines by column. */
async function detailReconcile(
  records: readonly CounterRecord[],
): Promise<Record<(typeof DETAIL_RESULT_COLUMNS)[number], string>[]> {
  const up = await upload(uploadZip(records));
  const t = totalsOf(records);
  const first = ledger[0] as CounterRecord;
  const result = await call('3202', {
    data: {
      setl_optins: first.clr_optins,
      file_qury_no: up.file_qury_no,
      ...period(),
      medfee_sumamt: t.medfee_sumamt,
      fund_pay_sumamt: t.fund_pay_sumamt,
      cash_payamt: 0,
      fixmedins_setl_cnt: t.fixmedins_setl_cnt,
      clr_type: first.clr_type,
      refd_setl_flag: '',
    },
  });
  const info = (result.output as { fileinfo: { file_qury_no: string; filename: string } }).fileinfo;
  const entries = Object.values(unzipSync(await download(info.file_qury_no, info.filename)));
  expect(entries).toHaveLength(1);
  return strFromU8(entries[0] as Uint8Array)
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const cells = line.split('\t');
      expect(cells).toHaveLength(DETAIL_RESULT_COLUMNS.length);
      return Object.fromEntries(DETAIL_RESULT_COLUMNS.map((c, i) => [c, cells[i] as string])) as Record<
        (typeof DETAIL_RESULT_COLUMNS)[number],
        string
      >;
    });
}

describe('3201 total reconciliation', () => {
  it('balances after two sales and one refund, and not when a total is off by 0.01', async () => {
    const first = await sale(items.slice(0, 2), 2);
    const second = await sale(items.slice(1, 3), 1);
    ledger.push(first.record, second.record, await refund(first.record));
    expect(ledger[2]?.medfee).toBe(-first.record.medfee);
    expect(ledger.every((r) => r.acct > 0 || r.refd === '1')).toBe(true);

    const balanced = await totalReconcile(ledger);
    expect(balanced.stmt_rslt).toBe('0');
    expect(balanced.setl_optins).toBe(ledger[0]?.clr_optins);
    expect(balanced.stmt_rslt_dscr).toContain('3 笔');

    const off = await totalReconcile(ledger, { medfee_sumamt: yuanNumber(fen(sumFen(ledger.map((r) => r.medfee)) + 1)) });
    expect(off.stmt_rslt).toBe('1');
    expect(off.stmt_rslt_dscr).toContain('医疗费总额');
    expect(off.stmt_rslt_dscr).toContain('机构多 0.01');
    expect(off.stmt_rslt_dscr).not.toContain('基金支付');

    const miscounted = await totalReconcile(ledger, { fixmedins_setl_cnt: ledger.length - 1 });
    expect(miscounted.stmt_rslt).toBe('1');
    expect(miscounted.stmt_rslt_dscr).toBe('对账不平: 结算笔数 中心 3 / 机构 2 (机构少 1)');

    // refd_setl_flag 1: only the refund record.
    const refunds = await totalReconcile([ledger[2] as CounterRecord], { refd_setl_flag: '1' });
    expect(refunds.stmt_rslt).toBe('0');
  });
});

describe('5203 / 5204 queries', () => {
  it('return the settlement and its fee lines', async () => {
    const s = await sale(items.slice(0, 2), 3);
    ledger.push(s.record);
    const key = { setl_id: s.record.setl_id, mdtrt_id: s.record.mdtrt_id, psn_no: s.record.psn_no };
    const info = (await call('5203', { data: key })).output as { setlinfo: Record<string, unknown>; setldetail: unknown[] };
    expect(info.setlinfo).toMatchObject({
      setl_id: key.setl_id,
      mdtrt_id: key.mdtrt_id,
      medfee_sumamt: s.output.setlinfo['medfee_sumamt'],
      acct_pay: s.output.setlinfo['acct_pay'],
      medins_setl_id: s.record.msgid,
    });
    expect(info.setldetail.length).toBeGreaterThan(0);

    const fees = (await call('5204', { data: key })).output as { feedetail: Record<string, unknown>[] };
    expect(fees.feedetail.map((l) => [l['feedetl_sn'], l['med_list_codg'], l['det_item_fee_sumamt'], l['cnt']])).toEqual(
      s.drugdetail.map((l) => [l.feedetl_sn, l.med_list_codg, l.det_item_fee_sumamt, 3]),
    );
    expect(fees.feedetail.every((l) => l['setl_id'] === key.setl_id && l['med_type'] === '41')).toBe(true);

    expect(await refusal(call('5203', { data: { ...key, psn_no: 'NOBODY' } }))).toContain('不符');
    expect(await refusal(call('5204', { data: { ...key, setl_id: 'ST-NO-SUCH' } }))).toContain('不存在');
  });
});

describe('3202 detail reconciliation', () => {
  it('lists a settlement the counter lost with its msgid; after 2601 of it 3201 balances', async () => {
    const lost = await sale(items.slice(2, 3), 1); // the counter never learnt of this one
    const counterOnly: CounterRecord = { ...(ledger[0] as CounterRecord), setl_id: 'ST-ONLY-AT-COUNTER', msgid: '' };

    expect((await totalReconcile(ledger)).stmt_rslt).toBe('1');
    const lines = await detailReconcile([...ledger, counterOnly]);
    expect(lines).toHaveLength(ledger.length + 2);
    for (const r of ledger) {
      expect(lines.find((l) => l.setl_id === r.setl_id)).toMatchObject({
        stmt_rslt: '0',
        refd_setl_flag: r.refd,
        msgid: r.msgid,
      });
    }
    expect(lines.find((l) => l.setl_id === lost.record.setl_id)).toMatchObject({
      stmt_rslt: '1',
      msgid: lost.record.msgid,
      psn_no: person.psnNo,
      refd_setl_flag: '0',
    });
    expect(lines.find((l) => l.setl_id === counterOnly.setl_id)).toMatchObject({
      stmt_rslt: '2',
      msgid: 'null',
      memo: '中心无此结算',
    });

    await call('2601', { data: { psn_no: person.psnNo, omsgid: lost.record.msgid, oinfno: '2102' } });
    expect((await totalReconcile(ledger)).stmt_rslt).toBe('0');
    const after = await detailReconcile(ledger);
    expect(after.map((l) => l.stmt_rslt)).toEqual(ledger.map(() => '0'));
  });

  it('marks a record whose amounts differ as 数据不一致', async () => {
    const wrong = ledger.map((r, i) => (i === 1 ? { ...r, fund: fen(r.fund + 1) } : r));
    const lines = await detailReconcile(wrong);
    const line = lines.find((l) => l.setl_id === ledger[1]?.setl_id);
    expect(line?.stmt_rslt).toBe('3');
    expect(line?.memo).toContain('基金支付');
  });

  it('refuses a 3202 whose totals do not describe the uploaded file', async () => {
    const up = await upload(uploadZip(ledger));
    const first = ledger[0] as CounterRecord;
    const t = totalsOf(ledger);
    const msg = await refusal(
      call('3202', {
        data: {
          setl_optins: first.clr_optins,
          file_qury_no: up.file_qury_no,
          ...period(),
          medfee_sumamt: t.medfee_sumamt,
          fund_pay_sumamt: t.fund_pay_sumamt,
          fixmedins_setl_cnt: t.fixmedins_setl_cnt + 1,
          cash_payamt: 0,
          clr_type: first.clr_type,
        },
      }),
    );
    expect(msg).toContain('结算笔数 文件 4 / 入参 5 (入参多 1)');
  });
});

describe('9101 / 9102 file transfer', () => {
  it('stores an uploaded ZIP for its institution only', async () => {
    const zip = zipSync({ 'a.txt': strToU8('x\ty\n') });
    const up = await upload(zip, 'a.zip');
    expect(up).toMatchObject({ filename: 'a.zip', fixmedins_code: PHARMACY.fixmedinsCode });
    expect(up.file_qury_no).toMatch(/^FQ/);
    expect(Buffer.compare(await download(up.file_qury_no, 'a.zip'), Buffer.from(zip))).toBe(0);
    expect(await refusal(download(up.file_qury_no, 'a.zip', 'plc'))).toContain('本机构编码');

    const clinic = await harness.openApp({ institution: CLINIC }, 'clinic');
    expect(await refusal(download(up.file_qury_no, 'a.zip', CLINIC.fixmedinsCode, clinic))).toContain('不存在');
  });

  it('refuses bytes that are not a ZIP and an institution code that is not the sender', async () => {
    expect(await refusal(upload(strToU8('not a zip at all')))).toContain('不是有效的 ZIP');
    expect(await refusal(upload(zipSync({ 'a.txt': strToU8('x') }), 'a.zip', CLINIC.fixmedinsCode))).toContain('不符');
  });
});
