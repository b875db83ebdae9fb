/**
 * The counter's shell: status bar (institution, center, profile, operator, open reversals),
 * the screens, the global keys (F1 读卡, F2 收费, F3 流水, F4 签到/交班, F10 设置) and the live event
 * stream.
 */
import { Activity, useEffect, useMemo, type ReactNode } from 'react';
import { Alert, Layout, Typography } from 'antd';
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
import { StatusHeader } from './components/StatusHeader';
import { SideMenu } from './components/SideMenu';
import { useHotkeys } from './keyboard';
import { useEscapeRefocus } from './focus';
import { ScreenActive } from './screen-active';

/** Screens that need a signed-in operator. */
const NEEDS_SIGN_IN: readonly ScreenKey[] = ['card', 'sale', 'mapping', 'inventory', 'rx', 'region'];

export function App() {
  // Narrow subscriptions: the shell (and the screens it holds) redraws when the screen, the sign-in or the
  // institution changes, not at every journal event or cursor request (issue 17: such a redraw of the whole
  // window took a frame or two from whatever keystroke it fell into).
  const status = useSessionStore((s) => s.status);
  const session = useSessionStore((s) => s.session);
  const error = useSessionStore((s) => s.error);
  const refresh = useSessionStore((s) => s.refresh);
  const screen = useNavStore((s) => s.screen);
  const go = useNavStore((s) => s.go);
  const restartedAt = useLiveStore((s) => s.restartedAt);

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
  const signedIn = session !== null;
  const blocked = !signedIn && NEEDS_SIGN_IN.includes(screen);
  // The region's own transactions (四川 S / Z codes) get their screen only where the profile names them.
  const regional = Object.keys(status?.profile.regionCodes ?? {}).length > 0;
  // 读卡 and 收费, the screens of every customer, stay mounted while signed in and are only shown or hidden.
  // The same elements from one render of the shell to the next, so showing one does not redraw both.
  const kept = useMemo<Partial<Record<ScreenKey, ReactNode>>>(
    () => (signedIn ? { card: <ReadCardScreen />, sale: kind === 'clinic' ? <ClinicScreen /> : <PharmacyScreen /> } : {}),
    [signedIn, kind],
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#0b4f8a', paddingInline: 20 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          医保收银台
        </Typography.Title>
        <StatusHeader />
      </Layout.Header>
      <Layout>
        <SideMenu kind={kind} saleLabel={saleLabel} regionName={regional ? (status?.profile.name ?? '') : null} />
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
