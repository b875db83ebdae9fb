/**
 * Receipts from journal entries alone (a real journal in a temp SQLite file): the model's ids,
 * amounts to the fen, item names and classes, refund mark; labels from the 1901 dictionary; the
 * paper layouts and what each prints.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalStore } from '../../src-main/journal/journal-store';
import type { Db } from '../../src-main/storage/sqlite';
import type { RequestEnvelope } from '../../src-main/protocol/envelope';
import { DictionaryStore } from '../../src-main/catalogue/dictionary-store';
import { buildReceipt, type ReceiptSources } from '../../src-main/receipts/receipt-builder';
import { firstName } from '../../src-main/receipts/item-names';
import { receiptLabeler } from '../../src-main/receipts/receipt-labels';
import { layoutFor, pageHeightMm, pageSizeCss } from '../../src-main/receipts/receipt-layout';
import { receiptSections } from '../../src-main/receipts/receipt-sections';
import { renderReceiptHtml } from '../../src-main/receipts/receipt-html';
import { renderReceiptText } from '../../src-main/cli/receipt-text';
import { maskName } from '../../src-main/core/mask';
import { makeTempDir } from '../helpers/temp-dir';
import { openJournalFile } from '../helpers/journal-file';
import { writeFileSync } from 'node:fs';
import { loadConfig, parseConfig } from '../../src-main/config/load';
import { saveSettings, settingsView } from '../../src-main/counter/settings';

const PHARMACY = { code: 'P42010000001', name: '沙箱演示大药房' };
const CERTNO = '420102199001011237';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function envelope(msgid: string, infno: string, input: Record<string, unknown>, fixmedins = PHARMACY.code): RequestEnvelope {
  return {
    infno,
    msgid,
    mdtrtarea_admvs: '420100',
    insuplc_admdvs: '420100',
    recer_sys_code: 'YBXT',
    dev_no: '',
    dev_safe_info: '',
    cainfo: '',
    signtype: '',
    infver: 'V1.0',
    opter_type: '1',
    opter: 'OP7',
    opter_name: '李收费',
    inf_time: '2026-11-23 09:00:00',
    fixmedins_code: fixmedins,
    fixmedins_name: '',
    sign_no: 'SN1',
    input,
  } as RequestEnvelope;
}

function openJournal(): { db: Db; journal: JournalStore } {
  const { db, journal, close } = openJournalFile();
  cleanup = close;
  return { db, journal };
}

function call(
  journal: JournalStore,
  msgid: string,
  infno: string,
  input: Record<string, unknown>,
  output: unknown,
  fixmedins?: string,
) {
  journal.prepare(envelope(msgid, infno, input, fixmedins));
  journal.finish(msgid, 'ok', { response: { infcode: 0, output } });
}

/** A 2102 whose amounts are sums a float would get wrong (0.1 + 0.2 style). */
function sale(journal: JournalStore, setlId = 'S0001', fixmedins?: string): void {
  call(
    journal,
    `M-${setlId}`,
    '2102',
    {
      druginfo: { psn_no: 'PSN00000001', psn_name: '王小明', certno: CERTNO, psn_type: '11', insutype: '310', med_type: '41' },
      drugdetail: [
        { feedetl_sn: 'B1-1', med_list_codg: 'XA01', cnt: 3, pric: 0.1, det_item_fee_sumamt: 0.3 },
        { feedetl_sn: 'B1-2', med_list_codg: 'XB02', cnt: 0.5, pric: 200.4, det_item_fee_sumamt: 100.2 },
      ],
    },
    {
      setlinfo: {
        setl_id: setlId,
        mdtrt_id: 'MD1',
        psn_no: 'PSN00000001',
        psn_name: '王小明',
        certno: CERTNO,
        gend: '1',
        age: 36,
        insutype: '310',
        psn_type: '11',
        med_type: '41',
        setl_time: '2026-11-23 09:01:02',
        medfee_sumamt: 100.5,
        fulamt_ownpay_amt: 0.3,
        overlmt_selfpay: 0,
        preselfpay_amt: 10.02,
        inscp_scp_amt: 90.18,
        hifp_pay: 70.21,
        cvlserv_pay: 0.01,
        hifmi_pay: 0,
        maf_pay: 0,
        oth_pay: 0,
        fund_pay_sumamt: 70.22,
        psn_part_amt: 30.28,
        acct_pay: 30.07,
        psn_cash_pay: 0.21,
        balc: 1234.56,
      },
      setldetail: [
        { fund_pay_type: '310100', fund_payamt: 70.21, fund_pay_type_name: '' },
        { fund_pay_type: '320100', fund_payamt: 0.01, fund_pay_type_name: '公务员医疗补助基金' },
      ],
      detlcutinfo: [
        {
          feedetl_sn: 'B1-1',
          chrgitm_lv: '03',
          med_chrgitm_type: '09',
          fulamt_ownpay_amt: 0.3,
          overlmt_amt: 0,
          preselfpay_amt: 0,
        },
        {
          feedetl_sn: 'B1-2',
          chrgitm_lv: '02',
          med_chrgitm_type: '11',
          fulamt_ownpay_amt: 0,
          overlmt_amt: 0,
          preselfpay_amt: 10.02,
        },
      ],
    },
    fixmedins,
  );
}

