/**
 * The Electron shell's security handlers, run through the seam in electron/guards.ts with stand-ins
 * for Electron's Session and WebContents (no Electron binary here): the same functions main.ts installs.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  denyAllPermissions,
  ipcInvokeHandler,
  isOwnFrame,
  lockDownContents,
  reloadWhenRendererGone,
  type GuardedContents,
  type PermissionSession,
} from '../../src-main/electron/guards';

class FakeContents extends EventEmitter implements GuardedContents {
  openHandler: (() => { action: 'deny' }) | null = null;
  reloads = 0;
  destroyed = false;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  reload(): void {
    this.reloads++;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

function preventable() {
  const e = { prevented: false, preventDefault: () => void (e.prevented = true) };
  return e;
}

describe('Electron guards', () => {
  it('deny every permission request, check and device permission', () => {
    const handlers: Record<string, unknown> = {};
    const session: PermissionSession = {
      setPermissionRequestHandler: (h) => void (handlers['request'] = h),
      setPermissionCheckHandler: (h) => void (handlers['check'] = h),
      setDevicePermissionHandler: (h) => void (handlers['device'] = h),
    };
    denyAllPermissions(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'clipboard-read']) {
      let granted: boolean | null = null;
      (handlers['request'] as (c: unknown, p: string, cb: (g: boolean) => void) => void)({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect((handlers['check'] as (c: unknown, p: string) => boolean)({}, permission)).toBe(false);
    }
    expect((handlers['device'] as (d: unknown) => boolean)({ deviceType: 'hid' })).toBe(false);
  });

  it('block navigation, redirects, webviews and new windows on every contents', () => {
    const contents = new FakeContents();
    lockDownContents(contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = preventable();
      contents.emit(event, e, 'https://evil.example/');
      expect(e.prevented, event).toBe(true);
    }
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('reload a renderer that crashed or was killed, but not in a loop, and not after a clean exit', () => {
    const contents = new FakeContents();
    const lines: string[] = [];
    let t = 0;
    reloadWhenRendererGone(
      contents,
      (l) => lines.push(l),
      () => t,
    );
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(contents.reloads).toBe(1);
    expect(lines[0]).toContain('E_RENDERER_GONE');
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(contents.reloads).toBe(1);
    t = 1000;
    contents.emit('render-process-gone', {}, { reason: 'killed' });
    contents.emit('render-process-gone', {}, { reason: 'oom' });
    expect(contents.reloads).toBe(3);
    contents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(contents.reloads).toBe(3);
    expect(lines.at(-1)).toContain('E_RENDERER_CRASH_LOOP');
    // A minute later the window is open again.
    t = 62_000;
    contents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(contents.reloads).toBe(4);
  });

  it('take IPC calls only from the app’s own page', async () => {
    const index = 'file:///C:/Program%20Files/yibao/resources/app.asar/out/renderer/index.html';
    expect(isOwnFrame(index, index)).toBe(true);
    expect(isOwnFrame(`${index}#/journal`, index)).toBe(true);
    expect(isOwnFrame(`${index}.evil.html`, index)).toBe(false);
    expect(isOwnFrame('https://evil.example/', index)).toBe(false);
    expect(isOwnFrame(undefined, index)).toBe(false);
    const calls: unknown[] = [];
    const handler = ipcInvokeHandler(index, async (method, args) => {
      calls.push([method, args]);
      return { ok: true };
    });
    await expect(handler({ senderFrame: { url: index } }, 'app.status', {})).resolves.toEqual({ ok: true });
    await expect(handler({ senderFrame: { url: 'data:text/html,x' } }, 'app.status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'E_IPC_SENDER' },
    });
    await expect(handler({ senderFrame: null }, 'app.status', {})).resolves.toMatchObject({ ok: false });
    expect(calls).toEqual([['app.status', {}]]);
  });
});
