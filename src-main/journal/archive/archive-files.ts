/**
 * Where the yearly archives of the journal live (issue 19): <dataDir>/archive/journal-YYYY.sqlite,
 * one file per calendar year, and the last run's result beside them (last-run.json, for 设置).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../../core/json-file';
import { logError } from '../../core/log';
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

const count = z.number().int().nonnegative();
const lastRunSchema: z.ZodType<ArchiveRunResult> = z.object({
  at: z.string(),
  afterYears: z.number().int(),
  lastYear: z.number().int(),
  years: z.array(
    z.object({
      year: z.number().int(),
      moved: count,
      keys: count,
      kept: count,
      note: z.string().nullable(),
      stepsMs: z.object({ copy: z.number(), verify: z.number(), delete: z.number() }).optional(),
    }),
  ),
  moved: count,
  ms: z.number(),
  error: z.string().nullable(),
});

/**
 * The last run's result, or null: never ran, or the file is unreadable or not of a run's shape (设置 then shows no
 * last run rather than a wrong one; the next run writes it again).
 */
export function readLastRun(folder: string): ArchiveRunResult | null {
  const read = readJsonFile(join(folder, LAST_RUN), lastRunSchema);
  if (read.kind === 'bad') logError('E_ARCHIVE_LAST_RUN', read.reason);
  return read.kind === 'ok' ? read.value : null;
}
