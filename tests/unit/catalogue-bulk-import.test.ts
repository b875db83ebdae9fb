/**
 * Large catalogue files (bulk imports, 50,000 rows and more): parsed by worker threads into
 * staging files and copied into a real counter database with SQL; into an empty catalogue with
 * plain inserts and the unique code index built again at the end. Each case is compared with
 * the small-file path (row-by-row upserts on this thread) on the same file: the same rows,
 * counts and name-index matches. And an import killed between batches leaves nothing that the
 * next open and the next sync do not repair.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { bulkBatchPlan, importCatalogueFile, type FileImportOptions } from '../../src-main/catalogue/file-import';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { openStageDir } from '../../src-main/catalogue/stage-dir';
import { entryBatches, zipEntries } from '../../src-main/catalogue/zip-text';
import { YibaoError } from '../../src-main/core/errors';
import { drugRow, txtLine, zipLines, type TxtRow } from '../helpers/catalogue-fixtures';
import { makeTempDir } from '../helpers/temp-dir';
import { instanceOf, rejectionOf } from '../helpers/rejection';

const ROWS = 50_000;
const LATER = { updt_time: '2025-03-10 08:00:00', ver: '20250310080000' };
const EARLIER = { updt_time: '2024-12-01 08:00:00', ver: '20241201080000' };

/**
 * ROWS lines of distinct drugs, except that some codes come twice: newer (replaces), older
 * (changes nothing), as new with a higher version (replaces) and the very same row again.
 */
function fileRows(duplicatesAt = [30_000, 30_001, 30_002, 40_000]): TxtRow[] {
  const rows = Array.from({ length: ROWS - duplicatesAt.length }, (_, i) => drugRow(i));
  const [newer, older, higherVer, same] = duplicatesAt;
  const dup: [number | undefined, TxtRow][] = [
    [newer, drugRow(5, { name: '新名称分散片', chrgitm_lv: '01', ...LATER })],
    [older, drugRow(6, { name: '旧名称颗粒', ...EARLIER, ver: '20250110080000' })],
    [higherVer, drugRow(7, { name: '更高版本片', ver: '20250110090000' })],
    [same, drugRow(8)],
  ];
  for (const [at, row] of dup) if (at !== undefined) rows.splice(at, 0, row);
  return rows;
}

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function tempDb(): { file: string; open: () => LocalCatalogue } {
  const t = makeTempDir('yibao-bulk-');
  cleanups.push(t.cleanup);
  const file = join(t.dir, 'yibao.sqlite');
  const open = () => {
    const local = LocalCatalogue.open(file);
    cleanups.push(() => local.close());
    return local;
  };
  return { file, open };
}

/** Everything stored but the ids (a bulk import numbers a duplicate's rows differently), and what the name index finds. */
function snapshot(local: LocalCatalogue) {
  const rows = local.db.prepare('SELECT * FROM catalogue_item ORDER BY catalogue, code').all() as Record<string, unknown>[];
  const names = ['新名称分散片', '旧名称颗粒', '更高版本片', '阿莫西林胶囊5', '阿莫西林胶囊49', '胶囊1234', '不存在'];
  return {
    rows: rows.map(({ id: _id, ...rest }) => rest),
    found: names.map((q) => local.search(q, { limit: 200 }).map((h) => h.item.code)),
  };
}

function indexes(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'catalogue_item'").all() as { name: string }[]
  )
    .map((r) => r.name)
    .sort();
}
const ALL_INDEXES = ['catalogue_item_by_barcode', 'catalogue_item_by_code', 'catalogue_item_by_pinyin'];

/** The same lines through the small-file path: no expectedRows, so row-by-row upserts on this thread. */
async function rowByRow(lines: readonly string[], before: readonly string[] = []) {
  const local = tempDb().open();
  if (before.length > 0) await importCatalogueFile(local.items, zipLines(before), { infno: '1301', filename: 'a.zip' });
  const result = await importCatalogueFile(local.items, zipLines(lines), { infno: '1301', filename: 'b.zip' });
  return { result, snapshot: snapshot(local) };
}

const failure = (p: Promise<unknown>) => rejectionOf(p, instanceOf(YibaoError));

