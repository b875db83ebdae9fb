/**
 * 门诊: outpatient settlements made at another window of the shop (issue 20), looked up in the shop
 * store by person or 结算号, and their refund (2208) here: journaled at this window, reversed by it
 * if the outcome is lost. Only with a shop store.
 */
import { create } from 'zustand';
import type { OtherTillSettlementView, RefundResult } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';
import { busyRun } from './busy-run';

interface OtherWindowState {
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
  /** Successful outpatient settlements at other windows whose record contains `text` (name, 人员编号, 结算ID, 报文ID). */
  search(text: string): Promise<void>;
  ask(row: OtherTillSettlementView): void;
  cancel(): void;
  /** 2208 of the confirmed row; true when done (the dialog closes). */
  refund(): Promise<boolean>;
}

export const useOtherWindowStore = create<OtherWindowState>((set, get) => {
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
    async search(text) {
      set({ text });
      await busyRun(busy, 'search', async () => {
        set({ rows: await call('shop.otherSettlements', { kind: 'clinic', text: text.trim() || undefined }), searched: true });
      });
    },
    ask: (row) => set({ confirming: row, error: null }),
    cancel: () => set({ confirming: null }),
    async refund() {
      const row = get().confirming;
      if (!row) return false;
      set({ result: null });
      return busyRun(busy, 'refund', async () => {
        const result = await call('clinic.refundSettlement', { msgid: row.msgid });
        set({ result, confirming: null, rows: get().rows.map((r) => (r.msgid === row.msgid ? { ...r, refunded: true } : r)) });
      });
    },
  };
});
