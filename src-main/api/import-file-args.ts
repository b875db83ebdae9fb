/** The fields of a spreadsheet chosen on a screen (price list, 进销存): its name and bytes, base64, at most 10 MB. */
import { z } from 'zod';
import { MAX_IMPORT_BASE64_CHARS } from './limits';

export const importFileFields = {
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/\.(csv|txt|xlsx)$/i, { message: '请选择 .csv 或 .xlsx 文件' }),
  contentBase64: z.string().min(1, { message: '文件是空的' }).max(MAX_IMPORT_BASE64_CHARS, { message: '文件超过 10 MB' }),
};
