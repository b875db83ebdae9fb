/**
 * 3508 库存信息查询, 3509 库存变更记录查询, 3510 采购信息查询, 3511 销售信息查询: answered
 * from the sandbox ledger, camelCase rows as the spec's output tables name them, paged like
 * the catalogue queries ({ data, recordCounts, pages, pageNum, pageSize }; page_num 1 and
 * page_size 100 when not given). medins_list_codg is the institution's own code
 * (fixmedins_hilist_id of the uploads); one of it or fixmedins_bchno is required (schema).
 * 3508 lists batches updated within [begndate, enddate], 3509–3511 valid records whose
 * business time falls in it. Returns appear beside their originals: 3510 with prodRetnFlag
 * 1, 3511 with selRetnFlag 1 (a sandbox field; the spec's table has no return marker).
 */
import type { SandboxInput } from '../../spec/input-rules';
import { priceNumber, qtyNumber } from '../../amounts';
import type { InvBatch, InvRecord, InvRecordKind } from '../../store/inventory';
import type { HandlerContext, HandlerTable } from '../context';
import { reject } from '../reject';
import { ledgerRepos } from '../inventory-ledger';

type QueryData = SandboxInput<'3508'>['data'];
type Ctx = HandlerContext<{ data: QueryData }>;

const DEFAULT_PAGE_SIZE = 100;

/** Filters the sandbox applies; any other non-empty one is refused rather than ignored. */
const SUPPORTED = new Set([
  'fixmedins_code',
  'medins_list_codg',
  'fixmedins_bchno',
  'begndate',
  'enddate',
  'med_list_codg',
  'inv_chg_type',
  'page_num',
  'page_size',
]);

function pagingOf(ctx: Ctx) {
  const d = ctx.input.data;
  for (const [key, value] of Object.entries(d)) {
    if (!SUPPORTED.has(key) && value !== undefined && value !== null && value !== '') {
      reject(`沙箱中心不支持按 ${key} 查询 (支持: ${[...SUPPORTED].join(', ')})`);
    }
  }
  if (d.begndate > d.enddate) reject(`开始日期 ${d.begndate} 晚于结束日期 ${d.enddate}`);
  const own = ctx.envelope.fixmedins_code;
  if (d.fixmedins_code && d.fixmedins_code !== own) reject(`只能查询本机构 (${own}) 的进销存信息`);
  // An empty N is sent as 0 or "" (protocol.md §1.3): both mean the first page, the default size.
  const pageNum = d.page_num || 1;
  const pageSize = d.page_size || DEFAULT_PAGE_SIZE;
  if (pageSize > 1000) reject('每页条数 page_size 最多 1000');
  return {
    query: {
      fixmedinsCode: own,
      hilistId: d.medins_list_codg || undefined,
      bchno: d.fixmedins_bchno || undefined,
      medListCodg: d.med_list_codg || undefined,
      invChgType: d.inv_chg_type || undefined,
      from: d.begndate,
      to: d.enddate,
      offset: (pageNum - 1) * pageSize,
      limit: pageSize,
    },
    pageNum,
    pageSize,
  };
}

