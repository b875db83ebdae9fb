/**
 * Electron main process: a thin shell. It starts the counter runtime (same composition root as the
 * CLI and web mode), one locked-down window, one IPC channel whose payloads are validated by the API
 * handlers, and forwards live events to that window. The security handlers live in guards.ts and the
 * start (counter, or the problem screen for a database that cannot be opened) in shell-start.ts, both
 * tested without Electron; no business logic here.
 */
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCounterRuntime, type CounterRuntime } from '../app/counter-runtime';
import { startShell, type ShellSubscribe } from './shell-start';
import { APP_VERSION } from '../app/version';
import { defaultConfigPath } from '../config/paths';
import { sealGatewaySecretInFile } from '../config/gateway-secret';
import { installProcessGuards, logError } from '../core/log';
import { setHostLauncher } from '../devices/dll/host-launcher';
import { HEADER_CSP } from '../host/csp';
import { electronPrinter } from './print-window';
import { denyAllPermissions, ipcInvokeHandler, lockDownContents, reloadWhenRendererGone } from './guards';
import { safeStorageSealer } from './safe-storage-sealer';
import { utilityProcessLauncher } from './utility-launcher';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../src-preload/channel';

let counter: CounterRuntime | null = null;

installProcessGuards();

function rendererIndex(): string {
  return join(__dirname, '..', 'renderer', 'index.html');
}

async function createWindow(subscribe: ShellSubscribe | null): Promise<void> {
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
      // A middle click would open a link in a new window: the counter has no use for it.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  reloadWhenRendererGone(win.webContents);
  const unsubscribe = subscribe?.((event) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  });
  if (unsubscribe) win.on('closed', unsubscribe);
  await win.loadFile(rendererIndex());
}

// Every web contents, whenever created (main window, print window), is locked down before it loads.
app.on('web-contents-created', (_e, contents) => lockDownContents(contents));

app.whenReady().then(async () => {
  denyAllPermissions(session.defaultSession);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [HEADER_CSP] } });
  });
  // The packaged app's RunAsNode fuse is off: the DLL host starts as a utility process.
  setHostLauncher(utilityProcessLauncher);
  try {
    sealGatewaySecretInFile(process.env['YIBAO_CONFIG'] ?? defaultConfigPath(), safeStorageSealer);
  } catch (error) {
    logError('E_GATEWAY_SECRET_SEAL', error, '网关密钥未能加密保存 (保持原样)');
  }
  // A database that cannot be opened gets the problem screen in the window instead of a crash.
  const started = await startShell({
    startRuntime: () =>
      startCounterRuntime({ version: APP_VERSION, printer: electronPrinter(), secretSealer: safeStorageSealer }),
    answerCalls: (invoke) => ipcMain.handle(INVOKE_CHANNEL, ipcInvokeHandler(pathToFileURL(rendererIndex()).href, invoke)),
    openWindow: createWindow,
    logProblem: (problem) => logError(problem.code, problem, '数据库无法打开, 显示说明页'),
  });
  counter = started.kind === 'counter' ? started.runtime : null;
});

app.on('window-all-closed', () => {
  void (counter?.close() ?? Promise.resolve()).finally(() => app.quit());
});
