/**
 * Search through the counter's local catalogue (src-main/catalogue/, filled by `yibao catalogue
 * sync`) when it holds the catalogues asked for, else the center's catalogue query. The local
 * search also finds barcodes and the institution's own codes, and the 疾病与诊断 catalogue (1307)
 * for the diagnosis of a visit, which the center offers only as a file download.
 */
import { YibaoError } from '../core/errors';
import type { LocalCatalogue } from '../catalogue/local-catalogue';
import type { CatalogueItem } from '../catalogue/item-reader';
import { initialsOf } from '../catalogue/initials';
import { formatPercent, formatPriceShort, type Ratio, type UnitPrice } from '../core/money';
import type { ItemNames } from './item-names';
import type { ItemSearch } from './item-search';
import type { PriceList } from '../prices/price-list';
import { coded } from './labels';
import type { CatalogueHit, CatalogueSearchResult, DiagnosisView } from './views';

/** What can be a fee line: drugs, 中药饮片, 自制剂, 民族药, services, consumables. */
// 1306A / 1320 (27位医用耗材, 中药配方颗粒) are billed like 1306 / 1302 where the region downloads them.
export const FEE_ITEM_CATALOGUES = ['1301', '1302', '1303', '1304', '1305', '1306', '1306A', '1320'] as const;
export const DIAGNOSIS_CATALOGUES = ['1307'] as const;

export class LocalItemSearch implements ItemSearch {
  /** Counting a large table on every keystroke would cost more than the search: once rows were seen, they stay. */
  private seen = false;

  constructor(
    private readonly local: LocalCatalogue,
    private readonly names: ItemNames,
    private readonly catalogues: readonly string[],
  ) {}

  /** The local catalogue holds rows of at least one of these catalogues (counting an empty one is instant). */
  hasItems(): boolean {
    if (this.seen) return true;
    try {
      this.seen = this.catalogues.some((c) => this.local.items.count(c) > 0);
    } catch {
      this.seen = false;
    }
    return this.seen;
  }

  async search(query: string, limit: number): Promise<CatalogueSearchResult> {
    const hits = this.local.search(query, { limit, catalogues: this.catalogues }).map(({ item }) => this.hitOf(item));
    this.names.rememberAll(hits);
    return { hits, source: '本地目录', total: hits.length };
  }

  /** What the cashier chooses by: the item's own columns, else its newest valid 1318 限价 / 1319 先自付比例. */
  private hitOf(item: CatalogueItem): CatalogueHit {
    const cap = item.pricUplmtAmt ?? newestValid(this.local.mappings.priceCaps(item.code))?.pricUplmtAmt ?? null;
    const ratio = item.selfpayProp ?? newestValid(this.local.mappings.selfpayRatios(item.code))?.selfpayProp ?? null;
    return {
      code: item.code,
      name: item.name,
      pinyin: initialsOf(item.name, item.pinyin),
      chrgitmLv: coded('chrgitm_lv', item.chrgitmLv),
      medChrgitmType: coded('med_chrgitm_type', item.medChrgitmType),
      listType: item.listType ?? '',
      limitedUse: item.lmtUsedFlag === '1',
      memo: item.memo ?? '',
      spec: item.spec ?? '',
      dosform: item.dosform ?? '',
      pacunt: item.pacunt ?? '',
      maker: item.prodentpName ?? '',
      priceCap: cap === null ? '' : formatPriceShort(cap as UnitPrice),
      selfpayRatio: ratio === null ? '' : formatPercent(ratio as Ratio),
      ownPrice: null,
    };
  }
}

function newestValid<T extends { valiFlag: string; updtTime: string }>(rows: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const r of rows) if (r.valiFlag === '1' && (best === undefined || r.updtTime > best.updtTime)) best = r;
  return best;
}

/**
 * The local catalogue when it is filled. While it fills (catalogue-fill.ts) the local part answers
 * what it can, and the center only a search the local part finds nothing for; before a fill
 * started, the center.
 */
export class PreferLocalSearch implements ItemSearch {
  constructor(
    private readonly local: LocalItemSearch | null,
    private readonly center: ItemSearch,
    private readonly fill: { isFilled(): boolean; readonly filling: boolean } | null = null,
  ) {}

  async search(query: string, limit: number): Promise<CatalogueSearchResult> {
    if (!this.local) return this.center.search(query, limit);
    if (this.fill?.filling) {
      const partial = await this.local.search(query, limit);
      return partial.hits.length > 0 ? { ...partial, source: '本地目录 (下载中)' } : this.center.search(query, limit);
    }
    return this.local.hasItems() ? this.local.search(query, limit) : this.center.search(query, limit);
  }
}

/** Hits with the institution's own price filled in (price list, else the last price charged). */
export class PricedSearch implements ItemSearch {
  constructor(
    private readonly inner: ItemSearch,
    private readonly prices: PriceList,
  ) {}

  async search(query: string, limit: number): Promise<CatalogueSearchResult> {
    const result = await this.inner.search(query, limit);
    const own = this.prices.pricesOf(result.hits.map((h) => h.code));
    return { ...result, hits: result.hits.map((h) => ({ ...h, ownPrice: own.get(h.code)?.price ?? null })) };
  }
}

/** What the 就诊信息 form says when there is nothing to look a diagnosis up in. */
export const NO_DIAGNOSIS_CATALOGUE =
  '本地还没有疾病与诊断目录 (1307), 不能按名称或拼音首字母查找诊断: 请直接填写诊断编码和名称; 请管理员同步疾病与诊断目录后即可查找';

export class DiagnosisSearch {
  constructor(private readonly local: LocalItemSearch | null) {}

  /** The local 疾病与诊断 catalogue (1307) holds rows, so a diagnosis can be looked up. */
  available(): boolean {
    return this.local?.hasItems() ?? false;
  }

  async search(query: string, limit: number): Promise<DiagnosisView[]> {
    if (!this.local || !this.available()) {
      throw new YibaoError('E_SEARCH_NO_DIAGNOSES', NO_DIAGNOSIS_CATALOGUE);
    }
    return (await this.local.search(query, limit)).hits.map((h) => ({ code: h.code, name: h.name }));
  }
}
