/**
 * Web mode: the browser prints a receipt itself. The receipt HTML goes into a hidden frame as
 * wide as the paper; on a roll the page is then sized to the receipt's length (the same rule as
 * Electron and the PDF), and the frame's print dialog opens.
 */
import type { RenderedPage } from '../../../src-main/api/contract';
import type { PrintedOn } from '../../../src-main/receipts/receipt-model';
import { layoutFor, pageSizeCss } from '../../../src-main/receipts/receipt-layout';

/** Time the dialog may stay open before the frame is removed anyway (print() returns after the dialog closes in most browsers). */
const CLEANUP_MS = 60_000;

/**
 * After the main side's print call (a receipt or the 交班单): on the desktop it went to the printer;
 * in web mode the browser prints the page itself. Answers what to tell the cashier.
 */
export async function finishPrint(page: RenderedPage, on: PrintedOn): Promise<string> {
  if (on.printed) return `已发送到打印机 ${on.deviceName || '(系统默认打印机)'}`;
  await printInBrowser(page);
  return '已打开浏览器打印对话框';
}

export function printInBrowser(receipt: RenderedPage): Promise<void> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.dataset['testid'] = 'receipt-print-frame';
    frame.style.cssText = `position:fixed;left:-10000px;top:0;width:${receipt.widthMm}mm;height:10px;border:0;visibility:hidden`;
    let done = false;
    const remove = () => {
      if (!done) {
        done = true;
        frame.remove();
      }
    };
    frame.onload = () => {
      const win = frame.contentWindow;
      const doc = frame.contentDocument;
      if (!win || !doc) {
        remove();
        reject(new Error('浏览器没有打开打印框架'));
        return;
      }
      const style = doc.createElement('style');
      style.textContent = pageSizeCss(layoutFor(receipt.format), doc.documentElement.scrollHeight);
      doc.head.appendChild(style);
      win.addEventListener('afterprint', remove);
      setTimeout(remove, CLEANUP_MS);
      win.focus();
      win.print();
      // The keys belong to the counter again (Esc, F-keys), not to the hidden frame.
      window.focus();
      resolve();
    };
    frame.srcdoc = receipt.html;
    document.body.appendChild(frame);
  });
}
