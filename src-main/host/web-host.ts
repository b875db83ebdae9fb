/**
 * Web mode: serves the built renderer and the same API as the Electron preload on loopback.
 *
 * Everything that reaches this server is hostile until shown otherwise: any page the cashier opens
 * can make the browser send requests here, and any local process can connect. So:
 *  - the Host header must name this server (DNS rebinding);
 *  - the page, which carries the per-start API token, is served only to whoever holds the launch
 *    key printed at start (`/?k=…`; a SameSite=Strict, HttpOnly cookie keeps it for reloads);
 *  - every API call carries the token in a header (a foreign page cannot set one without a
 *    preflight, which this server never grants);
 *  - no request can end the process: a malformed path, body or an exception in a handler becomes
 *    a 4xx/5xx JSON answer and a masked log line.
 * Live events are server-sent events on GET /api/events?token=… (EventSource cannot send headers). The
 * page makes its calls on a WebSocket (GET /api/socket?token=…, api-socket.ts), opened only with this
 * server's Host, its own page's Origin (a WebSocket is not bound by CORS) and the token.
 */
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { listenError } from '../core/errors';
import { logError, type LogSink } from '../core/log';
import { API_BODY_LIMIT_BYTES } from '../api/limits';
import { HEADER_CSP } from './csp';
import { API_SOCKET_PATH, apiSocketServer } from './api-socket';

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
  /** Where handler failures are logged (masked); default stderr. */
  readonly log?: LogSink;
}

export interface RunningWebHost {
  /** The address to open: it carries the launch key, without which the page is not served. */
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

const KEY_COOKIE = 'yibao_k';
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

type LocalError = { code: string; message: string };

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, error: LocalError): void {
  sendJson(res, status, { ok: false, error: { ...error, kind: 'local' } });
}

/** Constant-time comparison of a secret with what a request brought (any type). */
function sameSecret(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

function cookieValue(req: http.IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The path of a request URL, percent-decoded; null when the URL or an escape is malformed. */
export function requestPath(rawUrl: string | undefined): { path: string; query: URLSearchParams } | null {
  const url = rawUrl ?? '/';
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  try {
    const path = decodeURIComponent(rawPath);
    if (!path.startsWith('/') || path.includes('\0')) return null;
    return { path, query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)) };
  } catch {
    return null;
  }
}

export async function startWebHost(options: WebHostOptions): Promise<RunningWebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const launchKey = randomBytes(18).toString('base64url');
  const host = options.host ?? '127.0.0.1';
  const log = options.log;
  let port = options.port ?? 0;
  let allowedHosts = new Set<string>();

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('misdirected request');
      return;
    }
    const target = requestPath(req.url);
    if (!target) return sendError(res, 400, { code: 'E_BAD_PATH', message: '请求地址无效' });
    if (target.path === '/api/invoke') return handleInvoke(req, res, token, options.invoke);
    if (target.path === '/api/events') return handleEvents(req, res, target.query, token, options.subscribe);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const isPage = target.path === '/' || target.path === '/index.html';
    if (isPage) {
      const keyFromUrl = target.query.get('k');
      if (!sameSecret(launchKey, keyFromUrl ?? cookieValue(req, KEY_COOKIE))) {
        res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
        res.end(
          '<!doctype html><meta charset="utf-8"><title>医保收银台</title><p>请用收银台启动时打印的完整地址打开 (地址中含本次启动的钥匙 ?k=…)。</p>',
        );
        return;
      }
      if (keyFromUrl !== null) res.setHeader('Set-Cookie', `${KEY_COOKIE}=${launchKey}; HttpOnly; SameSite=Strict; Path=/`);
    }
    await serveStatic(options.rendererDir, isPage ? '/index.html' : target.path, token, res);
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      logError('E_WEB_HANDLER', error, `${String(req.method).slice(0, 10)} ${String(req.url).slice(0, 200)}`, log);
      sendError(res, 500, { code: 'E_INTERNAL', message: '收银台内部错误, 已记录日志; 请重试' });
    });
  });
  // A malformed request line or header never reaches the handler: answer 400 and keep serving.
  server.on('clientError', (_error, socket) => refuseSocket(socket, '400 Bad Request'));
  // Proxy tunnels are nothing this server offers; the one upgrade it takes is the API socket.
  server.on('connect', (_req, socket) => refuseSocket(socket, '405 Method Not Allowed'));
  const apiSocket = apiSocketServer({ invoke: options.invoke, ...(log ? { log } : {}) });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = req.headers.host ?? '';
    const target = requestPath(req.url);
    if (!allowedHosts.has(host) || target?.path !== API_SOCKET_PATH) return refuseSocket(socket, '400 Bad Request');
    if (req.headers.origin !== `http://${host}` || !sameSecret(token, target.query.get('token')))
      return refuseSocket(socket, '403 Forbidden');
    apiSocket.open(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(listenError(e, '收银台网页服务', host, port)));
    server.listen(port, host, () => resolve());
  });
  server.on('error', (e) => logError('E_WEB_SERVER', e, '网页服务', log));
  port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${host}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]);
  return {
    url: `http://${host}:${port}/?k=${launchKey}`,
    token,
    close: () =>
      new Promise((resolve) => {
        apiSocket.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function refuseSocket(socket: Duplex, status: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  else socket.destroy();
}

/** Reads a body up to `limit` bytes; null when it is larger (the rest is not buffered). */
async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function handleInvoke(req: http.IncomingMessage, res: http.ServerResponse, token: string, invoke: Invoke): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 405, { code: 'E_METHOD', message: '只接受 POST' });
  if (!sameSecret(token, req.headers['x-yibao-token'])) {
    return sendError(res, 403, { code: 'E_TOKEN', message: '令牌无效: 请从收银台启动时打印的地址打开页面' });
  }
  const body = await readBody(req, API_BODY_LIMIT_BYTES);
  if (body === null) {
    res.setHeader('Connection', 'close');
    return sendError(res, 413, {
      code: 'E_TOO_LARGE',
      message: `请求过大 (上限 ${Math.floor(API_BODY_LIMIT_BYTES / 1024 / 1024)} MB)`,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return sendError(res, 400, { code: 'E_BAD_JSON', message: '请求不是有效的 JSON' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return sendError(res, 400, { code: 'E_BAD_REQUEST', message: '请求必须是 JSON 对象 {method, args}' });
  }
  const { method, args } = parsed as { method?: unknown; args?: unknown };
  sendJson(res, 200, await invoke(method, args));
}

/** Interval of the comment line that keeps idle event streams (and proxies) open. */
const HEARTBEAT_MS = 15_000;

function handleEvents(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  query: URLSearchParams,
  token: string,
  subscribe?: Subscribe,
): void {
  if (req.method !== 'GET' || !sameSecret(token, query.get('token')) || !subscribe) {
    res.writeHead(req.method !== 'GET' ? 405 : subscribe ? 403 : 404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(subscribe ? '令牌无效' : '没有事件流');
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    ...SECURITY_HEADERS,
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
  const rel = urlPath.replace(/^\/+/, '');
  const file = normalize(join(root, rel));
  const isIndex = rel === 'index.html';
  if (!file.startsWith(normalize(root) + sep)) {
    res.writeHead(403);
    res.end();
    return;
  }
  let content: Buffer | string;
  try {
    content = await readFile(file);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found');
    return;
  }
  if (isIndex) content = content.toString('utf8').replace('__YIBAO_TOKEN__', token);
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': HEADER_CSP,
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=3600',
    ...SECURITY_HEADERS,
  });
  res.end(content);
}
