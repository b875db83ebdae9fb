/** The 进销存 file parsers: CSV (UTF-8 / GBK, quoting), XLSX cells, and row checks with row numbers. */
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv, readGrid } from '../../src-main/inventory/sheet-read';
import { importRows } from '../../src-main/inventory/import-rows';
import { YibaoError } from '../../src-main/core/errors';

const noArea = () => undefined;

/** GBK bytes of a string, through the platform's own GBK decoder table (as devices/charset does). */
function gbk(text: string): Uint8Array {
  const decoder = new TextDecoder('gbk');
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    let found = false;
    for (let lead = 0x81; lead <= 0xfe && !found; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (decoder.decode(new Uint8Array([lead, trail])) === ch) {
          out.push(lead, trail);
          found = true;
          break;
        }
      }
    }
  }
  return new Uint8Array(out);
}

describe('CSV', () => {
  it('splits quoted fields with commas, doubled quotes and line breaks; CRLF and LF', () => {
    expect(parseCsv('a,"b,1","say ""hi""",\r\n"two\nlines",x\n')).toEqual([
      ['a', 'b,1', 'say "hi"', ''],
      ['two\nlines', 'x'],
    ]);
  });

  it('reads UTF-8 with a BOM and GBK as Excel saves it', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('批次号,数量')]);
    expect(decodeCsv('x.csv', bom)).toBe('批次号,数量');
    expect(decodeCsv('x.csv', gbk('批次号,数量'))).toBe('批次号,数量');
  });

  it('refuses an unclosed quote', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(YibaoError);
  });
});

describe('rows of a kind', () => {
  const header = ['医保目录编码', '本机构编码', '本机构名称', '批次号', '盘存日期', '库存数量', '生产日期', '有效期至', '处方药'];

  it('converts cells and numbers rows as the file shows them (header = row 1)', () => {
    const grid = [
      header,
      ['X001', 'L1', '甲药', 'B1', '2026/3/5', '12.50', '20250101', '2027-01-01', '是'],
      ['', '', '', '', '', '', '', '', ''],
      ['X002', 'L2', '乙药', 'B2', '2026-03-05', '1.234', '2025-01-01', '2027-01-01', '否'],
      ['X003', 'L3', '丙药', 'B3', '昨天', '-1', '2025-01-01', '2027-01-01', '否'],
      ['X001', 'L1', '甲药', 'B1', '2026-03-05', '3', '2025-01-01', '2027-01-01', '否'],
    ];
    const sheet = importRows('inventory', grid, noArea);
    expect(sheet.total).toBe(4);
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]).toMatchObject({
      rowNo: 2,
      row: { med_list_codg: 'X001', invdate: '2026-03-05', inv_cnt: 12.5, manu_date: '2025-01-01', rx_flag: '1' },
    });
    expect(sheet.errors.map((e) => e.rowNo)).toEqual([4, 5, 6]);
    expect(sheet.errors[0]?.message).toContain('[库存数量]');
    expect(sheet.errors[1]?.message).toContain('[盘存日期]');
    expect(sheet.errors[1]?.message).toContain('[库存数量]');
    expect(sheet.errors[2]?.message).toContain('与第 2 行是同一条记录');
  });

  it('fails the file when a required column is missing, naming it', () => {
    expect(() => importRows('inventory', [header.filter((h) => h !== '批次号')], noArea)).toThrow(/批次号/);
  });

  it('reads 变更类型 by name, defaults 处方药 / 拆零, and the delete kind by its name', () => {
    const change = importRows(
      'stock-change',
      [
        ['医保目录编码', '本机构编码', '本机构名称', '批次号', '变更类型', '单价', '数量', '变更时间'],
        ['X001', 'L1', '甲药', 'B1', '盘损', '1.5', '2', '2026-03-05 8:05'],
        ['X001', 'L1', '甲药', 'B1', '偷吃', '1.5', '2', '2026-03-05 08:06:00'],
      ],
      noArea,
    );
    expect(change.rows[0]?.row).toMatchObject({
      inv_chg_type: '104',
      inv_chg_time: '2026-03-05 08:05:00',
      rx_flag: '0',
      trdn_flag: '0',
    });
    expect(change.errors[0]).toMatchObject({ rowNo: 3 });
    const del = importRows(
      'delete',
      [
        ['批次号', '数据类型'],
        ['B1', '销售'],
        ['B2', '9'],
      ],
      noArea,
    );
    expect(del.rows[0]?.row).toEqual({ fixmedins_bchno: 'B1', inv_data_type: '4' });
    expect(del.errors[0]?.rowNo).toBe(3);
  });

  it('needs the insured area for a sale naming a person, from the file or the area book', () => {
    const head = [
      '医保目录编码',
      '本机构编码',
      '本机构名称',
      '批次号',
      '零售单据号',
      '销售时间',
      '数量',
      '生产批号',
      '生产日期',
      '经办人',
      '医保结算类型',
      '人员编号',
    ];
    const line = (doc: string, psn: string) => [
      'X001',
      'L1',
      '甲药',
      'B1',
      doc,
      '2026-03-05 10:00:00',
      '1',
      'L',
      '2025-01-01',
      '王',
      '1',
      psn,
    ];
    const sheet = importRows('sale', [head, line('R1', 'P1'), line('R2', 'P2'), line('R3', '')], (p) =>
      p === 'P1' ? '420100' : undefined,
    );
    expect(sheet.rows.map((r) => [r.rowNo, r.insuplcAdmdvs, r.row['mdtrt_sn']])).toEqual([
      [2, '420100', 'R1'],
      [4, null, 'R3'],
    ]);
    expect(sheet.errors[0]).toMatchObject({ rowNo: 3 });
    expect(sheet.errors[0]?.message).toContain('参保地区划');
  });
});

describe('XLSX', () => {
  it('keeps numbers as written and turns date cells into dates', async () => {
    const bytes = await writeXlsxFile([
      [{ value: '批次号' }, { value: '数量' }, { value: '日期' }],
      [
        { value: 'B1' },
        { value: 0.1, type: Number },
        { value: new Date('2026-03-05T00:00:00Z'), type: Date, format: 'yyyy-mm-dd' },
      ],
    ]).toBuffer();
    const grid = await readGrid('a.xlsx', new Uint8Array(bytes));
    expect(grid[1]?.[0]).toBe('B1');
    expect(grid[1]?.[1]).toBe('0.1');
    expect(grid[1]?.[2]).toBeInstanceOf(Date);
  });

  it('refuses a file that is not XLSX, and an unknown extension', async () => {
    await expect(readGrid('a.xlsx', new TextEncoder().encode('not a zip'))).rejects.toThrow(/XLSX/);
    await expect(readGrid('a.xls', new Uint8Array())).rejects.toThrow(/\.csv 或 \.xlsx/);
  });
});
