/**
 * Argument schemas and result types of the 进销存 / 目录对照 API methods. Pure (zod and types
 * only): the API contract spreads them in and the renderer imports them through it.
 */
import { z } from 'zod';
import { importFileFields } from '../api/import-file-args';
import {
  INVENTORY_KINDS,
  ITEM_STATES,
  LEDGER_QUERIES,
  type LedgerQueryKind,
  type InventoryImportView,
  type InventoryPreview,
  type InventoryQueueView,
  type InventoryUploadResult,
  type LedgerPageView,
  type MappingView,
} from './views';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 yyyy-MM-dd' });

/** A file chosen on the screen: its name and bytes (base64, at most 10 MB). */
const fileArgs = z.strictObject({
  kind: z.enum(INVENTORY_KINDS, { message: '请选择数据类型' }),
  ...importFileFields,
});

export const inventoryApiArgs = {
  'inventory.preview': fileArgs,
  'inventory.import': fileArgs,
  'inventory.queue': z.strictObject({
    importId: z.number().int().min(1).optional(),
    states: z.array(z.enum(ITEM_STATES)).max(6).optional(),
  }),
  'inventory.upload': z.strictObject({ force: z.boolean().optional() }),
  'inventory.retry': z.strictObject({ ids: z.array(z.number().int().min(1)).max(2000).optional() }),
  'inventory.query': z
    .strictObject({
      kind: z.enum(Object.keys(LEDGER_QUERIES) as [LedgerQueryKind, ...LedgerQueryKind[]]),
      item: z.string().trim().max(30).optional(),
      batch: z.string().trim().max(30).optional(),
      from: date.optional(),
      to: date.optional(),
      page: z.number().int().min(1).optional(),
    })
    .refine((a) => Boolean(a.item || a.batch), { message: '请输入本机构编码或批次号', path: ['item'] }),
  'mapping.list': z.strictObject({ includeRevoked: z.boolean().optional() }),
  'mapping.upload': z.strictObject({
    localCode: z.string().trim().min(1, { message: '请输入本机构编码' }).max(30, { message: '本机构编码不超过 30 位' }),
    localName: z.string().trim().min(1, { message: '请输入本机构名称' }).max(200),
    nationalCode: z.string().trim().min(1, { message: '请先选择医保目录项目' }).max(50),
    listType: z
      .string()
      .regex(/^[0-9A-Za-z]{1,30}$/, { message: '目录类别应为代码, 如 101' })
      .optional(),
    barcode: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z-]{1,50}$/, { message: '条形码只能含字母、数字和 -' })
      .optional(),
  }),
  'mapping.revoke': z.strictObject({ localCode: z.string().trim().min(1).max(30) }),
} as const;

export interface InventoryApiResults {
  'inventory.preview': InventoryPreview;
  'inventory.import': InventoryImportView;
  'inventory.queue': InventoryQueueView;
  'inventory.upload': InventoryUploadResult;
  'inventory.retry': { requeued: number };
  'inventory.query': LedgerPageView;
  'mapping.list': readonly MappingView[];
  'mapping.upload': MappingView;
  'mapping.revoke': MappingView;
}
