/** The day a reconciliation or a report is for (pure: the API contract and the renderer share it). */
import { z } from 'zod';
import { DATE_RE, formatDate, parseDate } from '../core/time';

const roundTrips = (d: string): boolean => {
  const parsed = parseDate(d);
  return parsed !== undefined && formatDate(parsed) === d;
};

export const reportDateSchema = z
  .string()
  .regex(DATE_RE, { message: '日期格式应为 yyyy-MM-dd' })
  .refine(roundTrips, { message: '日期不存在' });