function page(rows: Record<string, unknown>[], total: number, pageNum: number, pageSize: number) {
  return { output: { data: rows, recordCounts: total, pages: Math.ceil(total / pageSize), pageNum, pageSize } };
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Fields every ledger row carries. */
function common(ctx: Ctx, r: { fixmedinsHilistId: string; fixmedinsBchno: string; medListCodg: string }) {
  return {
    fixmedinsCode: ctx.envelope.fixmedins_code,
    medinsListCodg: r.fixmedinsHilistId,
    medListCodg: r.medListCodg,
    fixmedinsBchno: r.fixmedinsBchno,
    poolareaNo: ctx.institution.admdvs,
    valiFlag: '1',
  };
}

function stockRow(ctx: Ctx, b: InvBatch) {
  return {
    ...common(ctx, b),
    medinsListName: b.hilistName,
    medinsProdInvNo: b.medinsProdInvNo,
    invCnt: qtyNumber(b.stockQty),
    invdate: b.invdate ?? '',
    manuLotnum: b.manuLotnum ?? '',
    manuDate: b.manuDate ?? '',
    expyEnd: b.expyEnd ?? '',
    rxFlag: b.rxFlag,
    crteTime: b.createdAt,
    updtTime: b.updtTime,
  };
}

function recordCommon(ctx: Ctx, r: InvRecord) {
  const row = JSON.parse(r.rowJson) as Record<string, unknown>;
  return {
    row,
    fields: {
      ...common(ctx, r),
      medinsListName: text(row['fixmedins_hilist_name']),
      rxFlag: text(row['rx_flag']),
      trdnFlag: text(row['trdn_flag']),
      memo: text(row['memo']),
      rid: String(r.rid),
      crteTime: r.createdAt,
      updtTime: r.updtTime,
      optTime: r.createdAt,
    },
  };
}

function changeRow(ctx: Ctx, r: InvRecord) {
  const { row, fields } = recordCommon(ctx, r);
  return {
    ...fields,
    medinsProdInvChgNo: r.recordNo,
    invChgType: text(row['inv_chg_type']),
    cnt: qtyNumber(r.qty),
    pric: r.pric === null ? 0 : priceNumber(r.pric),
    invChgTime: r.eventTime,
    invChgOpterName: text(row['inv_chg_opter_name']),
  };
}

function purchaseRow(ctx: Ctx, r: InvRecord) {
  const { row, fields } = recordCommon(ctx, r);
  return {
    ...fields,
    medinsProdPurcNo: r.recordNo,
    prodRetnFlag: r.kind === 'purchase-return' ? '1' : '0',
    purcRetnCnt: qtyNumber(r.qty),
    finlTrnsPric: r.pric === null ? 0 : priceNumber(r.pric),
    purcRetnStoinTime: r.eventTime,
    purcRetnOpterName: text(row['purc_retn_opter_name']),
    splerName: text(row['spler_name']),
    splerPmtno: text(row['spler_pmtno']),
    dyntNo: text(row['dynt_no']),
    manuLotnum: text(row['manu_lotnum']),
    prodentpName: text(row['prodentp_name']),
    aprvno: text(row['aprvno']),
    manuDate: text(row['manu_date']),
    expyEnd: text(row['expy_end']),
    purcInvoCodg: text(row['purc_invo_codg']),
    purcInvoNo: text(row['purc_invo_no']),
    prodGeayFlag: text(row['prod_geay_flag']),
  };
}

function saleRow(ctx: Ctx, r: InvRecord) {
  const { row, fields } = recordCommon(ctx, r);
  return {
    ...fields,
    medinsProdSelNo: r.recordNo,
    selRetnFlag: r.kind === 'sale-return' ? '1' : '0',
    selRetnCnt: qtyNumber(r.qty),
    finlTrnsPric: r.pric === null ? 0 : priceNumber(r.pric),
    selRetnTime: r.eventTime,
    selRetnOpterName: text(row['sel_retn_opter_name']),
    hiFeesetlType: text(row['hi_feesetl_type']),
    setlId: text(row['setl_id']),
    psnNo: text(row['psn_no']),
    psnCertType: text(row['psn_cert_type']),
    certno: text(row['certno']),
    psnName: text(row['psn_name']),
    manuLotnum: text(row['manu_lotnum']),
    manuDate: text(row['manu_date']),
    expyEnd: text(row['expy_end']),
    prscDrName: text(row['prsc_dr_name']),
    pharName: text(row['phar_name']),
  };
}

function queryStock(ctx: Ctx) {
  const { query, pageNum, pageSize } = pagingOf(ctx);
  const { rows, total } = ledgerRepos(ctx).inventory.batches(query);
  return page(
    rows.map((b) => stockRow(ctx, b)),
    total,
    pageNum,
    pageSize,
  );
}

function queryRecords(kinds: readonly InvRecordKind[], toRow: (ctx: Ctx, r: InvRecord) => Record<string, unknown>) {
  return (ctx: Ctx) => {
    const { query, pageNum, pageSize } = pagingOf(ctx);
    const { rows, total } = ledgerRepos(ctx).inventory.records({ ...query, kinds });
    return page(
      rows.map((r) => toRow(ctx, r)),
      total,
      pageNum,
      pageSize,
    );
  };
}

export const inventoryQueryHandlers: HandlerTable = {
  '3508': queryStock,
  '3509': queryRecords(['change'], changeRow),
  '3510': queryRecords(['purchase', 'purchase-return'], purchaseRow),
  '3511': queryRecords(['sale', 'sale-return'], saleRow),
};
