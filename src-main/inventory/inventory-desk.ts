/**
 * What the CLI and the screens call for 进销存: read a file into checked rows (preview), queue
 * them, upload the queue, list it, put refused rows back, and ask the center's ledger
 * (3508–3511). One desk per opened counter app.
 */
import { MAX_IMPORT_BYTES } from '../api/limits';
import { YibaoError } from '../core/errors';
import { formatDate } from '../core/time';
import type { CounterApp } from '../app/counter-app';
import type { Operator } from '../protocol/center-client';
import { KINDS, type InventoryKind } from './kinds';
import { importRows, type ImportedSheet } from './import-rows';
import { InventoryQueue, type ImportResult, type ItemState, type QueueItem } from './queue-store';
import { readGrid } from './sheet-read';
import { LEDGER_QUERIES, type LedgerQueryKind } from './views';
import { InventoryUploader, type UploadOptions, type UploadReport, type UploaderTiming } from './uploader';

export { LEDGER_QUERIES, type LedgerQueryKind };

export interface LedgerQuery {
  readonly kind: LedgerQueryKind;
  /** The institution's own item code (medins_list_codg). */
  readonly item?: string;
  readonly batch?: string;
  /** yyyy-MM-dd; default 2000-01-01 … today. */
  readonly from?: string;
  readonly to?: string;
  readonly page?: number;
  readonly pageSize?: number;
  readonly operator?: Operator;
}

export interface LedgerPage {
  readonly infno: string;
  readonly rows: readonly Record<string, unknown>[];
  readonly recordCounts: number | null;
  readonly pageNum: number;
  readonly pages: number | null;
}

export class InventoryDesk {
  readonly queue: InventoryQueue;
  readonly uploader: InventoryUploader;

  constructor(
    private readonly app: CounterApp,
    timing?: UploaderTiming,
  ) {
    this.queue = new InventoryQueue(app.db);
    this.uploader = new InventoryUploader(app, this.queue, timing);
  }

  /** Reads and checks a file without queueing anything (the screen's preview). */
  async preview(kind: InventoryKind, filename: string, bytes: Uint8Array): Promise<ImportedSheet> {
    if (bytes.byteLength > MAX_IMPORT_BYTES) {
      throw new YibaoError('E_INVENTORY_FILE', `文件 ${filename} 超过 10 MB; 请分成几个文件导入`, { filename });
    }
    return importRows(kind, await readGrid(filename, bytes), (psnNo) => this.app.areas.lookup(psnNo));
  }

  /** Reads, checks and queues a file: valid rows are queued, the others kept with their reasons. */
  async importFile(kind: InventoryKind, filename: string, bytes: Uint8Array): Promise<ImportResult> {
    return this.queue.addImport(kind, filename, await this.preview(kind, filename, bytes));
  }

  upload(options: UploadOptions = {}): Promise<UploadReport> {
    return this.uploader.run(options);
  }

  items(filter: { importId?: number; states?: readonly ItemState[]; limit?: number } = {}): QueueItem[] {
    return this.queue.items(filter);
  }

  retryRejected(ids?: readonly number[]): number {
    return this.queue.requeueRejected(ids);
  }

  /** One page of the center's 进销存 ledger for an item or batch. */
  async query(q: LedgerQuery): Promise<LedgerPage> {
    if (!q.item && !q.batch) {
      throw new YibaoError('E_USAGE', '请给出本机构编码 (--item) 或批次号 (--batch): 中心要求至少一个查询条件');
    }
    const infno = LEDGER_QUERIES[q.kind];
    const data = {
      medins_list_codg: q.item ?? '',
      fixmedins_bchno: q.batch ?? '',
      begndate: q.from ?? '2000-01-01',
      enddate: q.to ?? formatDate(new Date()),
      page_num: q.page ?? 1,
      page_size: q.pageSize ?? 100,
    };
    const out = (await this.app.callAs(q.operator, infno, { data })).output as {
      data: Record<string, unknown>[];
      recordCounts?: number | null;
      pages?: number | null;
      pageNum?: number | null;
    };
    return {
      infno,
      rows: out.data,
      recordCounts: out.recordCounts ?? null,
      pageNum: out.pageNum ?? data.page_num,
      pages: out.pages ?? null,
    };
  }

  /** The infno each kind uses under the current region profile. */
  infnos(): Record<InventoryKind, string> {
    const flows = this.app.client.profile.flows;
    return Object.fromEntries(Object.entries(KINDS).map(([kind, spec]) => [kind, flows[spec.flow]])) as Record<
      InventoryKind,
      string
    >;
  }
}

const desks = new WeakMap<CounterApp, InventoryDesk>();

/** The desk of an opened app (API handlers call this; the CLI makes its own). */
export function inventoryDeskOf(app: CounterApp): InventoryDesk {
  let desk = desks.get(app);
  if (!desk) {
    desk = new InventoryDesk(app);
    desks.set(app, desk);
  }
  return desk;
}
