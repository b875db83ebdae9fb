/** 签到 / 签退: the operator signs in (9001) before any business, and out (9002) at shift change. */
import { Alert, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useSessionStore } from '../stores/session-store';

export function SignInScreen() {
  const { session, loading, error, signIn, signOut } = useSessionStore();

  if (session) {
    return (
      <Card title="当前操作员" style={{ maxWidth: 560 }}>
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label="操作员">{`${session.opter} ${session.opterName}`}</Descriptions.Item>
          <Descriptions.Item label="签到编号">{session.signNo}</Descriptions.Item>
          <Descriptions.Item label="签到时间">{session.signTime}</Descriptions.Item>
        </Descriptions>
        {error && <Alert style={{ marginTop: 16 }} type="error" showIcon title={error} />}
        <Space style={{ marginTop: 16 }}>
          <Button danger loading={loading} onClick={() => void signOut()} data-testid="sign-out">
            签退 (9002)
          </Button>
        </Space>
      </Card>
    );
  }

  return (
    <Card title="操作员签到" style={{ maxWidth: 560 }}>
      <Typography.Paragraph type="secondary">签到后才能办理读卡、结算等业务。签到编号会写入之后每一笔交易。</Typography.Paragraph>
      <Form
        layout="vertical"
        onFinish={(v: { opter: string; opterName: string }) => void signIn(v.opter.trim(), v.opterName.trim())}
        disabled={loading}
      >
        <Form.Item label="操作员编号" name="opter" rules={[{ required: true, message: '请输入操作员编号' }, { max: 20 }]}>
          <Input autoFocus autoComplete="off" data-testid="opter" />
        </Form.Item>
        <Form.Item label="操作员姓名" name="opterName" rules={[{ required: true, message: '请输入操作员姓名' }, { max: 50 }]}>
          <Input autoComplete="off" data-testid="opter-name" />
        </Form.Item>
        {error && <Alert style={{ marginBottom: 16 }} type="error" showIcon title={error} data-testid="sign-in-error" />}
        <Button type="primary" htmlType="submit" loading={loading} data-testid="sign-in">
          签到 (9001)
        </Button>
      </Form>
    </Card>
  );
}
