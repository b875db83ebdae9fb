/** Printing for the CLI: JSON when asked, aligned text otherwise; errors as code + Chinese message. */
import { isYibaoError } from '../core/errors';
import { maskPersonalData } from '../core/mask';
import { isCenterCallError } from '../protocol/call-errors';

/** Exit codes promised by `yibao call`: 0 ok, 1 usage/config, 2 rejected, 3 unknown outcome. */
export const EXIT = { ok: 0, usage: 1, rejected: 2, unknown: 3 } as const;

/**
 * JSON on stdout, personal data masked unless the person asked to see it (`--show`): CLI output ends
 * up in terminals, scroll-back, support tickets and scripts' logs.
 */
export function printJson(value: unknown, options: { reveal?: boolean } = {}): void {
  process.stdout.write(JSON.stringify(options.reveal ? value : maskPersonalData(value), null, 2) + '\n');
}

export function printTable(records: readonly Record<string, unknown>[], columns: readonly string[]): void {
  const rows = records.map((r) =>
    Object.fromEntries(columns.map((c) => [c, r[c] === null || r[c] === undefined ? '' : String(r[c])])),
  );
  const widths = columns.map((c) => Math.max(displayWidth(c), ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(line([...columns]) + '\n');
  for (const row of rows) process.stdout.write(line(columns.map((c) => row[c] ?? '')) + '\n');
}

/** CJK characters take two columns in a terminal. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}
export function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Prints an error and returns the exit code it maps to. */
export function reportError(error: unknown, json: boolean): number {
  let code: number = EXIT.usage;
  if (isCenterCallError(error))
    code = error.kind === 'rejected' ? EXIT.rejected : error.kind === 'unknown' ? EXIT.unknown : EXIT.usage;
  if (json) {
    const payload = isYibaoError(error)
      ? { error: { ...error.toJSON(), kind: isCenterCallError(error) ? error.kind : 'local' } }
      : { error: { code: 'E_INTERNAL', message: String((error as Error)?.message ?? error) } };
    process.stdout.write(JSON.stringify(payload, null, 2) + '\n');
  } else if (isYibaoError(error)) {
    process.stderr.write(`错误 [${error.code}]: ${error.messageZh}\n`);
    const { journalState, resolution } = error.detail as { journalState?: string; resolution?: string };
    if (journalState) process.stderr.write(`流水状态: ${journalState}${resolution ? ` (${resolution})` : ''}\n`);
  } else {
    process.stderr.write(`内部错误 [E_INTERNAL]: ${String((error as Error)?.stack ?? error)}\n`);
  }
  return code;
}
