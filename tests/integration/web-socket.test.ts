/**
 * Web mode's API socket (src-main/host/api-socket.ts) and the page's channel on it
 * (src-renderer/src/api/socket-channel.ts): who may open one, what each message gets, and what a call
 * does when the socket cannot take it or closes under it. Against the real web host and the sandbox.
 */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebMode } from '../../src-main/host/web-mode';
import { API_SOCKET_CALL_MAX_CHARS, API_SOCKET_MESSAGE_LIMIT_BYTES } from '../../src-main/api/limits';
import { RETRY_MS, SocketChannel, type SocketLike } from '../../src-renderer/src/api/socket-channel';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { waitFor } from '../helpers/wait-for';
import { startWebOnHarness } from '../helpers/web-on-harness';

let h: Harness;
let web: WebMode;
let origin: string;

beforeAll(async () => {
  h = await startHarness();
  ({ web } = await startWebOnHarness(h));
  origin = new URL(web.url).origin;
}, 120_000);
afterAll(async () => {
  await web.close();
  await h.close();
});

const socketUrl = (token = web.host.token, path = '/api/socket') =>
  `${origin.replace('http', 'ws')}${path}?token=${encodeURIComponent(token)}`;

/** The HTTP status an upgrade is refused with, or 101 when the socket opened. */
function upgradeStatus(url: string, headers: { origin?: string; host?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      ...(headers.origin ? { origin: headers.origin } : {}),
      headers: headers.host ? { Host: headers.host } : {},
    });
    ws.on('open', () => (ws.close(), resolve(101)));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

/** An open socket with this server's origin, and its answers as they come. */
async function openSocket(): Promise<{ ws: WebSocket; answers: unknown[]; closed: Promise<number> }> {
  const ws = new WebSocket(socketUrl(), { origin });
  const answers: unknown[] = [];
  ws.on('message', (data) => answers.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
  return { ws, answers, closed };
}

/** The page's channel, on Node's `ws` with this server's origin (a browser sends its page's own). */
function channel(url = socketUrl(), now = () => Date.now()) {
  let opened = 0;
  const c = new SocketChannel(
    url,
    (u) => {
      opened++;
      const ws = new WebSocket(u, { origin });
      // A browser's socket reports a refusal as an event; Node's `ws` would throw it without a listener.
      ws.on('error', () => {});
      return ws as unknown as SocketLike;
    },
    () => ({ ok: false, error: { code: 'E_HOST_UNREACHABLE' } }),
    now,
  );
  return { c, opened: () => opened };
}

const body = (method: string, args: unknown) => JSON.stringify({ method, args });

describe('who may open the API socket', () => {
  it('only this server’s own page: the token, its Origin and its Host', async () => {
    const host = new URL(web.url).host;
    expect(await upgradeStatus(socketUrl(), { origin })).toBe(101);
    expect(await upgradeStatus(socketUrl('wrong'), { origin })).toBe(403);
    // A page elsewhere cannot open one (a WebSocket is not bound by CORS), nor can a client that names no origin.
    expect(await upgradeStatus(socketUrl(), { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(socketUrl(), { origin: `https://${host}` })).toBe(403);
    expect(await upgradeStatus(socketUrl(), {})).toBe(403);
    // DNS rebinding, and upgrades anywhere else.
    expect(await upgradeStatus(socketUrl(), { origin: 'http://evil.example:80', host: 'evil.example:80' })).toBe(400);
    expect(await upgradeStatus(socketUrl(web.host.token, '/api/invoke'), { origin })).toBe(400);
    expect(await upgradeStatus(socketUrl(web.host.token, '/'), { origin })).toBe(400);
  });
});

describe('messages on the socket', () => {
  it('answers each call with its id, as /api/invoke answers it, several at once', async () => {
    const { c } = channel();
    const [status, unknown, bad, list] = await Promise.all([
      c.call(body('app.status', {})),
      c.call(body('payments.steal', {})),
      c.call(body('session.signIn', { opter: '', opterName: '赵' })),
      c.call(body('registry.list', { mandatory: 'clinic' })),
    ]);
    expect(status).toMatchObject({ ok: true, value: { institution: { code: 'P42010000001' } } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'E_API_METHOD' } });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('请输入操作员编号') } });
    expect(((list as { value: unknown[] }).value ?? []).length).toBe(59);
    const viaHttp = await fetch(new URL('/api/invoke', web.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Yibao-Token': web.host.token },
      body: body('registry.list', { mandatory: 'clinic' }),
    });
    expect(await viaHttp.json()).toEqual(list);
  });

  it('names what is wrong with a message that is not a call, and stays open', async () => {
    const { ws, answers } = await openSocket();
    ws.send('not json');
    ws.send(JSON.stringify({ method: 'app.status', args: {} }));
    ws.send(JSON.stringify({ id: -1, method: 'app.status', args: {} }));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    ws.send(JSON.stringify({ id: 7, method: 'app.status', args: {} }));
    await waitFor('five answers', () => answers.length === 5);
    expect(answers.slice(0, 4)).toEqual([
      { id: null, response: { ok: false, error: { code: 'E_BAD_JSON', message: '请求不是有效的 JSON 文本', kind: 'local' } } },
      {
        id: null,
        response: {
          ok: false,
          error: expect.objectContaining({ code: 'E_BAD_REQUEST', message: expect.stringContaining('{id, method, args}') }),
        },
      },
      // Its id (not a valid one) said back, so a caller can tell which message it was.
      { id: -1, response: { ok: false, error: expect.objectContaining({ code: 'E_BAD_REQUEST' }) } },
      { id: null, response: { ok: false, error: expect.objectContaining({ code: 'E_BAD_JSON' }) } },
    ]);
    expect(answers[4]).toMatchObject({ id: 7, response: { ok: true } });
    ws.close();
  });

  it('closes on a message over its limit (1009); the next socket works', async () => {
    const { ws, closed } = await openSocket();
    ws.send(JSON.stringify({ id: 1, method: 'app.status', args: { pad: 'x'.repeat(API_SOCKET_MESSAGE_LIMIT_BYTES) } }));
    expect(await closed).toBe(1009);
    const { c } = channel();
    expect(await c.call(body('app.status', {}))).toMatchObject({ ok: true });
  });
});