function sources(journal: JournalStore, db: Db, names: Record<string, string> = {}): ReceiptSources {
  return {
    journal,
    institution: PHARMACY,
    itemName: firstName((code) => names[code] ?? ''),
    label: receiptLabeler(new DictionaryStore(db)),
  };
}

describe('receipt model from the journal', () => {
  it('reads ids, person, operator, amounts to the fen, lines with names and classes', () => {
    const { db, journal } = openJournal();
    sale(journal);
    const m = buildReceipt(sources(journal, db, { XA01: '维生素C片', XB02: '复方丹参片' }), 'S0001');
    expect(m).toMatchObject({
      kind: 'pharmacy',
      institution: PHARMACY,
      infno: '2102',
      msgid: 'M-S0001',
      setlId: 'S0001',
      mdtrtId: 'MD1',
      chrgBchno: null,
      setlTime: '2026-11-23 09:01:02',
      operator: { code: 'OP7', name: '李收费' },
      person: { name: '王小明', certnoMasked: '420102********1237', gender: '男', age: '36' },
      medfeeFen: 10050,
      fundPaySumFen: 7022,
      psnPartFen: 3028,
      acctPayFen: 3007,
      psnCashPayFen: 21,
      balanceAfterFen: 123456,
      refund: null,
    });
    expect(m.insutype.label).toBe('职工基本医疗保险');
    expect(m.psnType.label).toBe('在职');
    expect(m.person.psnNoMasked).not.toContain('PSN0000');
    expect(m.funds).toEqual([
      { fundPayType: { code: '310100', label: '职工基本医疗保险统筹基金' }, fen: 7021 },
      { fundPayType: { code: '320100', label: '公务员医疗补助基金' }, fen: 1 },
    ]);
    expect(m.fundFields.find((f) => f.key === 'hifp_pay')?.fen).toBe(7021);
    expect(m.fundFields.find((f) => f.key === 'cvlserv_pay')?.fen).toBe(1);
    expect(m.selfpay.find((f) => f.key === 'preselfpay_amt')?.fen).toBe(1002);
    expect(m.lines.map((l) => [l.name, l.category.label, l.level.label, l.amountFen, l.preselfpayFen])).toEqual([
      ['维生素C片', '西药费', '丙类', 30, 0],
      ['复方丹参片', '中成药费', '乙类', 10020, 1002],
    ]);
    expect(m.categories).toEqual([
      { category: { code: '09', label: '西药费' }, fen: 30 },
      { category: { code: '11', label: '中成药费' }, fen: 10020 },
    ]);
  });

  it('labels from the downloaded 1901 dictionary win over the baseline', () => {
    const { db, journal } = openJournal();
    sale(journal);
    new DictionaryStore(db).replaceType('chrgitm_lv', [
      { type: 'chrgitm_lv', value: '02', label: '乙类(本地字典)', parentValue: null, sort: 2, valiFlag: '1' },
    ]);
    const m = buildReceipt(sources(journal, db), 'S0001');
    expect(m.lines.map((l) => l.level.label)).toEqual(['丙类', '乙类(本地字典)']);
    expect(m.lines.map((l) => l.name)).toEqual(['', '']); // no source knows the names: the code prints
  });

  it('a successful 2103 marks the receipt 已退费 with the refund balance', () => {
    const { db, journal } = openJournal();
    sale(journal);
    journal.prepare(envelope('R-FAILED', '2103', { data: { setl_id: 'S0001', mdtrt_id: 'MD1', psn_no: 'PSN00000001' } }));
    journal.finish('R-FAILED', 'rejected', { code: '-1', message: 'refused' });
    expect(buildReceipt(sources(journal, db), 'S0001').refund).toBeNull();
    call(
      journal,
      'R1',
      '2103',
      { data: { setl_id: 'S0001', mdtrt_id: 'MD1', psn_no: 'PSN00000001' } },
      { setlinfo: { setl_id: 'S0002', mdtrt_id: 'MD1', balc: 1264.63 }, setldetail: [] },
    );
    expect(buildReceipt(sources(journal, db), 'S0001').refund).toMatchObject({
      infno: '2103',
      msgid: 'R1',
      balanceAfterFen: 126463,
    });
  });

  it('an unknown setl_id, or one of another institution, is E_RECEIPT_NOT_FOUND', () => {
    const { db, journal } = openJournal();
    sale(journal, 'S0009', 'H42010000002');
    expect(() => buildReceipt(sources(journal, db), 'S0009')).toThrow(expect.objectContaining({ code: 'E_RECEIPT_NOT_FOUND' }));
    expect(() => buildReceipt(sources(journal, db), 'S000')).toThrow(expect.objectContaining({ code: 'E_RECEIPT_NOT_FOUND' }));
  });
});

