/**
 * The Electron shell's security handlers, written against the few methods they use (not the
 * `electron` module), so tests run them without the Electron binary: permissions denied, navigation
 * and new windows refused on every web contents, webviews never attached, IPC only from the app's
 * own page, a crashed renderer reloaded while the main side keeps its journal.
 */
import { logError, type LogSink } from '../core/log';

type Listener = (...args: unknown[]) => void;

/** What main.ts hands in: Electron's Session satisfies it. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((contents: unknown, permission: string) => boolean) | null): void;
  setDevicePermissionHandler?(handler: ((details: unknown) => boolean) | null): void;
}

/** What main.ts hands in: Electron's WebContents satisfies it. */
export interface GuardedContents {
  on(event: string, listener: Listener): unknown;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  reload(): void;
  isDestroyed(): boolean;
}

interface PreventableEvent {
  preventDefault(): void;
}

/**
 * The counter asks for no browser permission (camera, notifications, HID through the page, …):
 * devices are read by the main side. Every request and check is denied.
 */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}

/**
 * Every web contents (main window, print window, anything later): no navigation away from what the
 * main side loaded, no new windows (the counter has no links to follow), no webviews.
 */
export function lockDownContents(contents: GuardedContents): void {
  const prevent = ((event: PreventableEvent) => event.preventDefault()) as Listener;
  contents.on('will-navigate', prevent);
  contents.on('will-redirect', prevent);
  contents.on('will-attach-webview', prevent);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Gone renderers within this window of time count towards the crash-loop limit. */
const CRASH_WINDOW_MS = 60_000;
const MAX_RELOADS_IN_WINDOW = 3;

/**
 * A renderer that crashed or was killed is reloaded; the main side (journal, open calls, the
 * resolver) never went away. A renderer that keeps dying is left down after a few tries rather than
 * reloaded in a loop; the log says so.
 */
export function reloadWhenRendererGone(contents: GuardedContents, log?: LogSink, now: () => number = Date.now): void {
  const recent: number[] = [];
  contents.on('render-process-gone', ((_event: unknown, details: { reason?: string; exitCode?: number }) => {
    const reason = details?.reason ?? 'unknown';
    logError('E_RENDERER_GONE', new Error(`渲染进程退出: ${reason} (${details?.exitCode ?? '?'})`), '收银台界面', log);
    if (reason === 'clean-exit' || contents.isDestroyed()) return;
    const t = now();
    while (recent.length > 0 && t - (recent[0] ?? 0) > CRASH_WINDOW_MS) recent.shift();
    if (recent.length >= MAX_RELOADS_IN_WINDOW) {
      logError('E_RENDERER_CRASH_LOOP', new Error('界面一分钟内反复崩溃, 不再自动重新加载'), '收银台界面', log);
      return;
    }
    recent.push(t);
    contents.reload();
  }) as Listener);
}

/** True when the calling frame is the app's own page (index.html, with or without a hash route). */
export function isOwnFrame(frameUrl: string | undefined, indexUrl: string): boolean {
  const url = frameUrl ?? '';
  return url === indexUrl || url.startsWith(indexUrl + '#');
}

/** The IPC invoke handler: calls from any other frame are refused before they reach the API. */
export function ipcInvokeHandler(
  indexUrl: string,
  invoke: (method: unknown, args: unknown) => Promise<unknown>,
): (event: { senderFrame?: { url: string } | null }, method: unknown, args: unknown) => Promise<unknown> {
  return async (event, method, args) => {
    if (!isOwnFrame(event.senderFrame?.url, indexUrl)) {
      return { ok: false, error: { code: 'E_IPC_SENDER', message: '拒绝来自未知页面的调用', kind: 'local' } };
    }
    return invoke(method, args);
  };
}