describe('the page’s channel', () => {
  it('sends a call too long for a message by HTTP (null), without opening a socket', async () => {
    const { c, opened } = channel();
    const long = body('inventory.import', { file: 'x'.repeat(API_SOCKET_CALL_MAX_CHARS) });
    expect(await c.call(long)).toBeNull();
    expect(opened()).toBe(0);
  });

  it('goes by HTTP while no socket opens, and tries again after RETRY_MS', async () => {
    let now = 1_000_000;
    const { c, opened } = channel(socketUrl('wrong'), () => now);
    expect(await c.call(body('app.status', {}))).toBeNull();
    expect(await c.call(body('app.status', {}))).toBeNull();
    expect(opened()).toBe(1);
    now += RETRY_MS;
    expect(await c.call(body('app.status', {}))).toBeNull();
    expect(opened()).toBe(2);
  });

  it('answers a call whose socket closed before its answer as unreachable, and never sends it again', async () => {
    // A host that takes the call and goes away without answering (a crash mid-call).
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    const received: string[] = [];
    server.on('connection', (ws) => ws.on('message', (data) => (received.push(String(data)), ws.terminate())));
    await new Promise((r) => server.once('listening', r));
    const { c, opened } = channel(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/socket`);
    expect(await c.call(body('pharmacy.settle', { n: 1 }))).toEqual({ ok: false, error: { code: 'E_HOST_UNREACHABLE' } });
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0] as string)).toEqual({ id: 1, method: 'pharmacy.settle', args: { n: 1 } });
    // The next call opens a new socket; the first is not among what it sends.
    const next = c.call(body('app.status', {}));
    await waitFor('the second call', () => received.length === 2);
    expect(JSON.parse(received[1] as string)).toMatchObject({ id: 2, method: 'app.status' });
    expect(await next).toEqual({ ok: false, error: { code: 'E_HOST_UNREACHABLE' } });
    expect(opened()).toBe(2);
    server.close();
  });
});
