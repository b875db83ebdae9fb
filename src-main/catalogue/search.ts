/**
 * Finding an item at the counter by what the cashier has: the national code (or its
 * beginning), a scanned barcode, the institution's own code (through the local-code
 * mapping of 3301 / 1317), the name or part of it, or the 拼音首字母 ("AMXL" → 阿莫西林), also
 * from the middle of the name ("ZCF" → 普通门诊诊查费) and for rows without the center's
 * initials (derived from the name, see initials.ts).
 *
 * Ranking, best first: exact code or barcode; local code; exact name; code prefix; exact
 * pinyin; name prefix; pinyin prefix; pinyin inside the name; name contains. Within a rank, valid items before
 * delisted ones, then shorter names, then code. Every lookup is an index range or an FTS
 * phrase with a LIMIT, and lower ranks are not queried once the higher ones fill the list,
 * so the cost does not grow with the catalogue.
 */
import type { Db } from '../storage/sqlite';
import { ItemReader, type CatalogueItem } from './item-reader';
import type { MappingStore } from './mapping-store';
import { initialsOf } from './initials';
import { initialsPhrase, namePhrase } from './name-tokens';

export type MatchKind =
  | 'code'
  | 'barcode'
  | 'local-code'
  | 'name'
  | 'code-prefix'
  | 'pinyin'
  | 'name-prefix'
  | 'pinyin-prefix'
  | 'pinyin-contains'
  | 'name-contains';

/** Rank of each kind of match: lower is better. */
export const MATCH_RANK: Readonly<Record<MatchKind, number>> = {
  code: 0,
  barcode: 0,
  'local-code': 1,
  name: 2,
  'code-prefix': 3,
  pinyin: 4,
  'name-prefix': 5,
  'pinyin-prefix': 6,
  'pinyin-contains': 7,
  'name-contains': 8,
};

export interface SearchOptions {
  /** At most this many results (default 20, at most 200). */
  readonly limit?: number;
  /** Only items of these catalogues (e.g. 1301, 1302, 1306 at a pharmacy). */
  readonly catalogues?: readonly string[];
}

export interface SearchHit {
  readonly item: CatalogueItem;
  readonly match: MatchKind;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;
const CODE_TEXT = /^[0-9A-Za-z][0-9A-Za-z.\-_]*$/;
const PINYIN_TEXT = /^[A-Za-z]+$/;
/** Above every ASCII continuation of a prefix in SQLite's byte order. */
const PREFIX_END = '\uffff';

/** Named parameters of a lookup (@q, @end, @cats, @limit). */
type Params = Record<string, string | number | null>;

export class CatalogueSearch {
  private readonly reader: ItemReader;
  private readonly codeEq;
  private readonly barcodeEq;
  private readonly codeRange;
  private readonly pinyinRange;
  private readonly pinyinRangeShortest;
  private readonly nameMatch;

  constructor(
    db: Db,
    private readonly mappings: MappingStore,
  ) {
    this.reader = new ItemReader(db);
    // @cats is a JSON array of catalogues, or NULL for all.
    const inCatalogues = '(@cats IS NULL OR catalogue IN (SELECT value FROM json_each(@cats)))';
    type Hit = { id: number; name: string; code: string; pinyin: string | null };
    type Initials = { id: number; pinyin: string };
    this.codeEq = db.prepare<[Params], Hit>(
      `SELECT id, name, code, pinyin FROM catalogue_item WHERE code = @q AND ${inCatalogues}`,
    );
    this.barcodeEq = db.prepare<[Params], Hit>(
      `SELECT id, name, code, pinyin FROM catalogue_item WHERE barcode = @q AND ${inCatalogues}`,
    );
    this.codeRange = db.prepare<[Params], Hit>(
      `SELECT id, name, code, pinyin FROM catalogue_item WHERE code >= @q AND code < @end AND ${inCatalogues}
       ORDER BY code LIMIT @limit`,
    );
    // From the (pinyin, catalogue) index alone: no table row read per entry of the range.
    this.pinyinRange = db.prepare<[Params], Initials>(
      `SELECT id, pinyin FROM catalogue_item WHERE pinyin >= @q AND pinyin < @end AND ${inCatalogues}
       ORDER BY pinyin LIMIT @limit`,
    );
    // Shortest initials first ("AMXL" → 阿莫西林片 before 阿莫西林肠溶片); this sorts the whole
    // range, so it is only used once two letters have narrowed it.
    this.pinyinRangeShortest = db.prepare<[Params], Initials>(
      `SELECT id, pinyin FROM catalogue_item WHERE pinyin >= @q AND pinyin < @end AND ${inCatalogues}
       ORDER BY length(pinyin), pinyin LIMIT @limit`,
    );
    this.nameMatch = db.prepare<[Params], Hit>(
      `SELECT i.id, i.name, i.code, i.pinyin FROM catalogue_name_fts f JOIN catalogue_item i ON i.id = f.rowid
       WHERE catalogue_name_fts MATCH @q AND (@cats IS NULL OR i.catalogue IN (SELECT value FROM json_each(@cats)))
       LIMIT @limit`,
    );
  }

