/**
 * Searching the local catalogue (real SQLite, items imported through the file path): by
 * code, code prefix, barcode, local code through the mapping table, name (substring and
 * start), 拼音首字母; ranking, limit and catalogue filter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogueFile } from '../../src-main/catalogue/file-import';
import type { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { catalogueZip, drugRow, tempCatalogue, type TxtRow } from '../helpers/catalogue-fixtures';

let local: LocalCatalogue;
let done: () => void;

const V2 = { ver: '20250310080000', updt_time: '2025-03-10 08:00:00' };
const drugs: TxtRow[] = [
  drugRow(1, { code: 'XJ01CAA040A001010100001', name: '阿莫西林胶囊', pinyin: 'AMXLJN', barcode: '6901234567892' }),
  drugRow(2, { code: 'XJ01CAA040A001010100002', name: '阿莫西林片', pinyin: 'AMXLP', barcode: '6901234567908' }),
  drugRow(3, { code: 'XJ01CAA040A001010100003', name: '阿莫西林克拉维酸钾片', pinyin: 'AMXLKLWSJP', barcode: null }),
  drugRow(4, { code: 'XJ01CAA040A001010100004', name: '注射用阿莫西林钠', pinyin: 'ZSYAMXLN', barcode: null }),
  drugRow(5, { code: 'XJ01DDD001A001010100005', name: '头孢克肟胶囊', pinyin: 'TBKWJN', barcode: '6901234567915' }),
  drugRow(6, { code: 'XA11HAD001A001010100006', name: '维生素B6片', pinyin: 'WSSB6P', barcode: null }),
  drugRow(7, { code: 'XB05BBD001A001010100007', name: '0.9%氯化钠注射液', pinyin: 'LHNZSY', barcode: null }),
  // Delisted in version 2: still found, after the valid ones.
  drugRow(8, { code: 'XJ01CAA040A001010100008', name: '阿莫西林颗粒', pinyin: 'AMXLKL', vali_flag: '0', ...V2 }),
  // A code that is another code's prefix.
  drugRow(9, { code: 'XJ01CAA040A00101010000', name: '阿莫西林干混悬剂', pinyin: 'AMXLGHXJ', barcode: null }),
];
const herbs: TxtRow[] = [
  drugRow(20, { code: 'T001000000020', name: '炒白术', pinyin: 'CBZ', list_type: '102', barcode: null }),
  drugRow(21, { code: 'T001000000021', name: '阿胶', pinyin: 'AJ', list_type: '102', barcode: null }),
];
// Services of the institution's own list, without the center's 拼音首字母: derived from the name.
const services: TxtRow[] = [
  drugRow(30, { code: '110200001', name: '普通门诊诊查费', pinyin: null, list_type: '201', barcode: null }),
  drugRow(31, { code: '311202001', name: '重症监护', pinyin: null, list_type: '201', barcode: null }),
  drugRow(32, { code: '311202002', name: '银行卡手续费', pinyin: '', list_type: '201', barcode: null }),
];

beforeAll(async () => {
  const t = tempCatalogue();
  local = t.local;
  done = t.done;
  await importCatalogueFile(local.items, catalogueZip(drugs), { infno: '1301', filename: 'drugs.zip' });
  await importCatalogueFile(local.items, catalogueZip(herbs), { infno: '1302', filename: 'herbs.zip' });
  await importCatalogueFile(local.items, catalogueZip(services), { infno: '1305', filename: 'services.zip' });
  local.db
    .transaction(() =>
      local.mappings.putLocalCodes([
        // The shop's own code and its own barcode for 头孢克肟胶囊 (3301 目录对照 / entered by hand).
        { localCode: 'YP-0005', nationalCode: 'XJ01DDD001A001010100005', localName: '头孢克肟胶囊(院内)', source: '3301' },
        { localCode: '2000000000015', nationalCode: 'XJ01DDD001A001010100005', source: 'manual' },
        // No longer valid: not found.
        { localCode: 'YP-OLD', nationalCode: 'XJ01CAA040A001010100001', source: '3301', valiFlag: '0' },
      ]),
    )
    .immediate();
});
afterAll(() => done());

const codes = (text: string, options = {}) => local.search(text, options).map((h) => h.item.code);
const matches = (text: string) => local.search(text).map((h) => `${h.match}:${h.item.name}`);

describe('catalogue search', () => {
  it('finds an exact national code first, then the codes it starts', () => {
    const hits = local.search('XJ01CAA040A00101010000');
    expect(hits[0]).toMatchObject({ match: 'code', item: { name: '阿莫西林干混悬剂' } });
    expect(hits.slice(1).every((h) => h.match === 'code-prefix')).toBe(true);
    expect(hits.slice(1).map((h) => h.item.code)).toContain('XJ01CAA040A001010100001');
    // Lower case is read as the code it spells.
    expect(local.search('xj01ddd001a001010100005')[0]).toMatchObject({ match: 'code', item: { name: '头孢克肟胶囊' } });
    expect(codes('XJ01DD')).toEqual(['XJ01DDD001A001010100005']);
  });

  it('finds a product by its barcode', () => {
    expect(local.search('6901234567908')).toEqual([
      expect.objectContaining({ match: 'barcode', item: expect.objectContaining({ name: '阿莫西林片' }) }),
    ]);
  });

  it("finds a product by the institution's own code or barcode through the mapping table", () => {
    expect(matches('YP-0005')).toEqual(['local-code:头孢克肟胶囊']);
    expect(matches('2000000000015')).toEqual(['local-code:头孢克肟胶囊']);
    expect(local.search('YP-OLD')).toEqual([]);
    expect(local.details('XJ01DDD001A001010100005')[0]?.localCodes.map((l) => l.localCode)).toEqual(['2000000000015', 'YP-0005']);
  });

  it('finds names by any part, the exact name and names starting with it first, shorter before longer', () => {
    expect(matches('阿莫西林片')).toEqual(['name:阿莫西林片']);
    expect(matches('阿莫西林')).toEqual([
      'name-prefix:阿莫西林片',
      'name-prefix:阿莫西林胶囊',
      'name-prefix:阿莫西林干混悬剂',
      'name-prefix:阿莫西林克拉维酸钾片',
      // Delisted: after the valid ones of its rank.
      'name-prefix:阿莫西林颗粒',
      'name-contains:注射用阿莫西林钠',
    ]);
    expect(matches('胶囊')).toEqual(['name-contains:阿莫西林胶囊', 'name-contains:头孢克肟胶囊']);
    expect(matches('克拉维酸')).toEqual(['name-contains:阿莫西林克拉维酸钾片']);
    // One character, letters and digits inside a name, punctuation ignored.
    expect(codes('钠')).toEqual(['XJ01CAA040A001010100004', 'XB05BBD001A001010100007']);
    expect(matches('B6')).toContain('name-contains:维生素B6片');
    expect(matches('0.9%氯化钠')).toEqual(['name-prefix:0.9%氯化钠注射液']);
  });

  it('finds 拼音首字母 by prefix, in either case, shortest first', () => {
    expect(matches('amxl')).toEqual([
      'pinyin-prefix:阿莫西林片',
      'pinyin-prefix:阿莫西林胶囊',
      'pinyin-prefix:阿莫西林干混悬剂',
      'pinyin-prefix:阿莫西林克拉维酸钾片',
      'pinyin-prefix:阿莫西林颗粒',
      // The same letters inside the name come after those that start with them.
      'pinyin-contains:注射用阿莫西林钠',
    ]);
    expect(matches('AMXLJN')).toEqual(['pinyin:阿莫西林胶囊']);
    expect(matches('CBZ')).toEqual(['pinyin:炒白术']);
    expect(matches('ZSY')).toEqual(['pinyin-prefix:注射用阿莫西林钠', 'pinyin-contains:0.9%氯化钠注射液']);
  });

  it('finds 拼音首字母 anywhere in the name (issue 17: "zcf" finds 普通门诊诊查费)', () => {
    expect(matches('zcf')).toEqual(['pinyin-contains:普通门诊诊查费']);
    expect(matches('MXLN')).toEqual(['pinyin-contains:注射用阿莫西林钠']);
    expect(matches('kw')).toEqual(['pinyin-contains:头孢克肟胶囊']);
  });

  it('derives 拼音首字母 where the center sent none, reading 多音字 by their word', () => {
    expect(matches('PTMZZCF')).toEqual(['pinyin:普通门诊诊查费']);
    expect(matches('ptmz')).toEqual(['pinyin-prefix:普通门诊诊查费']);
    // 重 in 重症 is zhòng (Z), not chóng; 行 in 银行 is háng (H).
    expect(matches('ZZJH')).toEqual(['pinyin:重症监护']);
    expect(matches('CZJH')).toEqual([]);
    expect(matches('YHK')).toEqual(['pinyin-prefix:银行卡手续费']);
  });

  it('honours the limit and the catalogue filter', () => {
    expect(local.search('阿莫西林', { limit: 2 }).map((h) => h.item.name)).toEqual(['阿莫西林片', '阿莫西林胶囊']);
    expect(local.search('阿', { limit: 1 })).toHaveLength(1);
    expect(codes('阿', { catalogues: ['1302'] })).toEqual(['T001000000021']);
    expect(codes('A', { catalogues: ['1302'] })).toEqual(['T001000000021']);
    // Six 阿莫西林 products and 阿胶.
    expect(local.search('阿', { limit: 1000 }).length).toBe(7);
  });

  it('answers nothing, without failing, for empty text and text that is FTS syntax', () => {
    for (const text of ['', '   ', '"', '*', 'AND', '"阿莫" OR NEAR(', '^', '-', '%', "'; DROP TABLE catalogue_item; --"]) {
      expect(() => local.search(text)).not.toThrow();
    }
    expect(local.search('')).toEqual([]);
    expect(local.search('不存在的药')).toEqual([]);
    expect(local.items.count()).toBe(drugs.length + herbs.length + services.length);
  });
});
