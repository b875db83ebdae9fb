/**
 * Catalogue download files for tests, in the sandbox's layout (CATALOGUE_FILE_COLUMNS, TAB,
 * `null` empties, zipped), and a fresh counter database with the local catalogue on it.
 */
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { CATALOGUE_FILE_COLUMNS, type CatalogueFileColumn } from '../../src-main/sandbox/store/catalogue-file';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { makeTempDir } from './temp-dir';

export type TxtRow = Partial<Record<CatalogueFileColumn, string | null>>;

/** A 西药 row with every column set; `over` replaces any of them. */
export function drugRow(i: number, over: TxtRow = {}): TxtRow {
  const n = String(i).padStart(6, '0');
  return {
    code: `XA01AAD001A001010${n}`,
    name: `阿莫西林胶囊${i}`,
    pinyin: 'AMXLJN',
    gennm: '阿莫西林',
    list_type: '101',
    spec: '0.25g*24粒',
    dosform: '胶囊',
    pacunt: '盒',
    prodentp_name: '测试制药有限公司',
    aprvno: '国药准字H42000001',
    barcode: `690000${n.slice(-6)}1`,
    chrgitm_lv: '02',
    med_chrgitm_type: '09',
    selfpay_prop: '0.1000',
    pric_uplmt_amt: '12.345600',
    ref_pric: '10.000000',
    bas_medn_flag: '1',
    hi_nego_drug_flag: '0',
    chld_medc_flag: '0',
    list_sp_item_flag: '0',
    lmt_used_flag: '0',
    drt_reim_flag: '0',
    lmt_scp: null,
    memo: null,
    begndate: '2025-01-10',
    enddate: null,
    vali_flag: '1',
    rid: String(i),
    updt_time: '2025-01-10 08:00:00',
    ver: '20250110080000',
    ver_name: '西药中成药目录2025年第1版',
    ...over,
  };
}

export function txtLine(row: TxtRow): string {
  return CATALOGUE_FILE_COLUMNS.map((c) => {
    const v = row[c];
    return v === null || v === undefined || v === '' ? 'null' : v;
  }).join('\t');
}

/** A download ZIP holding one TXT with these lines (deflated, or stored with `store`). */
export function zipLines(lines: readonly string[], options: { name?: string; store?: boolean } = {}): Uint8Array {
  const text = lines.length > 0 ? lines.join('\n') + '\n' : '';
  return zipSync({ [options.name ?? 'catalogue.txt']: [strToU8(text), { level: options.store ? 0 : 6 }] });
}

export function catalogueZip(rows: readonly TxtRow[]): Uint8Array {
  return zipLines(rows.map(txtLine));
}

/** A LocalCatalogue on a new counter database file; `done` closes it and removes the directory. */
export function tempCatalogue(): { local: LocalCatalogue; file: string; done: () => void } {
  const t = makeTempDir('yibao-catalogue-');
  const file = join(t.dir, 'yibao.sqlite');
  const local = LocalCatalogue.open(file);
  return {
    local,
    file,
    done: () => {
      local.close();
      t.cleanup();
    },
  };
}
