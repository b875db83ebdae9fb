/** Argument schemas and result types of the 价目表 API methods (zod and types only; the contract spreads them in). */
import { z } from 'zod';
import { importFileFields } from '../api/import-file-args';
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
    ...importFileFields,
  }),
};

export interface PriceApiResults {
  'prices.list': readonly PriceRow[];
  'prices.set': PriceRow;
  'prices.import': PriceImportResult;
}