describe('layouts', () => {
  it('chooses the paper width, roll or sheet, and which amounts are listed', () => {
    expect([layoutFor('58').pageWidthMm, layoutFor('80').pageWidthMm, layoutFor('a4').pageWidthMm]).toEqual([58, 80, 210]);
    expect(layoutFor('58').roll && layoutFor('80').roll && !layoutFor('a4').roll).toBe(true);
    expect(pageHeightMm(layoutFor('a4'), 5000)).toBe(297);
    expect(pageHeightMm(layoutFor('80'), 960)).toBe(254); // 960 px = 10 in
    expect(pageHeightMm(layoutFor('58'), 10)).toBe(40); // never shorter than a tear-off
    expect(pageSizeCss(layoutFor('58'), 960)).toBe('@page { size: 58mm 254mm; margin: 0; }');

    const { db, journal } = openJournal();
    sale(journal);
    const m = buildReceipt(sources(journal, db), 'S0001');
    const amountLabels = (format: '58' | 'a4') =>
      receiptSections(m, layoutFor(format), { printedAt: 'T' })
        .filter((b) => b.kind === 'amounts' && b.title === '结算金额')
        .flatMap((b) => (b.kind === 'amounts' ? b.rows.map((r) => r.label) : []));
    expect(amountLabels('58')).toContain('公务员医疗补助资金支出'); // 0.01 paid
    expect(amountLabels('58')).not.toContain('医疗救助基金支出'); // zero: not on a slip
    expect(amountLabels('a4')).toContain('医疗救助基金支出'); // the A4 form lists every fund

    const slip = renderReceiptHtml(m, layoutFor('58'), { printedAt: '2026-11-23 10:00:00', reprint: true });
    expect(slip).toContain('width: 58mm');
    expect(slip).toContain('医保购药结算小票');
    expect(slip).toContain('补打');
    expect(slip).not.toContain('@page'); // the printing side sizes a roll to the content
    expect(slip).toContain('王小明');
    expect(slip).not.toContain(CERTNO);
    const sheet = renderReceiptHtml(m, layoutFor('a4'), { printedAt: '2026-11-23 10:00:00' });
    expect(sheet).toContain('@page { size: 210mm 297mm');
    expect(sheet).toContain('医疗收费结算单');
    expect(sheet).toContain('<table class="sheet items">');
  });

  it('escapes what the journal holds and masks the name in the text preview', () => {
    const { db, journal } = openJournal();
    sale(journal);
    const m = buildReceipt(sources(journal, db, { XA01: '<b>片</b>' }), 'S0001');
    expect(renderReceiptHtml(m, layoutFor('80'), { printedAt: 'T' })).toContain('&lt;b&gt;片&lt;/b&gt;');
    const text = renderReceiptText(m, layoutFor('80'), { printedAt: 'T', maskName });
    expect(text).toContain('王**');
    expect(text).not.toContain('王小明');
    expect(text).toContain('100.50');
    expect(text).toContain('S0001');
  });
});

describe('printer settings', () => {
  const institution = {
    fixmedinsCode: 'P42010000001',
    fixmedinsName: '沙箱演示大药房',
    mdtrtareaAdmvs: '420100',
    kind: 'pharmacy' as const,
    terminalSlot: 0,
  };

  it('defaults to an 80 mm roll on the default printer, with a dialog and no automatic print', () => {
    expect(parseConfig({}, 'test').printer).toEqual({ deviceName: '', paper: '80', silent: false, autoPrint: false });
    expect(() => parseConfig({ printer: { paper: '76' } }, 'test')).toThrow(
      expect.objectContaining({ code: 'E_CONFIG_INVALID' }),
    );
  });

  it('设置 saves the printer into the file and keeps it when a save does not mention it', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'config.json');
    writeFileSync(path, JSON.stringify({ devices: { driver: 'manual' } }));
    const printer = { deviceName: 'XP-58', paper: '58' as const, silent: true, autoPrint: true };
    saveSettings(path, { centerUrl: '', institution, profile: 'national', printer });
    expect(settingsView(loadConfig({ path, env: {} }), 'sandbox').printer).toEqual(printer);
    saveSettings(path, { centerUrl: '', institution, profile: 'hubei' });
    const loaded = loadConfig({ path, env: {} });
    expect(loaded.config.printer).toEqual(printer);
    expect(loaded.config.profile).toBe('hubei');
    expect(loaded.config.devices.driver).toBe('manual');
  });
});
