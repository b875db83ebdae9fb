/**
 * The side menu of screens (the F-keys reach the main ones without it). Memoised on what it shows: antd's Menu
 * is one of the heavier parts of the window, and the shell redraws at each F-key.
 */
import { memo } from 'react';
import { Layout, Menu } from 'antd';
import { useNavStore, type ScreenKey } from '../stores/nav-store';

interface SideMenuProps {
  readonly screen: ScreenKey;
  readonly kind: 'pharmacy' | 'clinic';
  readonly saleLabel: string;
  /** The region's own screen (四川 S / Z codes) under this name, or null where the profile has none. */
  readonly regionName: string | null;
}

export const SideMenu = memo(function SideMenu({ screen, kind, saleLabel, regionName }: SideMenuProps) {
  return (
    <Layout.Sider width={190} theme="light" className="side-menu">
      <Menu
        mode="inline"
        selectedKeys={[screen]}
        onClick={(e) => useNavStore.getState().go(e.key as ScreenKey)}
        data-testid="menu"
        items={[
          { key: 'signin', label: 'F4 签到 / 交班' },
          { key: 'card', label: 'F1 读卡' },
          { key: 'sale', label: `F2 ${saleLabel}` },
          { key: 'journal', label: 'F3 交易流水' },
          ...(kind === 'clinic' ? [] : [{ key: 'rx', label: '电子处方' }]),
          { key: 'reports', label: '对账与报表' },
          ...(regionName !== null ? [{ key: 'region', label: `${regionName}扩展` }] : []),
          { key: 'prices', label: '价目表' },
          { key: 'mapping', label: '目录对照' },
          { key: 'inventory', label: '进销存上传' },
          { key: 'settings', label: 'F10 设置' },
          { key: 'interfaces', label: '接口清单' },
        ]}
      />
    </Layout.Sider>
  );
});
