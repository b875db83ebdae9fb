/**
 * What a center of a region with a 安全控件 (seed 003 第六章, 第七章) refuses without a 校验介质: the
 * pharmacy and outpatient steps that register, settle or undo a visit. The control "是因为需要保证关键业务
 * 交易及结算类交易的数据安全存在的"; 第七章 reads the person through it (step 2) before 2101A / 2102A and
 * before 2103, and the medium of 2207 / 2207A covers 2201 … 2206. 1101 may carry it ("可以在 … 1101 业务场景
 * 使用") but is a query: the center answers it without one. The sandbox's own reading of the seed, kept
 * apart from the counter's (devices/safe-medium.ts) that it judges.
 */
export const SAFE_MEDIUM_CODES: ReadonlySet<string> = new Set([
  // 药店: 预结算, 结算, 结算撤销
  '2101',
  '2101A',
  '2102',
  '2102A',
  '2103',
  // 门诊: 挂号 … 结算, and their undo steps
  '2201',
  '2201A',
  '2202',
  '2203',
  '2203A',
  '2204',
  '2205',
  '2206',
  '2206A',
  '2207',
  '2207A',
  '2208',
]);
