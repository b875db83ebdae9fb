/**
 * The sandbox center's catalogue transactions over real HTTP, through the counter's own
 * client: 1301 version downloads with 9102 until up to date, 1312 / 1316–1319 paging, 1901.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogueFile, type CatalogueInfno } from '../../src-main/sandbox/store';
import { INITIAL_CATALOGUE_VER } from '../../src-main/sandbox/center/handlers/catalogue';
import { RejectedError } from '../../src-main/protocol/call-errors';
import type { CounterApp } from '../../src-main/app/counter-app';
import { PHARMACY, startHarness, type Harness } from '../helpers/sandbox-harness';

const OPERATOR = { opter: 'C001', opterName: '目录测试员' };
/** The catalogues whose rows are 医保目录 items (list_type set), i.e. what 1312 pages over. */
const HILIST_CATALOGUES: readonly CatalogueInfno[] = ['1301', '1302', '1304', '1305', '1306'];

let harness: Harness;
let app: CounterApp;

beforeAll(async () => {
  harness = await startHarness();
  app = await harness.openApp();
});
afterAll(async () => {
  await harness?.close();
});

const store = () => harness.sandbox.center.store;

async function call(infno: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  return (await app.callAs(OPERATOR, infno, input)).output as Record<string, unknown>;
}

