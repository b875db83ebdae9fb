/**
 * Electron main process: a thin shell. It starts the counter runtime (same composition root
 * as the CLI and web mode), one locked-down window, one IPC channel whose payloads are
 * validated by the API handlers, and forwards live events to that window. No business logic
 * here.
 */
import { app, BrowserWindow, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCounterRuntime, type CounterRuntime } from '../app/counter-runtime';
import { APP_VERSION } from '../app/version';
import { electronPrinter } from './print-window';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../src-preload/channel';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

let counter: CounterRuntime | null = null;

function rendererIndex(): string {
  return join(__dirname, '..', 'renderer', 'index.html');
}

function isOwnFrame(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url === pathToFileURL(rendererIndex()).href || url.startsWith(pathToFileURL(rendererIndex()).href + '#');
}

async function createWindow(runtime: CounterRuntime): Promise<void> {
  const win = new BrowserWindow({
    width: 1366,
    height: 860,
    title: '医保收银台',
    webPreferences: {
      // electron-vite emits the sandboxed preload as CommonJS (.cjs), which a sandboxed preload must be.
      preload: join(__dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  const unsubscribe = runtime.subscribe((event) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  });
  win.on('closed', unsubscribe);
  await win.loadFile(rendererIndex());
}

app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  const runtime = await startCounterRuntime({ version: APP_VERSION, printer: electronPrinter() });
  counter = runtime;
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, args: unknown) => {
    if (!isOwnFrame(event)) {
      return { ok: false, error: { code: 'E_IPC_SENDER', message: '拒绝来自未知页面的调用', kind: 'local' } };
    }
    return runtime.invoke(method, args);
  });
  await createWindow(runtime);
});

app.on('window-all-closed', () => {
  void counter?.close().finally(() => app.quit());
});
