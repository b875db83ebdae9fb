/**
 * The counter's local catalogue: items, name index, dictionaries, mappings and sync state in
 * the counter's database file, over the catalogue's own connection (see catalogue-db.ts).
 */
import type { Db } from '../storage/sqlite';
import { openCatalogueDb } from './catalogue-db';
import { DictionaryStore } from './dictionary-store';
import { ItemReader, type CatalogueItem } from './item-reader';
import { CatalogueItemStore } from './item-store';
import { MappingStore } from './mapping-store';
import { CatalogueSearch, type SearchHit, type SearchOptions } from './search';
import { SyncStateStore } from './sync-state';

export interface ItemDetails {
  readonly item: CatalogueItem;
  /** 1318 限价 rows of the code. */
  readonly priceCaps: ReturnType<MappingStore['priceCaps']>;
  /** 1319 先自付比例 rows of the code. */
  readonly selfpayRatios: ReturnType<MappingStore['selfpayRatios']>;
  /** The institution's own codes for it (3301 / 1317 / by hand). */
  readonly localCodes: ReturnType<MappingStore['localCodesOf']>;
}

export class LocalCatalogue {
  readonly items: CatalogueItemStore;
  readonly state: SyncStateStore;
  readonly dictionary: DictionaryStore;
  readonly mappings: MappingStore;
  private readonly finder: CatalogueSearch;
  private readonly reader: ItemReader;

  constructor(readonly db: Db) {
    this.items = new CatalogueItemStore(db);
    this.state = new SyncStateStore(db);
    this.dictionary = new DictionaryStore(db);
    this.mappings = new MappingStore(db);
    this.finder = new CatalogueSearch(db, this.mappings);
    this.reader = new ItemReader(db);
  }

  /** Opens the catalogue of a counter database file (e.g. `app.db.name`). */
  static open(file: string): LocalCatalogue {
    return new LocalCatalogue(openCatalogueDb(file));
  }

  search(text: string, options?: SearchOptions): SearchHit[] {
    return this.finder.search(text, options);
  }

  /** Items with this national code, with their caps, ratios and local codes. */
  details(code: string): ItemDetails[] {
    return this.reader.withCode(code).map((item) => ({
      item,
      priceCaps: this.mappings.priceCaps(code),
      selfpayRatios: this.mappings.selfpayRatios(code),
      localCodes: this.mappings.localCodesOf(code),
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
