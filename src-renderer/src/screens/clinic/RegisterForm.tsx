/**
 * 挂号 (2201 / 2201A): medical category, department and doctor picked from the institution's
 * lists (kept in the counter's database: 5102 医师, and whatever was entered by hand or used
 * before), found by code, name or 拼音首字母; a new one is typed and kept after the registration.
 */
import { memo, useRef, type Ref } from 'react';
import { AutoComplete, Button, Card, Form, Input, Select, Space, Typography, type FormInstance, type InputRef } from 'antd';
import type { DepartmentRow, DoctorRow, StaffLists } from '../../../../src-main/api/contract';
import type { RegisterForm as Values } from '../../stores/clinic-store';
import { useHomeField } from '../../focus';
import { slowSpinner } from '../../components/slow-spinner';

export const MED_TYPES = [
  { value: '11', label: '11 普通门诊' },
  { value: '14', label: '14 门诊慢特病' },
];

/** Rows whose code, name or 拼音首字母 contain what was typed (all rows for an empty field). */
function matching<T extends { code: string; name: string; initials: string }>(rows: readonly T[], typed: string): T[] {
  const q = typed.trim().toUpperCase();
  if (q === '') return [...rows];
  return rows.filter((r) => r.code.toUpperCase().includes(q) || r.name.includes(typed.trim()) || r.initials.includes(q));
}

function PickInput<T extends { code: string; name: string; initials: string }>({
  rows,
  label,
  onPick,
  value,
  onChange,
  width,
  testId,
  inputRef,
}: {
  rows: readonly T[];
  label: (row: T) => string;
  onPick: (row: T) => void;
  value?: string;
  onChange?: (value: string) => void;
  width: number;
  testId: string;
  inputRef?: Ref<InputRef>;
}) {
  const shown = matching(rows, value ?? '').slice(0, 30);
  return (
    <AutoComplete
      value={value ?? ''}
      onChange={(v: string) => onChange?.(v)}
      onSelect={(code: string) => {
        const row = rows.find((r) => r.code === code);
        if (row) onPick(row);
      }}
      options={shown.map((r) => ({ value: r.code, label: <span data-testid={`${testId}-option`}>{label(r)}</span> }))}
      popupMatchSelectWidth={360}
      defaultActiveFirstOption
      // At most 30 rows: drawn whole. The virtual list measured each row's height after every change (issue 17).
      virtual={false}
      style={{ width }}
    >
      <Input ref={inputRef} data-testid={testId} placeholder="编码、名称或拼音首字母" />
    </AutoComplete>
  );
}

/** The 科室编码 field: picking a department fills its name and 科别 too. */
function departmentPick(form: FormInstance<Values>, staff: StaffLists) {
  return {
    rows: staff.departments,
    label: (d: DepartmentRow) => `${d.code} ${d.name} · 科别 ${d.caty}`,
    onPick: (d: DepartmentRow) => form.setFieldsValue({ deptCode: d.code, deptName: d.name, caty: d.caty }),
    width: 170,
    testId: 'dept-code',
  };
}

/** The 医生编码 field: picking a doctor fills the name too. */
function doctorPick(form: FormInstance<Values>, staff: StaffLists) {
  return {
    rows: staff.doctors,
    label: (d: DoctorRow) => `${d.code} ${d.name}${d.source === '5102' ? ' (医保登记)' : ''}`,
    onPick: (d: DoctorRow) => form.setFieldsValue({ doctorCode: d.code, doctorName: d.name }),
    width: 190,
    testId: 'doctor-code',
  };
}

/** The six fields of 挂号: drawn again only when the institution's lists change. */
const RegisterFields = memo(function RegisterFields({
  form,
  staff,
  deptInput,
}: {
  form: FormInstance<Values>;
  staff: StaffLists;
  deptInput: Ref<InputRef>;
}) {
  return (
    <Space wrap align="start">
      <Form.Item name="medType" label="医疗类别" rules={[{ required: true }]}>
        <Select options={MED_TYPES} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="deptCode" label="科室编码" rules={[{ required: true, message: '请输入科室编码' }]}>
        <PickInput {...departmentPick(form, staff)} inputRef={deptInput} />
      </Form.Item>
      <Form.Item name="deptName" label="科室名称" rules={[{ required: true, message: '请输入科室名称' }]}>
        <Input style={{ width: 140 }} data-testid="dept-name" />
      </Form.Item>
      <Form.Item
        name="caty"
        label="科别"
        rules={[{ required: true, pattern: /^[0-9A-Za-z]{1,6}$/, message: '1–6 位字母或数字' }]}
      >
        <Input style={{ width: 90 }} data-testid="caty" />
      </Form.Item>
      <Form.Item name="doctorCode" label="医生编码" rules={[{ required: true, message: '请输入医生编码' }]}>
        <PickInput {...doctorPick(form, staff)} />
      </Form.Item>
      <Form.Item name="doctorName" label="医生姓名" rules={[{ required: true, message: '请输入医生姓名' }]}>
        <Input style={{ width: 110 }} data-testid="doctor-name" />
      </Form.Item>
    </Space>
  );
});

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
  const [form] = Form.useForm<Values>();
  // 科室编码 is the home field of 挂号 (focus.ts): it takes the cursor also when the screen is shown again.
  const deptInput = useRef<InputRef>(null);
  useHomeField(deptInput, !disabled && !busy);
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
      {/* While 2201 is on its way the form is inert (no keys, no clicks) rather than drawn again
          disabled: antd's Form.Items each measure the page when drawn, which was most of the time
          from Enter to 就诊信息 (issue 17); the fields do not change with busy. */}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onSubmit} disabled={disabled}>
        <div inert={busy}>
          <RegisterFields form={form} staff={staff} deptInput={deptInput} />
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
        <Button type="primary" htmlType="submit" loading={slowSpinner(busy)} disabled={busy} data-testid="register">
          挂号 (Enter)
        </Button>
      </Form>
    </Card>
  );
});
