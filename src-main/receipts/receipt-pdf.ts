/**
 * A receipt as PDF through headless Chromium (playwright-core driving the system's Chromium):
 * the page is the paper's width; on a roll it is exactly as long as the receipt, A4 sheets
 * break as Chromium lays them out.
 */
import { existsSync } from 'node:fs';
import { YibaoError } from '../core/errors';
import type * as Playwright from 'playwright-core';
import { pageHeightMm, type ReceiptLayout } from './receipt-layout';

/** Where Chromium usually is on Debian / Ubuntu and Windows. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

/** The Chromium to use: the one asked for, else $YIBAO_CHROMIUM, else the first installed candidate. */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const asked = explicit || env['YIBAO_CHROMIUM'];
  if (asked) {
    if (existsSync(asked)) return asked;
    throw new YibaoError(
      'E_RECEIPT_CHROMIUM_MISSING',
      `找不到浏览器程序 ${asked}, 无法生成 PDF; 请检查路径 (--chromium 或 YIBAO_CHROMIUM)`,
      {
        path: asked,
      },
    );
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new YibaoError(
    'E_RECEIPT_CHROMIUM_MISSING',
    '没有找到 Chromium / Chrome, 无法生成 PDF; 请安装 chromium (Debian: apt-get install chromium), 或用 --chromium 指定浏览器程序路径',
    { tried: CANDIDATES },
  );
}

type PlaywrightCore = typeof Playwright;

async function loadPlaywright(): Promise<PlaywrightCore> {
  try {
    return await import('playwright-core');
  } catch (cause) {
    throw new YibaoError(
      'E_RECEIPT_PDF_UNAVAILABLE',
      '本安装不含 playwright-core, 无法生成 PDF; 可改用 --html 输出后在浏览器中打印',
      {},
      { cause },
    );
  }
}

const mmToPx = (mm: number) => Math.round((mm * 960) / 254);

export async function renderReceiptPdf(
  html: string,
  layout: ReceiptLayout,
  options: { chromiumPath?: string } = {},
): Promise<{ pdf: Buffer; widthMm: number; heightMm: number }> {
  const executablePath = findChromium(options.chromiumPath);
  const { chromium } = await loadPlaywright();
  let browser: Awaited<ReturnType<PlaywrightCore['chromium']['launch']>>;
  try {
    browser = await chromium.launch({ executablePath, timeout: 30_000 });
  } catch (cause) {
    throw new YibaoError(
      'E_RECEIPT_CHROMIUM_START',
      `浏览器 ${executablePath} 无法启动, 不能生成 PDF: ${(cause as Error).message.split('\n')[0]}`,
      { path: executablePath },
      { cause },
    );
  }
  try {
    const page = await browser.newPage({ viewport: { width: mmToPx(layout.pageWidthMm), height: 600 } });
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    // Measured once the fonts are in: a fallback font's line height would give a wrong length.
    const contentPx = Number(
      await page.evaluate('document.fonts.ready.then(() => Math.ceil(document.body.getBoundingClientRect().height))'),
    );
    const heightMm = pageHeightMm(layout, contentPx);
    const pdf = await page.pdf({
      // A sheet by its name (Chromium's own A4 size); a roll by its width and the content's length.
      ...(layout.roll ? { width: `${layout.pageWidthMm}mm`, height: `${heightMm}mm` } : { format: 'A4' }),
      margin: { top: '0', right: '0', bottom: '0', left: '0' },
      printBackground: true,
    });
    return { pdf, widthMm: layout.pageWidthMm, heightMm };
  } catch (cause) {
    throw new YibaoError('E_RECEIPT_PDF_FAILED', `生成 PDF 失败: ${(cause as Error).message.split('\n')[0]}`, {}, { cause });
  } finally {
    await browser.close().catch(() => undefined);
  }
}
