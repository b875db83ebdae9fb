/**
 * Reading the counter's own journal entries back as protocol data: the input that was sent and
 * the output the center answered. The journal is the legal record, so business state that must
 * survive a restart (which bill is settled, which sale was refunded) is derived from it.
 */
import type { JournalEntry } from '../journal/journal-store';

export type Json = Record<string, unknown>;

function parse(text: string | null): Json | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

/**
 * Parsed once per entry object: replaying a visit or a sale reads the same entry's input and
 * output several times. Entries are read-only snapshots of a row, so the cache cannot go stale.
 */
const inputs = new WeakMap<JournalEntry, Json>();
const outputs = new WeakMap<JournalEntry, Json | null>();

/** The envelope's `input`. */
export function inputOf(entry: JournalEntry): Json {
  let input = inputs.get(entry);
  if (input === undefined) {
    const value = parse(entry.requestJson)?.['input'];
    input = value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
    inputs.set(entry, input);
  }
  return input;
}

/** A top-level field of the request envelope as sent (e.g. insuplc_admdvs). */
export function envelopeField(entry: JournalEntry, key: string): string {
  const value = parse(entry.requestJson)?.[key];
  return typeof value === 'string' ? value : '';
}

/** The answer's `output` (only for entries the center answered). */
export function outputOf(entry: JournalEntry): Json | null {
  let output = outputs.get(entry);
  if (output === undefined) {
    const value = parse(entry.responseJson)?.['output'];
    output = value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
    outputs.set(entry, output);
  }
  return output;
}

/** `input[block]` as an object (e.g. data, druginfo, mdtrtinfo). */
export function block(source: Json | null, name: string): Json {
  const value = source?.[name];
  if (Array.isArray(value)) return (value[0] as Json | undefined) ?? {};
  return value && typeof value === 'object' ? (value as Json) : {};
}

/** `input[name]` as an array of objects (feedetail, drugdetail, diseinfo, result …). */
export function rows(source: Json | null, name: string): Json[] {
  const value = source?.[name];
  return Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Json[]) : [];
}

export function str(source: Json, key: string): string {
  const v = source[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** The exact JSON text a key/value pair has in a journal entry (JSON.stringify adds no spaces). */
export function jsonPair(key: string, value: string): string {
  return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
}
