/**
 * Importing catalogue download files into a real counter database: the layout matches the
 * center's, money-like columns become integers, rows only move forward in time, a
 * re-import changes nothing, and bad content fails with the catalogue, file and line named
 * while everything imported before stays.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { importCatalogueFile, type FileImportResult } from '../../src-main/catalogue/file-import';
import { YibaoError } from '../../src-main/core/errors';
import { catalogueZip, drugRow, tempCatalogue, txtLine, zipLines } from '../helpers/catalogue-fixtures';
import { instanceOf, rejectionOf } from '../helpers/rejection';

let done: () => void = () => {};
afterEach(() => done());

function open() {
  const t = tempCatalogue();
  done = t.done;
  return t.local;
}

const failure = (p: Promise<unknown>) => rejectionOf(p, instanceOf(YibaoError));

describe('importCatalogueFile', () => {
  it('stores every column, with ratios and prices as integers and null for empties', async () => {
    const local = open();
    const r = await importCatalogueFile(local.items, catalogueZip([drugRow(1, { memo: null, lmt_scp: '限儿童' })]), {
      infno: '1301',
      filename: 'f.zip',
      expectedRows: 1,
    });
    expect(r).toMatchObject({ rows: 1, inserted: 1, updated: 0, unchanged: 0, maxVer: '20250110080000' });
    const [d] = local.details('XA01AAD001A001010000001');
    expect(d?.item).toMatchObject({
      catalogue: '1301',
      name: '阿莫西林胶囊1',
      gennm: '阿莫西林',
      pinyin: 'AMXLJN',
      barcode: '6900000000011',
      spec: '0.25g*24粒',
      dosform: '胶囊',
      prodentpName: '测试制药有限公司',
      listType: '101',
      chrgitmLv: '02',
      medChrgitmType: '09',
      selfpayProp: 1000,
      pricUplmtAmt: 12_345_600,
      refPric: 10_000_000,
      basMednFlag: '1',
      lmtScp: '限儿童',
      memo: null,
      enddate: null,
      valiFlag: '1',
      ver: '20250110080000',
      updtTime: '2025-01-10 08:00:00',
      sourceInfno: '1301',
    });
  });

  it('reads stored and deflated entries, CRLF line ends and blank lines', async () => {
    const local = open();
    const lines = [txtLine(drugRow(1)) + '\r', '', txtLine(drugRow(2)) + '\r'];
    for (const store of [true, false]) {
      const r = await importCatalogueFile(local.items, zipLines(lines, { store }), { infno: '1301', filename: 'f.zip' });
      expect(r.rows).toBe(2);
    }
    expect(local.items.count('1301')).toBe(2);
    expect(local.details('XA01AAD001A001010000002')[0]?.item.updtTime).toBe('2025-01-10 08:00:00');
  });

  it('moves an item forward only: newer versions replace it, older ones and repeats change nothing', async () => {
    const local = open();
    const opts = { infno: '1301', filename: 'f.zip' };
    await importCatalogueFile(local.items, catalogueZip([drugRow(1), drugRow(2)]), opts);
    const v2 = drugRow(1, {
      name: '阿莫西林分散片',
      chrgitm_lv: '01',
      selfpay_prop: '0.0000',
      ver: '20250310080000',
      updt_time: '2025-03-10 08:00:00',
    });
    expect(await importCatalogueFile(local.items, catalogueZip([v2, drugRow(3)]), opts)).toMatchObject({
      inserted: 1,
      updated: 1,
      unchanged: 0,
    });
    // The old version again, and the same file again: nothing changes, nothing is duplicated.
    expect(await importCatalogueFile(local.items, catalogueZip([drugRow(1), drugRow(2)]), opts)).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(await importCatalogueFile(local.items, catalogueZip([v2, drugRow(3)]), opts)).toMatchObject({ unchanged: 2 });
    expect(local.items.count()).toBe(3);
    expect(local.details('XA01AAD001A001010000001')[0]?.item).toMatchObject({
      name: '阿莫西林分散片',
      chrgitmLv: '01',
      selfpayProp: 0,
      ver: '20250310080000',
    });
    // The name index followed the change.
    expect(local.search('分散片').map((h) => h.item.code)).toEqual(['XA01AAD001A001010000001']);
    expect(local.search('阿莫西林胶囊1').map((h) => h.item.code)).not.toContain('XA01AAD001A001010000001');
  });

  it('keeps the newest row when one file holds a code twice', async () => {
    const local = open();
    const newer = drugRow(1, { name: '新名称片', ver: '20250310080000', updt_time: '2025-03-10 08:00:00' });
    const r = await importCatalogueFile(local.items, catalogueZip([drugRow(1), newer]), { infno: '1301', filename: 'f.zip' });
    expect(r).toMatchObject({ rows: 2, inserted: 1, updated: 1, maxVer: '20250310080000' });
    expect(local.search('新名称').map((h) => h.item.name)).toEqual(['新名称片']);
    expect(local.search('阿莫西林胶囊1')).toEqual([]);
  });

  it('names the catalogue, file and line of a row with the wrong number of columns, and keeps what was imported', async () => {
    const local = open();
    await importCatalogueFile(local.items, catalogueZip([drugRow(1), drugRow(2)]), { infno: '1301', filename: 'v1.zip' });
    const lines = [3, 4, 5].map((i) => txtLine(drugRow(i, { ver: '20250310080000', updt_time: '2025-03-10 08:00:00' })));
    lines.push(lines[0]!.split('\t').slice(0, 30).join('\t'));
    let completed: FileImportResult | undefined;
    const e = await failure(
      importCatalogueFile(local.items, zipLines(lines), {
        infno: '1301',
        filename: 'plc_1301_20250310080000.zip',
        onComplete: (r) => (completed = r),
      }),
    );
    expect(e.code).toBe('E_CATALOGUE_FILE');
    expect(e.messageZh).toContain('1301 西药中成药目录');
    expect(e.messageZh).toContain('plc_1301_20250310080000.zip');
    expect(e.messageZh).toContain('第 4 行');
    expect(e.messageZh).toContain('30 列, 应为 31 列');
    expect(e.detail).toMatchObject({ infno: '1301', line: 4 });
    expect(completed).toBeUndefined();
    expect(local.details('XA01AAD001A001010000001')).toHaveLength(1);
    expect(local.details('XA01AAD001A001010000002')).toHaveLength(1);
  });

  it('refuses a garbage ZIP, a truncated one and one whose text was altered, naming the catalogue', async () => {
    const local = open();
    await importCatalogueFile(local.items, catalogueZip([drugRow(1)]), { infno: '1302', filename: 'ok.zip' });
    const good = catalogueZip([drugRow(2), drugRow(3)]);
    const altered = zipSync({ 'a.txt': [strToU8(txtLine(drugRow(2)) + '\n'), { level: 0 }] });
    // Flip one byte of the stored text: the CRC no longer matches.
    altered[40] = (altered[40] as number) ^ 0x01;
    const cases: [Uint8Array, RegExp][] = [
      [strToU8('<html>502 Bad Gateway</html>'), /不是有效的 ZIP 文件/],
      [good.subarray(0, good.length - 30), /ZIP 文件不完整|中央目录/],
      [altered, /CRC|UTF-8|列/],
    ];
    for (const [bytes, why] of cases) {
      const e = await failure(importCatalogueFile(local.items, bytes, { infno: '1302', filename: 'bad.zip' }));
      expect(e.code).toBe('E_CATALOGUE_FILE');
      expect(e.messageZh).toContain('1302 中药饮片目录');
      expect(e.messageZh).toMatch(why);
    }
    expect(local.items.count()).toBe(1);
  });

  it('refuses a file with fewer rows than data_cnt, a malformed ratio and a row without a code', async () => {
    const local = open();
    const opts = { infno: '1301', filename: 'f.zip' };
    expect(
      (await failure(importCatalogueFile(local.items, catalogueZip([drugRow(1)]), { ...opts, expectedRows: 2 }))).messageZh,
    ).toContain('data_cnt 为 2');
    // The count is checked in the transaction of the last batch, which rolls back with it.
    expect(local.items.count()).toBe(0);
    const ratio = await failure(importCatalogueFile(local.items, catalogueZip([drugRow(2, { selfpay_prop: '1O%' })]), opts));
    expect(ratio.messageZh).toMatch(/第 1 行.*selfpay_prop 不是有效的数值: 1O%/);
    const noCode = await failure(importCatalogueFile(local.items, catalogueZip([drugRow(3, { code: null })]), opts));
    expect(noCode.messageZh).toContain('缺少目录编码');
  });

  it('a large import rebuilds the search indexes, also when it fails', async () => {
    const local = open();
    const indexes = () =>
      (
        local.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'catalogue_item'").all() as {
          name: string;
        }[]
      )
        .map((r) => r.name)
        .sort();
    const before = indexes();
    expect(before).toEqual(['catalogue_item_by_barcode', 'catalogue_item_by_code', 'catalogue_item_by_pinyin']);
    const rows = Array.from({ length: 50_000 }, (_, i) => drugRow(i));
    const r = await importCatalogueFile(local.items, catalogueZip(rows), {
      infno: '1301',
      filename: 'big.zip',
      expectedRows: 50_000,
    });
    expect(r.inserted).toBe(50_000);
    expect(indexes()).toEqual(before);
    const plan = local.db.prepare("EXPLAIN QUERY PLAN SELECT id FROM catalogue_item WHERE barcode = '6900000123451'").all();
    expect(JSON.stringify(plan)).toContain('catalogue_item_by_barcode');
    const broken = [...rows.slice(0, 49_999).map(txtLine), 'not\ta\trow'];
    await failure(
      importCatalogueFile(local.items, zipLines(broken), { infno: '1301', filename: 'big2.zip', expectedRows: 50_000 }),
    );
    expect(indexes()).toEqual(before);
    expect(local.items.count()).toBe(50_000);
  }, 60_000);
});
