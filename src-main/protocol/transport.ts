/**
 * HTTP POST to the center with per-transaction connect and read timeouts, classifying
 * every failure as not-sent / rejected / unknown (see call-errors.ts).
 *
 * "Not sent" must be certain, because the caller may then repeat the call: we track per
 * request whether the connection was established and whether the whole body was handed
 * to the socket ('finish'). Any failure after that point is an unknown outcome.
 */
import axios, { type AxiosInstance } from 'axios';
import http from 'node:http';
import https from 'node:https';
import { NotSentError, RejectedError, UnknownOutcomeError, type CallIdentity } from './call-errors';
import type { Timeouts } from '../registry/profile';

export interface TransportRequest {
  readonly url: string;
  /** JSON text of the envelope. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeouts: Timeouts;
  readonly call: CallIdentity;
  /** Told once the whole body has been handed to the socket (the journal marks the entry sent). */
  readonly onBodySent?: () => void;
}

export interface TransportResponse {
  readonly status: number;
  readonly contentType: string;
  readonly bytes: Buffer;
}

export interface Transport {
  post(request: TransportRequest): Promise<TransportResponse>;
  /** Frees kept-alive sockets. */
  close?(): void;
  /** Kept-alive sockets waiting for the next call (a test waits for those to a closed center to be dropped). */
  idleSockets?(): number;
}

interface Progress {
  connected: boolean;
  bodySent: boolean;
  responded: boolean;
  /** The read deadline (readMs after connecting) passed. */
  readTimedOut?: boolean;
}

const CONNECT_TIMEOUT_CODE = 'ECONNECT_TIMEOUT';
const READ_TIMEOUT_CODE = 'EREAD_TIMEOUT';

/**
 * Wraps node's http(s).request so we learn when the socket connected and the body left, and
 * applies the two deadlines the errors name: connectMs until connected, then readMs until the
 * answer is complete (a reused keep-alive socket is connected at once). One overall axios
 * timeout of connect + read would let a call wait longer than the message says (issue 16).
 */
function trackingTransport(progress: Progress, timeouts: Timeouts, onBodySent?: () => void) {
  const { connectMs, readMs } = timeouts;
  return {
    request(options: http.RequestOptions, callback: (res: http.IncomingMessage) => void): http.ClientRequest {
      const isHttps = options.protocol === 'https:';
      const req = (isHttps ? https : http).request(options, (res) => {
        progress.responded = true;
        callback(res);
      });
      let readTimer: NodeJS.Timeout | undefined;
      const connected = () => {
        progress.connected = true;
        readTimer = setTimeout(() => {
          progress.readTimedOut = true;
          req.destroy(Object.assign(new Error(`read timeout after ${readMs} ms`), { code: READ_TIMEOUT_CODE }));
        }, readMs);
      };
      // 'close': the answer was read completely, or the connection ended before that.
      req.once('close', () => clearTimeout(readTimer));
      req.on('socket', (socket) => {
        const connectEvent = isHttps ? 'secureConnect' : 'connect';
        // A reused keep-alive socket is already connected; a new one is still connecting here.
        if (!socket.connecting) {
          connected();
          return;
        }
        const timer = setTimeout(() => {
          const err = Object.assign(new Error(`connect timeout after ${connectMs} ms`), { code: CONNECT_TIMEOUT_CODE });
          req.destroy(err);
        }, connectMs);
        socket.once(connectEvent, () => {
          clearTimeout(timer);
          connected();
        });
        socket.once('close', () => clearTimeout(timer));
      });
      req.on('finish', () => {
        progress.bodySent = true;
        onBodySent?.();
      });
      return req;
    },
  };
}

export interface HttpTransportOptions {
  /** Idle keep-alive sockets are closed after this many ms, well before typical server idle timeouts. */
  readonly keepAliveIdleMs?: number;
}

