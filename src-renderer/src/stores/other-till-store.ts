/**
 * Settlements made at another till or window of the shop (issue 20: a pharmacy's 2102 / 2102A, a
 * clinic's 2207 / 2207A), looked up in the shop store by person or 结算号, and their refund here
 * (2103 / 2208): journaled at this counter, reversed by it if the outcome is lost. Only with a shop store.
 */
import { create } from 'zustand';
import type { OtherTillSettlementView, RefundResult } from '../../../src-main/api/contract';

export type OtherTillKind = 'pharmacy' | 'clinic';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';
import { busyRun } from './busy-run';

interface OtherTillState {
  /** Whether this counter has a shop store (the lookup is offered only then). */
  shop: boolean;
  text: string;
  rows: readonly OtherTillSettlementView[];
  searched: boolean;
  busy: null | 'search' | 'refund';
  /** The row waiting for the cashier's confirmation. */
  confirming: OtherTillSettlementView | null;
  result: RefundResult | null;
  error: UiError | null;
  loadShop(): Promise<void>;
  /** Successful settlements of `kind` at other counters whose record contains `text` (name, 人员编号, 结算ID, 报文ID). */
  search(kind: OtherTillKind, text: string): Promise<void>;
  ask(row: OtherTillSettlementView): void;
  cancel(): void;
  /** 2103 (pharmacy) or 2208 (clinic) of the confirmed row; true when done (the dialog closes). */
  refund(kind: OtherTillKind): Promise<boolean>;
}

export const useOtherTillStore = create<OtherTillState>((set, get) => {
  const busy = { get, set };
  return {
    shop: false,
    text: '',
    rows: [],
    searched: false,
    busy: null,
    confirming: null,
    result: null,
    error: null,
    async loadShop() {
      try {
        set({ shop: (await call('shop.counters', {})).length > 0 });
      } catch (e) {
        set({ error: uiError(e) });
      }
    },
    async search(kind, text) {
      set({ text });
      await busyRun(busy, 'search', async () => {
        set({ rows: await call('shop.otherSettlements', { kind, text: text.trim() || undefined }), searched: true });
      });
    },
    ask: (row) => set({ confirming: row, error: null }),
    cancel: () => set({ confirming: null }),
    async refund(kind) {
      const row = get().confirming;
      if (!row) return false;
      set({ result: null });
      return busyRun(busy, 'refund', async () => {
        const args = { msgid: row.msgid };
        const result = await (kind === 'pharmacy' ? call('pharmacy.refund', args) : call('clinic.refundSettlement', args));
        set({ result, confirming: null, rows: get().rows.map((r) => (r.msgid === row.msgid ? { ...r, refunded: true } : r)) });
      });
    },
  };
});
