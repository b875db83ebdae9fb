/**
 * Rows of the paged catalogue queries (protocol.md §2.16) into the local tables:
 * 1312 / 1312a 医保目录 → items, 1316 → 医疗目录↔医保目录, 1317 → the institution's local codes,
 * 1318 → 限价, 1319 → 先自付比例. A row missing what identifies it stops the page with an
 * error naming the page and row; nothing of that page is kept.
 */
import { MoneyFormatError, parsePrice, parseRatio } from '../core/money';
import { catalogueOfListType, type PagedInfno } from './catalogues';
import { pageError } from './errors';
import type { ItemParams } from './item-columns';
import type { CatalogueItemStore } from './item-store';
import type { HilistMapping, LocalCodeMapping, MappingStore, PriceCap, SelfpayRatio } from './mapping-store';

export interface PageWrite {
  /** Rows that added or changed something. */
  readonly written: number;
  readonly unchanged: number;
  /** Highest updt_time among the rows (null for an empty page). */
  readonly maxUpdt: string | null;
}

type Row = Record<string, unknown>;

class RowReader {
  constructor(
    private readonly infno: string,
    private readonly page: number,
  ) {}

  /** A field as text; '' and absent are null. */
  opt(row: Row, key: string): string | null {
    const v = row[key];
    if (v === undefined || v === null || v === '') return null;
    return typeof v === 'string' ? v : String(v);
  }

  req(row: Row, key: string, index: number): string {
    const v = this.opt(row, key);
    if (v === null) throw pageError(this.infno, this.page, `第 ${index + 1} 条缺少 ${key}`);
    return v;
  }

  money<T>(row: Row, key: string, index: number, parse: (v: string | number) => T): T {
    const v = row[key];
    if (typeof v !== 'number' && typeof v !== 'string') throw pageError(this.infno, this.page, `第 ${index + 1} 条缺少 ${key}`);
    try {
      return parse(v);
    } catch (error) {
      if (error instanceof MoneyFormatError) {
        throw pageError(this.infno, this.page, `第 ${index + 1} 条的 ${key} 不是有效的数值: ${String(v)}`);
      }
      throw error;
    }
  }
}

/** Writes one page; call inside the transaction that also records the page in the sync state. */
export function applyPage(
  infno: PagedInfno,
  page: number,
  rows: readonly Row[],
  stores: { items: CatalogueItemStore; mappings: MappingStore },
): PageWrite {
  const r = new RowReader(infno, page);
  let maxUpdt: string | null = null;
  const updt = (row: Row, i: number): string => {
    const t = r.req(row, 'updt_time', i);
    if (maxUpdt === null || t > maxUpdt) maxUpdt = t;
    return t;
  };
  const common = (row: Row, i: number) => ({
    valiFlag: r.opt(row, 'vali_flag') ?? '1',
    begndate: r.opt(row, 'begndate'),
    enddate: r.opt(row, 'enddate'),
    updtTime: updt(row, i),
  });

  switch (infno) {
    case '1304': // 四川's direct 民族药品目录 query answers 医保目录 rows (list_type 104)
    case '1312':
    case '1312a': {
      const params: ItemParams[] = rows.map((row, i) => {
        const listType = r.opt(row, 'list_type');
        const pinyin = r.opt(row, 'pinyin');
        // Same order as QUERY_ITEM_COLUMNS.
        return [
          catalogueOfListType(listType, infno),
          r.req(row, 'hilist_code', i),
          r.req(row, 'hilist_name', i),
          pinyin === null ? null : pinyin.toUpperCase(),
          listType,
          r.opt(row, 'chrgitm_lv'),
          r.opt(row, 'med_chrgitm_type'),
          r.opt(row, 'lmt_used_flag'),
          r.opt(row, 'memo'),
          r.opt(row, 'begndate'),
          r.opt(row, 'enddate'),
          r.opt(row, 'vali_flag') ?? '1',
          updt(row, i),
          infno,
        ];
      });
      const c = stores.items.upsertQueryRows(params);
      return { written: c.inserted + c.updated, unchanged: c.unchanged, maxUpdt };
    }
    case '1316': {
      const maps: HilistMapping[] = rows.map((row, i) => ({
        medListCodg: r.req(row, 'med_list_codg', i),
        hilistCode: r.req(row, 'hilist_code', i),
        listType: r.opt(row, 'list_type'),
        ...common(row, i),
      }));
      return { ...stores.mappings.putHilistMappings(maps), maxUpdt };
    }
    case '1317': {
      const maps: LocalCodeMapping[] = rows.map((row, i) => ({
        localCode: r.req(row, 'medins_list_codg', i),
        nationalCode: r.req(row, 'med_list_codg', i),
        localName: r.opt(row, 'medins_list_name'),
        listType: r.opt(row, 'list_type'),
        source: '1317',
        ...common(row, i),
      }));
      return { ...stores.mappings.putLocalCodes(maps), maxUpdt };
    }
    case '1318': {
      const caps: PriceCap[] = rows.map((row, i) => ({
        code: r.req(row, 'hilist_code', i),
        lmtpricType: r.opt(row, 'hilist_lmtpric_type') ?? '',
        pricUplmtAmt: r.money(row, 'hilist_pric_uplmt_amt', i, parsePrice),
        ...common(row, i),
      }));
      return { ...stores.mappings.putPriceCaps(caps), maxUpdt };
    }
    case '1319': {
      const ratios: SelfpayRatio[] = rows.map((row, i) => ({
        code: r.req(row, 'hilist_code', i),
        selfpayPropType: r.opt(row, 'selfpay_prop_type') ?? '',
        selfpayProp: r.money(row, 'selfpay_prop', i, parseRatio),
        ...common(row, i),
      }));
      return { ...stores.mappings.putSelfpayRatios(ratios), maxUpdt };
    }
  }
}
