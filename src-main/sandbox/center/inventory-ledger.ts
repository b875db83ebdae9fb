/**
 * The sandbox center's 进销存 rules. Stock is per (institution, own item code
 * fixmedins_hilist_id, batch fixmedins_bchno); each upload kind moves it one way and is
 * unique per business key while valid, so a repeated upload is refused ("重复上传") instead of
 * counted twice:
 *
 * | kind | infno | key | stock |
 * |---|---|---|---|
 * | count 盘存 | 3501 | item, batch, invdate | set to inv_cnt (creates the batch) |
 * | change 库存变更 | 3502 | item, batch, inv_chg_type, inv_chg_time | ± cnt by the type's direction |
 * | purchase 采购 | 3503 | item, batch (a batch is received once) | + purc_retn_cnt (creates the batch) |
 * | purchase-return 采购退货 | 3504 | item, batch, purc_retn_stoin_time | − purc_retn_cnt |
 * | sale 销售 | 3505 | item, batch, rtal_docno | − sel_retn_cnt |
 * | sale-return 销售退货 | 3506 | item, batch, sel_retn_time | + sel_retn_cnt, at most what was sold |
 *
 * Every row is checked against the sandbox catalogue (med_list_codg must be a 医保目录 code),
 * an uploaded 目录对照 of the own code (3301) and the batch's item; stock never goes negative.
 * 3507 deletes every valid record of a batch number and data type, undoing exactly the stock
 * change each made. A refusal throws CenterReject (the caller decides: whole message or row).
 */
import { formatQty, parsePrice, parseQty, type Qty, type UnitPrice } from '../amounts';
import { INV_CHG_TYPES, INV_DATA_TYPES, isInvDataType, type InvDataType } from './inventory-codes';
import { HilistMatchRepo } from '../store/hilist-match';
import { InventoryRepo, type InvBatch, type InvRecordKind } from '../store/inventory';
import type { HandlerContext } from './context';
import { reject } from './reject';

/** The fields the rules read; the row keeps every other field for the query answers. */
export interface LedgerRow {
  readonly med_list_codg?: string;
  readonly fixmedins_hilist_id?: string;
  readonly fixmedins_hilist_name?: string;
  readonly fixmedins_bchno: string;
  readonly rx_flag?: string;
  readonly manu_lotnum?: string | null;
  readonly manu_date?: string | null;
  readonly expy_end?: string | null;
  readonly [field: string]: unknown;
}

interface KindRule {
  readonly label: string;
  readonly invDataType: InvDataType;
  /** What makes two uploads the same record (besides item and batch). */
  keyOf(row: LedgerRow): string;
  qtyOf(row: LedgerRow): Qty;
  priceOf(row: LedgerRow): UnitPrice | null;
  timeOf(row: LedgerRow): string;
  /** May the row open a batch the center does not know yet? */
  readonly opensBatch: boolean | ((row: LedgerRow) => boolean);
  /** The stock change, given the batch's stock before it. */
  delta(row: LedgerRow, stock: Qty, ctx: LedgerContext): number;
}

