/**
 * Interrupted catalogue syncs against the real sandbox: stopped mid-file, a 9102 answered
 * with HTTP 500, stopped mid-pass of 1312, a garbage or malformed download. Each time what was
 * committed stays, the sync reports a clear error, and the next sync finishes with exactly
 * the sandbox's rows and no duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { CounterApp } from '../../src-main/app/counter-app';
import { centerPort, type CataloguePort } from '../../src-main/catalogue/center-port';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { syncCatalogue, type SyncOptions } from '../../src-main/catalogue/sync';
import { YibaoError } from '../../src-main/core/errors';
import { UnknownOutcomeError } from '../../src-main/protocol/call-errors';
import type { CatalogueInfno } from '../../src-main/sandbox/store';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { anyError, rejectionOf } from '../helpers/rejection';

const OPERATOR = { opter: 'C002', opterName: '目录员二' };

let harness: Harness;
const store = () => harness.sandbox.center.store;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

function distinctCodes(where: string, ...params: unknown[]): number {
  return (
    store()
      .db.prepare(`SELECT count(DISTINCT code) AS n FROM catalogue_item WHERE ${where}`)
      .get(...params) as { n: number }
  ).n;
}
const versions = (infno: CatalogueInfno) => store().catalogue.versions(infno);
const lastMessageId = () => harness.sandbox.center.messages({ newest: true, limit: 1 })[0]?.id ?? 0;

async function counter(name: string): Promise<{ app: CounterApp; local: LocalCatalogue; port: CataloguePort }> {
  const app = await harness.openApp({}, name);
  const local = LocalCatalogue.open(app.db.name);
  return { app, local, port: centerPort(app, OPERATOR) };
}

const failure = (p: Promise<unknown>) => rejectionOf(p, anyError);

describe('resuming an interrupted catalogue sync', () => {
  it('stopped in the middle of a file: keeps the batches, then finishes without duplicates', async () => {
    const { app, local, port } = await counter('abort-file');
    const controller = new AbortController();
    const options: SyncOptions = {
      only: ['1301'],
      batchSize: 10_000,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.kind === 'file' && p.rows >= 30_000) controller.abort();
      },
    };
    const e = await failure(syncCatalogue(local, port, app.client.profile, options));
    expect(e).toBeInstanceOf(YibaoError);
    expect((e as YibaoError).code).toBe('E_CATALOGUE_ABORTED');
    expect((e as YibaoError).messageZh).toContain('1301 西药中成药目录');
    // Three batches of the first version are in; the version has not advanced.
    expect(local.items.count('1301')).toBe(30_000);
    expect(local.state.get('1301').localVer).toBeNull();

    const report = await syncCatalogue(local, port, app.client.profile, { only: ['1301'] });
    const all = versions('1301');
    expect(report.steps[0]).toMatchObject({
      rows: store().catalogue.count('1301'),
      versions: all.length,
      localVer: all.at(-1)?.ver,
    });
    // The 30,000 rows imported before the stop were recognised, not added again.
    expect(report.steps[0]?.unchanged).toBe(30_000);
    expect(local.items.count('1301')).toBe(distinctCodes("catalogue = '1301'"));
    local.close();
  }, 180_000);

  it('a 9102 answered with HTTP 500: the versions before it stay, the next sync fetches the rest', async () => {
    const { app, local, port } = await counter('http500');
    const all = versions('1302');
    const center = harness.sandbox.center;
    const options: SyncOptions = {
      only: ['1302'],
      onProgress: (p) => {
        // Once the second version is in, the next download fails.
        if (p.kind === 'file' && p.ver === all[0]?.ver) center.addFault('9102', 'http500', 1);
      },
    };
    const e = await failure(syncCatalogue(local, port, app.client.profile, options));
    expect(e).toBeInstanceOf(UnknownOutcomeError);
    expect(local.state.get('1302')).toMatchObject({ localVer: all[1]?.ver, versionsTotal: 2 });
    const twoVersions = distinctCodes("catalogue = '1302' AND ver <= ?", all[1]?.ver);
    expect(local.items.count('1302')).toBe(twoVersions);

    const fromId = lastMessageId();
    const report = await syncCatalogue(local, port, app.client.profile, { only: ['1302'] });
    // It asked from the version it had, not from the beginning.
    const firstAsk = center.messages({ afterId: fromId, infno: '1302', limit: 1 })[0];
    expect(JSON.parse(firstAsk?.requestJson ?? '{}').input.data.ver).toBe(all[1]?.ver);
    expect(report.steps[0]).toMatchObject({ versions: all.length - 2, written: report.steps[0]?.rows, unchanged: 0 });
    expect(local.state.get('1302')).toMatchObject({ localVer: all.at(-1)?.ver, rowsTotal: store().catalogue.count('1302') });
    expect(local.items.count('1302')).toBe(distinctCodes("catalogue = '1302'"));
    local.close();
  }, 120_000);

  it('stopped in the middle of a 1312 pass: resumes at the next page, every row once', async () => {
    const { app, local, port } = await counter('abort-pages');
    const controller = new AbortController();
    const e = await failure(
      syncCatalogue(local, port, app.client.profile, {
        only: ['1312'],
        pageSize: 500,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.kind === 'page' && p.page === 7) controller.abort();
        },
      }),
    );
    expect((e as YibaoError).code).toBe('E_CATALOGUE_ABORTED');
    expect(local.state.get('1312')).toMatchObject({ passOpen: true, rowsDone: 3500, pageSize: 500 });

    // A dropped answer in the middle of the resumed pass: the page is not counted, and asked again.
    harness.sandbox.center.addFault('1312', 'commit-then-drop', 1);
    expect(await failure(syncCatalogue(local, port, app.client.profile, { only: ['1312'] }))).toBeInstanceOf(UnknownOutcomeError);
    expect(local.state.get('1312')).toMatchObject({ passOpen: true, rowsDone: 3500 });

    const fromId = lastMessageId();
    const report = await syncCatalogue(local, port, app.client.profile, { only: ['1312'] });
    const asked = harness.sandbox.center.messages({ afterId: fromId, infno: '1312', limit: 10_000 });
    expect(JSON.parse(asked[0]?.requestJson ?? '{}').input.data).toMatchObject({ page_num: 8, page_size: 500 });
    const total = ['1301', '1302', '1304', '1305', '1306'].reduce((n, c) => n + store().catalogue.count(c as CatalogueInfno), 0);
    expect(report.steps[0]?.rows).toBe(total - 3500);
    expect(local.state.get('1312')).toMatchObject({ passOpen: false, rowsDone: total, passTotal: total, passUnstable: false });
    expect(local.items.count()).toBe(distinctCodes('list_type IS NOT NULL'));
    local.close();
  }, 180_000);

  it('a garbage or malformed download names the catalogue and line, loses nothing, and a later sync completes', async () => {
    const { app, local, port } = await counter('bad-file');
    const all = versions('1306');
    let damage: ((zip: Uint8Array) => Uint8Array) | null = null;
    const damaging: CataloguePort = {
      ...port,
      async downloadFile(infno, answer) {
        const zip = await port.downloadFile(infno, answer);
        // The first version arrives intact; the damage hits the next file.
        return damage && local.state.get(infno).localVer !== null ? damage(zip) : zip;
      },
    };
    const v1 = distinctCodes("catalogue = '1306' AND ver <= ?", all[0]?.ver);

    damage = () => strToU8('<html><body>502 Bad Gateway</body></html>');
    const garbage = (await failure(syncCatalogue(local, damaging, app.client.profile, { only: ['1306'] }))) as YibaoError;
    expect(garbage.code).toBe('E_CATALOGUE_FILE');
    expect(garbage.messageZh).toMatch(/1306 医用耗材目录 的文件 plc_1306_\d{14}\.zip: 不是有效的 ZIP 文件/);
    expect(local.state.get('1306').localVer).toBe(all[0]?.ver);
    expect(local.items.count('1306')).toBe(v1);

    damage = (zip) => {
      const [[name, text]] = Object.entries(unzipSync(zip)) as [[string, Uint8Array]];
      const lines = strFromU8(text).split('\n');
      lines[2] = (lines[2] as string).split('\t').slice(1).join('\t');
      return zipSync({ [name]: strToU8(lines.join('\n')) });
    };
    const malformed = (await failure(syncCatalogue(local, damaging, app.client.profile, { only: ['1306'] }))) as YibaoError;
    expect(malformed.code).toBe('E_CATALOGUE_FILE');
    expect(malformed.messageZh).toContain('1306 医用耗材目录');
    expect(malformed.messageZh).toContain('第 3 行: 有 30 列, 应为 31 列');
    expect(malformed.detail).toMatchObject({ infno: '1306', line: 3 });
    expect(local.state.get('1306').localVer).toBe(all[0]?.ver);
    expect(local.items.count('1306')).toBe(v1);

    damage = null;
    const report = await syncCatalogue(local, damaging, app.client.profile, { only: ['1306'] });
    expect(report.steps[0]).toMatchObject({ versions: all.length - 1, localVer: all.at(-1)?.ver });
    expect(local.items.count('1306')).toBe(distinctCodes("catalogue = '1306'"));
    expect(local.state.get('1306').rowsTotal).toBe(store().catalogue.count('1306'));
    local.close();
  }, 120_000);
});
