/**
 * The designated institutions the sandbox center knows. A counter must be configured as
 * one of them: an unknown fixmedins_code is refused like a real center would.
 */
import type { InstitutionLevel } from '../policy';

export interface SandboxInstitution {
  readonly code: string;
  readonly name: string;
  /** fixmedins_type: 1 医疗机构, 2 零售药店. */
  readonly type: '1' | '2';
  readonly level: InstitutionLevel;
  readonly admdvs: string;
}

export const SANDBOX_INSTITUTIONS: readonly SandboxInstitution[] = [
  { code: 'P42010000001', name: '沙箱演示大药房', type: '2', level: 'pharmacy', admdvs: '420100' },
  { code: 'H42010000002', name: '沙箱演示诊所', type: '1', level: 'clinic', admdvs: '420100' },
  { code: 'H42010000003', name: '沙箱社区卫生服务中心', type: '1', level: 'level1', admdvs: '420100' },
  { code: 'H42010000004', name: '沙箱区人民医院', type: '1', level: 'level2', admdvs: '420100' },
];

/**
 * The seeded 大学生's 首诊医疗机构 (their 人员定点 record): the community health centre stands in for the
 * university's clinic, so the demo clinic (H42010000002) shows the refusal and this one the payment.
 */
export const UNIVERSITY_FIRST_CONTACT = 'H42010000003';

export function findInstitution(code: string): SandboxInstitution | undefined {
  return SANDBOX_INSTITUTIONS.find((i) => i.code === code);
}
