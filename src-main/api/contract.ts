/**
 * The one API between the renderer and the main side, used through Electron IPC
 * (preload) and through the web host alike. Pure: zod and types only, so the renderer
 * can import it. Each method: an argument schema (validated in main) and a result type.
 */
import { z } from 'zod';

export const apiArgs = {
  'app.status': z.strictObject({}),
  'session.current': z.strictObject({}),
  'session.signIn': z.strictObject({
    opter: z.string().trim().min(1, { message: '请输入操作员编号' }).max(20, { message: '操作员编号不超过 20 位' }),
    opterName: z.string().trim().min(1, { message: '请输入操作员姓名' }).max(50),
  }),
  'session.signOut': z.strictObject({ opter: z.string().min(1).max(20).optional() }),
  'registry.list': z.strictObject({
    mandatory: z.enum(['pharmacy', 'clinic', 'hosp1', 'hosp2']).optional(),
    query: z.string().max(50).optional(),
  }),
} as const;

export type ApiMethod = keyof typeof apiArgs;
export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgs)[M]>;

export interface AppStatus {
  readonly centerUrl: string;
  readonly sandbox: boolean;
  readonly institution: { code: string; name: string; kind: 'pharmacy' | 'clinic'; admvs: string };
  readonly profile: { id: string; name: string };
  readonly configPath: string;
  readonly version: string;
}

export interface SessionInfo {
  readonly opter: string;
  readonly opterName: string;
  readonly signNo: string;
  readonly signTime: string;
}

export interface RegistryRow {
  readonly code: string;
  readonly name: string;
  readonly category: string;
  readonly modeText: string;
  readonly mandatory: { pharmacy: boolean; clinic: boolean; hosp1: boolean; hosp2: boolean };
  readonly regions: readonly string[];
}

export interface ApiResults {
  'app.status': AppStatus;
  'session.current': SessionInfo | null;
  'session.signIn': SessionInfo & { msgid: string };
  'session.signOut': { opter: string; signOutTime: string };
  'registry.list': readonly RegistryRow[];
}

export interface ApiError {
  readonly code: string;
  readonly message: string;
  /** not-sent / rejected / unknown for center calls; local otherwise. */
  readonly kind: 'not-sent' | 'rejected' | 'unknown' | 'local';
}

export type ApiResponse<M extends ApiMethod> = { ok: true; value: ApiResults[M] } | { ok: false; error: ApiError };

/** What the renderer calls; the preload and the web client both implement it. */
export interface YibaoApi {
  invoke<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResponse<M>>;
}

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiArgs, name);
}
