/**
 * Importing one 1301–1315 download file: the ZIP is inflated as a stream, each TAB line is
 * checked and converted (empties, ratios and prices as integers, file-rows.ts) and the rows go
 * into SQLite in batches, one transaction each. The sync and bench/catalogue both import
 * through here. A large file takes the staged path (staged-import.ts): parsed by worker
 * threads, copied into SQLite with SQL only.
 *
 * A bad line stops the import with an error naming the catalogue, the file and the line.
 * Batches already written stay: they are whole rows of the file, and importing the file
 * again (the next sync asks for the same version) upserts them unchanged. The local version
 * only advances in the transaction of the last batch, after the row count was checked.
 */
import { abortedError, fileError } from './errors';
import { parseLine, VER_PARAM } from './file-rows';
import type { ItemParams } from './item-columns';
import type { CatalogueItemStore, UpsertCounts } from './item-store';
import { importStaged } from './staged-import';
import { ZipTextError, entryLines, zipEntries } from './zip-text';

export interface FileImportOptions {
  /** 1301–1315: the catalogue the file belongs to. */
  readonly infno: string;
  /** For messages. */
  readonly filename: string;
  /** data_cnt the center announced: the file must hold exactly this many rows. */
  readonly expectedRows?: number;
  /** Rows per transaction (default 20,000; for a large import 12,500 doubling up to 100,000). */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  /** Worker threads that parse a large file (default: one per core, at most 3; 0: on this thread). */
  readonly threads?: number;
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
  /** Worker threads that parsed the file (0: parsed on this thread, a small file or no worker could start). */
  readonly parseThreads: number;
}

/**
 * A file at least this large, and a quarter of what is stored, is a bulk import: staged by
 * worker threads, with the search indexes rebuilt after.
 */
const BULK_MIN_ROWS = 50_000;
const DEFAULT_BATCH = 20_000;
const BULK_BATCH = 100_000;
const BULK_FIRST_BATCH = 12_500;

/**
 * Batch sizes of a bulk import of `rows` rows (batch k has `plan(k)` rows): doubling from
 * BULK_FIRST_BATCH up to BULK_BATCH, as the first copy can only begin once a worker has parsed
 * the first batch, and halving again at the end, so that the workers finish close together
 * and the copy after the last parse is short.
 */
export function bulkBatchPlan(rows: number): (batch: number) => number {
  const ramp: number[] = [];
  for (let size = BULK_FIRST_BATCH; size < BULK_BATCH; size *= 2) ramp.push(size);
  const sizes: number[] = [];
  let left = rows;
  const take = (size: number) => {
    const n = Math.min(size, left);
    if (n > 0) sizes.push(n);
    left -= n;
  };
  for (const size of ramp) take(size);
  const tail = [...ramp].reverse();
  for (let middle = left - tail.reduce((a, b) => a + b, 0); middle > 0; middle -= BULK_BATCH) take(Math.min(BULK_BATCH, middle));
  for (const size of tail) take(size);
  // A file with more rows than announced goes on in full batches (and fails its row count at the end).
  return (batch) => sizes[batch] ?? BULK_BATCH;
}

export async function importCatalogueFile(
  items: CatalogueItemStore,
  zip: Uint8Array,
  options: FileImportOptions,
): Promise<FileImportResult> {
  const expected = options.expectedRows ?? 0;
  const bulk = expected >= BULK_MIN_ROWS && expected * 4 >= items.count();
  if (!bulk) return importRows(items, zip, options);
  // Fewer, larger transactions: each commit rewrites the index pages it touched.
  const batchSize = options.batchSize;
  return importStaged(items, zip, options, batchSize === undefined ? bulkBatchPlan(expected) : () => batchSize);
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
        options.onComplete?.({ ...counts, rows, maxVer, parseThreads: 0 });
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
  return { ...counts, rows, maxVer, parseThreads: 0 };
}
