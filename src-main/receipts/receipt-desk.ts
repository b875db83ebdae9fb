/**
 * Receipts for the screens and the CLI: the model of a settlement from the journal, rendered in
 * the configured (or asked-for) paper, printed through the desktop shell when there is one.
 */
import { YibaoError } from '../core/errors';
import { formatDateTime } from '../core/time';
import type { PrinterConfig } from '../config/printer-schema';
import type { HtmlPrinter, PrinterInfo } from './html-printer';
import { buildReceipt, type ReceiptSources } from './receipt-builder';
import { renderReceiptHtml } from './receipt-html';
import { layoutFor } from './receipt-layout';
import type { PrintOutcome, ReceiptModel, ReceiptRequest, RenderedReceipt } from './receipt-model';
import { receiptTitle } from './receipt-sections';

export class ReceiptDesk {
  constructor(
    private readonly sources: ReceiptSources,
    private readonly printer: PrinterConfig,
  ) {}

  model(setlId: string): ReceiptModel {
    return buildReceipt(this.sources, setlId);
  }

  render(req: ReceiptRequest, now = new Date()): RenderedReceipt {
    const model = this.model(req.setlId);
    const layout = layoutFor(req.format ?? this.printer.paper);
    return {
      setlId: model.setlId,
      format: layout.format,
      title: `${receiptTitle(model, layout)} ${model.setlId}`,
      html: renderReceiptHtml(model, layout, { printedAt: formatDateTime(now), reprint: req.reprint }),
      widthMm: layout.pageWidthMm,
      roll: layout.roll,
      refunded: model.refund !== null,
    };
  }

  /** Prints on the configured printer through the shell; without one, hands the HTML back to the browser. */
  async print(req: ReceiptRequest, shell: HtmlPrinter | null): Promise<PrintOutcome> {
    const receipt = this.render(req);
    const { deviceName, silent } = this.printer;
    if (!shell) return { receipt, printed: false, deviceName, silent: false };
    try {
      await shell.print(receipt.html, { deviceName, silent, layout: layoutFor(receipt.format) });
    } catch (cause) {
      if (cause instanceof YibaoError) throw cause;
      throw new YibaoError(
        'E_PRINT_FAILED',
        `小票没有打印出来 (${deviceName || '系统默认打印机'}): ${(cause as Error).message}; 请检查打印机后在历史中重打`,
        { deviceName, setlId: req.setlId },
        { cause },
      );
    }
    return { receipt, printed: true, deviceName, silent };
  }

  async printers(shell: HtmlPrinter | null): Promise<PrinterInfo[]> {
    return shell ? shell.printers() : [];
  }
}
