/**
 * The renderer's one way to reach the main side: Electron's preload bridge when present,
 * otherwise the web host with the per-start token from index.html: calls on its API socket
 * (socket-channel.ts; /api/invoke when the socket cannot take one), and its server-sent event
 * stream (/api/events) for live updates.
 */
import type {
  ApiArgs,
  ApiError,
  ApiMethod,
  ApiResponse,
  ApiResults,
  CounterEvent,
  YibaoApi,
} from '../../../src-main/api/contract';
import { SocketChannel } from './socket-channel';

declare global {
  interface Window {
    yibao?: YibaoApi;
  }
}

function webApi(): YibaoApi {
  const token = document.querySelector<HTMLMetaElement>('meta[name="yibao-token"]')?.content ?? '';
  const listeners = new Set<(event: CounterEvent) => void>();
  let source: EventSource | null = null;

  function connect(): void {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      let event: CounterEvent;
      try {
        event = JSON.parse(String(message.data)) as CounterEvent;
      } catch {
        return;
      }
      for (const listener of [...listeners]) listener(event);
    };
  }

  const unreachable = (): { ok: false; error: ApiError } => ({
    ok: false,
    error: {
      code: 'E_HOST_UNREACHABLE',
      message: '无法连接收银台后台服务',
      kind: 'local',
      hint: '确认收银台程序仍在运行, 然后刷新页面。',
    },
  });
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const channel = new SocketChannel(
    `${scheme}://${location.host}/api/socket?token=${encodeURIComponent(token)}`,
    (url) => new WebSocket(url),
    unreachable,
  );

  return {
    async invoke(method, args) {
      const body = JSON.stringify({ method, args });
      const answered = await channel.call(body);
      if (answered !== null) return answered as ApiResponse<typeof method>;
      try {
        const res = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Yibao-Token': token },
          body,
        });
        return (await res.json()) as ApiResponse<typeof method>;
      } catch {
        return unreachable();
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

const api: YibaoApi = window.yibao ?? webApi();

/** An API failure as an exception the screens can show: what went wrong and what to do next. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export async function call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  const res = await api.invoke(method, args);
  if (!res.ok) throw new ApiFailure(res.error.code, res.error.message, res.error.kind, res.error.hint);
  return res.value;
}

export function subscribe(listener: (event: CounterEvent) => void): () => void {
  return api.subscribe(listener);
}
