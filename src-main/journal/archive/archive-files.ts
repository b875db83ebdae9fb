/**
 * Where the yearly archives of the journal live (issue 19): <dataDir>/archive/journal-YYYY.sqlite,
 * one file per calendar year, and the last run's result beside them (last-run.json, for 设置).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, writePrivateFile } from '../../core/private-files';
import type { ArchiveRunResult } from './archive-views';

export const ARCHIVE_FOLDER_NAME = 'archive';
const FILE = /^journal-(\d{4})\.sqlite$/;
const LAST_RUN = 'last-run.json';

export const archiveFolderOf = (dataDir: string): string => join(dataDir, ARCHIVE_FOLDER_NAME);

export const archiveFileOf = (folder: string, year: number): string => join(folder, `journal-${year}.sqlite`);

/** The years that have an archive file in the folder, newest first (none when the folder does not exist). */
export function archiveYearsIn(folder: string): number[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => FILE.exec(name)?.[1])
    .filter((y): y is string => y !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
}

export function writeLastRun(folder: string, result: ArchiveRunResult): void {
  ensurePrivateDir(folder);
  writePrivateFile(join(folder, LAST_RUN), JSON.stringify(result, null, 2));
}

/** The last run's result, or null (never ran, or the file is unreadable: the next run writes it again). */
export function readLastRun(folder: string): ArchiveRunResult | null {
  const file = join(folder, LAST_RUN);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ArchiveRunResult;
  } catch {
    return null;
  }
}
