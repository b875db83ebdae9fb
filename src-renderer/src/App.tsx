/**
 * The counter's shell: status bar (institution, center, profile, operator, open reversals),
 * the screens, the global keys (F1 读卡, F2 收费, F3 流水, F4 签到/交班, F10 设置) and the live event
 * stream.
 */
import { Activity, useEffect, type ReactNode } from 'react';
import { Alert, Badge, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useSessionStore } from './stores/session-store';
import { useNavStore, type ScreenKey } from './stores/nav-store';
import { startLiveUpdates, useLiveStore } from './stores/live-store';
import { SignInScreen } from './screens/SignInScreen';
import { ReadCardScreen } from './screens/ReadCardScreen';
import { PharmacyScreen } from './screens/PharmacyScreen';
import { ClinicScreen } from './screens/ClinicScreen';
import { JournalScreen } from './screens/JournalScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { InterfacesScreen } from './screens/InterfacesScreen';
import { ReportsScreen } from './screens/ReportsScreen';
import { PrescriptionScreen } from './screens/PrescriptionScreen';
import { MappingScreen } from './screens/MappingScreen';
import { PriceListScreen } from './screens/PriceListScreen';
import { InventoryScreen } from './screens/InventoryScreen';
import { RegionScreen } from './screens/RegionScreen';
import { KeyHints } from './components/KeyHints';
import { CatalogueFillTag } from './components/CatalogueFillTag';
import { useHotkeys } from './keyboard';
import { useEscapeRefocus } from './focus';
import { ScreenActive } from './screen-active';
import type { CenterReachView, ShopHeaderView } from '../../src-main/counter/views';

/** Screens that need a signed-in operator. */
const NEEDS_SIGN_IN: readonly ScreenKey[] = ['card', 'sale', 'mapping', 'inventory', 'rx', 'region'];

export function App() {
  const { status, session, error, refresh } = useSessionStore();
  const { screen, go } = useNavStore();
  const open = useLiveStore((s) => s.open);
  const needsManual = useLiveStore((s) => s.needsManual);
  const restartedAt = useLiveStore((s) => s.restartedAt);
  const liveShop = useLiveStore((s) => s.shop);
  const liveCenter = useLiveStore((s) => s.center);

  useEffect(() => startLiveUpdates(), []);
  useEffect(() => {
    void refresh();
  }, [refresh, restartedAt]);
  // Start where the cashier can work: signed in → 读卡, otherwise 签到.
  const signNo = session?.signNo;
  useEffect(() => {
    if (signNo && useNavStore.getState().screen === 'signin') go('card');
  }, [signNo, go]);

  useEscapeRefocus();
  useHotkeys({
    F1: () => go('card'),
    F2: () => go('sale'),
    F3: () => go('journal'),
    F4: () => go('signin'),
    F10: () => go('settings'),
  });

  const kind = status?.institution.kind ?? 'pharmacy';
  const saleLabel = kind === 'clinic' ? '门诊收费' : '药店购药';
  const blocked = !session && NEEDS_SIGN_IN.includes(screen);
  // The region's own transactions (四川 S / Z codes) get their screen only where the profile names them.
  const regional = Object.keys(status?.profile.regionCodes ?? {}).length > 0;
  // 读卡 and 收费, the screens of every customer, stay mounted while signed in and are only shown or hidden.
  const kept: Partial<Record<ScreenKey, ReactNode>> = session
    ? { card: <ReadCardScreen />, sale: kind === 'clinic' ? <ClinicScreen /> : <PharmacyScreen /> }
    : {};

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#0b4f8a', paddingInline: 20 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          医保收银台
        </Typography.Title>
        {status && (
          <Space size="middle" style={{ color: '#dbe8f5' }} data-testid="status-bar">
            <span>{status.institution.name}</span>
            <span>{status.institution.code}</span>
            <CenterTag sandbox={status.sandbox} reach={liveCenter ?? status.centerReach} />
            <span>{status.profile.name}</span>
            <ShopTag shop={liveShop ?? status.shop} />
            <CatalogueFillTag />
            <span data-testid="operator">{session ? `操作员 ${session.opter} ${session.opterName}` : '未签到'}</span>
            {status.backup.warning && (
              <a
                onClick={() => go('settings')}
                style={{ color: '#ffd666' }}
                title={status.backup.warning}
                data-testid="backup-warning"
              >
                <Badge status="warning" /> {status.backup.last ? '备份已超过两天' : '尚无备份'}
              </a>
            )}
            {status.clockWarning && (
              <span style={{ color: '#ffa39e' }} title={status.clockWarning} data-testid="clock-warning">
                本机时钟不准
              </span>
            )}
            {status.restorePending !== null && (
              <span style={{ color: '#ffa39e' }} title={status.restorePending} data-testid="restore-pending">
                恢复备份后尚未与中心核对
              </span>
            )}
            {(open > 0 || needsManual > 0) && (
              <a onClick={() => go('journal')} style={{ color: '#ffd666' }} data-testid="open-badge">
                <Badge status="warning" /> {open > 0 ? `${open} 笔处理中` : ''}{' '}
                {needsManual > 0 ? `${needsManual} 笔需人工核实` : ''}
              </a>
            )}
          </Space>
        )}
      </Layout.Header>
      <Layout>
        <Layout.Sider width={190} theme="light" className="side-menu">
          <Menu
            mode="inline"
            selectedKeys={[screen]}
            onClick={(e) => go(e.key as ScreenKey)}
            data-testid="menu"
            items={[
              { key: 'signin', label: 'F4 签到 / 交班' },
              { key: 'card', label: 'F1 读卡' },
              { key: 'sale', label: `F2 ${saleLabel}` },
              { key: 'journal', label: 'F3 交易流水' },
              ...(kind === 'clinic' ? [] : [{ key: 'rx', label: '电子处方' }]),
              { key: 'reports', label: '对账与报表' },
              ...(regional ? [{ key: 'region', label: `${status?.profile.name ?? ''}扩展` }] : []),
              { key: 'prices', label: '价目表' },
              { key: 'mapping', label: '目录对照' },
              { key: 'inventory', label: '进销存上传' },
              { key: 'settings', label: 'F10 设置' },
              { key: 'interfaces', label: '接口清单' },
            ]}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: '16px 20px 24px' }}>
          {error && !status && (
            <Alert type="error" showIcon title={error.message} description={error.hint} style={{ marginBottom: 16 }} />
          )}
          {Object.entries(kept).map(([key, node]) => (
            <Activity key={key} mode={screen === key ? 'visible' : 'hidden'}>
              <ScreenActive.Provider value={screen === key}>{node}</ScreenActive.Provider>
            </Activity>
          ))}
          {blocked ? (
            <Alert
              type="warning"
              showIcon
              title="请先签到"
              description="按 F4 到「签到 / 交班」页, 输入操作员编号和姓名后按 Enter。"
              data-testid="need-sign-in"
            />
          ) : (
            <>
              {screen === 'signin' && <SignInScreen />}
              {screen === 'journal' && <JournalScreen />}
              {screen === 'settings' && <SettingsScreen />}
              {screen === 'interfaces' && <InterfacesScreen />}
              {screen === 'reports' && <ReportsScreen />}
              {screen === 'mapping' && <MappingScreen />}
              {screen === 'prices' && <PriceListScreen />}
              {screen === 'inventory' && <InventoryScreen />}
              {screen === 'rx' && kind !== 'clinic' && <PrescriptionScreen />}
              {screen === 'region' && regional && <RegionScreen />}
            </>
          )}
        </Layout.Content>
      </Layout>
      <div className="keybar" data-testid="keybar">
        <KeyHints
          hints={[
            ['F1', '读卡'],
            ['F2', saleLabel],
            ['F3', '交易流水'],
            ['F4', '签到 / 交班'],
            ['F10', '设置'],
            ['Enter', '确认'],
            ['Esc', '返回 / 取消'],
          ]}
        />
      </div>
    </Layout>
  );
}

