/**
 * The institution's side of a reconciliation when the counters share a shop store (issue 20):
 * the settlement and refund records of every counter, read from the shop store after this
 * counter pushed what it had, each naming the counter that holds it. 3201 is per institution, so
 * with one counter's records only, every other till's sales come out as 中心多.
 */
import { createHash } from 'node:crypto';
import { YibaoError } from '../core/errors';
import { ALL_REFUND_CODES, ALL_SETTLE_CODES } from '../counter/settlement-history';
import type { ShopLink } from '../shop/shop-link';
import type { ShopCounter } from '../shop/shop-store';
import { ledgerOfEntries, ledgerRecordOf, type LedgerRecord } from './local-ledger';
import { journalWindow } from '../journal/day-window';

export interface ShopLedger {
  readonly records: LedgerRecord[];
  readonly counters: readonly ShopCounter[];
  /** Changes when any record of the period does: a run made on the same digest saw the same ledger. */
  readonly digest: string;
}

export async function readShopLedger(
  shop: Pick<ShopLink, 'pusher' | 'store'>,
  fixmedinsCode: string,
  begndate: string,
  enddate: string,
): Promise<ShopLedger> {
  await shop.pusher.pushAll();
  const waiting = shop.pusher.state();
  if (waiting.pending > 0) {
    throw new YibaoError(
      'E_SHOP_PENDING',
      `本机还有 ${waiting.pending} 条记录未推送到门店库 (${waiting.lastError ?? '推送未完成'}); 全机构对账要等推送完成, 请检查门店网络后重试`,
      { pending: waiting.pending },
    );
  }
  const [entries, counters] = await Promise.all([
    shop.store.entries({
      fixmedinsCode,
      infnos: [...ALL_SETTLE_CODES, ...ALL_REFUND_CODES],
      states: ['ok'],
      ...journalWindow(begndate, enddate),
      limit: 100_000,
    }),
    shop.store.counters(),
  ]);
  const counterOf = new Map(entries.map((e) => [e.entry, e.counter.name]));
  const settlements = new Map<string, LedgerRecord>();
  for (const { entry } of entries) {
    const record = ledgerRecordOf(entry);
    if (record?.refdSetlFlag === '0') settlements.set(record.setlId, record);
  }
  const records = ledgerOfEntries(
    entries.map((e) => e.entry),
    begndate,
    enddate,
    (setlId) => settlements.get(setlId),
    (entry) => counterOf.get(entry),
  );
  const digest = createHash('sha256')
    .update(records.map((r) => `${r.msgid}|${r.setlId}|${r.medfee}|${r.fund}|${r.acct}|${r.cash}`).join('\n'))
    .digest('hex');
  return { records, counters, digest };
}

/**
 * The counter that holds a record: the ledger's, else the terminalSlot in the msgid (30 digits:
 * institution 12, time 14, sequence 4 whose thousands are the slot, protocol/msgid.ts) for a
 * record only the center has.
 */
export function holderOf(msgid: string, ledger: ShopLedger): string {
  const mine = ledger.records.find((r) => r.msgid === msgid)?.counter;
  if (mine) return mine;
  if (!/^[0-9A-Za-z]{12}\d{18}$/.test(msgid)) return '';
  const slot = Math.floor(Number(msgid.slice(26)) / 1000);
  return ledger.counters.find((c) => c.slot === slot)?.name ?? `终端序号 ${slot} (未在门店库登记)`;
}
