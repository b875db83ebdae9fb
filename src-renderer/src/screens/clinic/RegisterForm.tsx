/** 挂号 (2201 / 2201A): department and doctor (remembered for the next visit), medical category. */
import { Button, Card, Form, Input, Select, Space } from 'antd';
import type { RegisterForm as Values } from '../../stores/clinic-store';

export const MED_TYPES = [
  { value: '11', label: '11 普通门诊' },
  { value: '14', label: '14 门诊慢特病' },
];

export function RegisterForm({
  initial,
  infno,
  busy,
  disabled,
  onSubmit,
}: {
  initial: Values;
  infno: string;
  busy: boolean;
  disabled: boolean;
  onSubmit: (v: Values) => void;
}) {
  return (
    <Card size="small" title={`挂号 (${infno})`}>
      <Form<Values> layout="vertical" initialValues={initial} onFinish={onSubmit} disabled={disabled || busy}>
        <Space wrap align="start">
          <Form.Item name="medType" label="医疗类别" rules={[{ required: true }]}>
            <Select options={MED_TYPES} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="deptCode" label="科室编码" rules={[{ required: true, message: '请输入科室编码' }]}>
            <Input style={{ width: 120 }} data-testid="dept-code" autoFocus />
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
            <Input style={{ width: 160 }} data-testid="doctor-code" />
          </Form.Item>
          <Form.Item name="doctorName" label="医生姓名" rules={[{ required: true, message: '请输入医生姓名' }]}>
            <Input style={{ width: 110 }} data-testid="doctor-name" />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="register">
          挂号 (Enter)
        </Button>
      </Form>
    </Card>
  );
}
