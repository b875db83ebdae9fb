/**
 * 挂号 (2201 / 2201A): medical category, department and doctor picked from the institution's
 * lists (kept in the counter's database: 5102 医师, and whatever was entered by hand or used
 * before), found by code, name or 拼音首字母; a new one is typed and kept after the registration.
 *
 * A light form (PlainField, PlainSelect, the listbox of the searches) rather than antd's Form, Select and
 * AutoComplete: those were most of the time from a read card to 挂号 and from Enter to 就诊信息 (issue 17).
 */
import { memo, useMemo, useRef, type ReactNode, type Ref } from 'react';
import { Button, Card, Input, Typography, type InputRef } from 'antd';
import type { DepartmentRow, DoctorRow, StaffLists } from '../../../../src-main/api/contract';
import type { RegisterForm as Values } from '../../stores/clinic-store';
import { useHomeField } from '../../focus';
import { slowSpinner } from '../../components/slow-spinner';
import { PlainField } from '../../components/PlainField';
import { PlainSelect } from '../../components/PlainSelect';
import { useSearchListbox } from '../../components/SearchListbox';
import { usePlainForm } from '../../components/use-plain-form';
import { MED_TYPES, REGISTER_FIELDS, isWholePick, matchingRows, registerProblems, trimmedValues } from './register-values';

interface StaffRow {
  code: string;
  name: string;
  initials: string;
}

/**
 * A code field with the institution's rows under it: typing lists the rows it matches, ↑ ↓ and Enter (or the
 * mouse) pick one; a field holding a whole code keeps the list shut, so Enter there sends the form.
 */
function PickInput<T extends StaffRow>({
  id,
  rows,
  label,
  value,
  onChange,
  onPick,
  width,
  testId,
  disabled,
  problem,
  inputRef,
}: {
  id: string;
  rows: readonly T[];
  label: (row: T) => string;
  value: string;
  onChange: (value: string) => void;
  onPick: (row: T) => void;
  width: number;
  testId: string;
  disabled: boolean;
  problem: string | undefined;
  inputRef?: Ref<InputRef>;
}) {
  // One list per text: a new array at each render would highlight the first row again each time.
  const hits = useMemo(() => matchingRows(rows, value), [rows, value]);
  const listbox = useSearchListbox({
    hits,
    keyOf: (r) => r.code,
    text: value,
    onPick,
    enterPicks: true,
    settled: isWholePick(rows, value),
  });
  return (
    <span {...listbox.wrapperProps} style={{ display: 'inline-block', width }}>
      <Input
        {...listbox.inputProps}
        id={id}
        ref={inputRef}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        status={problem ? 'error' : undefined}
        autoComplete="off"
        placeholder="编码、名称或拼音首字母"
        data-testid={testId}
      />
      {listbox.list(label, { minWidth: 360, optionTestId: `${testId}-option` })}
    </span>
  );
}

const departmentLabel = (d: DepartmentRow) => `${d.code} ${d.name} · 科别 ${d.caty}`;
const doctorLabel = (d: DoctorRow) => `${d.code} ${d.name}${d.source === '5102' ? ' (医保登记)' : ''}`;

/** Memoised: the clinic screen draws again at each change of the visit; this form only when its own props change. */
export const RegisterForm = memo(function RegisterForm({
  initial,
  staff,
  fetched,
  infno,
  busy,
  syncing,
  disabled,
  onSubmit,
  onSyncDoctors,
}: {
  /** The values shown first (the last registration's department and doctor); later changes of it are not taken. */
  initial: Values;
  staff: StaffLists;
  /** How many 医师 the last 5102 listed (null: not asked yet). */
  fetched: number | null;
  infno: string;
  busy: boolean;
  syncing: boolean;
  disabled: boolean;
  onSubmit: (v: Values) => void;
  onSyncDoctors: () => void;
}) {
  const { values, problems, idOf, change, submit } = usePlainForm({
    initial,
    order: REGISTER_FIELDS,
    check: registerProblems,
    send: (v) => onSubmit(trimmedValues(v)),
  });
  // 科室编码 is the home field of 挂号 (focus.ts): it takes the cursor also when the screen is shown again.
  const deptInput = useRef<InputRef>(null);
  useHomeField(deptInput, !disabled && !busy);

  /** What a field's control takes from the form. */
  const bound = (field: keyof Values) => ({
    id: idOf(field),
    value: values[field],
    onChange: (value: string) => change({ [field]: value }),
    disabled,
    problem: problems[field],
  });
  const labelled = (field: keyof Values, label: string, control: ReactNode) => (
    <PlainField label={label} htmlFor={idOf(field)} required problem={problems[field]}>
      {control}
    </PlainField>
  );
  const text = (field: 'deptName' | 'caty' | 'doctorName', width: number, testId: string) => {
    const { onChange, problem, ...rest } = bound(field);
    return (
      <Input
        {...rest}
        onChange={(e) => onChange(e.target.value)}
        status={problem ? 'error' : undefined}
        autoComplete="off"
        style={{ width }}
        data-testid={testId}
      />
    );
  };
  const doctors5102 = staff.doctors.filter((d) => d.source === '5102').length;
  return (
    <Card
      size="small"
      title={`挂号 (${infno})`}
      extra={
        <Button size="small" onClick={onSyncDoctors} loading={syncing} disabled={busy} data-testid="sync-doctors">
          从医保中心获取医生 (5102)
        </Button>
      }
    >
      <form onSubmit={submit} noValidate>
        {/* While 2201 is on its way the fields are inert (no keys, no clicks), not drawn again disabled. */}
        <div className="plain-form-row" inert={busy}>
          {labelled(
            'medType',
            '医疗类别',
            <PlainSelect {...bound('medType')} options={MED_TYPES} width={160} testId="med-type" />,
          )}
          {labelled(
            'deptCode',
            '科室编码',
            <PickInput
              {...bound('deptCode')}
              rows={staff.departments}
              label={departmentLabel}
              onPick={(d) => change({ deptCode: d.code, deptName: d.name, caty: d.caty })}
              width={170}
              testId="dept-code"
              inputRef={deptInput}
            />,
          )}
          {labelled('deptName', '科室名称', text('deptName', 140, 'dept-name'))}
          {labelled('caty', '科别', text('caty', 90, 'caty'))}
          {labelled(
            'doctorCode',
            '医生编码',
            <PickInput
              {...bound('doctorCode')}
              rows={staff.doctors}
              label={doctorLabel}
              onPick={(d) => change({ doctorCode: d.code, doctorName: d.name })}
              width={190}
              testId="doctor-code"
            />,
          )}
          {labelled('doctorName', '医生姓名', text('doctorName', 110, 'doctor-name'))}
        </div>
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="staff-note">
            {`本机构科室 ${staff.departments.length} 个, 医生 ${staff.doctors.length} 位 (其中医保登记 ${doctors5102} 位)。`}
            {fetched !== null && `医保中心本次列出医师 ${fetched} 位。`}
            {staff.departments.length === 0
              ? '还没有科室: 第一次请手工填写科室编码、名称和科别, 挂号成功后会保存, 下次可直接选择。'
              : '在编码框输入编码、名称或拼音首字母选择; 新科室或新医生直接填写, 挂号成功后保存。'}
          </Typography.Text>
        </div>
        <Button type="primary" htmlType="submit" loading={slowSpinner(busy)} disabled={busy || disabled} data-testid="register">
          挂号 (Enter)
        </Button>
      </form>
    </Card>
  );
});
