/**
 * The side menu of screens (the F-keys reach the main ones without it): plain list items drawn like antd's
 * inline light Menu (app.css `.side-menu-*`, on the theme's variables). Each item follows only whether it is the
 * screen shown, so going from 读卡 to 收费 redraws two items; antd's Menu drew all of its items and their wrappers
 * at each screen change, about 7 ms of the read step at the till (issue 17, Chrome trace). Arrow keys move
 * between items and Enter / Space opens one, as in antd's Menu.
 */
import { memo, type KeyboardEvent } from 'react';
import { Layout } from 'antd';
import { useNavStore, type ScreenKey } from '../stores/nav-store';

interface SideMenuProps {
  readonly kind: 'pharmacy' | 'clinic';
  readonly saleLabel: string;
  /** The region's own screen (四川 S / Z codes) under this name, or null where the profile has none. */
  readonly regionName: string | null;
}

export const SideMenu = memo(function SideMenu({ kind, saleLabel, regionName }: SideMenuProps) {
  const items: readonly (readonly [ScreenKey, string])[] = [
    ['signin', 'F4 签到 / 交班'],
    ['card', 'F1 读卡'],
    ['sale', `F2 ${saleLabel}`],
    ['journal', 'F3 交易流水'],
    ...(kind === 'clinic' ? [] : [['rx', '电子处方'] as const]),
    ['reports', '对账与报表'],
    ...(regionName !== null ? [['region', `${regionName}扩展`] as const] : []),
    ['prices', '价目表'],
    ['mapping', '目录对照'],
    ['inventory', '进销存上传'],
    ['settings', 'F10 设置'],
    ['interfaces', '接口清单'],
  ];
  const moveFocus = (event: KeyboardEvent<HTMLUListElement>) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const shown = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = shown.indexOf(document.activeElement as HTMLElement);
    shown[(at + step + shown.length) % shown.length]?.focus();
  };
  return (
    <Layout.Sider width={190} theme="light" className="side-menu">
      <ul className="side-menu-list" role="menu" aria-label="功能" data-testid="menu" onKeyDown={moveFocus}>
        {items.map(([screen, label]) => (
          <SideMenuItem key={screen} screen={screen} label={label} />
        ))}
      </ul>
    </Layout.Sider>
  );
});

const SideMenuItem = memo(function SideMenuItem({ screen, label }: { screen: ScreenKey; label: string }) {
  const selected = useNavStore((s) => s.screen === screen);
  const open = () => useNavStore.getState().go(screen);
  return (
    <li
      role="menuitem"
      // One Tab stop for the whole menu (the item shown), the arrows for the rest.
      tabIndex={selected ? 0 : -1}
      aria-current={selected ? 'page' : undefined}
      className={selected ? 'side-menu-item side-menu-item-selected' : 'side-menu-item'}
      onClick={open}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          open();
        }
      }}
    >
      {label}
    </li>
  );
});