  search(text: string, options: SearchOptions = {}): SearchHit[] {
    const q = text.trim();
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
    if (q === '') return [];
    const cats = options.catalogues && options.catalogues.length > 0 ? JSON.stringify(options.catalogues) : null;
    const upper = q.toUpperCase();
    // Candidates beyond the limit let the within-rank order (valid, short names) choose among more.
    const fetch = limit * 3;
    const found = new Map<number, MatchKind>();
    const add = (id: number, match: MatchKind): void => {
      const had = found.get(id);
      if (had === undefined || MATCH_RANK[match] < MATCH_RANK[had]) found.set(id, match);
    };
    const full = () => found.size >= limit;

    // Ranks 0–1: exact identifiers.
    if (CODE_TEXT.test(q)) {
      for (const code of new Set([q, upper])) for (const h of this.codeEq.all({ q: code, cats })) add(h.id, 'code');
      for (const h of this.barcodeEq.all({ q, cats })) add(h.id, 'barcode');
    }
    for (const national of this.mappings.nationalCodesOf(q)) {
      for (const h of this.codeEq.all({ q: national, cats })) add(h.id, 'local-code');
    }
    // Ranks 2 and 5: the name, exactly or at its start.
    const initial = namePhrase(q, true);
    if (initial !== null && !full()) {
      for (const h of this.nameMatch.all({ q: initial, cats, limit: fetch })) add(h.id, h.name === q ? 'name' : 'name-prefix');
    }
    // Rank 3: code prefix.
    if (CODE_TEXT.test(q) && !full()) {
      for (const h of this.codeRange.all({ q: upper, end: upper + PREFIX_END, cats, limit: fetch })) add(h.id, 'code-prefix');
    }
    // Ranks 4 and 6: 拼音首字母.
    if (PINYIN_TEXT.test(q) && !full()) {
      const range = upper.length >= 2 ? this.pinyinRangeShortest : this.pinyinRange;
      for (const h of range.all({ q: upper, end: upper + PREFIX_END, cats, limit: fetch })) {
        add(h.id, h.pinyin === upper ? 'pinyin' : 'pinyin-prefix');
      }
    }
    // Ranks 4, 6 and 7 through the name index: initials anywhere in the name, and the
    // initials derived for rows the center sent without them.
    const initials = PINYIN_TEXT.test(q) ? initialsPhrase(q) : null;
    if (initials !== null && !full()) {
      for (const h of this.nameMatch.all({ q: initials, cats, limit: fetch })) {
        const own = initialsOf(h.name, h.pinyin);
        add(h.id, own === upper ? 'pinyin' : own.startsWith(upper) ? 'pinyin-prefix' : 'pinyin-contains');
      }
    }
    // Rank 8: anywhere in the name.
    const phrase = namePhrase(q);
    if (phrase !== null && !full()) {
      for (const h of this.nameMatch.all({ q: phrase, cats, limit: fetch })) add(h.id, 'name-contains');
    }

    const hits = this.reader.byId([...found.keys()]).map((item) => ({ item, match: found.get(item.id) as MatchKind }));
    hits.sort(compareHits);
    return hits.slice(0, limit);
  }
}

function compareHits(a: SearchHit, b: SearchHit): number {
  return (
    MATCH_RANK[a.match] - MATCH_RANK[b.match] ||
    Number(b.item.valiFlag === '1') - Number(a.item.valiFlag === '1') ||
    a.item.name.length - b.item.name.length ||
    (a.item.code < b.item.code ? -1 : a.item.code > b.item.code ? 1 : 0) ||
    a.item.catalogue.localeCompare(b.item.catalogue)
  );
}
