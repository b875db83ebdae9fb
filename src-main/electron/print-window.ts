/**
 * Printing a receipt from the Electron main process: the receipt HTML in a hidden window, sized
 * to the paper (on a roll as long as the receipt), sent to the configured printer with
 * webContents.print, without a dialog when the config says silent.
 */
import { BrowserWindow } from 'electron';
import { YibaoError } from '../core/errors';
import type { HtmlPrinter, PrinterInfo, PrintJob } from '../receipts/html-printer';
import { pageHeightMm } from '../receipts/receipt-layout';

const mmToPx = (mm: number) => Math.round((mm * 960) / 254);

function hiddenWindow(widthPx: number): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: widthPx,
    height: 800,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

async function listPrinters(win: BrowserWindow): Promise<PrinterInfo[]> {
  const printers = await win.webContents.getPrintersAsync();
  return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name, description: p.description }));
}

function printOnce(win: BrowserWindow, options: Electron.WebContentsPrintOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    win.webContents.print(options, (success, failureReason) => {
      if (success) resolve();
      else if (failureReason === 'cancelled') reject(new YibaoError('E_PRINT_CANCELLED', '已取消打印; 需要时可在历史中重打'));
      else reject(new Error(failureReason || '打印失败'));
    });
  });
}

export function electronPrinter(): HtmlPrinter {
  return {
    async print(html: string, job: PrintJob): Promise<void> {
      const { layout } = job;
      const win = hiddenWindow(mmToPx(layout.pageWidthMm));
      try {
        if (job.deviceName) {
          const names = (await listPrinters(win)).map((p) => p.name);
          if (!names.includes(job.deviceName)) {
            throw new YibaoError(
              'E_PRINTER_NOT_FOUND',
              `找不到设置中的打印机「${job.deviceName}」; 本机打印机: ${names.join('、') || '无'}。请在 设置 中重新选择`,
              { deviceName: job.deviceName, printers: names },
            );
          }
        }
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const contentPx = Number(await win.webContents.executeJavaScript('document.documentElement.scrollHeight'));
        await printOnce(win, {
          silent: job.silent,
          deviceName: job.deviceName || undefined,
          printBackground: true,
          margins: { marginType: 'none' },
          // Page size in microns: the paper's width, on a roll the receipt's length.
          pageSize: layout.roll ? { width: layout.pageWidthMm * 1000, height: pageHeightMm(layout, contentPx) * 1000 } : 'A4',
        });
      } finally {
        win.destroy();
      }
    },
    async printers(): Promise<PrinterInfo[]> {
      const win = hiddenWindow(400);
      try {
        return await listPrinters(win);
      } finally {
        win.destroy();
      }
    },
  };
}
