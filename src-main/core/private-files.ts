/**
 * Data at rest belongs to the user who runs the counter: the journal holds full ID numbers, names and
 * e-certificate tokens, the config holds the gateway secret. On POSIX the counter's folders are 0700
 * and its files 0600, also when an older version left them wider. On Windows these calls change
 * nothing: the data lives under %APPDATA%, whose ACL already gives access to the user (and
 * administrators) only.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';

const POSIX = process.platform !== 'win32';

/** Creates `dir` (and missing parents) as 0700; an existing `dir` is narrowed to 0700 when `own` is set. */
export function ensurePrivateDir(dir: string, options: { own?: boolean } = {}): void {
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Only folders this program made or owns: never narrow a shared folder such as /tmp.
  if (POSIX && (created !== undefined || options.own)) chmodSync(dir, 0o700);
}

/** Narrows existing files to 0600 (missing ones are skipped). */
export function makePrivate(...files: readonly string[]): void {
  if (!POSIX) return;
  for (const file of files) if (existsSync(file)) chmodSync(file, 0o600);
}

/** Creates an empty file as 0600 if it is missing, so whatever opens it next finds it private. */
export function touchPrivate(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  makePrivate(file);
}

export function writePrivateFile(file: string, text: string): void {
  writeFileSync(file, text, { encoding: 'utf8', mode: 0o600 });
  makePrivate(file);
}
