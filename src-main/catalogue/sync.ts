/**
 * `catalogue sync`: brings the local catalogue up to the center's, following the region
 * profile's `catalogueDownloads` (file / paged / via-catalogue-query / not-used), then the
 * 1901 dictionaries.
 *
 * - File catalogues (1301–1315): ask with the local max version (INITIAL_VER at first), fetch
 *   the file with 9102, import it, repeat with the file's max version until data_cnt is 0.
 * - Paged queries (1312 / 1312a / 1316–1319): page through rows with updt_time >= the point
 *   the last pass reached, until a short page. Each page commits with the sync state, so an
 *   interrupted pass resumes at the next page. The next pass starts at the highest updt_time
 *   seen (inclusive: a row changed later in that same second is not missed; the rows read
 *   again are recognised as unchanged). If the center's count moved during a pass, rows may
 *   have shifted between pages, so the next pass starts over from the same point.
 * - 1901: each dictionary type the counter shows, replacing the stored entries.
 *
 * Stopping (abort signal, a failed call, a bad file, a killed process) keeps everything
 * committed; the next sync continues from there and adds no duplicates.
 */
import { YibaoError } from '../core/errors';
import { RejectedError } from '../protocol/call-errors';
import { formatDateTime } from '../core/time';
import type { RegionProfile } from '../registry/profile';
import {
  COUNTER_DICTIONARY_TYPES,
  DICTIONARY_INFNO,
  FILE_CATALOGUES,
  PAGED_CATALOGUES,
  catalogueLabel,
  type PagedInfno,
} from './catalogues';
import type { CataloguePort } from './center-port';
import { abortedError, fileError, pageError } from './errors';
import { importCatalogueFile } from './file-import';
import type { LocalCatalogue } from './local-catalogue';
import { applyPage } from './paged-rows';

/** The version a counter sends before its first download ("nothing yet"). */
export const INITIAL_VER = '00000000000000';
/** updt_time of the first pass of a paged query: before any catalogue of the platform. */
export const INITIAL_UPDT_TIME = '2000-01-01 00:00:00';
/** Rows per page (the protocol's maximum). */
export const DEFAULT_PAGE_SIZE = 1000;

export type StepMode = 'file' | 'paged' | 'dictionary';

export interface PlanStep {
  readonly infno: string;
  readonly mode: StepMode;
}

export interface StepResult {
  readonly infno: string;
  readonly mode: StepMode;
  /** Rows received from the center in this sync. */
  readonly rows: number;
  /** Rows that added or changed a local row. */
  readonly written: number;
  /** Rows already held (re-read after an interruption or at a pass boundary). */
  readonly unchanged: number;
  /** File catalogues: versions imported in this sync. */
  readonly versions: number;
  /** Paged queries: pages read; dictionary: types read. */
  readonly pages: number;
  /** File catalogues: local max version after the sync. */
  readonly localVer: string | null;
  /** File catalogues: most worker threads that parsed one of its files (0: all parsed on the main thread). */
  readonly parseThreads?: number;
  /**
   * The center's refusal of the step's first request (a catalogue or dictionary the center
   * does not offer): the step is skipped and the sync goes on. A refusal later in a step
   * stops the sync like any other error.
   */
  readonly refused?: string;
}

export type SyncProgress =
  | { readonly kind: 'step'; readonly step: PlanStep; readonly index: number; readonly steps: number }
  | { readonly kind: 'file'; readonly infno: string; readonly ver: string; readonly rows: number; readonly dataCnt: number }
  | { readonly kind: 'page'; readonly infno: string; readonly page: number; readonly rows: number; readonly total: number | null }
  | { readonly kind: 'dictionary'; readonly type: string; readonly done: number; readonly of: number }
  | { readonly kind: 'done'; readonly result: StepResult };

export interface SyncOptions {
  /** Only these codes (e.g. ['1301', '1312', '1901']); each must be one the profile downloads. */
  readonly only?: readonly string[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SyncProgress) => void;
  readonly pageSize?: number;
  /** Rows per transaction of a file import (default: importCatalogueFile's). */
  readonly batchSize?: number;
  readonly dictionaryTypes?: readonly string[];
}

export interface SyncReport {
  readonly profile: string;
  readonly steps: StepResult[];
  readonly elapsedMs: number;
}

