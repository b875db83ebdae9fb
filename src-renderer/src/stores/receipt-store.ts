/**
 * 小票: the preview dialog (render a settlement's receipt in a paper format), printing it (Electron
 * prints on the configured printer; in a browser the page's own print dialog), and the automatic
 * print after a settlement when 设置 says so.
 */
import { create } from 'zustand';
import type { RenderedReceipt } from '../../../src-main/api/contract';
import type { ReceiptFormat } from '../../../src-main/receipts/receipt-model';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';
import { finishPrint } from '../print/browser-print';
import { useSessionStore } from './session-store';

interface ReceiptState {
  setlId: string | null;
  format: ReceiptFormat | null;
  reprint: boolean;
  receipt: RenderedReceipt | null;
  busy: null | 'render' | 'print';
  error: UiError | null;
  /** What happened with the last print (shown under the buttons). */
  notice: string | null;
  preview(setlId: string, options?: { reprint?: boolean }): Promise<void>;
  setFormat(format: ReceiptFormat): Promise<void>;
  print(): Promise<void>;
  close(): void;
}

/** Prints through the main side; without a desktop printer, through the browser. Answers what to tell the cashier. */
async function printReceipt(setlId: string, format: ReceiptFormat | undefined, reprint: boolean): Promise<string> {
  const out = await call('receipt.print', { setlId, format, reprint });
  return finishPrint(out.receipt, out);
}

export const useReceiptStore = create<ReceiptState>((set, get) => ({
  setlId: null,
  format: null,
  reprint: false,
  receipt: null,
  busy: null,
  error: null,
  notice: null,
  async preview(setlId, options = {}) {
    set({ setlId, reprint: options.reprint ?? false, receipt: null, error: null, notice: null, busy: 'render' });
    try {
      const format = get().format ?? undefined;
      set({ receipt: await call('receipt.render', { setlId, format, reprint: options.reprint }) });
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ busy: null });
    }
  },
  async setFormat(format) {
    set({ format });
    const { setlId, reprint } = get();
    if (setlId) await get().preview(setlId, { reprint });
  },
  async print() {
    const { setlId, format, reprint, busy } = get();
    if (!setlId || busy) return;
    set({ busy: 'print', error: null, notice: null });
    try {
      set({ notice: await printReceipt(setlId, format ?? undefined, reprint) });
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ busy: null });
    }
  },
  close() {
    if (get().busy === 'print') return;
    // The next receipt starts from the configured paper again.
    set({ setlId: null, format: null, receipt: null, error: null, notice: null, reprint: false });
  },
}));

/**
 * After a settlement: prints in the configured paper when 设置 asks for it. A failure is shown in
 * the preview dialog (the settlement itself is done; the receipt can be printed again).
 */
export async function autoPrintAfterSettlement(setlId: string | null): Promise<void> {
  if (!setlId || !useSessionStore.getState().status?.printer.autoPrint) return;
  try {
    await printReceipt(setlId, undefined, false);
  } catch (e) {
    useReceiptStore.setState({ setlId, receipt: null, reprint: false, error: uiError(e), notice: null });
  }
}
