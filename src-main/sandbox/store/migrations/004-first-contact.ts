/**
 * 大学生 首诊医疗机构: the institution a college student's outpatient pooling is tied to (seed 004 ②
 * rows 2, 3, 6, 7). The center knows it from the person's 定点 record (2505 人员定点备案, queried with
 * 5302); no settlement request carries it, so the policy compares it with the envelope's fixmedins_code.
 */
import type { Migration } from '../../../storage/sqlite';

export const migration004: Migration = {
  version: 4,
  name: '大学生 first-contact institution on the insurance row',
  up(db) {
    db.exec('ALTER TABLE insurance ADD COLUMN first_contact_fixmedins TEXT');
  },
};
