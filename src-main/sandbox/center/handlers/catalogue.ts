/**
 * Catalogue transactions (protocol.md §2.16): 1301–1311 / 1313–1315 file downloads by version,
 * 1312 / 1312a and 1316–1319 paged queries by updt_time, 1901 dictionary.
 *
 * Downloads. `data.ver` is the counter's local max version: INITIAL_CATALOGUE_VER ("nothing
 * yet") or a version this catalogue published (14 digits, yyyyMMddHHmmss); anything else is
 * refused. Each answer carries exactly the next published version (one version per file),
 * so the counter repeats with the file's max version until data_cnt is 0 — the loop the spec
 * prescribes. The file is public (fetched with 9102, fixmedins_code `plc`). When the counter
 * is up to date the answer is still a success: data_cnt 0, no file is stored, and
 * file_qury_no / filename are `NODATA-<infno>-<ver>` (/ `.zip`), which 9102 refuses with a
 * clear message.
 *
 * Paged queries answer `{ data, recordCounts, pages, pageNum, pageSize }`, rows ordered by
 * (updt_time, rid), so paging from 1 until a short page covers every row exactly once. A
 * filter the sandbox does not hold (wubi, med_use_flag …) is refused rather than silently
 * ignored; query_date and begndate are accepted and not applied (validity is in vali_flag /
 * enddate of each row). Fields the sandbox catalogue has no data for (crter_*, opter_*,
 * med_use_flag …) are left out of the rows rather than made up.
 */
import type { SandboxInput } from '../../spec/input-rules';
import { priceNumber, ratioNumber, type Ratio, type UnitPrice } from '../../amounts';
import { DATE_RE, DATE_TIME_RE } from '../../../core/time';
import { findInterface } from '../../../registry/registry';
import { buildCatalogueFile, CATALOGUE_INFNOS, type CatalogueInfno, type CatalogueItem } from '../../store';
import { reject } from '../reject';
import type { HandlerContext, HandlerTable } from '../context';
import { FILE_PURPOSE, keepFile, NO_FILE_PREFIX, PUBLIC_FILE_OWNER } from './files';
import { ledgerRepos } from '../inventory-ledger';
import { directQueryOf, SANDBOX_DIRECT_QUERIES } from '../../spec/own-fields';

/** The version a counter sends before its first download: lower than every published one. */
export const INITIAL_CATALOGUE_VER = '00000000000000';
const VER_RE = /^\d{14}$/;

// ---- 1301–1311, 1313–1315 ---------------------------------------------------------------

/** "门诊慢特病种目录" from the registry's "门诊慢特病种目录下载". */
function catalogueTitle(infno: string): string {
  return (findInterface(infno)?.name ?? infno).replace(/下载$/, '');
}

function downloadByVersion(ctx: HandlerContext<SandboxInput<'1301'>>) {
  const infno = ctx.envelope.infno as CatalogueInfno;
  const ver = ctx.input.data.ver;
  const published = ctx.store.catalogue.versions(infno);
  if (published.length === 0) reject(`沙箱未发布该目录: ${infno} ${catalogueTitle(infno)}`);
  if (!VER_RE.test(ver)) {
    reject(`版本号 ver "${ver}" 格式不正确: 应为 14 位数字 (yyyyMMddHHmmss); 首次下载请传 ${INITIAL_CATALOGUE_VER}`);
  }
  if (ver !== INITIAL_CATALOGUE_VER && !published.some((v) => v.ver === ver)) {
    reject(`版本号 ${ver} 不是${catalogueTitle(infno)}发布过的版本; 请传本地最大版本号, 首次下载传 ${INITIAL_CATALOGUE_VER}`);
  }
  if (ctx.store.catalogue.versionsAfter(infno, ver).length === 0) {
    const none = `${NO_FILE_PREFIX}${infno}-${ver}`;
    return { output: { file_qury_no: none, filename: `${none}.zip`, dld_end_time: '', data_cnt: 0 } };
  }
  const file = buildCatalogueFile(ctx.store.catalogue, infno, ver, { maxVersions: 1 });
  const kept = keepFile(ctx, {
    filename: file.filename,
    owner: PUBLIC_FILE_OWNER,
    purpose: FILE_PURPOSE.catalogue(infno),
    bytes: file.zip,
  });
  return {
    output: { file_qury_no: kept.fileQuryNo, filename: kept.filename, dld_end_time: kept.expiresAt, data_cnt: file.rowCount },
  };
}

// ---- paging --------------------------------------------------------------------------------

interface Paging {
  readonly updtTime: string;
  readonly pageNum: number;
  readonly pageSize: number;
}

