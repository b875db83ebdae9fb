/**
 * 进销存 and 目录对照 against the real sandbox center: files imported (a CSV and an XLSX written
 * here with write-excel-file), queued in the counter's SQLite file, uploaded through the
 * journaled calls, and checked in the center's ledger with the 3508–3511 queries.
 */
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, pharmacyItems } from '../helpers/sandbox-fixtures';
import { catalogueZip, drugRow } from '../helpers/catalogue-fixtures';
import type { CounterApp } from '../../src-main/app/counter-app';
import { InventoryDesk } from '../../src-main/inventory/inventory-desk';
import { InventoryRetryDriver } from '../../src-main/inventory/retry-driver';
import { MappingDesk } from '../../src-main/mapping/mapping-desk';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { importCatalogueFile } from '../../src-main/catalogue/file-import';
import { RejectedError } from '../../src-main/protocol/call-errors';
import type { CatalogueItemRow } from '../../src-main/sandbox/store';

let h: Harness;
let app: CounterApp;
let desk: InventoryDesk;
let a: CatalogueItemRow;
let b: CatalogueItemRow;

const today = new Date().toISOString().slice(0, 10);
const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n') + '\r\n');

const PURCHASE_HEADER =
  '医保目录编码,本机构编码,本机构名称,批次号,供应商,生产批号,生产企业,批准文号,生产日期,有效期至,单价,数量,入库时间,经办人,处方药';
const purchaseLine = (code: string, local: string, bchno: string, cnt: string, time = `${today} 09:00:00`) =>
  `${code},${local},"本店品种 ${local}",${bchno},武汉医药公司,L2026,测试制药,国药准字H42000001,2026-01-01,2028-01-01,12.50,${cnt},${time},王库管,否`;

async function stockOf(item: string, batch?: string): Promise<number | undefined> {
  const page = await desk.query({ kind: 'stock', item, batch, operator: OPERATOR });
  const row = page.rows.find((r) => batch === undefined || r['fixmedinsBchno'] === batch);
  return row === undefined ? undefined : Number(row['invCnt']);
}

beforeAll(async () => {
  h = await startHarness();
  app = await h.openApp({ center: { timeouts: { connectMs: 500, readMs: 1500 } } });
  await app.callAs(OPERATOR, '9001', {});
  desk = new InventoryDesk(app, { baseDelayMs: 10 });
  ({ a, b } = pharmacyItems(h.sandbox.center.store));
}, 120_000);
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.sandbox.center.clearFaults();
});

