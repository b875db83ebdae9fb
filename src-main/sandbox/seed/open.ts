/**
 * The one way the center gets its store: open <dataDir>/sandbox.sqlite, creating and
 * seeding it on first use. The file remembers its seed; asking for another seed is an error
 * rather than silently serving data the caller did not ask for.
 */
import { join } from 'node:path';
import { SeedMismatchError } from '../store/errors';
import { SandboxStore } from '../store/store';
import { META, seedSandbox, type SeedReport } from './seed';

export const SANDBOX_DB_FILE = 'sandbox.sqlite';
/** Same default as the config file's sandbox.seed. */
export const DEFAULT_SANDBOX_SEED = 20261123;

export interface OpenSandboxOptions {
  /** Seed for a new file; for an existing file it must match the recorded one. Default: recorded, else DEFAULT_SANDBOX_SEED. */
  seed?: number;
  /** yyyy-MM-dd the seeded ages refer to (new files only). */
  referenceDate?: string;
  /** Told how seeding went when a new file was seeded. */
  onSeeded?: (report: SeedReport) => void;
}

export function sandboxDbPath(dataDir: string): string {
  return join(dataDir, SANDBOX_DB_FILE);
}

export function openSandboxStore(dataDir: string, options: OpenSandboxOptions = {}): SandboxStore {
  const file = sandboxDbPath(dataDir);
  const store = SandboxStore.openFile(file);
  try {
    const recorded = store.meta.get(META.seed);
    if (recorded === undefined) {
      const report = seedSandbox(store, { seed: options.seed ?? DEFAULT_SANDBOX_SEED, referenceDate: options.referenceDate });
      if (report.seeded) options.onSeeded?.(report);
    }
    const seed = Number(store.meta.get(META.seed));
    if (options.seed !== undefined && seed !== options.seed) throw new SeedMismatchError(file, seed, options.seed);
    return store;
  } catch (e) {
    store.close();
    throw e;
  }
}

/** The seed a store was made from. */
export function storeSeed(store: SandboxStore): number | undefined {
  const value = store.meta.get(META.seed);
  return value === undefined ? undefined : Number(value);
}