function pagingOf(data: { updt_time: string; page_num: number; page_size: number }): Paging {
  const t = data.updt_time;
  if (!DATE_TIME_RE.test(t) && !DATE_RE.test(t)) reject(`updt_time "${t}" 格式不正确: 应为 yyyy-MM-dd HH:mm:ss (或 yyyy-MM-dd)`);
  return { updtTime: DATE_RE.test(t) ? `${t} 00:00:00` : t, pageNum: data.page_num, pageSize: data.page_size };
}

function pageAnswer(rows: Record<string, unknown>[], total: number, p: Paging) {
  return {
    output: { data: rows, recordCounts: total, pages: Math.ceil(total / p.pageSize), pageNum: p.pageNum, pageSize: p.pageSize },
  };
}

/** Filters every paged query accepts and does not apply. */
const IGNORED_FILTERS = new Set(['query_date', 'begndate']);
const PAGING_FIELDS = new Set(['updt_time', 'page_num', 'page_size']);

/**
 * The non-empty filters of a query, refusing ones this transaction does not support and an
 * insu_admdvs other than the sandbox's own area.
 */
function filtersOf(
  ctx: HandlerContext<unknown>,
  data: Record<string, unknown>,
  supported: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) {
    if (PAGING_FIELDS.has(key) || IGNORED_FILTERS.has(key) || value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') reject(`查询条件 ${key} 应为字符串`);
    if (key === 'insu_admdvs') {
      if (value !== ctx.institution.admdvs)
        reject(`沙箱只有医保区划 ${ctx.institution.admdvs} 的目录, 不能按 insu_admdvs=${value} 查询`);
      continue;
    }
    if (!supported.includes(key))
      reject(`沙箱中心不支持按 ${key} 查询 (交易 ${ctx.envelope.infno} 支持: ${supported.join(', ')})`);
    out.set(key, value);
  }
  return out;
}

/** Fields every 1312 / 1316–1319 row shares. */
function rowCommon(item: CatalogueItem & { rid: number }, admdvs: string) {
  return {
    insu_admdvs: admdvs,
    begndate: item.begndate,
    enddate: item.enddate ?? '',
    vali_flag: item.valiFlag,
    rid: String(item.rid),
    updt_time: item.updtTime,
    poolarea_no: admdvs,
  };
}

// ---- 1312 / 1312a 医保目录信息查询 ------------------------------------------------------------

const HILIST_FILTERS = [
  'hilist_code',
  'hilist_name',
  'pinyin',
  'list_type',
  'chrgitm_lv',
  'med_chrgitm_type',
  'lmt_used_flag',
  'vali_flag',
];

function queryHilist(ctx: HandlerContext<SandboxInput<'1312'>>, onlyListType?: string) {
  const data = ctx.input.data;
  const paging = pagingOf(data);
  const f = filtersOf(ctx, data, HILIST_FILTERS);
  const listType = f.get('list_type');
  if (onlyListType !== undefined && listType !== undefined && listType !== onlyListType) {
    reject(`${ctx.envelope.infno} 只查询目录类别 ${onlyListType}, 不能按 list_type=${listType} 查询`);
  }
  const page = ctx.store.catalogue.queryHilist({
    ...paging,
    hilistCode: f.get('hilist_code'),
    hilistName: f.get('hilist_name'),
    pinyin: f.get('pinyin'),
    listType: onlyListType ?? listType,
    chrgitmLv: f.get('chrgitm_lv'),
    medChrgitmType: f.get('med_chrgitm_type'),
    lmtUsedFlag: f.get('lmt_used_flag'),
    valiFlag: f.get('vali_flag'),
  });
  const admdvs = ctx.institution.admdvs;
  const rows = page.rows.map((r) => ({
    hilist_code: r.code,
    hilist_name: r.name,
    med_chrgitm_type: r.medChrgitmType ?? '',
    chrgitm_lv: r.chrgitmLv ?? '',
    lmt_used_flag: r.lmtUsedFlag ?? '0',
    list_type: r.listType ?? '',
    pinyin: r.pinyin,
    memo: r.memo ?? '',
    ...rowCommon(r, admdvs),
  }));
  return pageAnswer(rows, page.total, paging);
}

// ---- 1316–1319 ---------------------------------------------------------------------------------

/**
 * One page of 医保目录 rows updated since `updt_time`, in (updt_time, rid) order like 1312,
 * optionally only rows where `present` is set (1318: rows with a price cap).
 */
