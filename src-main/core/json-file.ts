/**
 * A small JSON file the counter wrote itself (the archive's last run, the restore marker), read back through its
 * schema: a file edited by hand, cut short by a full disk or left by another version reaches nothing as it is.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { parseJsonText } from './bom';

export type JsonFileRead<T> =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly value: T }
  /** Unreadable, not JSON, or not of the schema's shape: `reason` names which (for the log). */
  | { readonly kind: 'bad'; readonly reason: string };

export function readJsonFile<T>(file: string, schema: z.ZodType<T>): JsonFileRead<T> {
  if (!existsSync(file)) return { kind: 'missing' };
  let data: unknown;
  try {
    data = parseJsonText(readFileSync(file, 'utf8'));
  } catch (error) {
    return { kind: 'bad', reason: `${file}: not readable as JSON (${(error as Error).message})` };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { kind: 'bad', reason: `${file}: ${first?.path.join('.') || '(top)'} ${first?.message ?? 'wrong shape'}` };
  }
  return { kind: 'ok', value: parsed.data };
}
