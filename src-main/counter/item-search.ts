/**
 * Item search for fee entry, behind one small interface so the local catalogue (synchronised
 * 1301–1319) can answer instead of the center. This implementation asks the center with the
 * profile's catalogue query (1312 / 1312a): 拼音首字母 (letters), 医保目录编码 (code-like text) or
 * name (anything else). A barcode needs the local catalogue's mappings and is refused with that
 * reason rather than guessed.
 */
import { YibaoError } from '../core/errors';
import type { CounterApp } from '../app/counter-app';
import type { ItemNames } from './item-names';
import { rows, str } from './journal-records';
import { coded } from './labels';
import type { CatalogueHit, CatalogueSearchResult } from './views';

export interface ItemSearch {
  search(query: string, limit: number): Promise<CatalogueSearchResult>;
}

export type QueryKind = 'pinyin' | 'code' | 'barcode' | 'name';

export function classifyQuery(query: string): QueryKind {
  const q = query.trim();
  if (/^\d{8,14}$/.test(q)) return 'barcode';
  if (/^[A-Za-z]+$/.test(q)) return 'pinyin';
  if (/^[A-Za-z0-9.\-_]+$/.test(q) && /\d/.test(q)) return 'code';
  return 'name';
}

/** The filter of 1312 / 1312a for a query. */
export function catalogueFilter(query: string): Record<string, string> {
  const q = query.trim();
  switch (classifyQuery(q)) {
    case 'pinyin':
      return { pinyin: q.toUpperCase() };
    case 'code':
      return { hilist_code: q.toUpperCase() };
    case 'name':
      return { hilist_name: q };
    case 'barcode':
      throw new YibaoError('E_SEARCH_BARCODE', '按条码查找需要本地目录 (目录同步后可用); 现在请按名称、拼音首字母或医保编码查找');
  }
}

/** "Since ever": the paged query answers rows updated since this time. */
const SINCE_EVER = '2000-01-01 00:00:00';

export class CenterItemSearch implements ItemSearch {
  constructor(
    private readonly app: CounterApp,
    private readonly names: ItemNames,
  ) {}

  async search(query: string, limit: number): Promise<CatalogueSearchResult> {
    const infno = this.app.client.profile.flows.catalogueQuery;
    const result = await this.app.callAs(this.app.sessions.require(), infno, {
      data: {
        updt_time: SINCE_EVER,
        page_num: 1,
        page_size: Math.min(200, limit * 4),
        vali_flag: '1',
        ...catalogueFilter(query),
      },
    });
    const output = result.output as Record<string, unknown>;
    // Rows come oldest version first; a later version of a code replaces the earlier one.
    const byCode = new Map<string, CatalogueHit>();
    for (const r of rows(output, 'data')) {
      const code = str(r, 'hilist_code');
      if (!code) continue;
      byCode.delete(code);
      byCode.set(code, {
        code,
        name: str(r, 'hilist_name'),
        pinyin: str(r, 'pinyin'),
        chrgitmLv: coded('chrgitm_lv', str(r, 'chrgitm_lv')),
        medChrgitmType: coded('med_chrgitm_type', str(r, 'med_chrgitm_type')),
        listType: str(r, 'list_type'),
        limitedUse: str(r, 'lmt_used_flag') === '1',
        memo: str(r, 'memo'),
        // 1312 answers carry no 规格 / 剂型 / 企业 / 限价: those come with the local catalogue (1301–1319).
        spec: '',
        dosform: '',
        pacunt: '',
        maker: '',
        priceCap: '',
        selfpayRatio: '',
        ownPrice: null,
      });
    }
    const hits = [...byCode.values()].slice(0, limit);
    this.names.rememberAll(hits);
    const total = typeof output['recordCounts'] === 'number' ? output['recordCounts'] : hits.length;
    return { hits, source: `医保中心目录查询 (${infno})`, total };
  }
}
