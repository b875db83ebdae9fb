/**
 * The header's live part: institution, the center's reach, the profile, the shop store link, the catalogue's
 * first fill, the operator and the warnings (backup, clock, restore, open reversals). Its own component with its
 * own store subscriptions: a journal event (about a second after each call to the center) redraws this bar only,
 * not the shell and the screens under it, where it used to land in the middle of the next customer's keystrokes.
 */
import { Badge, Space, Tag } from 'antd';
import { useSessionStore } from '../stores/session-store';
import { useNavStore } from '../stores/nav-store';
import { useLiveStore } from '../stores/live-store';
import { CatalogueFillTag } from './CatalogueFillTag';
import type { CenterReachView, ShopHeaderView } from '../../../src-main/counter/views';

export function StatusHeader() {
  const status = useSessionStore((s) => s.status);
  const session = useSessionStore((s) => s.session);
  const open = useLiveStore((s) => s.open);
  const needsManual = useLiveStore((s) => s.needsManual);
  const liveShop = useLiveStore((s) => s.shop);
  const liveCenter = useLiveStore((s) => s.center);
  const go = useNavStore((s) => s.go);
  if (!status) return null;
  return (
    <Space size="middle" style={{ color: '#dbe8f5' }} data-testid="status-bar">
      <span>{status.institution.name}</span>
      <span>{status.institution.code}</span>
      <CenterTag sandbox={status.sandbox} reach={liveCenter ?? status.centerReach} />
      <span>{status.profile.name}</span>
      <ShopTag shop={liveShop ?? status.shop} />
      <CatalogueFillTag />
      <span data-testid="operator">{session ? `操作员 ${session.opter} ${session.opterName}` : '未签到'}</span>
      {status.backup.warning && (
        <a onClick={() => go('settings')} style={{ color: '#ffd666' }} title={status.backup.warning} data-testid="backup-warning">
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
          <Badge status="warning" /> {open > 0 ? `${open} 笔处理中` : ''} {needsManual > 0 ? `${needsManual} 笔需人工核实` : ''}
        </a>
      )}
    </Space>
  );
}

/** The center badge's colour and word for each state of reach. */
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

/** The shop store link: which counter this is, and whether its records reached the shop store (issue 20). */
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
