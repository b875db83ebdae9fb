/**
 * Fills an empty sandbox store from a seed number: persons, the versioned catalogue and the
 * 1901 dictionaries, in one transaction (all or nothing), then records the seed so the file
 * is never seeded twice. Same seed and reference date ⇒ the same content, row for row.
 */
import { performance } from 'node:perf_hooks';
import type { CatalogueInfno } from '../store/catalogue';
import type { SandboxStore } from '../store/store';
import { SANDBOX_ADMDVS } from './admdvs';
import { generateCatalogue } from './catalogue/generate';
import { dictionaryEntries } from './dictionaries';
import { DEFAULT_REFERENCE_DATE, generatePersons } from './persons';

/** meta keys the seed writes. */
export const META = {
  seed: 'seed',
  referenceDate: 'reference_date',
  /** Bumped when the generator changes what a seed produces. */
  seedLayout: 'seed_layout',
  admdvs: 'admdvs',
} as const;

/** 2: the newer catalogues 1306A, 1320, 1322–1327 (older stores lack them: their downloads answer 沙箱未发布该目录). */
export const SEED_LAYOUT = '2';

export interface SeedOptions {
  seed: number;
  /** yyyy-MM-dd the persons' ages are exact at (default DEFAULT_REFERENCE_DATE). */
  referenceDate?: string;
}

export interface SeedReport {
  seed: number;
  persons: number;
  catalogueRows: Partial<Record<CatalogueInfno, number>>;
  dictionaryEntries: number;
  /** Wall time of the seeding transaction. */
  ms: number;
  /** False when the store was already seeded (nothing was written). */
  seeded: boolean;
}

export function seedSandbox(store: SandboxStore, options: SeedOptions): SeedReport {
  if (!Number.isSafeInteger(options.seed) || options.seed < 0)
    throw new RangeError(`seed must be a non-negative integer: ${options.seed}`);
  const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) throw new RangeError(`referenceDate must be yyyy-MM-dd: ${referenceDate}`);
  const started = performance.now();
  const report: SeedReport = { seed: options.seed, persons: 0, catalogueRows: {}, dictionaryEntries: 0, ms: 0, seeded: false };
  store.transaction(() => {
    // Checked inside the write transaction: a second process opening the same new file waits, then skips.
    if (store.meta.get(META.seed) !== undefined) return;
    const persons = generatePersons({ seed: options.seed, referenceDate });
    store.persons.insert(persons);
    report.persons = persons.length;
    for (const { version, rows } of generateCatalogue(options.seed)) {
      store.catalogue.insertVersion(version);
      const n = store.catalogue.insertItems(rows);
      report.catalogueRows[version.catalogue] = (report.catalogueRows[version.catalogue] ?? 0) + n;
    }
    const entries = dictionaryEntries();
    store.dictionary.insert(entries);
    report.dictionaryEntries = entries.length;
    store.meta.set(META.seed, String(options.seed));
    store.meta.set(META.referenceDate, referenceDate);
    store.meta.set(META.seedLayout, SEED_LAYOUT);
    store.meta.set(META.admdvs, SANDBOX_ADMDVS);
    report.seeded = true;
  });
  report.ms = Math.round(performance.now() - started);
  return report;
}
