/**
 * A large download file (see file-import.ts for when), imported in three stages that overlap:
 * this thread inflates the ZIP and cuts it into batches of whole lines; the parse workers
 * (stage-pool.ts) check and convert each batch into a staging file; this thread copies the
 * staging files into catalogue_item in file order, one transaction per batch, with SQL only.
 *
 * Into a catalogue that holds no rows yet the copy is a plain INSERT, with the unique code
 * index dropped and recreated in the last batch's transaction (item-indexes.ts); otherwise it
 * is the same forward-only upsert as for a small file, run by SQLite over the staging table.
 *
 * What a sequential import guarantees holds here too: batches are committed in file order,
 * each in its own transaction; a bad line stops the import after the batches before it; the
 * local version (onComplete) only advances in the last batch's transaction, after the row
 * count was checked.
 */
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { abortedError, fileError } from './errors';
import type { FileImportOptions, FileImportResult } from './file-import';
import type { CatalogueItemStore, UpsertCounts } from './item-store';
import { openStageDir } from './stage-dir';
import { STAGE_SCHEMA, type StagedBatch } from './stage-file';
import { StagePool } from './stage-pool';
import { ZipTextError, entryBatches, zipEntries } from './zip-text';

/** Larger than any staging file (100,000 rows take about 40 MB). */
const STAGE_MMAP_BYTES = 1 << 30;

interface Queued {
  readonly result: Promise<StagedBatch>;
  done: boolean;
}

export async function importStaged(
  items: CatalogueItemStore,
  zip: Uint8Array,
  options: FileImportOptions,
  /** Rows of the k-th batch (0, 1, 2 …): each batch is one transaction. */
  rowsPerBatch: (batch: number) => number,
): Promise<FileImportResult> {
  const fresh = items.count(options.infno) === 0;
  const dir = openStageDir();
  const ctx = { infno: options.infno, filename: options.filename, itemTable: items.tableDefinition() };
  const pool = StagePool.open(ctx, options.threads);
  const run = new StagedImport(items, pool, dir.path, options, fresh);
  try {
    return await items.withoutSearchIndexes(() => run.importZip(zip, rowsPerBatch), { codeIndex: fresh });
  } finally {
    await run.settle();
    await pool.close();
    dir.remove();
  }
}

class StagedImport {
  /** Batches handed to the workers and not committed yet, in file order. */
  private readonly queue: Queued[] = [];
  private readonly counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  private rows = 0;
  private maxVer: string | null = null;
  private dispatched = 0;
  /** Id of the next row staged: the rows of an empty catalogue keep it (insertStagedRows). */
  private nextId: number;
  /** Staging files being deleted (in the background: freeing their pages takes a while). */
  private readonly removals: Promise<void>[] = [];
  private readonly maxQueued: number;
  /** Plain inserts (empty catalogue, code index dropped) or upserts. */
  private insertOnly: boolean;

  constructor(
    private readonly items: CatalogueItemStore,
    private readonly pool: StagePool,
    private readonly dir: string,
    private readonly options: FileImportOptions,
    /** The catalogue held no rows: the code index was dropped. */
    private readonly fresh: boolean,
  ) {
    this.insertOnly = fresh;
    this.nextId = items.lastId() + 1;
    // Enough batches ahead to keep every worker busy while a copy runs, few enough to bound memory.
    this.maxQueued = 2 * pool.size + 1;
  }

  async importZip(zip: Uint8Array, rowsPerBatch: (batch: number) => number): Promise<FileImportResult> {
    let readError: ZipTextError | null = null;
    try {
      const entries = zipEntries(zip);
      if (entries.length === 0) throw new ZipTextError('ZIP 中没有文件');
      for (const entry of entries) {
        const before = this.dispatched;
        for await (const batch of entryBatches(zip, entry, (k) => rowsPerBatch(before + k))) {
          this.dispatch({ entryName: entry.name, bytes: batch.bytes, firstLine: batch.firstLine, rows: batch.rows });
          // Commit what is ready, always keeping the newest back: only the last batch may complete the file.
          while (this.queue.length > 1 && (this.queue[0]?.done || this.queue.length > this.maxQueued)) {
            await this.commitNext(false);
          }
        }
      }
    } catch (error) {
      if (!(error instanceof ZipTextError)) throw error;
      readError = error;
    }
    if (readError !== null) {
      // As a sequential import: the batches before the damage are written, then it stops.
      while (this.queue.length > 0) await this.commitNext(false);
      throw fileError(this.options.infno, this.options.filename, readError.message, readError.line);
    }
    while (this.queue.length > 1) await this.commitNext(false);
    await this.commitNext(true);
    return this.result();
  }

