/** Argument schemas and result types of the 科室与医生 API methods (zod and types only; the contract spreads them in). */
import { z } from 'zod';
import type { StaffLists } from './staff-list';

export const staffApiArgs = {
  'staff.list': z.strictObject({}),
  /** 5102 医师 of the institution, kept in the list. */
  'staff.syncDoctors': z.strictObject({}),
};

export interface StaffApiResults {
  'staff.list': StaffLists;
  'staff.syncDoctors': StaffLists & { readonly fetched: number };
}