describe('进销存 upload', () => {
  it('imports a CSV: a bad row gets its row number and reason, the center refuses one row, the good rows reach the ledger', async () => {
    const file = csv([
      PURCHASE_HEADER,
      purchaseLine(a.code, 'LOC-A', 'B1', '100'),
      purchaseLine(a.code, 'LOC-A', 'B9', 'abc'),
      purchaseLine(b.code, 'LOC-B', 'B2', '50.5'),
      purchaseLine('XX9999999999', 'LOC-X', 'B3', '10'),
    ]);
    const imported = await desk.importFile('purchase', 'purchase.csv', file);
    expect(imported.rowsTotal).toBe(4);
    expect(imported.rowsQueued).toBe(3);
    expect(imported.errors).toHaveLength(1);
    expect(imported.errors[0]?.rowNo).toBe(3);
    expect(imported.errors[0]?.message).toContain('[数量]');

    const report = await desk.upload({ operator: OPERATOR });
    expect(report.calls).toBe(1); // national profile: one 3503A batch
    expect(report.done).toBe(2);
    expect(report.rejected).toBe(1);
    const refused = report.items.find((i) => i.state === 'rejected');
    expect(refused?.rowNo).toBe(5);
    expect(refused?.message).toContain('不在医保目录中');
    expect(app.journal.list({ infno: '3503A' })).toHaveLength(1);

    expect(await stockOf('LOC-A', 'B1')).toBe(100);
    expect(await stockOf('LOC-B', 'B2')).toBe(50.5);
  });

  it('does not queue the same records twice when a file is imported again', async () => {
    const again = await desk.importFile(
      'purchase',
      'purchase.csv',
      csv([PURCHASE_HEADER, purchaseLine(a.code, 'LOC-A', 'B1', '100')]),
    );
    expect(again.rowsQueued).toBe(0);
    expect(again.errors[0]?.message).toContain('已在上传队列中');
  });

  it('imports an XLSX of sales: stock goes down, a sale beyond the stock is refused by the center with its reason', async () => {
    const header = [
      '医保目录编码',
      '本机构编码',
      '本机构名称',
      '批次号',
      '零售单据号',
      '销售时间',
      '数量',
      '单价',
      '生产批号',
      '生产日期',
      '经办人',
      '医保结算类型',
    ];
    const saleTime = new Date(`${today}T10:15:00Z`); // a date-time cell, as Excel stores it
    const row = (docno: string, cnt: number) => [
      { value: a.code },
      { value: 'LOC-A' },
      { value: '本店阿莫西林' },
      { value: 'B1' },
      { value: docno },
      { value: saleTime, type: Date, format: 'yyyy-mm-dd hh:mm:ss' },
      { value: cnt, type: Number },
      { value: 12.5, type: Number },
      { value: 'L2026' },
      { value: '2026-01-01' },
      { value: '李店员' },
      { value: '1' },
    ];
    const xlsx = await writeXlsxFile([header.map((value) => ({ value })), row('R0001', 30), row('R0002', 80)]).toBuffer();
    const imported = await desk.importFile('sale', 'sales.xlsx', new Uint8Array(xlsx));
    expect(imported.errors).toEqual([]);
    expect(imported.rowsQueued).toBe(2);
    const report = await desk.upload({ operator: OPERATOR });
    expect(report.done).toBe(1);
    const refused = report.items.find((i) => i.state === 'rejected');
    expect(refused?.rowNo).toBe(3);
    expect(refused?.message).toContain('库存不足');
    expect(await stockOf('LOC-A', 'B1')).toBe(70);
    const sales = await desk.query({ kind: 'sales', item: 'LOC-A', operator: OPERATOR });
    expect(sales.rows.map((r) => [r['selRetnTime'], Number(r['selRetnCnt'])])).toEqual([[`${today} 10:15:00`, 30]]);
  });

  it('retries a dropped answer without doubling the stock and settles the journal entry', async () => {
    await desk.importFile('purchase', 'more.csv', csv([PURCHASE_HEADER, purchaseLine(a.code, 'LOC-A', 'B4', '20')]));
    h.sandbox.center.addFault('3503A', 'commit-then-drop', 1);
    const first = await desk.upload({ operator: OPERATOR });
    expect(first.waiting).toBe(1);
    const lost = first.items[0];
    expect(lost?.state).toBe('unknown');
    expect(await stockOf('LOC-A', 'B4')).toBe(20); // the center did commit it

    const second = await desk.upload({ operator: OPERATOR, force: true });
    expect(second.done).toBe(1);
    expect(second.items[0]?.message).toContain('已生效');
    expect(second.items[0]?.message).toContain('3510');
    expect(await stockOf('LOC-A', 'B4')).toBe(20);
    const purchases = await desk.query({ kind: 'purchases', batch: 'B4', operator: OPERATOR });
    expect(purchases.recordCounts).toBe(1);
    const entry = app.journal.byMsgid(lost?.uncertainMsgids[0] ?? '');
    expect(entry?.state).toBe('ok');
  });

  it('retries a request that never reached the center (drop before commit) and counts it once', async () => {
    await desk.importFile('purchase', 'late.csv', csv([PURCHASE_HEADER, purchaseLine(b.code, 'LOC-B', 'B5', '7')]));
    h.sandbox.center.addFault('3503A', 'drop-before-commit', 1);
    const first = await desk.upload({ operator: OPERATOR });
    expect(first.items[0]?.state).toBe('unknown');
    expect(await stockOf('LOC-B', 'B5')).toBeUndefined();
    const second = await desk.upload({ operator: OPERATOR, force: true });
    expect(second.done).toBe(1);
    expect(await stockOf('LOC-B', 'B5')).toBe(7);
    expect(app.journal.byMsgid(first.items[0]?.uncertainMsgids[0] ?? '')?.state).toBe('no-effect');
  });

  it('retries in the background once the backoff has passed (HTTP 500: nothing applied, counted once)', async () => {
    await desk.importFile('purchase', 'bg.csv', csv([PURCHASE_HEADER, purchaseLine(b.code, 'LOC-B', 'B7', '3')]));
    h.sandbox.center.addFault('3503A', 'http500', 1);
    const first = await desk.upload({ operator: OPERATOR });
    expect(first.items[0]?.state).toBe('unknown');
    const driver = new InventoryRetryDriver(app);
    // Stays: the retry driver runs on the real clock and next_attempt_at is whole seconds, 1 s away.
    await new Promise((r) => setTimeout(r, 1100));
    await driver.tick();
    expect(desk.queue.get(first.items[0]?.id ?? 0)?.state).toBe('done');
    expect(await stockOf('LOC-B', 'B7')).toBe(3);
    expect(app.journal.byMsgid(first.items[0]?.uncertainMsgids[0] ?? '')?.state).toBe('no-effect');
  });

  it('after a crash mid-call (item left "sending"), a retry the center finds already applied is done, once', async () => {
    const imported = await desk.importFile(
      'purchase',
      'crash.csv',
      csv([PURCHASE_HEADER, purchaseLine(a.code, 'LOC-A', 'B8', '9')]),
    );
    const item = desk.items({ importId: imported.id })[0];
    if (!item) throw new Error('not queued');
    // The process that was sending it got as far as the center and died before recording the answer.
    desk.queue.markSending([item.id]);
    await app.callAs(OPERATOR, '3503A', { purcinfoDetail: [item.row] });
    const report = await desk.upload({ operator: OPERATOR });
    expect(report.items[0]).toMatchObject({ state: 'done', attempts: 2 });
    expect(report.items[0]?.message).toContain('已生效');
    expect(await stockOf('LOC-A', 'B8')).toBe(9);
  });

  it('uses the single variants under the Hubei profile: 3502 stock change and 3507 delete', async () => {
    const hubei = await h.openApp({ profile: 'hubei', center: { timeouts: { connectMs: 500, readMs: 1500 } } });
    await hubei.callAs(OPERATOR, '9001', {});
    const hubeiDesk = new InventoryDesk(hubei);
    await hubeiDesk.importFile(
      'stock-change',
      'loss.csv',
      csv([
        '医保目录编码,本机构编码,本机构名称,批次号,变更类型,单价,数量,变更时间',
        `${a.code},LOC-A,本店阿莫西林,B1,盘损,12.5,2,${today} 18:00:00`,
      ]),
    );
    const changed = await hubeiDesk.upload({ operator: OPERATOR });
    expect(changed.done).toBe(1);
    expect(hubei.journal.list({ infno: '3502' })).toHaveLength(1);
    expect(await stockOf('LOC-A', 'B1')).toBe(68);

    await hubeiDesk.importFile('delete', 'delete.csv', csv(['批次号,数据类型', 'B5,采购']));
    const deleted = await hubeiDesk.upload({ operator: OPERATOR });
    expect(deleted.done).toBe(1);
    expect(hubei.journal.list({ infno: '3507' })).toHaveLength(1);
    expect(await stockOf('LOC-B', 'B5')).toBe(0);
  });
});