async function download(fileQuryNo: string, filename: string, fixmedinsCode = 'plc'): Promise<Buffer> {
  const out = (
    await app.callAs(OPERATOR, '9102', { fsDownloadIn: { file_qury_no: fileQuryNo, filename, fixmedins_code: fixmedinsCode } })
  ).output;
  expect(Buffer.isBuffer(out)).toBe(true);
  return out as Buffer;
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

/** Rows the store holds with ver > after, for the catalogues given (independent of the handlers). */
function publishedRowsAfter(catalogues: readonly CatalogueInfno[], after: string): number {
  let n = 0;
  for (const c of catalogues) for (const v of store().catalogue.versionsAfter(c, after)) n += v.rowCount;
  return n;
}

interface Page {
  data: Record<string, unknown>[];
  recordCounts: number;
  pages: number;
  pageNum: number;
  pageSize: number;
}

/** Pages like a client: from 1 until a page shorter than page_size. */
async function allPages(
  infno: string,
  filters: Record<string, unknown>,
  pageSize: number,
): Promise<{ rows: Record<string, unknown>[]; first: Page; calls: number }> {
  const rows: Record<string, unknown>[] = [];
  let first: Page | undefined;
  let calls = 0;
  for (let pageNum = 1; ; pageNum++) {
    const page = (await call(infno, { data: { ...filters, page_num: pageNum, page_size: pageSize } })) as unknown as Page;
    calls++;
    first ??= page;
    expect(page.pageNum).toBe(pageNum);
    rows.push(...page.data);
    if (page.data.length < pageSize) break;
  }
  return { rows, first: first as Page, calls };
}

describe('1301 download by version + 9102', () => {
  it('downloads version by version from the initial version until up to date', async () => {
    const versions = store().catalogue.versions('1301');
    expect(versions.length).toBeGreaterThan(1);
    let ver = INITIAL_CATALOGUE_VER;
    let total = 0;
    for (const expected of versions) {
      const answer = await call('1301', { data: { ver } });
      expect(answer['data_cnt']).toBe(expected.rowCount);
      expect(String(answer['file_qury_no'])).toMatch(/^FQ/);
      const zip = await download(String(answer['file_qury_no']), String(answer['filename']));
      const rows = readCatalogueFile(zip);
      expect(rows).toHaveLength(expected.rowCount);
      // One version per file: the client's new local max version is exactly the next published one.
      expect(new Set(rows.map((r) => r.ver))).toEqual(new Set([expected.ver]));
      ver = rows.map((r) => r.ver as string).reduce((a, b) => (b > a ? b : a));
      total += rows.length;
    }
    expect(total).toBe(store().catalogue.count('1301'));

    const upToDate = await call('1301', { data: { ver } });
    expect(upToDate['data_cnt']).toBe(0);
    expect(upToDate['file_qury_no']).toBe(`NODATA-1301-${ver}`);
    const msg = await refusal(download(String(upToDate['file_qury_no']), String(upToDate['filename'])));
    expect(msg).toContain('目录已是最新');
  }, 120_000);

  it('refuses an ill-formed or unknown version and a catalogue the sandbox does not publish', async () => {
    expect(await refusal(call('1309', { data: { ver: 'abc' } }))).toContain('格式不正确');
    expect(await refusal(call('1309', { data: { ver: '20250101080000' } }))).toContain('不是门诊慢特病种目录发布过的版本');
    expect(await refusal(call('1303', { data: { ver: INITIAL_CATALOGUE_VER } }))).toContain('沙箱未发布该目录');
  });

  it('9102 of a catalogue file needs fixmedins_code plc and the right filename', async () => {
    const answer = await call('1309', { data: { ver: INITIAL_CATALOGUE_VER } });
    const no = String(answer['file_qury_no']);
    const name = String(answer['filename']);
    expect(await refusal(download(no, name, PHARMACY.fixmedinsCode))).toContain('fixmedins_code 应填 plc');
    expect(await refusal(download(no, 'other.zip'))).toContain('不符');
    expect(await refusal(download('FQ2099010100000099999999', name))).toContain('不存在');
    const rows = readCatalogueFile(await download(no, name));
    expect(rows).toHaveLength(Number(answer['data_cnt']));
    expect(store().catalogue.current(rows[0]?.code as string)?.catalogue).toBe('1309');
  });
});

describe('1312 paged query', () => {
  it('pages over every row updated since updt_time exactly once, in updt_time order', async () => {
    const base = store().catalogue.versions('1301')[0]?.ver as string;
    const since = '2025-01-10 08:00:01'; // just after the base version: the later versions' rows
    const expected = publishedRowsAfter(HILIST_CATALOGUES, base);
    const pageSize = 500;
    const { rows, first, calls } = await allPages('1312', { updt_time: since }, pageSize);
    expect(first.recordCounts).toBe(expected);
    expect(first.pages).toBe(Math.ceil(expected / pageSize));
    expect(calls).toBe(Math.floor(expected / pageSize) + 1);
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => r['rid'])).size).toBe(expected);
    const times = rows.map((r) => String(r['updt_time']));
    expect(times.every((t) => t >= since)).toBe(true);
    expect([...times].sort()).toEqual(times);
    for (const field of [
      'hilist_code',
      'hilist_name',
      'list_type',
      'chrgitm_lv',
      'med_chrgitm_type',
      'pinyin',
      'vali_flag',
      'begndate',
      'enddate',
    ]) {
      expect(rows[0]).toHaveProperty(field);
    }
  }, 120_000);

  it('counts the whole 医保目录 from the beginning and applies filters', async () => {
    const page = (await call('1312', { data: { updt_time: '2000-01-01', page_num: 1, page_size: 10 } })) as unknown as Page;
    expect(page.recordCounts).toBe(publishedRowsAfter(HILIST_CATALOGUES, INITIAL_CATALOGUE_VER));
    expect(page.data).toHaveLength(10);

    const services = await allPages('1312a', { updt_time: '2000-01-01 00:00:00', list_type: '201' }, 7);
    expect(services.rows.length).toBe(publishedRowsAfter(['1305'], INITIAL_CATALOGUE_VER));
    expect(services.rows.every((r) => r['list_type'] === '201')).toBe(true);

    const one = String(services.rows[0]?.['hilist_code']);
    const byCode = (await call('1312', {
      data: { updt_time: '2000-01-01', hilist_code: one, page_num: 1, page_size: 50 },
    })) as unknown as Page;
    expect(byCode.data.length).toBeGreaterThan(0);
    expect(byCode.data.every((r) => r['hilist_code'] === one)).toBe(true);

    expect(await refusal(call('1312', { data: { updt_time: '2000-01-01', wubi: 'ABC', page_num: 1, page_size: 10 } }))).toContain(
      '不支持按 wubi',
    );
    expect(await refusal(call('1312', { data: { updt_time: 'yesterday', page_num: 1, page_size: 10 } }))).toContain('updt_time');
  });
});

