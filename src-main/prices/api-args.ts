/** Argument schemas and result types of the 价目表 API methods (zod and types only; the contract spreads them in). */
import { z } from 'zod';
import { MAX_IMPORT_BASE64_CHARS } from '../api/limits';
import type { PriceImportResult, PriceRow } from './price-list';

export const priceApiArgs = {
  'prices.list': z.strictObject({ query: z.string().trim().max(50).optional() }),
  'prices.set': z.strictObject({
    code: z.string().trim().min(1, { message: '请输入医保目录编码' }).max(50),
    name: z.string().trim().max(200).optional(),
    /** '' removes the price list entry. */
    priceText: z.string().trim().max(20),
  }),
  'prices.import': z.strictObject({
    filename: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/\.(csv|txt|xlsx)$/i, { message: '请选择 .csv 或 .xlsx 文件' }),
    contentBase64: z.string().min(1, { message: '文件是空的' }).max(MAX_IMPORT_BASE64_CHARS, { message: '文件超过 10 MB' }),
  }),
};

export interface PriceApiResults {
  'prices.list': readonly PriceRow[];
  'prices.set': PriceRow;
  'prices.import': PriceImportResult;
}