describe('bulk catalogue import', () => {
  it('into an empty catalogue: the same rows, counts and name index as row-by-row upserts, a code held twice kept at its newest', async () => {
    const lines = fileRows().map(txtLine);
    const expected = await rowByRow(lines);
    expect(expected.result).toMatchObject({ rows: ROWS, inserted: ROWS - 4, updated: 2, unchanged: 2 });
    // Worker threads, and every batch on this thread (what happens when no worker can start).
    for (const threads of [2, 0]) {
      const local = tempDb().open();
      const result = await importCatalogueFile(local.items, zipLines(lines), {
        infno: '1301',
        filename: 'big.zip',
        expectedRows: ROWS,
        batchSize: 15_000,
        threads,
      });
      // The small-file path parses on this thread; here the workers did (none with threads: 0).
      expect(expected.result.parseThreads).toBe(0);
      expect(result).toEqual({ ...expected.result, parseThreads: threads });
      expect(snapshot(local)).toEqual(expected.snapshot);
      expect(indexes(local.db)).toEqual(ALL_INDEXES);
      const again = local.db.prepare(
        `INSERT INTO catalogue_item (catalogue, code, name, vali_flag, updt_time, source_infno)
         SELECT catalogue, code, name, vali_flag, updt_time, source_infno FROM catalogue_item WHERE id = 1`,
      );
      expect(() => again.run()).toThrow(/UNIQUE/);
    }
  }, 60_000);

  it('into a catalogue that has rows: the forward-only upsert, run by SQLite over the staging table', async () => {
    const before = Array.from({ length: 20_000 }, (_, i) => txtLine(drugRow(i * 3)));
    const lines = fileRows().map(txtLine);
    const expected = await rowByRow(lines, before);
    const local = tempDb().open();
    await importCatalogueFile(local.items, zipLines(before), { infno: '1301', filename: 'a.zip' });
    const result = await importCatalogueFile(local.items, zipLines(lines), {
      infno: '1301',
      filename: 'b.zip',
      expectedRows: ROWS,
      threads: 2,
    });
    expect(result).toEqual({ ...expected.result, parseThreads: 2 });
    expect(snapshot(local)).toEqual(expected.snapshot);
    expect(indexes(local.db)).toEqual(ALL_INDEXES);
  }, 60_000);

  it('goes on with upserts when another connection builds the code index meanwhile', async () => {
    const lines = fileRows().map(txtLine);
    const expected = await rowByRow(lines);
    const db = tempDb();
    const local = db.open();
    let reopened = false;
    const result = await importCatalogueFile(local.items, zipLines(lines), {
      infno: '1301',
      filename: 'big.zip',
      expectedRows: ROWS,
      batchSize: 10_000,
      threads: 2,
      onRows: () => {
        // Any open runs ensureSearchIndexes, which creates the dropped indexes.
        if (!reopened) db.open().close();
        reopened = true;
      },
    });
    expect(result).toEqual({ ...expected.result, parseThreads: 2 });
    expect(snapshot(local)).toEqual(expected.snapshot);
  }, 60_000);

  it('a bad line in a later batch stops the import after the batches before it, naming the line; the indexes are back', async () => {
    const local = tempDb().open();
    const lines = fileRows().map(txtLine);
    lines[25_000] = (lines[25_000] as string).split('\t').slice(0, 30).join('\t');
    let completed = false;
    const options: FileImportOptions = {
      infno: '1301',
      filename: 'plc_1301.zip',
      expectedRows: ROWS,
      batchSize: 10_000,
      threads: 2,
      onComplete: () => (completed = true),
    };
    const e = await failure(importCatalogueFile(local.items, zipLines(lines), options));
    expect(e.messageZh).toContain('第 25001 行');
    expect(e.messageZh).toContain('30 列, 应为 31 列');
    expect(local.items.count()).toBe(20_000);
    expect(completed).toBe(false);
    expect(indexes(local.db)).toEqual(ALL_INDEXES);

    // Text that is not UTF-8 in a later batch: named near the first line of its batch.
    const text = strToU8(fileRows().map(txtLine).join('\n') + '\n');
    text[text.length - 100] = 0xff;
    const zip = zipSync({ 'plc_1301.txt': [text, { level: 1 }] });
    const bad = await failure(importCatalogueFile(tempDb().open().items, zip, options));
    expect(bad.messageZh).toMatch(/不是 UTF-8 文本 \(第 40001 行附近\)/);
  }, 60_000);

  it('killed between batches: the next open restores every index and one row per code, the next import removes the staging files left behind, the next sync completes the file', async () => {
    const rows = fileRows([25_000, 25_001, 25_002, 40_000]);
    const lines = rows.map(txtLine);
    const { file, open } = tempDb();
    const zipFile = `${file}.zip`;
    writeFileSync(zipFile, zipLines(lines));
    const script = join(__dirname, '..', 'helpers', 'catalogue-import-child.ts');
    let childPid = 0;
    const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, file, zipFile, String(ROWS), '10000', '30000'], {
        stdio: ['ignore', 'pipe', 'inherit'],
        // The staging files it leaves behind go with the test's directory.
        env: { ...process.env, TMPDIR: dirname(file) },
      });
      childPid = child.pid ?? 0;
      child.on('error', reject);
      child.on('exit', (_code, sig) => resolve(sig));
    });
    expect(signal).toBe('SIGKILL');
    const tmp = dirname(file);
    const stageDirs = () =>
      readdirSync(tmp)
        .filter((n) => n.startsWith('yibao-catalogue-'))
        .sort();
    const abandoned = stageDirs();
    expect(abandoned).toHaveLength(1);
    expect(abandoned[0]).toMatch(new RegExp(`^yibao-catalogue-${childPid}-`));
    expect(readdirSync(join(tmp, abandoned[0]!)).length).toBeGreaterThan(0);
    // The directory of an import still running (this test's parent process) stays.
    const running = `yibao-catalogue-${process.ppid}-running`;
    mkdirSync(join(tmp, running));
    const next = openStageDir(tmp);
    expect(stageDirs()).toEqual([running, basename(next.path)].sort());
    next.remove();
    expect(stageDirs()).toEqual([running]);

    // As the process left it: three batches with three codes twice, the code index still dropped.
    const raw = new Database(file);
    expect((raw.prepare('SELECT count(*) AS n FROM catalogue_item').get() as { n: number }).n).toBe(30_000);
    expect(indexes(raw)).toEqual([]);
    raw.close();

    const local = open();
    expect(indexes(local.db)).toEqual(ALL_INDEXES);
    expect(local.items.count()).toBe(30_000 - 3);
    expect(local.state.get('1301').localVer).toBeNull();
    expect(local.details('XA01AAD001A001010000005').map((d) => d.item.name)).toEqual(['新名称分散片']);
    expect(local.details('XA01AAD001A001010000006').map((d) => d.item.name)).toEqual(['阿莫西林胶囊6']);
    expect(local.search('新名称分散片').map((h) => h.item.code)).toEqual(['XA01AAD001A001010000005']);
    expect(local.search('阿莫西林胶囊5', { limit: 200 }).map((h) => h.item.code)).not.toContain('XA01AAD001A001010000005');

    // The sync asks for the same version again: the catalogue is no longer empty, so it upserts.
    const result = await importCatalogueFile(local.items, zipLines(lines), {
      infno: '1301',
      filename: 'crash.zip',
      expectedRows: ROWS,
      onComplete: (r) => local.state.update('1301', { localVer: r.maxVer }),
    });
    expect(result.inserted).toBe(ROWS - 30_000 - 1);
    expect(local.state.get('1301').localVer).toBe('20250310080000');
    expect(snapshot(local)).toEqual((await rowByRow(lines)).snapshot);
  }, 120_000);

  it('plans batches doubling at the start and halving at the end, covering exactly the announced rows', () => {
    const plan = (rows: number) => {
      const next = bulkBatchPlan(rows);
      const sizes: number[] = [];
      for (let total = 0; total < rows; total += sizes.at(-1)!) sizes.push(next(sizes.length));
      return sizes;
    };
    expect(plan(1_000_000)).toEqual([12_500, 25_000, 50_000, ...Array(8).fill(100_000), 25_000, 50_000, 25_000, 12_500]);
    expect(plan(175_000)).toEqual([12_500, 25_000, 50_000, 50_000, 25_000, 12_500]);
    expect(plan(50_000)).toEqual([12_500, 25_000, 12_500]);
    for (const rows of [50_000, 87_501, 123_456, 999_999]) expect(plan(rows).reduce((a, b) => a + b)).toBe(rows);
    // Rows beyond the announced count come in full batches.
    expect(bulkBatchPlan(50_000)(3)).toBe(100_000);
  });

  it('cuts a file into batches of whole lines, blank lines not counted as rows', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => txtLine(drugRow(i)));
    const lines = rows.flatMap((l, i) => (i % 97 === 0 ? [l + '\r', '', '\r'] : [l]));
    const text = lines.join('\n');
    for (const level of [0, 6] as const) {
      const zip = zipSync({ 'a.txt': [strToU8(text), { level }] });
      const [entry] = zipEntries(zip);
      const sizes = (k: number) => [1, 10, 100][k] ?? 250;
      const batches = [];
      for await (const b of entryBatches(zip, entry!, sizes)) batches.push(b);
      const decoded = batches.map((b) => new TextDecoder().decode(b.bytes));
      expect(decoded.join('')).toBe(text);
      const counts = decoded.map((d) => d.split('\n').filter((l) => l !== '' && l !== '\r').length);
      expect(counts).toEqual([1, 10, 100, 250, 250, 250, 139]);
      expect(batches.map((b) => b.rows)).toEqual(counts);
      let line = 1;
      for (const [i, b] of batches.entries()) {
        expect(b.firstLine).toBe(line);
        expect(b.lines).toBe(decoded[i]!.split('\n').length - (decoded[i]!.endsWith('\n') ? 1 : 0));
        line += b.lines;
      }
      expect(line - 1).toBe(lines.length);
    }
    // A line of only a byte order mark is blank too, as the parser sees it.
    const bom = zipSync({ 'b.txt': [strToU8('\uFEFF\n' + rows.slice(0, 3).join('\n')), { level: 6 }] });
    const all = [];
    for await (const b of entryBatches(bom, zipEntries(bom)[0]!, () => 100)) all.push(b);
    expect(all.map((b) => [b.lines, b.rows])).toEqual([[4, 3]]);
  });
});
