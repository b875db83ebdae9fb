/** The shop's counters as the screens list them (report scope, 交易流水's counter column). */
import type { ShopLink } from './shop-link';

export interface ShopCounterView {
  readonly slot: number;
  readonly name: string;
  /** This counter. */
  readonly mine: boolean;
}

export async function shopCountersOf(shop: Pick<ShopLink, 'store' | 'counter'>): Promise<ShopCounterView[]> {
  return (await shop.store.counters()).map((c) => ({
    slot: c.slot,
    name: c.name,
    mine: c.counterId === shop.counter.counterId,
  }));
}
