/**
 * The directory a staged import writes its staging files into. A process killed mid-import
 * (power cut, task manager) cannot remove its own: staging files of a million rows take
 * hundreds of MB, so the next import removes the directories of processes no longer running.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'yibao-catalogue-';
/** yibao-catalogue-<pid>-<random>; the pid tells whether the owner still runs. */
const STAGE_DIR_NAME = new RegExp(`^${PREFIX}(\\d+)-`);

export interface StageDir {
  readonly path: string;
  remove(): void;
}

export function openStageDir(parent: string = tmpdir()): StageDir {
  removeAbandonedStageDirs(parent);
  const path = mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

function removeAbandonedStageDirs(parent: string): void {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return; // no such directory yet: nothing abandoned in it
  }
  for (const name of names) {
    const pid = STAGE_DIR_NAME.exec(name)?.[1];
    if (pid !== undefined && !processRuns(Number(pid))) {
      rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}

function processRuns(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