function catalogueRows(
  ctx: HandlerContext<unknown>,
  paging: Paging,
  filters: { code?: string; listType?: string; valiFlag?: string },
  present?: 'pric_uplmt_amt' | 'selfpay_prop',
) {
  return ctx.store.catalogue.queryHilist({
    updtTime: paging.updtTime,
    pageNum: paging.pageNum,
    pageSize: paging.pageSize,
    hilistCode: filters.code,
    listType: filters.listType,
    valiFlag: filters.valiFlag,
    present,
  });
}

/**
 * The sandbox has one code space (a 医疗目录 code is its own 医保目录 code and the local code
 * of 1317), so the code filters of a mapping query must name one code.
 */
function oneCode(f: Map<string, string>, keys: readonly string[]): string | undefined {
  const codes = new Set(keys.flatMap((k) => f.get(k) ?? []));
  if (codes.size > 1) reject(`查询条件 ${keys.join(' / ')} 不是同一编码: 沙箱中这些编码相同`);
  return [...codes][0];
}

type PagedInput = SandboxInput<'1316'>;

/**
 * 1316 医疗目录与医保目录匹配信息查询: the sandbox's 医疗目录 and 医保目录 share codes, so
 * every 医保目录 row maps to itself (med_list_codg = hilist_code).
 */
function queryMedListMapping(ctx: HandlerContext<PagedInput>) {
  const paging = pagingOf(ctx.input.data);
  const f = filtersOf(ctx, ctx.input.data, ['hilist_code', 'med_list_codg', 'list_type', 'vali_flag']);
  const page = catalogueRows(ctx, paging, {
    code: oneCode(f, ['hilist_code', 'med_list_codg']),
    listType: f.get('list_type'),
    valiFlag: f.get('vali_flag'),
  });
  const admdvs = ctx.institution.admdvs;
  const rows = page.rows.map((r) => ({
    med_list_codg: r.code,
    hilist_code: r.code,
    list_type: r.listType ?? '',
    memo: r.memo ?? '',
    ...rowCommon(r, admdvs),
  }));
  return pageAnswer(rows, page.total, paging);
}

/**
 * 1317 医药机构目录匹配信息查询: the sandbox accepts a sale of any 医保目录 item, so it answers
 * every item as matched for the requesting institution under its national code
 * (medins_list_codg = med_list_codg); after those rows come the institution's own 3301
 * uploads (revoked ones with vali_flag 0), in (updt_time, rid) order, so paging covers both.
 */
function queryInstitutionMapping(ctx: HandlerContext<PagedInput>) {
  const paging = pagingOf(ctx.input.data);
  const f = filtersOf(ctx, ctx.input.data, ['fixmedins_code', 'medins_list_codg', 'med_list_codg', 'list_type', 'vali_flag']);
  const own = ctx.envelope.fixmedins_code;
  const asked = f.get('fixmedins_code');
  if (asked !== undefined && asked !== own) reject(`只能查询本机构 (${own}) 的目录匹配信息`);
  const filters = {
    code: oneCode(f, ['medins_list_codg', 'med_list_codg']),
    listType: f.get('list_type'),
    valiFlag: f.get('vali_flag'),
  };
  const page = catalogueRows(ctx, paging, filters);
  const admdvs = ctx.institution.admdvs;
  const rows: Record<string, unknown>[] = page.rows.map((r) => ({
    fixmedins_code: own,
    medins_list_codg: r.code,
    medins_list_name: r.name,
    list_type: r.listType ?? '',
    med_list_codg: r.code,
    aprvno: r.aprvno ?? '',
    dosform: r.dosform ?? '',
    spec: r.spec ?? '',
    memo: r.memo ?? '',
    ...rowCommon(r, admdvs),
  }));
  const skip = Math.max(0, (paging.pageNum - 1) * paging.pageSize - page.total);
  const uploaded = ledgerRepos(ctx).matches.changedSince(own, paging.updtTime, filters, skip, paging.pageSize - rows.length);
  for (const m of uploaded.rows) {
    const row = JSON.parse(m.rowJson) as Record<string, unknown>;
    rows.push({
      fixmedins_code: own,
      medins_list_codg: m.fixmedinsHilistId,
      medins_list_name: m.fixmedinsHilistName,
      list_type: m.listType,
      med_list_codg: m.medListCodg,
      aprvno: row['aprvno'] ?? '',
      dosform: row['dosform'] ?? '',
      spec: row['spec'] ?? '',
      memo: row['memo'] ?? '',
      insu_admdvs: admdvs,
      begndate: m.begndate,
      enddate: m.enddate ?? '',
      vali_flag: m.valiFlag,
      rid: `M${m.rid}`,
      updt_time: m.updtTime,
      poolarea_no: admdvs,
    });
  }
  return pageAnswer(rows, page.total + uploaded.total, paging);
}

