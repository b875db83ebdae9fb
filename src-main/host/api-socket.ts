/**
 * Web mode's API over one WebSocket per page (`GET /api/socket?token=…`, upgraded): the same calls as
 * POST /api/invoke, without an HTTP request per call. In Chromium each fetch goes through the network
 * service and back, about 5–10 ms p50 and 10–25 ms p99 on a 2-core counter PC against under 1 / 5 ms for a
 * message on an open socket (measured 2026-12-07 with a page calling a local server 300 times each way); a
 * search keystroke is one call, so this is most of what separated it from its 50 ms target (issue 17).
 * Electron's preload (an IPC call) is the same kind of channel.
 *
 * A WebSocket is not bound by CORS: any page the cashier opens could try to open one. So the web host lets
 * an upgrade through only with this server's Host, its own page's Origin and the token. Messages are
 * `{id, method, args}` → `{id, response}`; one that is not of that shape is answered with an error naming
 * what is wrong (with its id when it has one) and the socket stays open. Bulk bodies (an import file) stay on
 * POST /api/invoke, which has the large body limit and its 413 answer; the socket takes messages up to
 * API_SOCKET_MESSAGE_LIMIT_BYTES and closes on a larger one (1009), failing nothing already answered.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import { logError, type LogSink } from '../core/log';
import { API_SOCKET_MESSAGE_LIMIT_BYTES } from '../api/limits';
import type { Invoke } from './web-host';

export const API_SOCKET_PATH = '/api/socket';

const requestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.unknown(),
  args: z.unknown(),
});

/** A local refusal in the API's own answer shape (what /api/invoke answers with a 4xx). */
function refusal(code: string, message: string): unknown {
  return { ok: false, error: { code, message, kind: 'local' } };
}

export interface ApiSocketServer {
  /** Opens the socket of an upgrade request the web host has checked (Host, Origin, token). */
  open(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Ends every open socket. */
  close(): void;
}

export function apiSocketServer(options: { invoke: Invoke; log?: LogSink }): ApiSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: API_SOCKET_MESSAGE_LIMIT_BYTES });
  const send = (ws: WebSocket, message: unknown): void => {
    // A page closed while its call ran: the answer has nowhere to go (the journal has the call).
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const answer = async (ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> => {
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      parsed = undefined;
    }
    const request = requestSchema.safeParse(parsed);
    if (!request.success) {
      const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined;
      const response =
        parsed === undefined
          ? refusal('E_BAD_JSON', '请求不是有效的 JSON 文本')
          : refusal('E_BAD_REQUEST', '请求必须是 JSON 对象 {id, method, args}, id 为非负整数');
      send(ws, { id: typeof id === 'number' ? id : null, response });
      return;
    }
    const { id, method, args } = request.data;
    let response: unknown;
    try {
      response = await options.invoke(method, args);
    } catch (error) {
      logError('E_WEB_SOCKET_HANDLER', error, 'API 连接', options.log);
      response = refusal('E_INTERNAL', '收银台内部错误, 已记录日志; 请重试');
    }
    send(ws, { id, response });
  };

  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => void answer(ws, data, isBinary));
    ws.on('error', (error) => logError('E_WEB_SOCKET', error, 'API 连接', options.log));
  });

  return {
    open(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
