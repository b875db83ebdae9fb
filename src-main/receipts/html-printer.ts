/**
 * The one thing the receipt module needs from a desktop shell: print an HTML page on a named
 * printer. Electron implements it (src-main/electron/print-window.ts); web mode has none, and the
 * browser prints the same HTML itself.
 */
import type { ReceiptLayout } from './receipt-layout';

export interface PrintJob {
  /** Empty: the system's default printer. */
  readonly deviceName: string;
  readonly silent: boolean;
  readonly layout: ReceiptLayout;
}

export interface PrinterInfo {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
}

export interface HtmlPrinter {
  print(html: string, job: PrintJob): Promise<void>;
  printers(): Promise<PrinterInfo[]>;
}
