/**
 * The center's own dictionaries for 进销存 (3501–3511). The counter keeps its own copy in
 * protocol/transactions/inventory.ts; the two are kept apart on purpose (issue 22): the sandbox
 * is the test oracle, and an oracle that shares the code it judges cannot see its mistakes.
 */

/** inv_data_type of 3507: which kind of record a deletion names. */
export const INV_DATA_TYPES = { '1': '盘存信息', '2': '库存变更信息', '3': '采购信息', '4': '销售信息' } as const;
export type InvDataType = keyof typeof INV_DATA_TYPES;

export function isInvDataType(value: unknown): value is InvDataType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(INV_DATA_TYPES, value);
}

/** 库存变更类型 (inv_chg_type as the public clients use it) and the way each moves stock; other codes are refused. */
export const INV_CHG_TYPES = {
  '101': { label: '调拨入库', sign: 1 },
  '102': { label: '调拨出库', sign: -1 },
  '103': { label: '盘盈', sign: 1 },
  '104': { label: '盘损', sign: -1 },
  '105': { label: '损毁', sign: -1 },
  '106': { label: '其他入库', sign: 1 },
  '107': { label: '其他出库', sign: -1 },
} as const satisfies Record<string, { label: string; sign: 1 | -1 }>;
