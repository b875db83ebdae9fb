/**
 * bench/catalogue: the catalogue targets of issue 7, measured in one run on this machine.
 *
 *  1. Import: 1,000,000 synthetic 西药中成药 rows in the sandbox's download format (TAB TXT in
 *     a ZIP, CATALOGUE_FILE_COLUMNS, `null` empties, 4- and 6-decimal money), one version
 *     file imported through importCatalogueFile, the code path of `yibao catalogue sync`
 *     (streamed unzip, checks, integer money, upserts, name index, search indexes), into a
 *     fresh counter database, in a process of its own holding only the ZIP, as a sync runs.
 *     Target: under 10 s. A file this large is parsed by worker threads
 *     (catalogue/staged-import.ts): the time depends on the cores free, so the report names them.
 *     For comparison, in the same run: a raw loop that splits the same lines and inserts
 *     them into a plain 31-column table (no checks, no indexes), same batch size and pragmas.
 *  2. Search over a catalogue of the first 500,000 of those rows: mixed queries built from
 *     random stored rows: code prefix, name substring, 拼音首字母 prefix, barcode. Target: p99
 *     under 20 ms. The same queries are repeated over the 1,000,000 rows for information.
 *
 *   npm run bench:catalogue  [-- --rows N] [--search-rows N] [--queries N] [--check]
 * With --check the exit code is 1 when a target is missed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { formatPrice, formatRatio, type Ratio, type UnitPrice } from '../src-main/core/money';
import { openCatalogueDb } from '../src-main/catalogue/catalogue-db';
import { importCatalogueFile } from '../src-main/catalogue/file-import';
import { LocalCatalogue } from '../src-main/catalogue/local-catalogue';
import type { MatchKind } from '../src-main/catalogue/search';
import { openDatabase } from '../src-main/storage/sqlite';
import { CATALOGUE_FILE_COLUMNS } from '../src-main/sandbox/store/catalogue-file';
import type { CatalogueItem } from '../src-main/sandbox/store/catalogue';
import { generateCatalogue } from '../src-main/sandbox/seed/catalogue/generate';
import { makeEan13 } from '../src-main/sandbox/seed/ean13';
import { Prng } from '../src-main/sandbox/seed/prng';
import { ms, summarize } from './stats';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const totalRows = arg('--rows', 1_000_000);
const queries = arg('--queries', 2000);
const check = process.argv.includes('--check');
const searchRows = Math.min(totalRows, arg('--search-rows', 500_000));
const IMPORT_TARGET_S = 10;
const SEARCH_P99_TARGET_MS = 20;

// ---- synthetic rows ---------------------------------------------------------------------

/** The sandbox's own 1301 base rows (100,000 distinct drugs), repeated with new codes and barcodes. */
function baseRows(): CatalogueItem[] {
  for (const v of generateCatalogue(20261123)) {
    if (v.version.catalogue === '1301') return [...v.rows];
  }
  throw new Error('sandbox generator has no 1301');
}

const MONEY: Partial<Record<string, (v: number) => string>> = {
  selfpay_prop: (v) => formatRatio(v as Ratio),
  pric_uplmt_amt: (v) => formatPrice(v as UnitPrice),
  ref_pric: (v) => formatPrice(v as UnitPrice),
};

/** Row i of the synthetic catalogue as a TXT line (same writer rules as the sandbox's buildCatalogueFile). */
function line(base: readonly CatalogueItem[], i: number, ver: string, updtTime: string): string {
  const b = base[i % base.length] as CatalogueItem;
  const copy = Math.floor(i / base.length);
  const values: Record<string, unknown> = {
    code: copy === 0 ? b.code : `${b.code}${copy}`,
    name: b.name,
    pinyin: b.pinyin,
    gennm: b.gennm,
    list_type: b.listType,
    spec: b.spec,
    dosform: b.dosform,
    pacunt: b.pacunt,
    prodentp_name: b.prodentpName,
    aprvno: b.aprvno,
    barcode: makeEan13(`69${String(i).padStart(10, '0')}`),
    chrgitm_lv: b.chrgitmLv,
    med_chrgitm_type: b.medChrgitmType,
    selfpay_prop: b.selfpayProp,
    pric_uplmt_amt: b.pricUplmtAmt,
    ref_pric: b.refPric,
    bas_medn_flag: b.basMednFlag,
    hi_nego_drug_flag: b.hiNegoDrugFlag,
    chld_medc_flag: b.chldMedcFlag,
    list_sp_item_flag: b.listSpItemFlag,
    lmt_used_flag: b.lmtUsedFlag,
    drt_reim_flag: b.drtReimFlag,
    lmt_scp: b.lmtScp,
    memo: b.memo,
    begndate: updtTime.slice(0, 10),
    enddate: null,
    vali_flag: b.valiFlag,
    rid: String(i + 1),
    updt_time: updtTime,
    ver,
    ver_name: `西药中成药目录(压测)${ver}`,
  };
  return CATALOGUE_FILE_COLUMNS.map((c) => {
    const v = values[c];
    if (v === null || v === undefined || v === '') return 'null';
    const money = MONEY[c];
    return money && typeof v === 'number' ? money(v) : String(v).replace(/[\t\r\n]+/g, ' ');
  }).join('\t');
}

