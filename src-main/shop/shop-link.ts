/**
 * A counter's link to its shop store, opened by the composition root when the config has
 * `shop.postgresUrl`: who this counter is (an id made once, kept in SQLite), the terminalSlot the
 * shop gave it, the outbox the journal writes into and the pusher that empties it.
 *
 * Starting: the counter registers (or finds itself again) in the shop store and takes the slot
 * from there. A slot clash refuses the start. With the LAN down, a counter that registered before
 * starts with the slot it was given (kept locally); one that never reached the store does not
 * start (it has no slot that is sure to be its own).
 */
import { randomUUID } from 'node:crypto';
import { YibaoError } from '../core/errors';
import { formatDateTime } from '../core/time';
import type { Db } from '../storage/sqlite';
import { ShopOutbox } from './outbox';
import { ShopPusher, type ShopPushState } from './pusher';
import { maskedUrl, ShopStore, type ShopCounter } from './shop-store';

export interface ShopStatus extends ShopPushState {
  readonly url: string;
  readonly counterName: string;
  readonly slot: number;
}

export interface ShopLink {
  readonly store: ShopStore;
  /** This counter as the shop knows it. */
  readonly counter: ShopCounter;
  readonly outbox: ShopOutbox;
  readonly pusher: ShopPusher;
  status(): ShopStatus;
  close(): Promise<void>;
}

interface IdentityRow {
  counterId: string;
  slot: number | null;
  counterName: string | null;
}

function localIdentity(db: Db): IdentityRow {
  const read = () =>
    db.prepare<[], IdentityRow>('SELECT counter_id AS counterId, slot, counter_name AS counterName FROM shop_identity').get();
  const found = read();
  if (found) return found;
  db.prepare('INSERT OR IGNORE INTO shop_identity (only_row, counter_id) VALUES (1, ?)').run(randomUUID());
  return read() as IdentityRow;
}

export interface ShopLinkOptions {
  readonly url: string;
  readonly fixmedinsCode: string;
  readonly counterName: string | undefined;
  /** The config's institution.terminalSlot when the file names it, else null (the shop assigns one). */
  readonly wantedSlot: number | null;
  /** The journal codes the shop store gets (settlements, refunds, 2601, sign-in / sign-out). */
  readonly shares: (infno: string) => boolean;
}

export async function openShopLink(db: Db, options: ShopLinkOptions): Promise<ShopLink> {
  const identity = localIdentity(db);
  const store = new ShopStore(options.url);
  let counter: ShopCounter;
  let reachable = true;
  try {
    counter = await store.register({
      counterId: identity.counterId,
      name: options.counterName,
      fixmedinsCode: options.fixmedinsCode,
      wantedSlot: options.wantedSlot,
    });
    db.prepare('UPDATE shop_identity SET slot = ?, counter_name = ?, registered_at = COALESCE(registered_at, ?)').run(
      counter.slot,
      counter.name,
      formatDateTime(new Date()),
    );
  } catch (error) {
    const offline = error instanceof YibaoError && error.code === 'E_SHOP_UNREACHABLE';
    if (!offline || identity.slot === null) {
      await store.close();
      if (offline) {
        throw new YibaoError(
          'E_SHOP_FIRST_CONNECT',
          `本机还没有在门店库 (${maskedUrl(options.url)}) 登记过, 第一次启动必须连得上门店库才能分配终端序号: ${error.messageZh}`,
          {},
          { cause: error },
        );
      }
      throw error;
    }
    if (options.wantedSlot !== null && options.wantedSlot !== identity.slot) {
      await store.close();
      throw new YibaoError(
        'E_SHOP_SLOT_CLASH',
        `配置文件的终端序号 ${options.wantedSlot} 与门店库给本机登记的 ${identity.slot} 不同; 请删去 institution.terminalSlot`,
        { slot: options.wantedSlot, registered: identity.slot },
      );
    }
    reachable = false;
    counter = {
      slot: identity.slot,
      counterId: identity.counterId,
      name: identity.counterName ?? `收银台 ${identity.slot}`,
      fixmedinsCode: options.fixmedinsCode,
    };
  }
  const outbox = new ShopOutbox(db, options.shares);
  const pusher = new ShopPusher(outbox, store, counter.counterId, reachable);
  return {
    store,
    counter,
    outbox,
    pusher,
    status: () => ({ ...pusher.state(), url: maskedUrl(options.url), counterName: counter.name, slot: counter.slot }),
    async close() {
      await pusher.stop();
      await store.close();
    },
  };
}
