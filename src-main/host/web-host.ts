/**
 * Web mode: serves the built renderer and the same API as the Electron preload on
 * loopback. A per-start token (injected into index.html, required on every API call and
 * on the event stream) keeps other local pages from calling the API; the Host header is
 * checked against DNS rebinding. Live events (journal activity, progress) are
 * server-sent events on GET /api/events?token=… (EventSource cannot send headers).
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { listenError } from '../core/errors';

export type Invoke = (method: unknown, args: unknown) => Promise<unknown>;
/** Registers a listener for live events; returns the unsubscribe function. */
export type Subscribe = (listener: (event: unknown) => void) => () => void;

export interface WebHostOptions {
  readonly rendererDir: string;
  readonly invoke: Invoke;
  readonly subscribe?: Subscribe;
  readonly host?: string;
  readonly port?: number;
  readonly token?: string;
}

export interface RunningWebHost {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const host = options.host ?? '127.0.0.1';
  let port = options.port ?? 0;
  let allowedHosts = new Set<string>();

  const server = http.createServer((req, res) => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('misdirected request');
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/api/invoke') {
      void handleInvoke(req, res, token, options.invoke);
      return;
    }
    if (path === '/api/events') {
      handleEvents(req, res, token, options.subscribe);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405);
      res.end();
      return;
    }
    void serveStatic(options.rendererDir, path, token, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(listenError(e, '收银台网页服务', host, port)));
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
  return {
    url: `http://${host}:${port}/`,
    token,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handleInvoke(req: http.IncomingMessage, res: http.ServerResponse, token: string, invoke: Invoke): Promise<void> {
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  if (req.method !== 'POST') return json(405, { ok: false, error: { code: 'E_METHOD', message: '只接受 POST', kind: 'local' } });
  if (req.headers['x-yibao-token'] !== token) {
    return json(403, {
      ok: false,
      error: { code: 'E_TOKEN', message: '令牌无效: 请从收银台启动时打印的地址打开页面', kind: 'local' },
    });
  }
  let body = '';
  for await (const chunk of req) {
    body += (chunk as Buffer).toString('utf8');
    if (body.length > 5_000_000)
      return json(413, { ok: false, error: { code: 'E_TOO_LARGE', message: '请求过大', kind: 'local' } });
  }
  let parsed: { method?: unknown; args?: unknown };
  try {
    parsed = JSON.parse(body) as { method?: unknown; args?: unknown };
  } catch {
    return json(400, { ok: false, error: { code: 'E_BAD_JSON', message: '请求不是有效的 JSON', kind: 'local' } });
  }
  json(200, await invoke(parsed.method, parsed.args));
}

/** Interval of the comment line that keeps idle event streams (and proxies) open. */
const HEARTBEAT_MS = 15_000;

function handleEvents(req: http.IncomingMessage, res: http.ServerResponse, token: string, subscribe?: Subscribe): void {
  const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
  if (req.method !== 'GET' || query.get('token') !== token || !subscribe) {
    res.writeHead(req.method !== 'GET' ? 405 : subscribe ? 403 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(subscribe ? '令牌无效' : '没有事件流');
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
  });
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = subscribe((event) => {
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

async function serveStatic(root: string, urlPath: string, token: string, res: http.ServerResponse): Promise<void> {
  const rel = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '');
  const file = normalize(join(root, rel));
  const isIndex = rel === 'index.html';
  if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) {
    res.writeHead(403);
    res.end();
    return;
  }
  try {
    let content: Buffer | string = await readFile(file);
    if (isIndex) content = content.toString('utf8').replace('__YIBAO_TOKEN__', token);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': isIndex ? 'no-store' : 'public, max-age=3600',
    });
    res.end(content);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found');
  }
}
