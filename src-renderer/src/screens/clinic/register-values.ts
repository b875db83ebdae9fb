/**
 * What 挂号's form knows without the screen: the medical categories it offers, which of the institution's
 * departments or doctors match what was typed, and what is wrong with the values before 2201 is asked.
 */
import { missingFields } from '../../components/plain-form';

export const MED_TYPES = [
  { value: '11', label: '11 普通门诊' },
  { value: '14', label: '14 门诊慢特病' },
] as const;

/** The fields in the order they stand on screen (the cursor goes to the first one wrong). */
export const REGISTER_FIELDS = ['medType', 'deptCode', 'deptName', 'caty', 'doctorCode', 'doctorName'] as const;

/** The form's values (the clinic store's RegisterForm): one text per field. */
export type RegisterValues = Readonly<Record<(typeof REGISTER_FIELDS)[number], string>>;

export type RegisterProblems = Partial<Record<keyof RegisterValues, string>>;

const MISSING: Readonly<Record<keyof RegisterValues, string>> = {
  medType: '请选择医疗类别',
  deptCode: '请输入科室编码',
  deptName: '请输入科室名称',
  caty: '请输入科别',
  doctorCode: '请输入医生编码',
  doctorName: '请输入医生姓名',
};

/** 科别: the center's code of the department's kind, 1–6 letters or digits. */
const CATY = /^[0-9A-Za-z]{1,6}$/;

/** Each field that must change before 挂号 is sent, with what to tell the cashier (empty when all is well). */
export function registerProblems(values: RegisterValues): RegisterProblems {
  const problems = missingFields(values, MISSING);
  if (!problems.caty && !CATY.test(values.caty.trim())) problems.caty = '1–6 位字母或数字';
  return problems;
}

/** The values as sent: a code or name copied with a space around it is not a different one. */
export function trimmedValues(values: RegisterValues): Record<keyof RegisterValues, string> {
  return {
    medType: values.medType.trim(),
    deptCode: values.deptCode.trim(),
    deptName: values.deptName.trim(),
    caty: values.caty.trim(),
    doctorCode: values.doctorCode.trim(),
    doctorName: values.doctorName.trim(),
  };
}

/** At most this many rows under a field: drawn whole, no virtual list. */
const PICK_ROWS_SHOWN = 30;

/** Rows whose code, name or 拼音首字母 contain what was typed (the first rows for an empty field). */
export function matchingRows<T extends { code: string; name: string; initials: string }>(rows: readonly T[], typed: string): T[] {
  const text = typed.trim();
  const q = text.toUpperCase();
  const hits =
    q === '' ? rows : rows.filter((r) => r.code.toUpperCase().includes(q) || r.name.includes(text) || r.initials.includes(q));
  return hits.slice(0, PICK_ROWS_SHOWN);
}

/** The field holds one row's code exactly: a whole pick, nothing left to choose. */
export function isWholePick(rows: readonly { code: string }[], typed: string): boolean {
  return rows.some((r) => r.code === typed);
}