describe('1316–1319 paged queries', () => {
  const since = { updt_time: '2025-06-10 08:00:00' };

  it('1316 maps each code to itself, 1317 answers for the requesting institution', async () => {
    const m = (await call('1316', { data: { ...since, page_num: 1, page_size: 20 } })) as unknown as Page;
    expect(m.recordCounts).toBe(publishedRowsAfter(HILIST_CATALOGUES, '20250310080000'));
    expect(m.data.every((r) => r['med_list_codg'] === r['hilist_code'])).toBe(true);
    const i = (await call('1317', { data: { ...since, page_num: 2, page_size: 20 } })) as unknown as Page;
    expect(i.recordCounts).toBe(m.recordCounts);
    expect(
      i.data.every((r) => r['fixmedins_code'] === PHARMACY.fixmedinsCode && r['medins_list_codg'] === r['med_list_codg']),
    ).toBe(true);
    expect(
      await refusal(call('1317', { data: { ...since, fixmedins_code: 'H42010000002', page_num: 1, page_size: 20 } })),
    ).toContain('本机构');
  });

  it('1318 lists only rows with a price cap, 1319 the self-pay ratio of every row', async () => {
    const caps = await allPages('1318', since, 1000);
    const all = (await call('1319', { data: { ...since, page_num: 1, page_size: 1 } })) as unknown as Page;
    expect(caps.rows.length).toBe(caps.first.recordCounts);
    expect(caps.rows.length).toBeGreaterThan(0);
    expect(caps.rows.length).toBeLessThan(all.recordCounts);
    for (const r of caps.rows) {
      expect(typeof r['hilist_pric_uplmt_amt']).toBe('number');
      expect(r['hilist_pric_uplmt_amt'] as number).toBeGreaterThan(0);
      expect(r['hilist_lmtpric_type']).toBe('1');
    }
    // Every cap row agrees with the item as published.
    const sample = caps.rows[0] as Record<string, unknown>;
    const pages = await allPages('1312', { ...since, hilist_code: sample['hilist_code'] }, 50);
    expect(pages.rows.map((r) => r['rid'])).toContain(sample['rid']);

    const ratios = (await call('1319', { data: { ...since, page_num: 1, page_size: 200 } })) as unknown as Page;
    for (const r of ratios.data) {
      expect(r['selfpay_prop'] as number).toBeGreaterThanOrEqual(0);
      expect(r['selfpay_prop'] as number).toBeLessThanOrEqual(1);
    }
  });
});

describe('1901 dictionary', () => {
  it('returns the med_type labels', async () => {
    const out = await call('1901', {
      data: { type: 'med_type', parentValue: '', admdvs: '420100', date: '2026-01-01', valiFlag: '1' },
    });
    const list = out['list'] as { type: string; value: string; label: string; valiFlag: string }[];
    expect(list.find((e) => e.value === '41')?.label).toBe('定点药店购药');
    expect(list.find((e) => e.value === '11')?.label).toBe('普通门诊');
    expect(list.every((e) => e.type === 'med_type' && e.valiFlag === '1')).toBe(true);
  });

  it('answers an empty list for a type it does not hold', async () => {
    const out = await call('1901', { data: { type: 'no_such_dict', admdvs: '420100', date: '2026-01-01', valiFlag: '1' } });
    expect(out['list']).toEqual([]);
  });
});