interface LedgerContext {
  readonly repo: InventoryRepo;
  readonly fixmedinsCode: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const qtyField = (field: string) => (row: LedgerRow) => parseQty(row[field] as number);
const priceField = (field: string) => (row: LedgerRow) =>
  typeof row[field] === 'number' ? parsePrice(row[field] as number) : null;

function chgType(row: LedgerRow) {
  const type = INV_CHG_TYPES[text(row['inv_chg_type']) as keyof typeof INV_CHG_TYPES];
  if (!type) reject(`库存变更类型 inv_chg_type "${text(row['inv_chg_type'])}" 不存在 (101–107)`);
  return type;
}

const positive = (row: LedgerRow, qty: Qty, what: string): number => {
  if (qty <= 0) reject(`批次 ${row.fixmedins_bchno}: ${what}应大于 0`);
  return qty;
};

export const KIND_RULES: Readonly<Record<InvRecordKind, KindRule>> = {
  count: {
    label: '盘存信息',
    invDataType: '1',
    keyOf: (row) => text(row['invdate']),
    qtyOf: qtyField('inv_cnt'),
    priceOf: () => null,
    timeOf: (row) => `${text(row['invdate'])} 00:00:00`,
    opensBatch: true,
    delta: (row, stock) => parseQty(row['inv_cnt'] as number) - stock,
  },
  change: {
    label: '库存变更信息',
    invDataType: '2',
    keyOf: (row) => `${text(row['inv_chg_type'])}|${text(row['inv_chg_time'])}`,
    qtyOf: qtyField('cnt'),
    priceOf: priceField('pric'),
    timeOf: (row) => text(row['inv_chg_time']),
    opensBatch: (row) => chgType(row).sign > 0,
    delta: (row) => chgType(row).sign * positive(row, parseQty(row['cnt'] as number), '变更数量'),
  },
  purchase: {
    label: '采购信息',
    invDataType: '3',
    keyOf: () => '',
    qtyOf: qtyField('purc_retn_cnt'),
    priceOf: priceField('finl_trns_pric'),
    timeOf: (row) => text(row['purc_retn_stoin_time']),
    opensBatch: true,
    delta: (row) => positive(row, parseQty(row['purc_retn_cnt'] as number), '采购数量'),
  },
  'purchase-return': {
    label: '采购退货信息',
    invDataType: '3',
    keyOf: (row) => text(row['purc_retn_stoin_time']),
    qtyOf: qtyField('purc_retn_cnt'),
    priceOf: priceField('finl_trns_pric'),
    timeOf: (row) => text(row['purc_retn_stoin_time']),
    opensBatch: false,
    delta: (row) => -positive(row, parseQty(row['purc_retn_cnt'] as number), '退货数量'),
  },
  sale: {
    label: '销售信息',
    invDataType: '4',
    keyOf: (row) => text(row['rtal_docno']),
    qtyOf: qtyField('sel_retn_cnt'),
    priceOf: priceField('finl_trns_pric'),
    timeOf: (row) => text(row['sel_retn_time']),
    opensBatch: false,
    delta: (row) => -positive(row, parseQty(row['sel_retn_cnt'] as number), '销售数量'),
  },
  'sale-return': {
    label: '销售退货信息',
    invDataType: '4',
    keyOf: (row) => text(row['sel_retn_time']),
    qtyOf: qtyField('sel_retn_cnt'),
    priceOf: priceField('finl_trns_pric'),
    timeOf: (row) => text(row['sel_retn_time']),
    opensBatch: false,
    delta: (row, _stock, ctx) => {
      const qty = positive(row, parseQty(row['sel_retn_cnt'] as number), '退货数量');
      const id = text(row.fixmedins_hilist_id);
      const sold = -ctx.repo.netOf(ctx.fixmedinsCode, id, row.fixmedins_bchno, ['sale']);
      const returned = ctx.repo.netOf(ctx.fixmedinsCode, id, row.fixmedins_bchno, ['sale-return']);
      if (returned + qty > sold) {
        reject(
          `批次 ${row.fixmedins_bchno}: 退货数量 ${formatQty(qty as Qty)} 超过该批次已售未退数量 ${formatQty((sold - returned) as Qty)}`,
        );
      }
      return qty;
    },
  },
};

const repos = new WeakMap<object, { inventory: InventoryRepo; matches: HilistMatchRepo }>();

/** The ledger's repositories over the store's connection (made once per connection). */
export function ledgerRepos(ctx: HandlerContext<unknown>): { inventory: InventoryRepo; matches: HilistMatchRepo } {
  let r = repos.get(ctx.store.db);
  if (!r) {
    r = { inventory: new InventoryRepo(ctx.store.db), matches: new HilistMatchRepo(ctx.store.db) };
    repos.set(ctx.store.db, r);
  }
  return r;
}

/** A center-minted number: prefix + area + day + serial (medins_prod_*_no, 30 characters at most). */
export function mintRecordNo(ctx: HandlerContext<unknown>, prefix: string): string {
  const serial = String(ctx.store.meta.nextSequence('inv_record')).padStart(10, '0');
  return `${prefix}${ctx.institution.admdvs}${ctx.nowText.slice(0, 10).replace(/-/g, '')}${serial}`;
}

/** Checks that hold for every upload row: a 医保目录 code, consistent with 目录对照 and the batch. */
function checkItem(ctx: HandlerContext<unknown>, row: LedgerRow, batch: InvBatch | undefined): void {
  const code = text(row.med_list_codg);
  const id = text(row.fixmedins_hilist_id);
  if (!ctx.store.catalogue.current(code)) reject(`医疗目录编码 ${code} 不在医保目录中 (批次 ${row.fixmedins_bchno})`);
  const match = ledgerRepos(ctx).matches.valid(ctx.envelope.fixmedins_code, id);
  if (match && match.medListCodg !== code) {
    reject(`定点医药机构目录编号 ${id} 已对照到医疗目录编码 ${match.medListCodg}, 与上传的 ${code} 不一致`);
  }
  if (batch && batch.medListCodg !== code) {
    reject(`批次 ${row.fixmedins_bchno} 已登记为医疗目录编码 ${batch.medListCodg}, 与上传的 ${code} 不一致`);
  }
  if (row.manu_date && row.expy_end && row.expy_end < row.manu_date) {
    reject(`批次 ${row.fixmedins_bchno}: 有效期止 ${row.expy_end} 早于生产日期 ${row.manu_date}`);
  }
}

/** Applies one upload row to the ledger, or refuses it (CenterReject) with nothing changed by it. */
export function applyUploadRow(ctx: HandlerContext<unknown>, kind: InvRecordKind, row: LedgerRow): void {
  const rule = KIND_RULES[kind];
  const { inventory } = ledgerRepos(ctx);
  const own = ctx.envelope.fixmedins_code;
  const id = text(row.fixmedins_hilist_id);
  const bchno = row.fixmedins_bchno;
  let batch = inventory.batch(own, id, bchno);
  checkItem(ctx, row, batch);
  const key = `${id}|${bchno}|${rule.keyOf(row)}`;
  const earlier = inventory.findValid(own, kind, key);
  if (earlier) {
    reject(`重复上传: 批次 ${bchno} 的${rule.label}已存在 (中心流水号 ${earlier.recordNo}), 不重复计入`);
  }
  if (!batch) {
    const opens = typeof rule.opensBatch === 'function' ? rule.opensBatch(row) : rule.opensBatch;
    if (!opens) reject(`批次 ${bchno} (目录编号 ${id}) 在中心没有库存记录, 请先上传采购 (3503) 或盘存 (3501)`);
    inventory.insertBatch({
      fixmedinsCode: own,
      fixmedinsHilistId: id,
      fixmedinsBchno: bchno,
      medListCodg: text(row.med_list_codg),
      hilistName: text(row.fixmedins_hilist_name),
      rxFlag: text(row.rx_flag) || '0',
      manuLotnum: row.manu_lotnum || null,
      manuDate: row.manu_date || null,
      expyEnd: row.expy_end || null,
      stockQty: 0 as Qty,
      invdate: null,
      medinsProdInvNo: mintRecordNo(ctx, 'KC'),
      createdAt: ctx.nowText,
    });
    batch = inventory.batch(own, id, bchno) as InvBatch;
  }
  const delta = rule.delta(row, batch.stockQty, { repo: inventory, fixmedinsCode: own });
  const after = batch.stockQty + delta;
  if (after < 0) {
    reject(
      `库存不足: 批次 ${bchno} (目录编号 ${id}) 库存 ${formatQty(batch.stockQty)}, 本次${rule.label.replace(/信息$/, '')} ${formatQty(-delta as Qty)}`,
    );
  }
  inventory.setStock(own, id, bchno, after as Qty, ctx.nowText, kind === 'count' ? text(row['invdate']) : undefined);
  inventory.insertRecord({
    fixmedinsCode: own,
    kind,
    invDataType: rule.invDataType,
    recordNo: mintRecordNo(ctx, { '1': 'PC', '2': 'BG', '3': 'CG', '4': 'XS' }[rule.invDataType]),
    dedupeKey: key,
    fixmedinsHilistId: id,
    fixmedinsBchno: bchno,
    medListCodg: text(row.med_list_codg),
    qty: rule.qtyOf(row),
    stockDelta: delta,
    pric: rule.priceOf(row),
    eventTime: rule.timeOf(row),
    infno: ctx.envelope.infno,
    msgid: ctx.envelope.msgid,
    rowJson: JSON.stringify(row),
    createdAt: ctx.nowText,
  });
}

/** 3507: deletes every valid record of a batch number and data type, undoing its stock change. */
export function deleteBatchRecords(ctx: HandlerContext<unknown>, bchno: string, invDataType: string): void {
  if (!isInvDataType(invDataType))
    reject(`进销存数据类型 inv_data_type ${invDataType} 应为 1 盘存 / 2 库存变更 / 3 采购 / 4 销售`);
  const { inventory } = ledgerRepos(ctx);
  const own = ctx.envelope.fixmedins_code;
  const records = inventory.validOfBatch(own, bchno, invDataType);
  if (records.length === 0) reject(`未找到批次流水号 ${bchno} 的${INV_DATA_TYPES[invDataType]}, 无需删除`);
  for (const record of records) {
    const batch = inventory.batch(own, record.fixmedinsHilistId, record.fixmedinsBchno) as InvBatch;
    const after = batch.stockQty - record.stockDelta;
    if (after < 0) {
      reject(`批次 ${bchno} 删除${INV_DATA_TYPES[invDataType]}后库存为负 (已有后续出库或销售), 请先删除后续记录`);
    }
    inventory.setStock(own, record.fixmedinsHilistId, record.fixmedinsBchno, after as Qty, ctx.nowText);
    inventory.invalidate(record.rid, ctx.nowText);
  }
}