export class HttpTransport implements Transport {
  private readonly axios: AxiosInstance;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(options: HttpTransportOptions = {}) {
    const idle = options.keepAliveIdleMs ?? 2000;
    this.httpAgent = new http.Agent({ keepAlive: true, timeout: idle, maxSockets: 8 });
    this.httpsAgent = new https.Agent({ keepAlive: true, timeout: idle, maxSockets: 8 });
    this.axios = axios.create({
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      maxRedirects: 0,
      proxy: false,
      responseType: 'arraybuffer',
      validateStatus: () => true,
      decompress: true,
    });
  }

  async post(request: TransportRequest): Promise<TransportResponse> {
    const progress: Progress = { connected: false, bodySent: false, responded: false };
    let response;
    try {
      response = await this.axios.post<ArrayBuffer>(request.url, request.body, {
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          Accept: 'application/json, application/zip, */*',
          ...request.headers,
        },
        // No overall timeout: the connect and read deadlines are applied in trackingTransport.
        timeout: 0,
        transport: trackingTransport(progress, request.timeouts, request.onBodySent),
        transformRequest: [(data: string) => data],
      } as Parameters<AxiosInstance['post']>[2]);
    } catch (error) {
      throw classifyNetworkError(error, progress, request);
    }
    const bytes = Buffer.from(response.data);
    const contentType = String(response.headers['content-type'] ?? '');
    const status = response.status;
    if (status >= 500) {
      throw new UnknownOutcomeError('E_HTTP_5XX', `医保中心返回 HTTP ${status}, 交易结果未知`, request.call, {
        httpStatus: status,
      });
    }
    if (status >= 300) {
      // The gateway refused it before the business ran (auth, path, redirect): nothing was applied.
      const text = bytes.toString('utf8').slice(0, 200);
      throw new RejectedError(
        'E_HTTP_REJECTED',
        `医保网关拒绝了请求 (HTTP ${status}): 请检查中心地址和网关签名配置`,
        request.call,
        text,
        null,
        null,
        { httpStatus: status },
      );
    }
    return { status, contentType, bytes };
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  idleSockets(): number {
    // The agent drops a free socket when its 'close' arrives (the peer closed it); no event is passed on.
    const free = [this.httpAgent.freeSockets, this.httpsAgent.freeSockets];
    return free.flatMap((byHost) => Object.values(byHost)).reduce((n, list) => n + (list?.length ?? 0), 0);
  }
}

function errorCode(error: unknown): string {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code ?? 'UNKNOWN';
}

export function classifyNetworkError(error: unknown, progress: Progress, request: TransportRequest) {
  const code = errorCode(error);
  const detail = { networkCode: code, url: request.url };
  const message = (error as Error).message ?? String(error);
  if (!progress.bodySent && !progress.responded) {
    const why =
      code === 'ECONNREFUSED'
        ? '连接被拒绝 (中心服务未启动或地址端口错误)'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? '无法解析中心域名 (检查网络和 DNS)'
          : code === CONNECT_TIMEOUT_CODE
            ? `连接超时 (${request.timeouts.connectMs} ms)`
            : /CERT|TLS|SSL|SELF_SIGNED/i.test(code + message)
              ? 'TLS 证书校验失败'
              : `网络错误 ${code}`;
    return new NotSentError('E_NOT_SENT', `请求未发出: ${why}; 中心未收到本次交易, 可以重试`, request.call, detail, {
      cause: error,
    });
  }
  const timedOut = progress.readTimedOut === true || code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message);
  return new UnknownOutcomeError(
    timedOut ? 'E_TIMEOUT_AFTER_SEND' : 'E_CONNECTION_LOST',
    timedOut
      ? `请求已发出但 ${request.timeouts.readMs} ms 内未收到完整应答 (读超时), 交易结果未知`
      : `请求已发出但连接中断 (${code}), 交易结果未知`,
    request.call,
    detail,
    { cause: error },
  );
}
