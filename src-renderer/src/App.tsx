/** The counter's shell: status bar (institution, center, operator) and the screens. */
import { useEffect, useState } from 'react';
import { Alert, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useSessionStore } from './stores/session-store';
import { SignInScreen } from './screens/SignInScreen';
import { InterfacesScreen } from './screens/InterfacesScreen';

type ScreenKey = 'signin' | 'interfaces';

export function App() {
  const { status, session, error, refresh } = useSessionStore();
  const [screen, setScreen] = useState<ScreenKey>('signin');

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#0b4f8a' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          医保收银台
        </Typography.Title>
        {status && (
          <Space size="middle" style={{ color: '#dbe8f5' }} data-testid="status-bar">
            <span>{status.institution.name}</span>
            <span>{status.institution.code}</span>
            <Tag color={status.sandbox ? 'orange' : 'green'}>{status.sandbox ? '沙箱中心 (培训/测试)' : '正式中心'}</Tag>
            <span>{status.profile.name}</span>
            <span data-testid="operator">{session ? `操作员 ${session.opter} ${session.opterName}` : '未签到'}</span>
          </Space>
        )}
      </Layout.Header>
      <Layout>
        <Layout.Sider width={180} theme="light">
          <Menu
            mode="inline"
            selectedKeys={[screen]}
            onClick={(e) => setScreen(e.key as ScreenKey)}
            items={[
              { key: 'signin', label: '签到 / 签退' },
              { key: 'interfaces', label: '接口清单' },
            ]}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          {error && !status && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          {screen === 'signin' && <SignInScreen />}
          {screen === 'interfaces' && <InterfacesScreen />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
