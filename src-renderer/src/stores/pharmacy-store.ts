/** 药店购药: the basket, its pre-settlement and settlement, and the history for 2103 refunds. */
import { create } from 'zustand';
import type { RefundResult, SaleResult, SettlementRecord, SettlementView } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { newBasketId, uiError, type UiError } from '../format';
import { draftKey, draftOf, wireLines, type DraftLine } from './draft-lines';
import type { CatalogueHit, RxBasketView } from '../../../src-main/api/contract';
import { usePersonStore } from './person-store';
import { autoPrintAfterSettlement } from './receipt-store';

interface PharmacyState {
  basketId: string;
  lines: DraftLine[];
  acctUsed: boolean;
  pre: SettlementView | null;
  preKey: string | null;
  result: SaleResult | null;
  busy: null | 'pre' | 'settle' | 'refund' | 'history';
  error: UiError | null;
  history: readonly SettlementRecord[];
  refund: RefundResult | null;
  addItem(hit: CatalogueHit): void;
  updateLine(id: string, patch: Partial<Pick<DraftLine, 'cntText' | 'pricText'>>): void;
  removeLine(id: string): void;
  setAcctUsed(value: boolean): void;
  currentKey(): string;
  /** The pre-settlement on screen is of exactly these lines and options (F6 may settle it). */
  preIsFresh(): boolean;
  /** F5 may run: a person read, lines entered, nothing in flight, not settled yet. */
  canPreSettle(): boolean;
  /** F6 may run: a fresh pre-settlement, nothing in flight, not settled yet. */
  canSettle(): boolean;
  preSettle(): Promise<void>;
  settle(): Promise<void>;
  /** Empties the basket under a new id (the person read stays). */
  newSale(): void;
  loadHistory(): Promise<void>;
  refundSale(msgid: string): Promise<boolean>;
  /** 转入购药: a new basket holding an electronic prescription's drugs (its id ties the settlement to 7207). */
  fillFromPrescription(basket: RxBasketView): boolean;
}

function request(s: PharmacyState) {
  const person = usePersonStore.getState().person;
  if (!person) throw new Error('请先读卡 (F1)');
  return {
    basketId: s.basketId,
    personKey: person.key,
    insuranceIndex: person.chosen,
    acctUsed: s.acctUsed,
    lines: wireLines(s.lines),
  };
}

export const usePharmacyStore = create<PharmacyState>((set, get) => ({
  basketId: newBasketId(),
  lines: [],
  acctUsed: true,
  pre: null,
  preKey: null,
  result: null,
  busy: null,
  error: null,
  history: [],
  refund: null,
  addItem(hit) {
    if (get().result) return;
    set((s) => ({ lines: [...s.lines, draftOf(hit)], error: null }));
  },
  updateLine(id, patch) {
    if (get().result) return;
    set((s) => ({ lines: s.lines.map((l) => (l.id === id ? { ...l, ...patch } : l)) }));
  },
  removeLine(id) {
    if (get().result) return;
    set((s) => ({ lines: s.lines.filter((l) => l.id !== id) }));
  },
  setAcctUsed: (acctUsed) => set({ acctUsed }),
  currentKey() {
    const s = get();
    const person = usePersonStore.getState().person;
    return draftKey([person?.key, person?.chosen, s.acctUsed, wireLines(s.lines)]);
  },
  preIsFresh() {
    const s = get();
    return s.pre !== null && s.preKey === s.currentKey();
  },
  canPreSettle() {
    const s = get();
    return usePersonStore.getState().person !== null && s.lines.length > 0 && !s.busy && !s.result;
  },
  canSettle() {
    const s = get();
    return s.preIsFresh() && !s.busy && !s.result;
  },
  async preSettle() {
    const s = get();
    if (s.busy || s.result) return;
    set({ busy: 'pre', error: null });
    try {
      const key = get().currentKey();
      const pre = await call('pharmacy.preSettle', request(get()));
      set({ pre, preKey: key });
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ busy: null });
    }
  },
  async settle() {
    const s = get();
    // Disabled while in flight; the main side also answers a repeated request with the first result.
    if (s.busy || s.result) return;
    if (!s.preIsFresh()) {
      set({ error: { code: 'E_PRESETTLE_REQUIRED', message: '请先预结算 (F5), 与参保人确认金额后再结算' } });
      return;
    }
    set({ busy: 'settle', error: null });
    try {
      const result = await call('pharmacy.settle', request(get()));
      set({ result });
      // A repeated request answers a sale already settled (and printed then).
      if (!result.repeated) void autoPrintAfterSettlement(result.settlement.setlId);
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ busy: null });
    }
  },
  newSale() {
    if (get().busy) return;
    set({ basketId: newBasketId(), lines: [], acctUsed: true, pre: null, preKey: null, result: null, error: null, refund: null });
  },
  async loadHistory() {
    set({ busy: get().busy ?? 'history' });
    try {
      set({ history: await call('pharmacy.history', { limit: 200 }) });
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      if (get().busy === 'history') set({ busy: null });
    }
  },
  fillFromPrescription(basket) {
    if (get().busy) return false;
    const lines = basket.lines.map((l, i) => ({
      id: `${basket.basketId}-${i + 1}`,
      code: l.code,
      name: l.name,
      level: '',
      cntText: l.cntText,
      pricText: l.pricText,
    }));
    set({ basketId: basket.basketId, lines, acctUsed: true, pre: null, preKey: null, result: null, error: null, refund: null });
    return true;
  },
  async refundSale(msgid) {
    if (get().busy === 'refund') return false;
    set({ busy: 'refund', error: null, refund: null });
    try {
      set({ refund: await call('pharmacy.refund', { msgid }) });
      return true;
    } catch (e) {
      set({ error: uiError(e) });
      return false;
    } finally {
      set({ busy: null });
      await get().loadHistory();
    }
  },
}));

/**
 * A person read is the next customer: a basket already settled belongs to the one before (its
 * result is in the history, F8), so the new person starts an empty basket. Lines not yet settled
 * stay (items may be scanned before the card); their pre-settlement no longer matches and F5 is
 * needed again.
 */
usePersonStore.subscribe((now, before) => {
  if (!now.person || now.person.key === before.person?.key) return;
  const sale = usePharmacyStore.getState();
  if (sale.result && !sale.busy) sale.newSale();
});
