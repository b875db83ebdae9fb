/** The shop store link as the header shows it: this counter, events waiting, the last error. */
import type { ShopLink } from '../shop/shop-link';
import type { ShopHeaderView } from './views';

export function shopHeaderOf(shop: Pick<ShopLink, 'status'>): ShopHeaderView {
  const s = shop.status();
  return {
    counterName: s.counterName,
    slot: s.slot,
    pending: s.pending,
    online: s.online,
    lastError: s.lastError,
    lastPushAt: s.lastPushAt,
  };
}
