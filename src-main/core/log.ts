/**
 * The main side's error log: one line per event on stderr, personal data masked. Used where an
 * error must not end the process (a request handler, a process-level guard) and nobody else
 * will report it.
 */
import { isYibaoError } from './errors';
import { maskFreeText } from './mask';

export type LogSink = (line: string) => void;

const stderrSink: LogSink = (line) => {
  process.stderr.write(line + '\n');
};

/** One masked line: time, code, message, and the first lines of the stack for unexpected errors. */
export function formatLogLine(code: string, error: unknown, context = ''): string {
  const message = isYibaoError(error)
    ? error.messageZh
    : error instanceof Error
      ? `${error.name}: ${error.message}`
      : String(error);
  const stack =
    !isYibaoError(error) && error instanceof Error && error.stack ? error.stack.split('\n').slice(1, 4).join(' |') : '';
  const parts = [new Date().toISOString(), code, context, message, stack].filter((p) => p !== '');
  return maskFreeText(parts.join(' ')).slice(0, 4000);
}

export function logError(code: string, error: unknown, context = '', sink: LogSink = stderrSink): void {
  try {
    sink(formatLogLine(code, error, context));
  } catch {
    // A log that cannot be written must not become the crash it reports.
  }
}

/**
 * Keeps a long-running counter (web mode, Electron main) alive through an exception nobody caught:
 * it is logged, masked, and the journal — written before every send — stays as it is. Returns the
 * function that removes the guards.
 */
export function installProcessGuards(sink: LogSink = stderrSink): () => void {
  const onException = (error: unknown) => logError('E_UNCAUGHT', error, '未捕获的异常 (收银台继续运行)', sink);
  const onRejection = (reason: unknown) =>
    logError('E_UNHANDLED_REJECTION', reason, '未处理的 Promise 拒绝 (收银台继续运行)', sink);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
