/** The 流水归档 setting's rule, one for the config file and for 设置 (pure zod: the API contract uses it too). */
import { z } from 'zod';

const NOT_WHOLE = '归档年限应为整数年 (1 到 100), 不归档请写 null 或删除此项';

/** Whole years, 1–100; null: archiving off. */
export const archiveAfterYearsSchema = z
  .number({ message: NOT_WHOLE })
  .int({ message: NOT_WHOLE })
  .min(1, { message: '归档年限至少 1 年 (不归档请写 null 或删除此项)' })
  .max(100, { message: '归档年限不超过 100 年' })
  .nullable();