/**
 * Codes of the two kinds below. The national dictionaries for 限价类型 and 先自付比例类型 are
 * not in protocol.md; the sandbox has one kind of each and sends '1' for it: a per-unit price
 * ceiling whose excess the person pays (overlmt_amt), and one 先自付比例 for every person type.
 */
const SANDBOX_LMTPRIC_TYPE = '1';
const SANDBOX_SELFPAY_PROP_TYPE = '1';

/** 1318 医保目录限价信息查询: rows that carry a 限价 (per unit, N16,6). */
function queryPriceCaps(ctx: HandlerContext<PagedInput>) {
  const paging = pagingOf(ctx.input.data);
  const f = filtersOf(ctx, ctx.input.data, ['hilist_code', 'vali_flag']);
  const page = catalogueRows(ctx, paging, { code: f.get('hilist_code'), valiFlag: f.get('vali_flag') }, 'pric_uplmt_amt');
  const admdvs = ctx.institution.admdvs;
  const rows = page.rows.map((r) => ({
    hilist_code: r.code,
    hilist_lmtpric_type: SANDBOX_LMTPRIC_TYPE,
    hilist_pric_uplmt_amt: priceNumber(r.pricUplmtAmt as UnitPrice),
    ...rowCommon(r, admdvs),
  }));
  return pageAnswer(rows, page.total, paging);
}

/** 1319 医保目录先自付比例信息查询: rows with their 先自付比例 (N5,4; 甲类 0, 丙类 1). */
function querySelfpayRatios(ctx: HandlerContext<PagedInput>) {
  const paging = pagingOf(ctx.input.data);
  const f = filtersOf(ctx, ctx.input.data, ['hilist_code', 'vali_flag']);
  const page = catalogueRows(ctx, paging, { code: f.get('hilist_code'), valiFlag: f.get('vali_flag') }, 'selfpay_prop');
  const admdvs = ctx.institution.admdvs;
  const rows = page.rows.map((r) => ({
    hilist_code: r.code,
    selfpay_prop_type: SANDBOX_SELFPAY_PROP_TYPE,
    selfpay_prop: ratioNumber(r.selfpayProp as Ratio),
    ...rowCommon(r, admdvs),
  }));
  return pageAnswer(rows, page.total, paging);
}

// ---- 1901 字典表查询 -------------------------------------------------------------------------

/**
 * Entries of one dictionary type. A type the sandbox does not hold answers an empty list,
 * as a query that finds nothing (the counter keeps its built-in labels then); admdvs and
 * date are not applied: the sandbox has one area and one edition of each dictionary.
 */
function queryDictionary(ctx: HandlerContext<SandboxInput<'1901'>>) {
  const { type, parentValue, valiFlag } = ctx.input.data;
  if (valiFlag !== '0' && valiFlag !== '1') reject(`有效标志 valiFlag 应为 0 或 1, 不是 ${valiFlag}`);
  const entries = ctx.store.dictionary.entries(type, { parentValue: parentValue || undefined, valiFlag });
  return {
    output: {
      list: entries.map((e) => ({
        type: e.type,
        label: e.label,
        value: e.value,
        parentValue: e.parentValue ?? '',
        sort: e.sort,
        valiFlag: e.valiFlag,
      })),
    },
  };
}

/**
 * A catalogue some regions query directly (SANDBOX_DIRECT_QUERIES, e.g. 四川 1304): a request with
 * `updt_time` and no `ver` is answered like 1312 for that catalogue's list_type; otherwise the file.
 */
function downloadOrQuery(ctx: HandlerContext<SandboxInput<'1301'>>) {
  const direct = directQueryOf(ctx.envelope.infno, ctx.input);
  if (direct) return queryHilist(ctx as unknown as HandlerContext<SandboxInput<'1312'>>, direct.listType);
  return downloadByVersion(ctx);
}

export const catalogueHandlers: HandlerTable = {
  ...Object.fromEntries(
    CATALOGUE_INFNOS.map((infno) => [infno, infno in SANDBOX_DIRECT_QUERIES ? downloadOrQuery : downloadByVersion]),
  ),
  '1312': (ctx: HandlerContext<SandboxInput<'1312'>>) => queryHilist(ctx),
  '1312a': (ctx: HandlerContext<SandboxInput<'1312'>>) => queryHilist(ctx),
  '1316': queryMedListMapping,
  '1317': queryInstitutionMapping,
  '1318': queryPriceCaps,
  '1319': querySelfpayRatios,
  '1901': queryDictionary,
};