/** The first `rows` synthetic rows as one version file (a ZIP of one TXT). */
function versionFile(base: readonly CatalogueItem[], rows: number): Uint8Array {
  const ver = '20250110080000';
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(line(base, i, ver, '2025-01-10 08:00:00'));
  return zipSync({ [`1301_${ver}.txt`]: [strToU8(lines.join('\n') + '\n'), { level: 1 }] });
}

// ---- measurements -------------------------------------------------------------------------

interface Query {
  kind: MatchKind | 'name-substring';
  text: string;
}

/** Mixed queries from random stored rows, a quarter of each kind. */
function makeQueries(local: LocalCatalogue, n: number, seed: number): Query[] {
  const maxId = (local.db.prepare('SELECT max(id) AS id FROM catalogue_item').get() as { id: number }).id;
  const byId = local.db.prepare<[number], { code: string; name: string; pinyin: string; barcode: string }>(
    'SELECT code, name, pinyin, barcode FROM catalogue_item WHERE id = ?',
  );
  const p = Prng.derive(seed, 'bench-queries');
  const out: Query[] = [];
  for (let k = 0; k < n; k++) {
    const row = byId.get(p.int(1, maxId));
    if (!row) continue;
    switch (k % 4) {
      case 0:
        out.push({ kind: 'code-prefix', text: row.code.slice(0, p.int(4, 12)) });
        break;
      case 1: {
        const chars = Array.from(row.name);
        const len = Math.min(chars.length, p.int(2, 4));
        const start = p.int(0, chars.length - len);
        out.push({ kind: 'name-substring', text: chars.slice(start, start + len).join('') });
        break;
      }
      case 2:
        out.push({ kind: 'pinyin-prefix', text: row.pinyin.slice(0, p.int(2, 4)) });
        break;
      default:
        out.push({ kind: 'barcode', text: row.barcode });
    }
  }
  return out;
}

function measureSearch(local: LocalCatalogue, qs: readonly Query[]) {
  for (const q of qs.slice(0, 200)) local.search(q.text); // warm-up: page cache, statements
  const all: number[] = [];
  const byKind = new Map<string, number[]>();
  let empty = 0;
  for (const q of qs) {
    const t = performance.now();
    const hits = local.search(q.text, { limit: 20 });
    const dt = performance.now() - t;
    if (hits.length === 0) empty++;
    all.push(dt);
    byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), dt]);
  }
  return { all: summarize(all), max: Math.max(...all), byKind, empty };
}

function printSearch(label: string, r: ReturnType<typeof measureSearch>, n: number): void {
  console.log(`  ${label}: ${n} queries, p50 ${ms(r.all.p50)}, p99 ${ms(r.all.p99)}, max ${ms(r.max)}, no result ${r.empty}`);
  for (const [kind, samples] of r.byKind) {
    const s = summarize(samples);
    console.log(`    ${kind.padEnd(15)} p50 ${ms(s.p50)}, p99 ${ms(s.p99)}`);
  }
}

/** The comparison: split the same lines and insert them into a plain table, nothing else. */
function rawInsert(file: string, lines: readonly string[]): number {
  const db = openDatabase(file, { migrations: [], synchronous: 'NORMAL' });
  const columns = CATALOGUE_FILE_COLUMNS.map((c) => `${c} TEXT`).join(', ');
  db.exec(`CREATE TABLE raw (${columns})`);
  const insert = db.prepare(`INSERT INTO raw VALUES (${CATALOGUE_FILE_COLUMNS.map(() => '?').join(', ')})`);
  const t0 = performance.now();
  for (let s = 0; s < lines.length; s += 20_000) {
    db.transaction(() => {
      for (let i = s; i < Math.min(lines.length, s + 20_000); i++) {
        insert.run((lines[i] as string).split('\t').map((c) => (c === 'null' ? null : c)));
      }
    }).immediate();
  }
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  return seconds;
}

interface TimedImport {
  readonly seconds: number;
  readonly firstBatchAt: number;
  readonly lastBatchAt: number;
  readonly rows: number;
  readonly stored: number;
}

/** The import into a fresh counter database, timed from the ZIP in memory to the last index built. */
async function timedImport(zipFile: string, dbFile: string, rows: number): Promise<TimedImport> {
  const zip = new Uint8Array(readFileSync(zipFile));
  const local = new LocalCatalogue(openCatalogueDb(dbFile));
  const t0 = performance.now();
  // Phases, for the report only: when the first and the last batch were committed.
  let firstBatchAt = 0;
  let lastBatchAt = 0;
  const imported = await importCatalogueFile(local.items, zip, {
    infno: '1301',
    filename: basename(zipFile),
    expectedRows: rows,
    onRows: () => (firstBatchAt ||= performance.now() - t0),
    onComplete: () => (lastBatchAt = performance.now() - t0),
  });
  const seconds = (performance.now() - t0) / 1000;
  const stored = local.items.count();
  local.close();
  return { seconds, firstBatchAt, lastBatchAt, rows: imported.rows, stored };
}

