/**
 * The 进销存 and 目录对照 API methods' work: decode the file the screen sent, call the desks,
 * turn queue items into views. The API handlers only route here.
 */
import { YibaoError } from '../core/errors';
import { maskPersonalData } from '../core/mask';
import type { CounterApp } from '../app/counter-app';
import type { CounterEvents } from '../counter/events';
import { mappingDeskOf, type MappingRecord } from '../mapping/mapping-desk';
import { MAX_IMPORT_BYTES } from '../api/limits';
import { inventoryDeskOf, type LedgerQueryKind } from './inventory-desk';
import { KINDS, type InventoryKind, type SpecRow } from './kinds';
import type { ItemState, QueueItem } from './queue-store';
import type {
  InventoryImportView,
  InventoryItemView,
  InventoryPreview,
  InventoryQueueView,
  InventoryRowView,
  InventoryUploadResult,
  LedgerPageView,
  MappingView,
} from './views';

export interface FileArgs {
  readonly kind: InventoryKind;
  readonly filename: string;
  readonly contentBase64: string;
}

const QTY_FIELDS = ['inv_cnt', 'cnt', 'purc_retn_cnt', 'sel_retn_cnt'];

function rowView(rowNo: number, row: SpecRow): InventoryRowView {
  const s = (k: string) => (row[k] === undefined || row[k] === null ? '' : String(row[k]));
  const qtyField = QTY_FIELDS.find((f) => row[f] !== undefined);
  return {
    rowNo,
    bchno: s('fixmedins_bchno'),
    localCode: s('fixmedins_hilist_id'),
    name: s('fixmedins_hilist_name'),
    nationalCode: s('med_list_codg'),
    qty: qtyField ? s(qtyField) : '',
  };
}

export function itemView(item: QueueItem): InventoryItemView {
  return {
    ...rowView(item.rowNo, item.row),
    id: item.id,
    importId: item.importId,
    kind: item.kind,
    kindLabel: KINDS[item.kind].label,
    state: item.state,
    attempts: item.attempts,
    message: item.message,
    nextAttemptAt: item.nextAttemptAt,
    updatedAt: item.updatedAt,
  };
}

function fileBytes(args: FileArgs): Uint8Array {
  const bytes = Buffer.from(args.contentBase64, 'base64');
  if (bytes.byteLength === 0) throw new YibaoError('E_INVENTORY_FILE', `文件 ${args.filename} 是空的`);
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new YibaoError('E_INVENTORY_FILE', `文件 ${args.filename} 超过 10 MB`);
  return bytes;
}

function mappingView(r: MappingRecord): MappingView {
  return {
    localCode: r.localCode,
    localName: r.localName,
    nationalCode: r.nationalCode,
    listType: r.listType,
    barcode: r.barcode,
    begndate: r.begndate,
    state: r.state,
    uploadedAt: r.uploadedAt,
    revokedAt: r.revokedAt,
  };
}

export function inventoryApi(app: CounterApp, events: CounterEvents) {
  const desk = inventoryDeskOf(app);
  const mappings = mappingDeskOf(app);
  return {
    async preview(args: FileArgs): Promise<InventoryPreview> {
      const sheet = await desk.preview(args.kind, args.filename, fileBytes(args));
      return {
        kind: args.kind,
        total: sheet.total,
        rows: sheet.rows.map((r) => rowView(r.rowNo, r.row)),
        errors: sheet.errors,
        infno: desk.infnos()[args.kind],
      };
    },
    async import(args: FileArgs): Promise<InventoryImportView> {
      const r = await desk.importFile(args.kind, args.filename, fileBytes(args));
      return { ...r, errors: r.errors };
    },
    queue(args: { importId?: number; states?: readonly ItemState[] }): InventoryQueueView {
      return { counts: desk.queue.counts(), items: desk.items({ ...args, limit: 2000 }).map(itemView) };
    },
    async upload(args: { force?: boolean }): Promise<InventoryUploadResult> {
      const report = await desk.upload({
        force: args.force ?? true,
        onProgress: (p) => events.progress('inventory.upload', `${p.step}: ${p.done}/${p.total} 行`, p.step === '完成'),
      });
      return { ...report, items: report.items.map(itemView) };
    },
    retry(args: { ids?: readonly number[] }): { requeued: number } {
      return { requeued: desk.retryRejected(args.ids) };
    },
    async query(args: {
      kind: LedgerQueryKind;
      item?: string;
      batch?: string;
      from?: string;
      to?: string;
      page?: number;
    }): Promise<LedgerPageView> {
      const page = await desk.query(args);
      return { ...page, rows: page.rows.map((r) => maskPersonalData(r) as Record<string, unknown>) };
    },
    mappingList(args: { includeRevoked?: boolean }): MappingView[] {
      return mappings.list(args).map(mappingView);
    },
    async mappingUpload(args: {
      localCode: string;
      localName: string;
      nationalCode: string;
      listType?: string;
      barcode?: string;
    }): Promise<MappingView> {
      return mappingView(await mappings.upload(args));
    },
    async mappingRevoke(args: { localCode: string }): Promise<MappingView> {
      return mappingView(await mappings.revoke(args.localCode));
    },
  };
}

const apis = new WeakMap<CounterApp, ReturnType<typeof inventoryApi>>();

/** One per opened app (the desks keep their upload in progress). */
export function inventoryApiOf(app: CounterApp, events: CounterEvents): ReturnType<typeof inventoryApi> {
  let api = apis.get(app);
  if (!api) {
    api = inventoryApi(app, events);
    apis.set(app, api);
  }
  return api;
}

/** The API methods of these screens, keyed as in the contract (spread into the API handlers). */
export function inventoryHandlers(app: CounterApp, events: CounterEvents) {
  const api = () => inventoryApiOf(app, events);
  return {
    'inventory.preview': (args: FileArgs) => api().preview(args),
    'inventory.import': (args: FileArgs) => api().import(args),
    'inventory.queue': (args: { importId?: number; states?: ItemState[] }) => api().queue(args),
    'inventory.upload': (args: { force?: boolean }) => api().upload(args),
    'inventory.retry': (args: { ids?: number[] }) => api().retry(args),
    'inventory.query': (args: Parameters<ReturnType<typeof inventoryApi>['query']>[0]) => api().query(args),
    'mapping.list': (args: { includeRevoked?: boolean }) => api().mappingList(args),
    'mapping.upload': (args: Parameters<ReturnType<typeof inventoryApi>['mappingUpload']>[0]) => api().mappingUpload(args),
    'mapping.revoke': (args: { localCode: string }) => api().mappingRevoke(args),
  };
}
