/** Reading items back as typed records (money-like columns as integer Ratio / UnitPrice). */
import type { Ratio, UnitPrice } from '../core/money';
import type { Db } from '../storage/sqlite';

export interface CatalogueItem {
  readonly id: number;
  /** 1301–1315 (a 1312 row is filed under the catalogue of its list_type). */
  readonly catalogue: string;
  readonly code: string;
  readonly name: string;
  /** 通用名 */
  readonly gennm: string | null;
  /** 拼音首字母, upper case. */
  readonly pinyin: string | null;
  readonly barcode: string | null;
  readonly spec: string | null;
  readonly dosform: string | null;
  readonly pacunt: string | null;
  readonly prodentpName: string | null;
  readonly aprvno: string | null;
  readonly listType: string | null;
  readonly chrgitmLv: string | null;
  readonly medChrgitmType: string | null;
  /** 先自付比例, 1/10000. */
  readonly selfpayProp: Ratio | null;
  /** 限价 per unit, 1/1000000 yuan. */
  readonly pricUplmtAmt: UnitPrice | null;
  readonly refPric: UnitPrice | null;
  readonly lmtUsedFlag: string | null;
  readonly lmtScp: string | null;
  readonly basMednFlag: string | null;
  readonly hiNegoDrugFlag: string | null;
  readonly chldMedcFlag: string | null;
  readonly listSpItemFlag: string | null;
  readonly drtReimFlag: string | null;
  readonly memo: string | null;
  readonly begndate: string | null;
  readonly enddate: string | null;
  readonly valiFlag: string;
  readonly ver: string | null;
  readonly updtTime: string;
  /** The download that wrote the row last (1301 … or 1312 / 1312a). */
  readonly sourceInfno: string;
}

interface Row {
  id: number;
  catalogue: string;
  code: string;
  name: string;
  gennm: string | null;
  pinyin: string | null;
  barcode: string | null;
  spec: string | null;
  dosform: string | null;
  pacunt: string | null;
  prodentp_name: string | null;
  aprvno: string | null;
  list_type: string | null;
  chrgitm_lv: string | null;
  med_chrgitm_type: string | null;
  selfpay_prop: number | null;
  pric_uplmt_amt: number | null;
  ref_pric: number | null;
  lmt_used_flag: string | null;
  lmt_scp: string | null;
  bas_medn_flag: string | null;
  hi_nego_drug_flag: string | null;
  chld_medc_flag: string | null;
  list_sp_item_flag: string | null;
  drt_reim_flag: string | null;
  memo: string | null;
  begndate: string | null;
  enddate: string | null;
  vali_flag: string;
  ver: string | null;
  updt_time: string;
  source_infno: string;
}

function toItem(r: Row): CatalogueItem {
  return {
    id: r.id,
    catalogue: r.catalogue,
    code: r.code,
    name: r.name,
    gennm: r.gennm,
    pinyin: r.pinyin,
    barcode: r.barcode,
    spec: r.spec,
    dosform: r.dosform,
    pacunt: r.pacunt,
    prodentpName: r.prodentp_name,
    aprvno: r.aprvno,
    listType: r.list_type,
    chrgitmLv: r.chrgitm_lv,
    medChrgitmType: r.med_chrgitm_type,
    selfpayProp: r.selfpay_prop as Ratio | null,
    pricUplmtAmt: r.pric_uplmt_amt as UnitPrice | null,
    refPric: r.ref_pric as UnitPrice | null,
    lmtUsedFlag: r.lmt_used_flag,
    lmtScp: r.lmt_scp,
    basMednFlag: r.bas_medn_flag,
    hiNegoDrugFlag: r.hi_nego_drug_flag,
    chldMedcFlag: r.chld_medc_flag,
    listSpItemFlag: r.list_sp_item_flag,
    drtReimFlag: r.drt_reim_flag,
    memo: r.memo,
    begndate: r.begndate,
    enddate: r.enddate,
    valiFlag: r.vali_flag,
    ver: r.ver,
    updtTime: r.updt_time,
    sourceInfno: r.source_infno,
  };
}

export class ItemReader {
  private readonly byIds;
  private readonly byCode;

  constructor(db: Db) {
    this.byIds = db.prepare<[string], Row>('SELECT * FROM catalogue_item WHERE id IN (SELECT value FROM json_each(?))');
    this.byCode = db.prepare<[string], Row>('SELECT * FROM catalogue_item WHERE code = ? ORDER BY catalogue');
  }

  /** Items by id, in no particular order. */
  byId(ids: readonly number[]): CatalogueItem[] {
    return ids.length === 0 ? [] : this.byIds.all(JSON.stringify(ids)).map(toItem);
  }

  /** Items with this national code (normally one; a code can recur across catalogues). */
  withCode(code: string): CatalogueItem[] {
    return this.byCode.all(code).map(toItem);
  }
}
