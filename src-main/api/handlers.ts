/**
 * Registration only: each API method validates its arguments and calls a module under
 * src-main. Errors come back as { ok: false, error } with a Chinese message, never thrown
 * across the bridge.
 */
import { YibaoError, formatPath, isYibaoError } from '../core/errors';
import { isCenterCallError } from '../protocol/call-errors';
import { listInterfaces, mandatoryFor } from '../registry/registry';
import type { CounterApp } from '../app/counter-app';
import { apiArgs, isApiMethod, type ApiError, type ApiMethod, type ApiResponse, type ApiResults } from './contract';

type Handlers = { [M in ApiMethod]: (args: never) => Promise<ApiResults[M]> | ApiResults[M] };

export function createApiHandlers(app: CounterApp, version: string) {
  const { config } = app.loaded;
  const handlers = {
    'app.status': () => ({
      centerUrl: app.centerUrl,
      sandbox: app.sandbox !== null,
      institution: {
        code: config.institution.fixmedinsCode,
        name: config.institution.fixmedinsName,
        kind: config.institution.kind,
        admvs: config.institution.mdtrtareaAdmvs,
      },
      profile: { id: app.client.profile.id, name: app.client.profile.name },
      configPath: app.loaded.path,
      version,
    }),
    'session.current': () => app.sessions.current() ?? null,
    'session.signIn': async (args: { opter: string; opterName: string }) => {
      const { session, result } = await app.sessions.signInWithResult(app.client, args);
      return { ...session, msgid: result.msgid };
    },
    'session.signOut': async (args: { opter?: string }) => {
      const { session, signOutTime } = await app.sessions.signOut(app.client, args.opter);
      return { opter: session.opter, signOutTime };
    },
    'registry.list': (args: { mandatory?: 'pharmacy' | 'clinic' | 'hosp1' | 'hosp2'; query?: string }) => {
      const rows = args.mandatory ? mandatoryFor(args.mandatory) : listInterfaces();
      const q = args.query?.trim();
      return q ? rows.filter((r) => r.code.includes(q) || r.name.includes(q)) : rows;
    },
  } satisfies Handlers;

  return async function invoke(method: unknown, rawArgs: unknown): Promise<ApiResponse<ApiMethod>> {
    try {
      if (!isApiMethod(method)) throw new YibaoError('E_API_METHOD', `未知的接口方法 ${String(method)}`);
      const parsed = apiArgs[method].safeParse(rawArgs ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new YibaoError('E_API_ARGS', `参数不正确: ${formatPath(issue?.path ?? [])} ${issue?.message ?? ''}`, { method });
      }
      const handler = handlers[method] as (args: unknown) => unknown;
      return { ok: true, value: (await handler(parsed.data)) as ApiResults[ApiMethod] };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  };
}

export function toApiError(error: unknown): ApiError {
  if (isCenterCallError(error)) return { code: error.code, message: error.messageZh, kind: error.kind };
  if (isYibaoError(error)) return { code: error.code, message: error.messageZh, kind: 'local' };
  return { code: 'E_INTERNAL', message: `内部错误: ${(error as Error)?.message ?? String(error)}`, kind: 'local' };
}
