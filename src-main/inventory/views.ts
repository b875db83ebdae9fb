/**
 * What the 进销存 and 目录对照 screens are given (pure: the renderer imports it through the API
 * contract).
 */

/** The upload kinds, in the order the screens list them. */
export const INVENTORY_KINDS = [
  'inventory',
  'stock-change',
  'purchase',
  'purchase-return',
  'sale',
  'sale-return',
  'delete',
] as const;
export type InventoryKindName = (typeof INVENTORY_KINDS)[number];

/** Each kind's name on screen and the region-profile flow that picks its infno (3503 or 3503A …). */
export const KIND_INFO: Readonly<Record<InventoryKindName, { readonly label: string; readonly flow: string }>> = {
  inventory: { label: '盘存', flow: 'inventoryCount' },
  'stock-change': { label: '库存变更', flow: 'inventoryChange' },
  purchase: { label: '采购', flow: 'inventoryPurchase' },
  'purchase-return': { label: '采购退货', flow: 'inventoryPurchaseReturn' },
  sale: { label: '销售', flow: 'inventorySale' },
  'sale-return': { label: '销售退货', flow: 'inventorySaleReturn' },
  delete: { label: '删除', flow: 'inventoryDelete' },
};

/** A queue item's states: queued → sending → done | rejected | not-sent | unknown. */
export const ITEM_STATES = ['queued', 'sending', 'done', 'rejected', 'not-sent', 'unknown'] as const;
export type InventoryItemState = (typeof ITEM_STATES)[number];

/** The center's ledger queries by what they list. */
export const LEDGER_QUERIES = { stock: '3508', changes: '3509', purchases: '3510', sales: '3511' } as const;
export type LedgerQueryKind = keyof typeof LEDGER_QUERIES;

/** One row of a file as the preview shows it. */
export interface InventoryRowView {
  readonly rowNo: number;
  readonly bchno: string;
  readonly localCode: string;
  readonly name: string;
  readonly nationalCode: string;
  /** The quantity as written in the spec row (text), when the kind has one. */
  readonly qty: string;
}

export interface InventoryPreview {
  readonly kind: InventoryKindName;
  readonly total: number;
  readonly rows: readonly InventoryRowView[];
  readonly errors: readonly { rowNo: number; message: string }[];
  /** The infno the current region profile uploads this kind with. */
  readonly infno: string;
}

export interface InventoryImportView {
  readonly id: number;
  readonly kind: InventoryKindName;
  readonly filename: string;
  readonly importedAt: string;
  readonly rowsTotal: number;
  readonly rowsQueued: number;
  readonly rowsInvalid: number;
  readonly errors: readonly { rowNo: number; message: string }[];
}

export interface InventoryItemView extends InventoryRowView {
  readonly id: number;
  readonly importId: number;
  readonly kind: InventoryKindName;
  readonly kindLabel: string;
  readonly state: InventoryItemState;
  readonly attempts: number;
  readonly message: string | null;
  readonly nextAttemptAt: string | null;
  readonly updatedAt: string;
}

export interface InventoryQueueView {
  readonly counts: Readonly<Record<InventoryItemState, number>>;
  readonly items: readonly InventoryItemView[];
}

export interface InventoryUploadResult {
  readonly calls: number;
  readonly done: number;
  readonly rejected: number;
  readonly waiting: number;
  readonly items: readonly InventoryItemView[];
}

export interface LedgerPageView {
  readonly infno: string;
  /** Rows as the center answers them (camelCase), personal fields masked. */
  readonly rows: readonly Record<string, unknown>[];
  readonly recordCounts: number | null;
  readonly pageNum: number;
  readonly pages: number | null;
}

export interface MappingView {
  readonly localCode: string;
  readonly localName: string;
  readonly nationalCode: string;
  readonly listType: string;
  readonly barcode: string | null;
  readonly begndate: string;
  readonly state: 'uploaded' | 'revoked';
  readonly uploadedAt: string;
  readonly revokedAt: string | null;
}
