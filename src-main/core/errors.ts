/**
 * The one error shape every boundary produces: a stable code for the log and a
 * Chinese message for the cashier (what is wrong and, where useful, what to do).
 */
export class YibaoError extends Error {
  constructor(
    /** Stable machine code, e.g. E_CONFIG_INVALID. */
    readonly code: string,
    /** Message for the cashier / IT person, in Chinese. */
    readonly messageZh: string,
    /** Structured context for the log (must already be masked). */
    readonly detail: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(`[${code}] ${messageZh}`, options);
    this.name = 'YibaoError';
  }

  toJSON(): { code: string; message: string; detail: Record<string, unknown> } {
    return { code: this.code, message: this.messageZh, detail: this.detail };
  }
}

export function isYibaoError(e: unknown): e is YibaoError {
  return e instanceof YibaoError;
}

/** Renders a zod-style issue path as `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(根)' : out;
}

/** A listen() failure as the person starting the program should read it. */
export function listenError(cause: unknown, what: string, host: string, port: number): YibaoError {
  const code = (cause as { code?: string }).code;
  if (code === 'EADDRINUSE') {
    return new YibaoError(
      'E_PORT_IN_USE',
      `${what}的端口 ${port} 已被占用: 可能已有一个在运行 (http://${host}:${port}/), 或换一个端口 (--port)`,
      { port },
      { cause },
    );
  }
  return new YibaoError('E_LISTEN', `${what}无法在 ${host}:${port} 监听: ${(cause as Error).message}`, { port }, { cause });
}