describe('sandbox 进销存 rules (single variants, raw calls)', () => {
  const item = () => ({ med_list_codg: a.code, fixmedins_hilist_id: 'RULE-1', fixmedins_hilist_name: '规则药', rx_flag: '0' });
  const refusal = async (infno: string, input: Record<string, unknown>) => {
    const e = await app.callAs(OPERATOR, infno, input).then(
      () => null,
      (error: unknown) => error,
    );
    expect(e).toBeInstanceOf(RejectedError);
    return (e as RejectedError).errMsg;
  };

  it('3501 sets the stock of a batch; 3506 cannot return more than was sold; 3507 refuses to leave negative stock', async () => {
    const batch = { fixmedins_bchno: 'R1', manu_date: '2026-01-01', expy_end: '2028-01-01' };
    await app.callAs(OPERATOR, '3501', { invinfo: { ...item(), ...batch, invdate: today, inv_cnt: 10 } });
    expect(await stockOf('RULE-1', 'R1')).toBe(10);
    const sale = {
      ...item(),
      fixmedins_bchno: 'R1',
      mdtrt_sn: 'S1',
      hi_feesetl_type: '1',
      manu_lotnum: 'L',
      manu_date: '2026-01-01',
      trdn_flag: '0',
      rx_circ_flag: '0',
      rtal_docno: 'S1',
      sel_retn_cnt: 4,
      sel_retn_time: `${today} 11:00:00`,
      sel_retn_opter_name: '店员',
    };
    await app.callAs(OPERATOR, '3505', { selinfo: sale });
    expect(await stockOf('RULE-1', 'R1')).toBe(6);
    expect(await refusal('3505', { selinfo: sale })).toContain('重复上传');
    const back = (cnt: number, time: string) => ({
      selinfo: {
        ...item(),
        fixmedins_bchno: 'R1',
        mdtrt_sn: 'S1',
        manu_lotnum: 'L',
        manu_date: '2026-01-01',
        trdn_flag: '0',
        sel_retn_cnt: cnt,
        sel_retn_time: time,
        sel_retn_opter_name: '店员',
      },
    });
    expect(await refusal('3506', back(5, `${today} 12:00:00`))).toContain('超过该批次已售未退数量');
    await app.callAs(OPERATOR, '3506', back(1, `${today} 12:01:00`));
    expect(await stockOf('RULE-1', 'R1')).toBe(7);
    // Counting again on the same day is the same record; deleting the count would leave 7 − 10 < 0.
    expect(await refusal('3501', { invinfo: { ...item(), ...batch, invdate: today, inv_cnt: 3 } })).toContain('重复上传');
    expect(await refusal('3507', { data: { fixmedins_bchno: 'R1', inv_data_type: '1' } })).toContain('库存为负');
    await app.callAs(OPERATOR, '3507', { data: { fixmedins_bchno: 'R1', inv_data_type: '4' } });
    expect(await stockOf('RULE-1', 'R1')).toBe(10);
    expect(await refusal('3507', { data: { fixmedins_bchno: 'R1', inv_data_type: '4' } })).toContain('无需删除');
  });

  it('pages 3509 answers and refuses a query without item or batch, or with a filter it does not hold', async () => {
    for (const [i, t] of ['13:00:00', '13:01:00', '13:02:00'].entries()) {
      await app.callAs(OPERATOR, '3502', {
        invinfo: { ...item(), fixmedins_bchno: 'R1', inv_chg_type: '101', pric: 1, cnt: i + 1, inv_chg_time: `${today} ${t}` },
      });
    }
    const page = async (n: number) =>
      (
        await app.callAs(OPERATOR, '3509', {
          data: { medins_list_codg: 'RULE-1', begndate: today, enddate: today, page_num: n, page_size: 2 },
        })
      ).output as { data: Record<string, unknown>[]; recordCounts: number; pages: number };
    const [p1, p2] = [await page(1), await page(2)];
    expect([p1.recordCounts, p1.pages, p1.data.length, p2.data.length]).toEqual([3, 2, 2, 1]);
    expect([...p1.data, ...p2.data].map((r) => Number(r['cnt']))).toEqual([1, 2, 3]);
    await expect(app.callAs(OPERATOR, '3508', { data: { begndate: today, enddate: today } })).rejects.toThrow(/至少填一个/);
    expect(
      await refusal('3508', { data: { medins_list_codg: 'RULE-1', begndate: today, enddate: today, rx_flag: '1' } }),
    ).toContain('不支持按 rx_flag');
  });
});