/** The shop store link: which counter this is, and whether its records reached the shop store (issue 20). */
const REACH_LOOK = {
  up: { color: 'green', text: '可连通' },
  down: { color: 'red', text: '连不上' },
  unsure: { color: 'orange', text: '应答异常' },
  untested: { color: 'default', text: '尚未调用' },
} as const;

/** The center's badge: whether it answered the last calls (journal), not merely which center is set. */
function CenterTag({ sandbox, reach }: { sandbox: boolean; reach: CenterReachView }) {
  const look = REACH_LOOK[reach.state];
  // No address here (issue 17: no addresses in a screen's text); 设置 shows it in a field.
  const name = sandbox ? '内置沙箱中心 (培训/测试)' : '医保中心';
  const history =
    reach.looked > 0 ? `最近 ${reach.looked} 次调用中 ${reach.failed} 次未得到应答; 最后一次 ${reach.lastAt}` : '尚无调用记录';
  const title = [name, history, reach.lastError].filter(Boolean).join('\n');
  return (
    <Tag
      color={sandbox && reach.state === 'up' ? 'orange' : look.color}
      title={title}
      data-testid="center-status"
      data-reach={reach.state}
    >
      {name} · {look.text}
    </Tag>
  );
}

function ShopTag({ shop }: { shop: ShopHeaderView | null }) {
  if (!shop) return null;
  const waiting = shop.pending > 0;
  const color = !shop.online ? 'red' : waiting ? 'orange' : 'green';
  const text = waiting ? `门店库 待推送 ${shop.pending} 条` : '门店库 已同步';
  const title = `${shop.counterName} (终端序号 ${shop.slot})${shop.lastPushAt ? `, 最近推送 ${shop.lastPushAt}` : ''}${
    shop.lastError ? `; ${shop.lastError}` : ''
  }`;
  return (
    <Tag color={color} title={title} data-testid="shop-status">
      {shop.counterName} · {shop.online ? text : `门店库未连接${waiting ? `, 待推送 ${shop.pending} 条` : ''}`}
    </Tag>
  );
}
