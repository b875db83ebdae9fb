/**
 * Catalogue versions, 1312 paging, dictionaries and the 1301–1315 download file, on a small
 * hand-made catalogue in a real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { priceFromFen, fen, ratio } from '../../src-main/sandbox/amounts';
import {
  CATALOGUE_FILE_COLUMNS,
  SandboxStore,
  buildCatalogueFile,
  readCatalogueFile,
  type CatalogueItem,
} from '../../src-main/sandbox/store';
import { makeTempDir } from '../helpers/temp-dir';

const V1 = '20250110080000';
const V2 = '20250310080000';
const V3 = '20250610080000';

function item(code: string, name: string, pinyin: string, ver: string, extra: Partial<CatalogueItem> = {}): CatalogueItem {
  return {
    catalogue: '1301',
    listType: '101',
    code,
    name,
    gennm: name,
    pinyin,
    spec: '0.25g*24粒',
    dosform: '胶囊',
    pacunt: '盒',
    prodentpName: '湖北康源制药有限公司',
    aprvno: '国药准字H42000001',
    barcode: '6900000000017',
    chrgitmLv: '02',
    medChrgitmType: '09',
    selfpayProp: ratio(1000),
    pricUplmtAmt: null,
    refPric: priceFromFen(fen(1234)),
    basMednFlag: '0',
    hiNegoDrugFlag: '0',
    chldMedcFlag: '0',
    listSpItemFlag: '0',
    lmtUsedFlag: '0',
    drtReimFlag: '0',
    lmtScp: null,
    memo: null,
    begndate: `${ver.slice(0, 4)}-${ver.slice(4, 6)}-${ver.slice(6, 8)}`,
    enddate: null,
    valiFlag: '1',
    ver,
    updtTime: `${ver.slice(0, 4)}-${ver.slice(4, 6)}-${ver.slice(6, 8)} 08:00:00`,
    ...extra,
  };
}

let temp: { dir: string; cleanup: () => void };
let store: SandboxStore;

beforeAll(() => {
  temp = makeTempDir('sandbox-catalogue-');
  store = SandboxStore.openFile(join(temp.dir, 'sandbox.sqlite'));
  store.transaction(() => {
    const versions = [
      [V1, ['A1', 'A2', 'A3']],
      [V2, ['A4']],
      [V3, ['A5', 'A6']],
    ] as const;
    for (const [ver, codes] of versions) {
      store.catalogue.insertVersion({
        catalogue: '1301',
        ver,
        verName: `第${ver.slice(4, 6)}期`,
        publishedAt: `${ver.slice(0, 4)}-01-01 08:00:00`,
        rowCount: 0,
      });
      store.catalogue.insertItems(
        codes.map((c, i) => item(c, `阿莫西林胶囊${c}`, `AMXLJN${c}`, ver, { chrgitmLv: i === 0 ? '01' : '02' })),
      );
    }
    // V2 also re-publishes A2 with a price cap; V3 delists A3. Both keep their code.
    store.catalogue.insertItems([
      item('A2', '阿莫西林胶囊A2', 'AMXLJNA2', V2, { pricUplmtAmt: priceFromFen(fen(1500)), memo: '调整限价' }),
      item('A3', '阿莫西林胶囊A3', 'AMXLJNA3', V3, { valiFlag: '0', enddate: '2025-06-10', memo: '含\t制表符\n和换行' }),
    ]);
    store.catalogue.insertVersion({
      catalogue: '1305',
      ver: V1,
      verName: '服务项目第1期',
      publishedAt: '2025-01-10 08:00:00',
      rowCount: 1,
    });
    store.catalogue.insertItems([
      item('001102000010000-110200001', '普通门诊诊查费', 'PTMZZCF', V1, { catalogue: '1305', listType: '201', barcode: null }),
    ]);
    store.catalogue.insertVersion({
      catalogue: '1307',
      ver: V1,
      verName: '诊断第1期',
      publishedAt: '2025-01-10 08:00:00',
      rowCount: 1,
    });
    store.catalogue.insertItems([item('I10.900', '特发性高血压', 'TFXGXY', V1, { catalogue: '1307', listType: null })]);
    store.dictionary.insert([
      { type: 'insutype', value: '390', label: '城乡居民基本医疗保险', parentValue: null, sort: 2, valiFlag: '1' },
      { type: 'insutype', value: '310', label: '职工基本医疗保险', parentValue: null, sort: 1, valiFlag: '1' },
      { type: 'insutype', value: '380', label: '新型农村合作医疗', parentValue: null, sort: 3, valiFlag: '0' },
    ]);
  });
});

afterAll(() => {
  store.close();
  temp.cleanup();
});

describe('catalogue versions', () => {
  it('lists versions in order and those after a local ver', () => {
    expect(store.catalogue.versions('1301').map((v) => v.ver)).toEqual([V1, V2, V3]);
    expect(store.catalogue.versionsAfter('1301', V1).map((v) => v.ver)).toEqual([V2, V3]);
    expect(store.catalogue.versionsAfter('1301', '0').map((v) => v.ver)).toEqual([V1, V2, V3]);
    expect(store.catalogue.versionsAfter('1301', V3)).toEqual([]);
  });

  it('returns rows with ver > v ordered by (ver, rid)', () => {
    expect(store.catalogue.rowsAfter('1301', V1).map((r) => `${r.ver.slice(4, 6)}:${r.code}`)).toEqual([
      '03:A4',
      '03:A2',
      '06:A5',
      '06:A6',
      '06:A3',
    ]);
    expect(store.catalogue.rowsAfter('1301', V1, 2)).toHaveLength(2);
  });

  it('gives the current state of a code: its row of the highest version', () => {
    expect(store.catalogue.current('A2')).toMatchObject({ ver: V2, pricUplmtAmt: 15_000_000, verName: '第03期' });
    expect(store.catalogue.current('A3')).toMatchObject({ ver: V3, valiFlag: '0' });
    expect(store.catalogue.current('A1')).toMatchObject({ ver: V1, pricUplmtAmt: null, selfpayProp: 1000 });
    expect(store.catalogue.current('nope')).toBeUndefined();
  });
});

describe('1312 hilist query', () => {
  it('pages 医保目录 rows by updt_time and counts them, leaving out diagnoses', () => {
    const page1 = store.catalogue.queryHilist({ updtTime: '2025-01-01 00:00:00', pageNum: 1, pageSize: 4 });
    const page2 = store.catalogue.queryHilist({ updtTime: '2025-01-01 00:00:00', pageNum: 2, pageSize: 4 });
    expect(page1.total).toBe(9);
    expect(page1.rows).toHaveLength(4);
    expect(page2.rows).toHaveLength(4);
    const page3 = store.catalogue.queryHilist({ updtTime: '2025-01-01 00:00:00', pageNum: 3, pageSize: 4 });
    expect(page3.rows).toHaveLength(1);
    const all = [...page1.rows, ...page2.rows, ...page3.rows];
    expect(new Set(all.map((r) => r.rid)).size).toBe(9);
    expect(all.map((r) => r.updtTime)).toEqual([...all.map((r) => r.updtTime)].sort());
    expect(all.some((r) => r.code === 'I10.900')).toBe(false);
  });

  it('filters by update time, code, list type, level, name and pinyin prefix', () => {
    expect(store.catalogue.queryHilist({ updtTime: '2025-06-10 08:00:00', pageNum: 1, pageSize: 100 }).total).toBe(3);
    expect(
      store.catalogue.queryHilist({ updtTime: '2025-01-01 00:00:00', pageNum: 1, pageSize: 100, hilistCode: 'A2' }).total,
    ).toBe(2);
    expect(
      store.catalogue
        .queryHilist({ updtTime: '2025-01-01 00:00:00', pageNum: 1, pageSize: 100, listType: '201' })
        .rows.map((r) => r.name),
    ).toEqual(['普通门诊诊查费']);
    expect(
      store.catalogue.queryHilist({ updtTime: '2025-01-01 00:00:00', pageNum: 1, pageSize: 100, chrgitmLv: '01' }).total,
    ).toBe(3);
    expect(
      store.catalogue.queryHilist({ updtTime: '2025-01-01 00:00:00', pageNum: 1, pageSize: 100, hilistName: '胶囊A' }).total,
    ).toBe(8);
    expect(store.catalogue.queryHilist({ updtTime: '2025-01-01 00:00:00', pageNum: 1, pageSize: 100, pinyin: 'ptm' }).total).toBe(
      1,
    );
    expect(
      store.catalogue.queryHilist({ updtTime: '2025-01-01 00:00:00', pageNum: 1, pageSize: 100, hilistName: '%' }).total,
    ).toBe(0);
  });
});

describe('dictionary', () => {
  it('returns entries in sort order, filtered by validity', () => {
    expect(store.dictionary.entries('insutype').map((e) => e.value)).toEqual(['310', '390', '380']);
    expect(store.dictionary.entries('insutype', { valiFlag: '1' }).map((e) => e.value)).toEqual(['310', '390']);
    expect(store.dictionary.label('insutype', '390')).toBe('城乡居民基本医疗保险');
    expect(store.dictionary.entries('no_such_type')).toEqual([]);
  });
});

describe('catalogue download file', () => {
  it('holds one UTF-8 TAB-separated TXT of the next version, empties as null', () => {
    const file = buildCatalogueFile(store.catalogue, '1301', V1);
    expect(file).toMatchObject({ rowCount: 2, maxVer: V2, versions: [V2], filename: `plc_1301_${V2}.zip` });
    const entries = unzipSync(file.zip);
    expect(Object.keys(entries)).toEqual([file.txtName]);
    const lines = strFromU8(entries[file.txtName] as Uint8Array)
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(2);
    const cells = (lines[1] as string).split('\t');
    expect(cells).toHaveLength(CATALOGUE_FILE_COLUMNS.length);
    const col = (name: (typeof CATALOGUE_FILE_COLUMNS)[number]) => cells[CATALOGUE_FILE_COLUMNS.indexOf(name)];
    // protocol.md §2.16: catalogue code, trade name, generic name open the line.
    expect(cells.slice(0, 2)).toEqual(['A2', '阿莫西林胶囊A2']);
    expect(CATALOGUE_FILE_COLUMNS.slice(0, 3)).toEqual(['code', 'name', 'gennm']);
    expect(col('pinyin')).toBe('AMXLJNA2');
    expect(col('selfpay_prop')).toBe('0.1000');
    expect(col('pric_uplmt_amt')).toBe('15.000000');
    expect(col('ref_pric')).toBe('12.340000');
    expect(col('lmt_scp')).toBe('null');
    expect(col('ver')).toBe(V2);
    expect(col('ver_name')).toBe('第03期');
  });

  it('round-trips through readCatalogueFile, keeping a line per row even with TABs in the data', () => {
    const file = buildCatalogueFile(store.catalogue, '1301', V2);
    const rows = readCatalogueFile(file.zip);
    expect(rows.map((r) => r.code)).toEqual(['A5', 'A6', 'A3']);
    expect(rows[2]).toMatchObject({ vali_flag: '0', enddate: '2025-06-10', memo: '含 制表符 和换行', pric_uplmt_amt: null });
  });

  it('lets a client loop to the newest version, then returns nothing new', () => {
    let ver = '0';
    const codes: string[] = [];
    for (let calls = 0; calls < 10; calls++) {
      const file = buildCatalogueFile(store.catalogue, '1301', ver);
      if (file.rowCount === 0) {
        expect(file.maxVer).toBe(ver);
        expect(readCatalogueFile(file.zip)).toEqual([]);
        break;
      }
      codes.push(...readCatalogueFile(file.zip).map((r) => r.code as string));
      ver = file.maxVer;
    }
    expect(ver).toBe(V3);
    expect(codes).toEqual(['A1', 'A2', 'A3', 'A4', 'A2', 'A5', 'A6', 'A3']);
    expect(buildCatalogueFile(store.catalogue, '1301', '0', { maxVersions: 5 }).rowCount).toBe(8);
  });

  it('builds an empty file for a catalogue with no versions', () => {
    const file = buildCatalogueFile(store.catalogue, '1314', '0');
    expect(file).toMatchObject({ rowCount: 0, maxVer: '0', versions: [] });
  });
});
