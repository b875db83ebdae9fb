/**
 * The renderer's one way to reach the main side: Electron's preload bridge when present,
 * otherwise the web host's /api/invoke with the per-start token from index.html.
 */
import type { ApiArgs, ApiMethod, ApiResponse, ApiResults, YibaoApi } from '../../../src-main/api/contract';

declare global {
  interface Window {
    yibao?: YibaoApi;
  }
}

function webApi(): YibaoApi {
  const token = document.querySelector<HTMLMetaElement>('meta[name="yibao-token"]')?.content ?? '';
  return {
    async invoke(method, args) {
      try {
        const res = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Yibao-Token': token },
          body: JSON.stringify({ method, args }),
        });
        return (await res.json()) as ApiResponse<typeof method>;
      } catch {
        return {
          ok: false,
          error: { code: 'E_HOST_UNREACHABLE', message: '无法连接收银台后台服务, 请确认程序仍在运行', kind: 'local' },
        };
      }
    },
  };
}

const api: YibaoApi = window.yibao ?? webApi();

/** An API failure as an exception the screens can show. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: string,
  ) {
    super(message);
  }
}

export async function call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  const res = await api.invoke(method, args);
  if (!res.ok) throw new ApiFailure(res.error.code, res.error.message, res.error.kind);
  return res.value;
}
