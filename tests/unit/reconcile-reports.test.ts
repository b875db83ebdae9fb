/**
 * Pure parts of reconciliation and reports: journal answers → ledger records and report items,
 * grouping and sums to the fen, the 3202 files, and what the CSV / XLSX exports contain (the XLSX
 * read back with read-excel-file).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src-main/journal/journal-store';
import { answeredEntry } from '../helpers/journal-entry';
import { ledgerRecordOf, type LedgerRecord } from '../../src-main/reconcile/local-ledger';
import { daysOf, detailScopeOf, groupLedger, previousMonth } from '../../src-main/reconcile/grouping';
import { buildDetailUpload, differencesOf, parseDetailResult } from '../../src-main/reconcile/detail-file';
import { clearingMonthOf } from '../../src-main/sandbox/center/handlers/clearing';
import { fundPayTypeRows, fundRows, hourlySeries, reportItemOf, totalsOfItems } from '../../src-main/reports/daily-report';
import { reportCsv, reportFileName, reportXlsx } from '../../src-main/reports/report-export';
import type { DailyReport } from '../../src-main/reports/views';

let id = 0;
function entry(infno: string, setlinfo: Record<string, unknown>, extra: Partial<JournalEntry> = {}): JournalEntry {
  id += 1;
  const setldetail = (setlinfo['setldetail'] as unknown[]) ?? [];
  const info = { ...setlinfo };
  delete info['setldetail'];
  return answeredEntry({
    id,
    msgid: `P42010000001202611230900${String(id).padStart(2, '0')}00`,
    infno,
    psnNo: String(info['psn_no'] ?? ''),
    responseJson: JSON.stringify({ infcode: 0, output: { setlinfo: info, setldetail } }),
    ...extra,
  });
}

const setl = (over: Record<string, unknown>) => ({
  setl_id: `S${id + 1}`,
  mdtrt_id: `M${id + 1}`,
  psn_no: 'PSN1',
  insutype: '310',
  clr_type: '41',
  clr_optins: '420100',
  setl_time: '2026-11-23 09:15:00',
  medfee_sumamt: 0.1,
  fund_pay_sumamt: 0.07,
  acct_pay: 0.02,
  psn_cash_pay: 0.01,
  hifp_pay: 0.07,
  ...over,
});

describe('ledger records and groups', () => {
  const sale1 = entry('2102', setl({ medfee_sumamt: 0.1, fund_pay_sumamt: 0.07, acct_pay: 0.02, psn_cash_pay: 0.01 }));
  const sale2 = entry('2102A', setl({ medfee_sumamt: 0.2, fund_pay_sumamt: 0.14, acct_pay: 0.05, psn_cash_pay: 0.01 }));
  const clinic = entry('2207', setl({ clr_type: '11', insutype: '390', medfee_sumamt: 100.01, fund_pay_sumamt: 50 }));
  // This center answers refunds with positive amounts; the record is negative all the same.
  const refund = entry('2103', setl({ medfee_sumamt: 0.1, fund_pay_sumamt: 0.07, acct_pay: 0.02, psn_cash_pay: 0.01 }));
  const records = [sale1, sale2, clinic, refund].map(ledgerRecordOf) as LedgerRecord[];

  it('reads settlements and refund records with signed integer fen', () => {
    expect(records.map((r) => [r.infno, r.refdSetlFlag, r.medfee, r.fund, r.acct, r.cash])).toEqual([
      ['2102', '0', 10, 7, 2, 1],
      ['2102A', '0', 20, 14, 5, 1],
      ['2207', '0', 10001, 5000, 2, 1],
      ['2103', '1', -10, -7, -2, -1],
    ]);
    expect(ledgerRecordOf(entry('2101', setl({})))).toBeNull();
    expect(ledgerRecordOf(entry('2102', setl({ setl_id: '' })))).toBeNull();
  });

  it('groups by insutype, clr_type and setl_optins and sums to the fen', () => {
    const groups = groupLedger(records);
    expect(groups.map((g) => [g.insutype, g.clrType, g.setlOptins, g.totals])).toEqual([
      ['310', '41', '420100', { count: 3, medfee: 20, fund: 14, acct: 5, cash: 1 }],
      ['390', '11', '420100', { count: 1, medfee: 10001, fund: 5000, acct: 2, cash: 1 }],
    ]);
    expect(detailScopeOf(records, { clrType: '41', setlOptins: '420100' })).toHaveLength(3);
  });

  it('knows months and days', () => {
    expect(previousMonth('2026-01-15')).toEqual({ begndate: '2025-12-01', enddate: '2025-12-31', month: '2025-12' });
    expect(previousMonth('2028-03-01')).toEqual({ begndate: '2028-02-01', enddate: '2028-02-29', month: '2028-02' });
    expect(daysOf('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(clearingMonthOf({ stmt_begndate: '2026-10-01', stmt_enddate: '2026-10-31' }, '2026-11-23 09:00:00')).toBe('2026-10');
    expect(clearingMonthOf({ stmt_begndate: '2026-11-01', stmt_enddate: '2026-11-30' }, '2026-11-23 09:00:00')).toBeNull();
    expect(clearingMonthOf({ stmt_begndate: '2026-10-01', stmt_enddate: '2026-10-30' }, '2026-11-23 09:00:00')).toBeNull();
  });

  it('writes the 3202 upload and reads the result lines that differ', () => {
    const upload = buildDetailUpload(records.slice(0, 2).concat(records[3] as LedgerRecord), '3202_X');
    expect(upload.filename).toBe('3202_X.zip');
    const text = strFromU8(unzipSync(upload.zip)['3202_X.txt'] as Uint8Array);
    expect(text.split('\n')[2]).toBe(`${records[3]?.setlId}\t${records[3]?.mdtrtId}\tPSN1\t-0.10\t-0.07\t-0.02\t1`);

    const result = [
      ['PSN1', 'M1', 'S1', 'C-MSG-1', '0', '0', 'null'],
      ['PSN9', 'M9', 'S9', 'C-MSG-9', '1', '0', '中心有此结算'],
      ['PSN1', 'M2', records[1]?.setlId, 'null', '2', '0', '中心无此结算'],
      ['PSN1', 'M3', 'S3', 'C-MSG-3', '3', '0', '医疗费总额 中心 1.00 / 机构 1.01'],
    ]
      .map((l) => l.join('\t'))
      .join('\n');
    const lines = parseDetailResult(zipSync({ 'r.txt': strToU8(result) }), 'r.zip');
    expect(differencesOf(lines, records).map((d) => [d.kind, d.setlId, d.msgid])).toEqual([
      ['center-only', 'S9', 'C-MSG-9'],
      ['local-only', records[1]?.setlId, records[1]?.msgid],
      ['amount-differs', 'S3', 'C-MSG-3'],
    ]);
    expect(() => parseDetailResult(zipSync({ 'r.txt': strToU8('a\tb\n') }), 'r.zip')).toThrow(/第 1 行有 2 列/);
    expect(() => parseDetailResult(strToU8('not a zip'), 'r.zip')).toThrow(/无法读取/);
  });
});

describe('report', () => {
  const detail = (code: string, name: string, amount: number) => ({
    fund_pay_type: code,
    fund_pay_type_name: name,
    fund_payamt: amount,
  });
  const items = [
    entry(
      '2102',
      setl({
        setl_time: '2026-11-23 09:15:00',
        medfee_sumamt: 33.33,
        fund_pay_sumamt: 20.01,
        hifp_pay: 20.01,
        acct_pay: 10.02,
        psn_cash_pay: 3.3,
        setldetail: [detail('310100', '职工基本医疗保险统筹基金', 20.01)],
      }),
    ),
    entry(
      '2207',
      setl({
        setl_time: '2026-11-23 14:59:59',
        insutype: '390',
        medfee_sumamt: 0.3,
        fund_pay_sumamt: 0.2,
        hifp_pay: 0.1,
        maf_pay: 0.1,
        acct_pay: 0,
        psn_cash_pay: 0.1,
        setldetail: [detail('390100', '城乡居民基本医疗保险基金', 0.1), detail('610100', '医疗救助基金', 0.1)],
      }),
      { opter: 'OP2', opterName: '李收费' },
    ),
    entry(
      '2103',
      setl({
        setl_time: '2026-11-23 15:00:00',
        medfee_sumamt: -33.33,
        fund_pay_sumamt: -20.01,
        hifp_pay: -20.01,
        acct_pay: -10.02,
        psn_cash_pay: -3.3,
        setldetail: [detail('310100', '职工基本医疗保险统筹基金', -20.01)],
      }),
    ),
  ]
    .map(reportItemOf)
    .filter((i) => i !== null);

  it('nets refunds out of settlements by fund and by hour, to the fen', () => {
    expect(totalsOfItems(items)).toEqual({
      settleCount: 2,
      refundCount: 1,
      settledMedfeeFen: 3363,
      refundedMedfeeFen: 3333,
      medfeeFen: 30,
      fundPayFen: 20,
      acctPayFen: 0,
      cashFen: 10,
    });
    const funds = Object.fromEntries(fundRows(items).map((f) => [f.key, [f.settledFen, f.refundedFen, f.netFen]]));
    expect(funds).toMatchObject({
      hifp_pay: [2011, 2001, 10],
      maf_pay: [10, 0, 10],
      acct_pay: [1002, 1002, 0],
      psn_cash_pay: [340, 330, 10],
    });
    expect(fundPayTypeRows(items).map((f) => [f.key, f.netFen])).toEqual([
      ['310100', 0],
      ['390100', 10],
      ['610100', 10],
    ]);
    const hours = hourlySeries(items);
    expect(hours).toHaveLength(24);
    expect([hours[9], hours[14], hours[15]].map((h) => [h?.settleCount, h?.refundCount, h?.medfeeFen])).toEqual([
      [1, 0, 3333],
      [1, 0, 30],
      [0, 1, -3333],
    ]);
  });

  const report: DailyReport = {
    date: '2026-11-23',
    fixmedinsCode: 'P42010000001',
    fixmedinsName: '沙箱演示大药房, "总店"',
    scope: { opter: null, opterName: '', since: '2026-11-23 00:00:00', until: '2026-11-23 23:59:59' },
    generatedAt: '2026-11-23 18:00:00',
    totals: totalsOfItems(items),
    byOperator: [
      { key: 'OP1', label: 'OP1 张收费', totals: totalsOfItems(items.filter((i) => i.opter === 'OP1')) },
      { key: 'OP2', label: 'OP2 李收费', totals: totalsOfItems(items.filter((i) => i.opter === 'OP2')) },
    ],
    byInsutype: [{ key: '310', label: '职工基本医疗保险', totals: totalsOfItems(items) }],
    byFund: fundRows(items),
    byFundPayType: fundPayTypeRows(items),
    reversals: {
      reversed: 1,
      notApplied: 0,
      needsManual: 0,
      rows: [{ msgid: 'M1', infno: '2102', opter: 'OP1', time: '2026-11-23 10:00:00', state: 'reversed', resolution: '已冲正' }],
    },
    hourly: hourlySeries(items),
  };

  it('exports CSV as UTF-8 with BOM, money with two decimals, quoting where needed', () => {
    const bytes = reportCsv(report);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('【汇总】');
    expect(lines).toContain('机构,"P42010000001 沙箱演示大药房, ""总店"""');
    const op = lines.indexOf('【按操作员】');
    expect(lines[op + 1]).toBe('操作员,结算笔数,退费笔数,结算医疗费,退费医疗费,医疗费净额,基金支付,个人账户,现金');
    expect(lines[op + 2]).toBe('OP1 张收费,1,1,33.33,33.33,0.00,0.00,0.00,0.00');
    expect(lines[op + 3]).toBe('OP2 李收费,1,0,0.30,0.00,0.30,0.20,0.00,0.10');
    expect(lines[op + 4]).toBe('合计,2,1,33.63,33.33,0.30,0.20,0.00,0.10');
    expect(lines).toContain('14:00,1,0,0.30');
    expect(lines).toContain('15:00,0,1,-33.33');
    expect(reportFileName(report, 'csv')).toBe('结算日报_P42010000001_2026-11-23.csv');
  });

  it('exports XLSX with one sheet per table and money as numbers in the 0.00 format', async () => {
    const bytes = await reportXlsx(report);
    const sheet = await readSheet(bytes, '按操作员');
    expect(sheet[0]).toEqual([
      '操作员',
      '结算笔数',
      '退费笔数',
      '结算医疗费',
      '退费医疗费',
      '医疗费净额',
      '基金支付',
      '个人账户',
      '现金',
    ]);
    expect(sheet[1]).toEqual(['OP1 张收费', 1, 1, 33.33, 33.33, 0, 0, 0, 0]);
    expect(sheet[3]).toEqual(['合计', 2, 1, 33.63, 33.33, 0.3, 0.2, 0, 0.1]);
    const funds = await readSheet(bytes, '按基金');
    expect(funds.find((r) => r[0] === 'hifp_pay')).toEqual(['hifp_pay', '统筹基金', 20.11, 20.01, 0.1]);
    const styles = strFromU8(unzipSync(bytes)['xl/styles.xml'] as Uint8Array);
    expect(styles).toContain('formatCode="0.00"');
    const hourly = await readSheet(bytes, '分时');
    expect(hourly[16]).toEqual(['15:00', 0, 1, -33.33]);
  });
});
