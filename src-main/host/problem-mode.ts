/**
 * When the counter cannot open its database (damaged, unreadable, from a newer version), web
 * mode still starts: the same renderer, whose every API call answers with that error, so the
 * cashier sees a screen saying what happened, the last good backup and how to restore, instead
 * of a window that never loads. Nothing touches the database file. The Electron shell answers its
 * window the same way (electron/shell-start.ts).
 */
import { loadConfig } from '../config/load';
import { adviceFor } from '../counter/error-advice';
import { isYibaoError, type YibaoError } from '../core/errors';
import { startWebHost, type RunningWebHost } from './web-host';

/** Errors of opening the local database that get the problem screen (others still stop the start). */
export const DATABASE_PROBLEMS = new Set(['E_DB_CORRUPT', 'E_DB_TOO_NEW', 'E_DB_OPEN']);

export function isDatabaseProblem(error: unknown): error is YibaoError {
  return isYibaoError(error) && DATABASE_PROBLEMS.has(error.code);
}

/** The API of a counter that could not open its database: every call answers with that problem. */
export function problemInvoke(problem: YibaoError) {
  const error = {
    code: problem.code,
    message: problem.messageZh,
    kind: 'local' as const,
    hint: adviceFor(problem) ?? '请联系 IT 人员按上面的说明恢复备份; 在此之前不要办理结算。',
  };
  return (_method?: unknown, _args?: unknown) => Promise.resolve({ ok: false as const, error });
}

export async function startProblemHost(options: {
  readonly problem: YibaoError;
  readonly configPath?: string;
  readonly rendererDir: string;
  readonly port?: number;
}): Promise<RunningWebHost> {
  const { config } = loadConfig({ path: options.configPath });
  return startWebHost({
    rendererDir: options.rendererDir,
    invoke: problemInvoke(options.problem),
    host: config.web.host,
    port: options.port ?? config.web.port,
  });
}