/** The steps of a sync under a profile, in order: files, paged queries, dictionaries. */
export function planSync(profile: RegionProfile, only?: readonly string[]): PlanStep[] {
  const modes = profile.catalogueDownloads;
  const all: PlanStep[] = [
    ...FILE_CATALOGUES.filter((c) => modes[c] === 'file').map((infno) => ({ infno, mode: 'file' as const })),
    ...PAGED_CATALOGUES.filter((c) => modes[c] === 'paged').map((infno) => ({ infno, mode: 'paged' as const })),
    { infno: DICTIONARY_INFNO, mode: 'dictionary' },
  ];
  if (!only || only.length === 0) return all;
  for (const code of only) {
    if (all.some((s) => s.infno === code)) continue;
    const mode = modes[code];
    if (mode === 'via-catalogue-query') {
      const via = profile.flows.catalogueQuery;
      throw new YibaoError(
        'E_USAGE',
        `地区配置 ${profile.name} 不单独下载 ${catalogueLabel(code)}: 其内容由 ${catalogueLabel(via)} 提供, 请同步 ${via}`,
        { infno: code, via },
      );
    }
    if (mode === 'not-used') {
      throw new YibaoError('E_USAGE', `地区配置 ${profile.name} 不使用 ${catalogueLabel(code)}`, { infno: code });
    }
    throw new YibaoError(
      'E_USAGE',
      `${code} 不是可同步的目录交易; 地区配置 ${profile.name} 可同步: ${all.map((s) => s.infno).join(', ')}`,
      { infno: code },
    );
  }
  return all.filter((s) => only.includes(s.infno));
}

export async function syncCatalogue(
  local: LocalCatalogue,
  port: CataloguePort,
  profile: RegionProfile,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const started = performance.now();
  const plan = planSync(profile, options.only);
  const steps: StepResult[] = [];
  for (const [index, step] of plan.entries()) {
    if (options.signal?.aborted) throw abortedError(step.infno);
    options.onProgress?.({ kind: 'step', step, index, steps: plan.length });
    const result =
      step.mode === 'file'
        ? await syncFile(local, port, step.infno, options)
        : step.mode === 'paged'
          ? await syncPaged(local, port, step.infno as PagedInfno, options)
          : await syncDictionaries(local, port, options);
    steps.push(result);
    options.onProgress?.({ kind: 'done', result });
  }
  return { profile: profile.id, steps, elapsedMs: performance.now() - started };
}

async function syncFile(local: LocalCatalogue, port: CataloguePort, infno: string, options: SyncOptions): Promise<StepResult> {
  let ver = local.state.get(infno).localVer ?? INITIAL_VER;
  const totals = { rows: 0, written: 0, unchanged: 0, versions: 0, parseThreads: 0 };
  for (;;) {
    if (options.signal?.aborted) throw abortedError(infno);
    const asked = await refusable(() => port.versionDownload(infno, ver), totals.versions === 0);
    if ('refused' in asked)
      return { infno, mode: 'file', ...totals, pages: 0, localVer: local.state.get(infno).localVer, refused: asked.refused };
    const answer = asked.value;
    if (answer.dataCnt === 0) break;
    const zip = await port.downloadFile(infno, answer);
    const from = ver;
    const result = await importCatalogueFile(local.items, zip, {
      infno,
      filename: answer.filename,
      expectedRows: answer.dataCnt,
      batchSize: options.batchSize,
      signal: options.signal,
      onRows: (rows) => options.onProgress?.({ kind: 'file', infno, ver: from, rows, dataCnt: answer.dataCnt }),
      onComplete: (r) => {
        // A file must move the version on, or the loop would ask for the same one forever.
        if (r.maxVer === null || r.maxVer <= from) {
          throw fileError(infno, answer.filename, `文件中的最高版本号 ${r.maxVer ?? '(无)'} 不比本地版本 ${from} 新`);
        }
        const st = local.state.get(infno);
        local.state.update(infno, {
          localVer: r.maxVer,
          rowsTotal: st.rowsTotal + r.rows,
          versionsTotal: st.versionsTotal + 1,
          lastSyncedAt: formatDateTime(new Date()),
        });
      },
    });
    ver = result.maxVer as string;
    totals.rows += result.rows;
    totals.written += result.inserted + result.updated;
    totals.unchanged += result.unchanged;
    totals.versions++;
    totals.parseThreads = Math.max(totals.parseThreads, result.parseThreads);
  }
  if (totals.versions === 0) local.state.update(infno, { lastSyncedAt: formatDateTime(new Date()) });
  return { infno, mode: 'file', ...totals, pages: 0, localVer: ver === INITIAL_VER ? null : ver };
}