/** The raw loop's input: the same file's lines, unzipped and split before the clock starts. */
function rawInsertOfZip(zipFile: string, dbFile: string): number {
  const [text] = Object.values(unzipSync(new Uint8Array(readFileSync(zipFile))));
  const lines = strFromU8(text as Uint8Array)
    .split('\n')
    .filter((l) => l !== '');
  return rawInsert(dbFile, lines);
}

const CHILD_MODES = {
  '--import-child': (zipFile: string, dbFile: string, rows: string) => timedImport(zipFile, dbFile, Number(rows)),
  '--raw-child': (zipFile: string, dbFile: string) => rawInsertOfZip(zipFile, dbFile),
} as const;
type ChildMode = keyof typeof CHILD_MODES;

/**
 * The import and the raw loop each run in a process of its own holding only the ZIP, as
 * `yibao catalogue sync` does: this one holds the generator's rows and garbage, which slowed
 * the garbage collections on the measured thread (the import took 1–2 s longer in here).
 */
function inChild<M extends ChildMode>(mode: M, ...args: string[]): Awaited<ReturnType<(typeof CHILD_MODES)[M]>> {
  const script = process.argv[1] as string;
  const child = spawnSync(process.execPath, [...process.execArgv, script, mode, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`bench child ${mode} exited ${child.status ?? child.signal}`);
  return JSON.parse(child.stdout) as Awaited<ReturnType<(typeof CHILD_MODES)[M]>>;
}

// ---- run ------------------------------------------------------------------------------------

const childMode = process.argv[2] as ChildMode | undefined;
if (childMode !== undefined && childMode in CHILD_MODES) {
  const [a = '', b = '', c = ''] = process.argv.slice(3);
  process.stdout.write(JSON.stringify(await CHILD_MODES[childMode](a, b, c)));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'yibao-bench-catalogue-'));
try {
  const base = baseRows();
  const zipFile = join(dir, 'plc_1301_20250110080000.zip');
  const zip = versionFile(base, totalRows);
  writeFileSync(zipFile, zip);
  const halfZip = versionFile(base, searchRows);

  // 1. The import, into a fresh counter database.
  const imported = inChild('--import-child', zipFile, join(dir, 'import.sqlite'), String(totalRows));
  const { seconds: importSeconds, firstBatchAt, lastBatchAt, stored } = imported;
  const big = new LocalCatalogue(openCatalogueDb(join(dir, 'import.sqlite')));

  // 2. The comparison, in the same run.
  const rawSeconds = inChild('--raw-child', zipFile, join(dir, 'raw.sqlite'));

  // 3. Search over 500,000 rows (and, for information, over all of them).
  const small = new LocalCatalogue(openCatalogueDb(join(dir, 'search.sqlite')));
  await importCatalogueFile(small.items, halfZip, { infno: '1301', filename: 'half.zip', expectedRows: searchRows });
  const qs = makeQueries(small, queries, 7);
  const atHalf = measureSearch(small, qs);
  const atAll = measureSearch(big, qs);
  small.close();
  big.close();

  const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
  const round2 = (x: number) => (Math.round(x * 100) / 100).toString();
  console.log(
    `bench/catalogue: ${imported.rows.toLocaleString('en-US')} rows, one version file of ${round2(zip.length / 1e6)} MB zipped`,
  );
  console.log(
    `  import (streamed unzip, checks, upserts, name index, search indexes): ${round2(importSeconds)} s, ${rate(imported.rows, importSeconds)} rows/s, stored ${stored}`,
  );
  console.log(
    `    first batch committed at ${round2(firstBatchAt / 1000)} s, last batch (and unique code index) at ${round2(lastBatchAt / 1000)} s, search indexes rebuilt by ${round2(importSeconds)} s; ${availableParallelism()} cores`,
  );
  console.log(
    `  raw insert loop (split + plain INSERT, no checks, no indexes): ${round2(rawSeconds)} s, ${rate(imported.rows, rawSeconds)} rows/s`,
  );
  console.log(`  ratio import / raw: ${round2(importSeconds / rawSeconds)}×`);
  printSearch(`search over ${searchRows.toLocaleString('en-US')} rows`, atHalf, qs.length);
  printSearch(`search over ${stored.toLocaleString('en-US')} rows`, atAll, qs.length);
  const importOk = importSeconds < IMPORT_TARGET_S;
  const searchOk = atHalf.all.p99 < SEARCH_P99_TARGET_MS;
  console.log(
    `  target import of ${totalRows.toLocaleString('en-US')} rows < ${IMPORT_TARGET_S} s: ${importOk ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  target search p99 < ${SEARCH_P99_TARGET_MS} ms over ${searchRows.toLocaleString('en-US')} rows: ${searchOk ? 'met' : 'NOT met'}`,
  );
  if (check && !(importOk && searchOk)) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
