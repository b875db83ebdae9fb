/**
 * Importing one 1301–1315 download file: the ZIP is inflated as a stream, each TAB line is
 * checked and converted (empties, ratios and prices as integers) and the rows go into SQLite
 * in batches, one transaction each. The sync and bench/catalogue both import through here.
 *
 * A bad line stops the import with an error naming the catalogue, the file and the line.
 * Batches already written stay: they are whole rows of the file, and importing the file
 * again (the next sync asks for the same version) upserts them unchanged. The local version
 * only advances in the transaction of the last batch, after the row count was checked.
 */
import { MoneyFormatError } from '../core/money';
import { abortedError, fileError } from './errors';
import { CATALOGUE_TXT_COLUMNS, TXT, TXT_NULL, priceCell, ratioCell } from './file-format';
import { FILE_ITEM_COLUMNS, type CatalogueItemStore, type ItemParams, type UpsertCounts } from './item-store';
import { ZipTextError, entryLines, zipEntries } from './zip-text';

export interface FileImportOptions {
  /** 1301–1315: the catalogue the file belongs to. */
  readonly infno: string;
  /** For messages. */
  readonly filename: string;
  /** data_cnt the center announced: the file must hold exactly this many rows. */
  readonly expectedRows?: number;
  /** Rows per transaction (default 20,000; 100,000 for a large import). */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  /** After each committed batch, with the rows imported so far. */
  readonly onRows?: (rows: number) => void;
  /** Runs inside the transaction of the last batch: record the new version here. */
  readonly onComplete?: (result: FileImportResult) => void;
}

export interface FileImportResult extends UpsertCounts {
  /** Data rows in the file. */
  readonly rows: number;
  /** Highest `ver` among the rows (null when the file is empty). */
  readonly maxVer: string | null;
}

const COLUMN_COUNT = CATALOGUE_TXT_COLUMNS.length;

/** A file at least this large, and a quarter of what is stored, is imported with the search indexes rebuilt after. */
const BULK_MIN_ROWS = 50_000;
const DEFAULT_BATCH = 20_000;
const BULK_BATCH = 100_000;

export async function importCatalogueFile(
  items: CatalogueItemStore,
  zip: Uint8Array,
  options: FileImportOptions,
): Promise<FileImportResult> {
  const expected = options.expectedRows ?? 0;
  const bulk = expected >= BULK_MIN_ROWS && expected * 4 >= items.count();
  if (!bulk) return importRows(items, zip, options);
  // Fewer, larger transactions: each commit rewrites the index pages it touched.
  return items.withoutSearchIndexes(() => importRows(items, zip, { ...options, batchSize: options.batchSize ?? BULK_BATCH }));
}

async function importRows(items: CatalogueItemStore, zip: Uint8Array, options: FileImportOptions): Promise<FileImportResult> {
  const { infno, filename } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  let rows = 0;
  let maxVer: string | null = null;
  let batch: ItemParams[] = [];

  const commit = (last: boolean): void => {
    if (options.signal?.aborted) throw abortedError(infno);
    const write = items.db.transaction(() => {
      const c = items.upsertFileRows(batch);
      counts.inserted += c.inserted;
      counts.updated += c.updated;
      counts.unchanged += c.unchanged;
      if (last) {
        if (options.expectedRows !== undefined && rows !== options.expectedRows) {
          throw fileError(infno, filename, `文件有 ${rows} 行数据, 中心通知的 data_cnt 为 ${options.expectedRows}, 文件不完整`);
        }
        options.onComplete?.({ ...counts, rows, maxVer });
      }
    });
    write.immediate();
    batch = [];
    options.onRows?.(rows);
  };

  try {
    const entries = zipEntries(zip);
    if (entries.length === 0) throw new ZipTextError('ZIP 中没有文件');
    for (const entry of entries) {
      for await (const chunk of entryLines(zip, entry)) {
        let lineNo = chunk.firstLine;
        for (const text of chunk.lines) {
          const params = parseLine(text, infno, filename, lineNo++);
          if (params === null) continue;
          rows++;
          const ver = params[VER_PARAM] as string | null;
          if (ver !== null && (maxVer === null || ver > maxVer)) maxVer = ver;
          batch.push(params);
          if (batch.length >= batchSize) commit(false);
        }
      }
    }
  } catch (error) {
    if (error instanceof ZipTextError) throw fileError(infno, filename, error.message, error.line);
    throw error;
  }
  commit(true);
  return { ...counts, rows, maxVer };
}

/** Position of `ver` in the parameters parseLine builds. */
const VER_PARAM = FILE_ITEM_COLUMNS.indexOf('ver');

/** One TXT line as FILE_ITEM_COLUMNS parameters; null for a blank line. */
function parseLine(raw: string, infno: string, filename: string, lineNo: number): ItemParams | null {
  const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
  if (text === '') return null;
  const c: (string | null)[] = text.split('\t');
  if (c.length !== COLUMN_COUNT) {
    throw fileError(infno, filename, `有 ${c.length} 列, 应为 ${COLUMN_COUNT} 列 (TAB 分隔)`, lineNo);
  }
  for (let i = 0; i < COLUMN_COUNT; i++) if (c[i] === TXT_NULL || c[i] === '') c[i] = null;
  const code = c[TXT.code] as string | null;
  const name = c[TXT.name] as string | null;
  const updtTime = c[TXT.updt_time] as string | null;
  if (code === null || name === null || updtTime === null) {
    throw fileError(infno, filename, '缺少目录编码、名称或更新时间', lineNo);
  }
  const pinyin = c[TXT.pinyin] as string | null;
  let selfpay: unknown, cap: unknown, ref: unknown;
  try {
    selfpay = ratioCell(c[TXT.selfpay_prop] as string | null);
    cap = priceCell(c[TXT.pric_uplmt_amt] as string | null);
    ref = priceCell(c[TXT.ref_pric] as string | null);
  } catch (error) {
    if (!(error instanceof MoneyFormatError)) throw error;
    const column = (['selfpay_prop', 'pric_uplmt_amt', 'ref_pric'] as const).find((k) => c[TXT[k]] === String(error.input));
    throw fileError(infno, filename, `${column ?? '金额'} 不是有效的数值: ${String(error.input)}`, lineNo);
  }
  // Same order as FILE_ITEM_COLUMNS.
  return [
    infno,
    code,
    name,
    c[TXT.gennm],
    pinyin === null ? null : pinyin.toUpperCase(),
    c[TXT.barcode],
    c[TXT.spec],
    c[TXT.dosform],
    c[TXT.pacunt],
    c[TXT.prodentp_name],
    c[TXT.aprvno],
    c[TXT.list_type],
    c[TXT.chrgitm_lv],
    c[TXT.med_chrgitm_type],
    selfpay,
    cap,
    ref,
    c[TXT.lmt_used_flag],
    c[TXT.lmt_scp],
    c[TXT.bas_medn_flag],
    c[TXT.hi_nego_drug_flag],
    c[TXT.chld_medc_flag],
    c[TXT.list_sp_item_flag],
    c[TXT.drt_reim_flag],
    c[TXT.memo],
    c[TXT.begndate],
    c[TXT.enddate],
    c[TXT.vali_flag] ?? '1',
    c[TXT.ver],
    updtTime,
    infno,
  ];
}