async function syncPaged(
  local: LocalCatalogue,
  port: CataloguePort,
  infno: PagedInfno,
  options: SyncOptions,
): Promise<StepResult> {
  const totals = { rows: 0, written: 0, unchanged: 0, pages: 0 };
  let st = local.state.get(infno);
  if (!st.passOpen) {
    const from = st.passUnstable ? (st.passFrom ?? INITIAL_UPDT_TIME) : (st.passMaxUpdt ?? st.passFrom ?? INITIAL_UPDT_TIME);
    st = local.state.update(infno, {
      passFrom: from,
      pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
      rowsDone: 0,
      passTotal: null,
      passMaxUpdt: from,
      passUnstable: false,
      passOpen: true,
    });
  }
  const from = st.passFrom ?? INITIAL_UPDT_TIME;
  const pageSize = st.pageSize ?? DEFAULT_PAGE_SIZE;
  while (st.passOpen) {
    if (options.signal?.aborted) throw abortedError(infno);
    // Pages are committed whole, so the pass always resumes at a page boundary.
    const pageNum = Math.floor(st.rowsDone / pageSize) + 1;
    const asked = await refusable(() => port.page(infno, from, pageNum, pageSize), pageNum === 1);
    if ('refused' in asked) return { infno, mode: 'paged', ...totals, versions: 0, localVer: null, refused: asked.refused };
    const answer = asked.value;
    if (!Array.isArray(answer.rows)) throw pageError(infno, pageNum, '应答中没有 data 数组');
    if (answer.rows.length > pageSize)
      throw pageError(infno, pageNum, `返回 ${answer.rows.length} 条, 超过 page_size ${pageSize}`);
    st = local.state.transaction(() => {
      const w = applyPage(infno, pageNum, answer.rows, local);
      totals.written += w.written;
      totals.unchanged += w.unchanged;
      const cur = local.state.get(infno);
      const moved = cur.passTotal !== null && answer.recordCounts !== null && answer.recordCounts !== cur.passTotal;
      const last = answer.rows.length < pageSize;
      return local.state.update(infno, {
        rowsDone: cur.rowsDone + answer.rows.length,
        passTotal: cur.passTotal ?? answer.recordCounts,
        passMaxUpdt:
          w.maxUpdt !== null && (cur.passMaxUpdt === null || w.maxUpdt > cur.passMaxUpdt) ? w.maxUpdt : cur.passMaxUpdt,
        passUnstable: cur.passUnstable || moved,
        passOpen: !last,
        rowsTotal: cur.rowsTotal + answer.rows.length,
        pagesTotal: cur.pagesTotal + 1,
        lastSyncedAt: last ? formatDateTime(new Date()) : cur.lastSyncedAt,
      });
    });
    totals.rows += answer.rows.length;
    totals.pages++;
    options.onProgress?.({ kind: 'page', infno, page: pageNum, rows: st.rowsDone, total: st.passTotal });
  }
  return { infno, mode: 'paged', ...totals, versions: 0, localVer: null };
}

async function syncDictionaries(local: LocalCatalogue, port: CataloguePort, options: SyncOptions): Promise<StepResult> {
  const types = options.dictionaryTypes ?? COUNTER_DICTIONARY_TYPES;
  const totals = { rows: 0, written: 0, unchanged: 0, pages: 0 };
  const refused: string[] = [];
  for (const [i, type] of types.entries()) {
    if (options.signal?.aborted) throw abortedError(DICTIONARY_INFNO);
    const asked = await refusable(() => port.dictionary(type), true);
    if ('refused' in asked) {
      refused.push(`${type}: ${asked.refused}`);
      continue;
    }
    const rows = asked.value;
    const entries = rows
      .filter((r) => typeof r.value === 'string' && r.value !== '' && typeof r.label === 'string')
      .map((r) => ({
        type,
        value: r.value,
        label: r.label,
        parentValue: r.parentValue || null,
        sort: typeof r.sort === 'number' ? r.sort : null,
        valiFlag: r.valiFlag || '1',
      }));
    const written = local.dictionary.replaceType(type, entries);
    totals.rows += rows.length;
    totals.written += written;
    totals.unchanged += rows.length - written;
    totals.pages++;
    options.onProgress?.({ kind: 'dictionary', type, done: i + 1, of: types.length });
  }
  const st = local.state.get(DICTIONARY_INFNO);
  local.state.update(DICTIONARY_INFNO, {
    rowsTotal: st.rowsTotal + totals.rows,
    pagesTotal: st.pagesTotal + totals.pages,
    lastSyncedAt: formatDateTime(new Date()),
  });
  return {
    infno: DICTIONARY_INFNO,
    mode: 'dictionary',
    ...totals,
    versions: 0,
    localVer: null,
    ...(refused.length > 0 ? { refused: refused.join('; ') } : {}),
  };
}

/** Runs a call whose refusal by the center means "not offered" (when `tolerated`) rather than a failure. */
async function refusable<T>(call: () => Promise<T>, tolerated: boolean): Promise<{ value: T } | { refused: string }> {
  try {
    return { value: await call() };
  } catch (error) {
    if (tolerated && error instanceof RejectedError) return { refused: error.errMsg };
    throw error;
  }
}