  private result(): FileImportResult {
    return { ...this.counts, rows: this.rows, maxVer: this.maxVer, parseThreads: this.pool.threadsUsed };
  }

  /** Waits for the batches still with the workers (after a failure) and the deletions, so the directory can go. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.queue.map((q) => q.result), ...this.removals]);
  }

  private dispatch(job: { entryName: string; bytes: Uint8Array; firstLine: number; rows: number }): void {
    const seq = this.dispatched++;
    const firstId = this.nextId;
    this.nextId += job.rows;
    const result = this.pool.stage({ ...job, seq, firstId, file: join(this.dir, `batch-${seq}.sqlite`) });
    const queued: Queued = { result, done: false };
    // Also marks a failure as handled until commitNext awaits it in turn.
    result.then(
      () => (queued.done = true),
      () => (queued.done = true),
    );
    this.queue.push(queued);
  }

  /** Commits the oldest batch (or, for an empty file, only the completion) in one transaction. */
  private async commitNext(last: boolean): Promise<void> {
    const { infno, filename } = this.options;
    if (this.options.signal?.aborted) throw abortedError(infno);
    const next = this.queue.shift();
    const staged = next ? await next.result : null;
    if (staged) {
      this.rows += staged.rows;
      if (staged.maxVer !== null && (this.maxVer === null || staged.maxVer > this.maxVer)) this.maxVer = staged.maxVer;
    }
    const write = this.items.db.transaction(() => {
      if (staged) this.add(this.copy(staged));
      if (last) {
        if (this.options.expectedRows !== undefined && this.rows !== this.options.expectedRows) {
          throw fileError(
            infno,
            filename,
            `文件有 ${this.rows} 行数据, 中心通知的 data_cnt 为 ${this.options.expectedRows}, 文件不完整`,
          );
        }
        if (this.fresh) this.restoreCodeIndex();
        this.options.onComplete?.(this.result());
      }
    });
    if (staged) this.withAttached(staged.file, () => write.immediate());
    else write.immediate();
    this.options.onRows?.(this.rows);
  }

  private copy(staged: StagedBatch): UpsertCounts {
    if (this.insertOnly) {
      try {
        return this.items.insertStagedRows();
      } catch (error) {
        // Another connection wrote meanwhile: it took ids the rows were staged with, or its open
        // (ensureSearchIndexes) built the code index again and the file holds a code twice.
        // The insert failed alone; from here on, upserts.
        const code = (error as { code?: string }).code;
        if (code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' && code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
        this.insertOnly = false;
        this.restoreCodeIndex();
      }
    }
    return this.items.upsertStagedRows(staged.rows);
  }

  /** The code index back, the counts corrected for the duplicates it removed. */
  private restoreCodeIndex(): void {
    const d = this.items.restoreCodeIndex();
    this.add({ inserted: -d.removed, updated: d.replaced, unchanged: d.removed - d.replaced });
  }

  private add(c: UpsertCounts): void {
    this.counts.inserted += c.inserted;
    this.counts.updated += c.updated;
    this.counts.unchanged += c.unchanged;
  }

  /** ATTACH cannot run inside a transaction: the staging file is attached around it. */
  private withAttached(file: string, fn: () => void): void {
    const db = this.items.db;
    db.prepare(`ATTACH DATABASE ? AS ${STAGE_SCHEMA}`).run(file);
    // Read the file through a memory map rather than a read() per page.
    db.pragma(`${STAGE_SCHEMA}.mmap_size = ${STAGE_MMAP_BYTES}`);
    try {
      fn();
    } finally {
      db.exec(`DETACH DATABASE ${STAGE_SCHEMA}`);
      this.removals.push(unlink(file).catch(() => undefined));
    }
  }
}