describe('目录对照', () => {
  it('3301 makes the item findable by local code and barcode; 3302 removes it; 1317 reports both', async () => {
    const local = LocalCatalogue.open(app.db.name);
    try {
      await importCatalogueFile(local.items, catalogueZip([drugRow(1, { code: a.code, name: a.name, list_type: '101' })]), {
        infno: '1301',
        filename: 'one.zip',
      });
      const mappings = new MappingDesk(app);
      const record = await mappings.upload({
        localCode: 'SHOP-0001',
        localName: '本店阿莫西林',
        nationalCode: a.code,
        barcode: '6901234567892',
        operator: OPERATOR,
      });
      expect(record.listType).toBe('101');
      expect(local.search('SHOP-0001')[0]).toMatchObject({ match: 'local-code', item: { code: a.code } });
      expect(local.search('6901234567892')[0]?.item.code).toBe(a.code);

      // The center holds it: a repeat is refused, and 1317 lists it for this institution.
      await expect(
        app.callAs(OPERATOR, '3301', {
          data: {
            fixmedins_hilist_id: 'SHOP-0001',
            fixmedins_hilist_name: 'x',
            list_type: '101',
            med_list_codg: a.code,
            begndate: today,
          },
        }),
      ).rejects.toBeInstanceOf(RejectedError);
      const page = async () =>
        (
          (
            await app.callAs(OPERATOR, '1317', {
              data: { updt_time: '2000-01-01 00:00:00', page_num: 1, page_size: 10, medins_list_codg: 'SHOP-0001' },
            })
          ).output as { data: Record<string, unknown>[] }
        ).data;
      expect(await page()).toEqual([
        expect.objectContaining({ medins_list_codg: 'SHOP-0001', med_list_codg: a.code, vali_flag: '1' }),
      ]);

      await mappings.revoke('SHOP-0001', OPERATOR);
      expect(local.search('SHOP-0001').filter((hit) => hit.match === 'local-code')).toEqual([]);
      expect(mappings.list()).toEqual([]);
      expect(await page()).toEqual([expect.objectContaining({ medins_list_codg: 'SHOP-0001', vali_flag: '0' })]);
    } finally {
      local.close();
    }
  });

  it('refuses a mapping to a code outside the catalogue, and a 进销存 row that contradicts an uploaded mapping', async () => {
    const mappings = new MappingDesk(app);
    await expect(
      mappings.upload({
        localCode: 'SHOP-0002',
        localName: '无此药',
        nationalCode: 'XX0000',
        listType: '101',
        operator: OPERATOR,
      }),
    ).rejects.toThrow(/不在医保目录中/);
    await mappings.upload({
      localCode: 'LOC-B',
      localName: '本店品种',
      nationalCode: b.code,
      listType: b.listType ?? '101',
      operator: OPERATOR,
    });
    await desk.importFile('purchase', 'wrong.csv', csv([PURCHASE_HEADER, purchaseLine(a.code, 'LOC-B', 'B6', '1')]));
    const report = await desk.upload({ operator: OPERATOR });
    expect(report.items[0]?.message).toContain('已对照到');
  });
});
