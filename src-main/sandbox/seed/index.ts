/** Public surface of the sandbox seed. */
export {
  openSandboxStore,
  sandboxDbPath,
  storeSeed,
  SANDBOX_DB_FILE,
  DEFAULT_SANDBOX_SEED,
  type OpenSandboxOptions,
} from './open';
export { seedSandbox, META, SEED_LAYOUT, type SeedOptions, type SeedReport } from './seed';
export { listSandboxPersons, type SandboxPersonListing, type ListOptions } from './list-persons';
export { SANDBOX_ADMDVS, INSU_AREAS, type InsuArea } from './admdvs';
export {
  SEED_CATEGORIES,
  SEED_PERSON_COUNT,
  AGE_RANGES,
  IDENTITY_TYPES,
  matrixAgeBand,
  seedCategory,
  type SeedCategory,
  type AgeBand,
} from './categories';
export { DEFAULT_REFERENCE_DATE, PSN_TYPES, generatePersons } from './persons';
export { CATALOGUE_VERSION_DATES, CATALOGUE_PLAN, DRUG_BASE_ROWS, versionCode, generateCatalogue } from './catalogue/generate';
export { CHRONIC_DISEASES, TWO_DISEASES, type ChronicDisease } from './catalogue/chronic-diseases';
export { DICTIONARY_TYPES, dictionaryEntries } from './dictionaries';
export { idCheckChar, isValidIdNumber, makeIdNumber, parseIdNumber } from './id-number';
export { ean13CheckDigit, isValidEan13, makeEan13 } from './ean13';
export { Prng, hash32 } from './prng';
