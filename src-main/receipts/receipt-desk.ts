/**
 * Receipts for the screens and the CLI: the model of a settlement from the journal, rendered in
 * the configured (or asked-for) paper, printed through the desktop shell when there is one.
 */
import { YibaoError } from '../core/errors';
import { formatDateTime } from '../core/time';
import type { PrinterConfig } from '../config/printer-schema';
import type { HtmlPrinter, PrinterInfo } from './html-printer';
import { buildReceipt, type ReceiptSources } from './receipt-builder';
import type { ShiftSummary } from '../counter/views';
import { renderBlocksHtml, renderReceiptHtml } from './receipt-html';
import { layoutFor } from './receipt-layout';
import type {
  PrintedOn,
  PrintOutcome,
  ReceiptFormat,
  ReceiptModel,
  ReceiptRequest,
  RenderedPage,
  RenderedReceipt,
  ShiftSlipPrintOutcome,
} from './receipt-model';
import { receiptTitle, type ReceiptBlock } from './receipt-sections';
import { shiftSlipSections, shiftSlipTitle } from './shift-slip';

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
    const on = await this.send(receipt, shell, (deviceName, cause) => ({
      code: 'E_PRINT_FAILED',
      message: `小票没有打印出来 (${deviceName}): ${cause.message}; 请检查打印机后在历史中重打`,
      context: { setlId: req.setlId },
    }));
    return { receipt, ...on };
  }

  /** A page of receipt blocks (交班单, 清算申请单 …) in the configured (or asked-for) paper. */
  renderBlocks(title: string, blocks: readonly ReceiptBlock[], format?: ReceiptFormat): RenderedPage {
    const layout = layoutFor(format ?? this.printer.paper);
    return {
      format: layout.format,
      title,
      html: renderBlocksHtml(title, blocks, layout),
      widthMm: layout.pageWidthMm,
      roll: layout.roll,
    };
  }

  /** 交班单 in the configured (or asked-for) paper. */
  renderShift(summary: ShiftSummary, format?: ReceiptFormat, now = new Date()): RenderedPage {
    const blocks = shiftSlipSections(summary, this.sources.institution, { printedAt: formatDateTime(now) });
    return this.renderBlocks(shiftSlipTitle(summary), blocks, format);
  }

  /** 交班单 on the receipt printer, the same way as a receipt (the browser prints it in web mode). */
  printShift(summary: ShiftSummary, shell: HtmlPrinter | null): Promise<ShiftSlipPrintOutcome> {
    return this.printPage(this.renderShift(summary), shell, '交班单', '再打印 (F7)', { opter: summary.opter });
  }

  /** One rendered page on the receipt printer (the browser prints it in web mode); `what` names it in the error. */
  async printPage(
    slip: RenderedPage,
    shell: HtmlPrinter | null,
    what: string,
    again: string,
    context: Record<string, string>,
  ): Promise<ShiftSlipPrintOutcome> {
    const on = await this.send(slip, shell, (deviceName, cause) => ({
      code: 'E_PRINT_FAILED',
      message: `${what}没有打印出来 (${deviceName}): ${cause.message}; 请检查打印机后${again}`,
      context,
    }));
    return { slip, ...on };
  }

  /** One page to the configured printer through the shell; without a shell, nothing (the browser prints). */
  private async send(
    page: RenderedPage,
    shell: HtmlPrinter | null,
    failure: (deviceName: string, cause: Error) => { code: string; message: string; context: Record<string, string> },
  ): Promise<PrintedOn> {
    const { deviceName, silent } = this.printer;
    if (!shell) return { printed: false, deviceName, silent: false };
    try {
      await shell.print(page.html, { deviceName, silent, layout: layoutFor(page.format) });
    } catch (cause) {
      if (cause instanceof YibaoError) throw cause;
      const f = failure(deviceName || '系统默认打印机', cause as Error);
      throw new YibaoError(f.code, f.message, { deviceName, ...f.context }, { cause });
    }
    return { printed: true, deviceName, silent };
  }

  async printers(shell: HtmlPrinter | null): Promise<PrinterInfo[]> {
    return shell ? shell.printers() : [];
  }
}
