/** A generated catalogue item before the version columns are set, and its empty starting point. */
import type { CatalogueItem } from '../../store/catalogue';

export type ItemDraft = Omit<CatalogueItem, 'catalogue' | 'ver' | 'updtTime' | 'begndate' | 'enddate' | 'valiFlag'>;

/** An item with every optional column empty (the newer catalogues start from it too). */
export function emptyItem(code: string, name: string, pinyin: string): ItemDraft {
  return {
    listType: null,
    code,
    name,
    gennm: null,
    pinyin,
    spec: null,
    dosform: null,
    pacunt: null,
    prodentpName: null,
    aprvno: null,
    barcode: null,
    chrgitmLv: null,
    medChrgitmType: null,
    selfpayProp: null,
    pricUplmtAmt: null,
    refPric: null,
    basMednFlag: '0',
    hiNegoDrugFlag: '0',
    chldMedcFlag: '0',
    listSpItemFlag: '0',
    lmtUsedFlag: '0',
    drtReimFlag: '0',
    lmtScp: null,
    memo: null,
  };
}
