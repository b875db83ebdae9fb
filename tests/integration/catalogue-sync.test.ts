/**
 * A full catalogue sync against the real sandbox center over HTTP, through the counter app
 * (sign-in, journal): what arrives is exactly what the sandbox publishes, a second sync
 * downloads no file, the Hubei profile takes the 医保目录 from 1312a instead of 1301–1306,
 * and the synced catalogue answers searches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterApp } from '../../src-main/app/counter-app';
import { COUNTER_DICTIONARY_TYPES, FILE_CATALOGUES } from '../../src-main/catalogue/catalogues';
import { centerPort } from '../../src-main/catalogue/center-port';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { syncCatalogue, INITIAL_VER, type StepResult, type SyncReport } from '../../src-main/catalogue/sync';
import { CATALOGUE_INFNOS, type CatalogueInfno } from '../../src-main/sandbox/store';
import { startHarness, type Harness } from '../helpers/sandbox-harness';

const OPERATOR = { opter: 'C001', opterName: '目录员' };
const HILIST: readonly CatalogueInfno[] = ['1301', '1302', '1304', '1305', '1306'];

let harness: Harness;
const store = () => harness.sandbox.center.store;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

/** Codes the sandbox publishes per catalogue (an item re-published in a later version counts once). */
function distinctCodes(where: string, ...params: unknown[]): number {
  return (
    store()
      .db.prepare(`SELECT count(DISTINCT code) AS n FROM catalogue_item WHERE ${where}`)
      .get(...params) as { n: number }
  ).n;
}
const rowsWhere = (where: string) =>
  (store().db.prepare(`SELECT count(*) AS n FROM catalogue_item WHERE ${where}`).get() as { n: number }).n;
const published = (infno: string) => store().catalogue.versions(infno as CatalogueInfno).length > 0;
const hilistRows = () => HILIST.reduce((n, c) => n + store().catalogue.count(c), 0);
const step = (report: SyncReport, infno: string) => report.steps.find((s) => s.infno === infno) as StepResult;
const lastMessageId = () => harness.sandbox.center.messages({ newest: true, limit: 1 })[0]?.id ?? 0;
const messagesSince = (afterId: number) => harness.sandbox.center.messages({ afterId, limit: 10_000 });

async function syncWith(app: CounterApp, local: LocalCatalogue) {
  return syncCatalogue(local, centerPort(app, OPERATOR), app.client.profile);
}

describe('catalogue sync, national profile', () => {
  let app: CounterApp;
  let local: LocalCatalogue;
  let first: SyncReport;
  let fromId: number;

  beforeAll(async () => {
    app = await harness.openApp({}, 'national');
    local = LocalCatalogue.open(app.db.name);
    fromId = lastMessageId();
    first = await syncWith(app, local);
  }, 300_000);
  afterAll(() => local?.close());

  it('downloads every published version of every file catalogue: the sandbox row counts exactly', () => {
    for (const infno of FILE_CATALOGUES) {
      const s = step(first, infno);
      if (!published(infno)) {
        expect(s.refused, infno).toContain('沙箱未发布该目录');
        continue;
      }
      const versions = store().catalogue.versions(infno as CatalogueInfno);
      expect(s, infno).toMatchObject({ rows: store().catalogue.count(infno as CatalogueInfno), versions: versions.length });
      expect(s.localVer).toBe(versions.at(-1)?.ver);
      expect(local.items.count(infno), infno).toBe(distinctCodes('catalogue = ?', infno));
      expect(local.state.get(infno)).toMatchObject({ rowsTotal: s.rows, versionsTotal: versions.length, localVer: s.localVer });
    }
    expect(local.items.count()).toBe(distinctCodes('1'));
  });

  it('followed the protocol: first ver 00000000000000, one 9102 per version with fixmedins_code plc', () => {
    const messages = messagesSince(fromId);
    const downloads = messages.filter((m) => m.infno === '9102');
    const versions = CATALOGUE_INFNOS.reduce((n, c) => n + store().catalogue.versions(c).length, 0);
    expect(downloads).toHaveLength(versions);
    for (const m of downloads) {
      expect(JSON.parse(m.requestJson).input.fsDownloadIn.fixmedins_code).toBe('plc');
      expect(m.infcode).toBe(0);
    }
    const firstAsk = messages.find((m) => m.infno === '1301');
    expect(JSON.parse(firstAsk?.requestJson ?? '{}').input.data.ver).toBe(INITIAL_VER);
  });

  it('pages 1312 and 1316–1319 until a short page: every row exactly once', () => {
    const total = hilistRows();
    for (const infno of ['1312', '1316', '1317', '1319']) {
      expect(step(first, infno), infno).toMatchObject({ rows: total, pages: Math.floor(total / 1000) + 1 });
      expect(local.state.get(infno)).toMatchObject({ passOpen: false, passTotal: total, rowsDone: total });
    }
    expect(step(first, '1318').rows).toBe(rowsWhere('list_type IS NOT NULL AND pric_uplmt_amt IS NOT NULL'));
    // 1312 brings the same items the files did: nothing new, nothing changed.
    expect(step(first, '1312')).toMatchObject({ written: 0, unchanged: total });
    const hilistCodes = distinctCodes('list_type IS NOT NULL');
    expect(local.mappings.counts()).toEqual({
      localCodes: hilistCodes,
      hilistMappings: hilistCodes,
      priceCaps: distinctCodes('list_type IS NOT NULL AND pric_uplmt_amt IS NOT NULL'),
      selfpayRatios: distinctCodes('list_type IS NOT NULL AND selfpay_prop IS NOT NULL'),
    });
  });

  it('stores the 1901 dictionaries the counter shows', () => {
    let entries = 0;
    for (const type of COUNTER_DICTIONARY_TYPES) {
      const expected = store().dictionary.entries(type, { valiFlag: '1' });
      expect(
        local.dictionary.entries(type).map((e) => e.value),
        type,
      ).toEqual(expected.map((e) => e.value));
      entries += expected.length;
    }
    expect(step(first, '1901').rows).toBe(entries);
    expect(local.dictionary.label('chrgitm_lv', '01')).toBe('甲类');
    expect(local.dictionary.label('med_type', '41')).toBe('定点药店购药');
    expect(local.dictionary.describe('insutype', '310')).toBe('310 职工基本医疗保险');
  });

  it('a second sync downloads no file and writes nothing', async () => {
    const before = lastMessageId();
    const again = await syncWith(app, local);
    const messages = messagesSince(before);
    expect(messages.filter((m) => m.infno === '9102')).toEqual([]);
    for (const s of again.steps.filter((x) => x.mode === 'file' && !x.refused)) {
      expect(s, s.infno).toMatchObject({ rows: 0, versions: 0, written: 0 });
    }
    // Paged queries re-read only the rows of the last second they had seen, as unchanged.
    for (const s of again.steps.filter((x) => x.mode === 'paged')) {
      expect(s, s.infno).toMatchObject({ pages: 1, written: 0 });
      expect(s.unchanged).toBe(s.rows);
      expect(s.rows).toBeLessThan(1000);
    }
    expect(local.items.count()).toBe(distinctCodes('1'));
  }, 120_000);

  it('answers searches over the synced catalogue', () => {
    const row = store().catalogue.rowsAfter('1301', INITIAL_VER, 1)[0];
    if (!row?.barcode) throw new Error('the sandbox has no 1301 row with a barcode');
    const current = store().catalogue.current(row.code);
    expect(local.search(row.barcode)[0]).toMatchObject({ match: 'barcode', item: { code: row.code, name: current?.name } });
    expect(local.search(row.code)[0]).toMatchObject({ match: 'code', item: { code: row.code } });
    const byPinyin = local.search(row.pinyin.slice(0, 4), { limit: 50 });
    expect(byPinyin.length).toBeGreaterThan(0);
    expect(byPinyin.every((h) => h.item.pinyin?.startsWith(row.pinyin.slice(0, 4)))).toBe(true);
    const part = Array.from(row.name).slice(1, 3).join('');
    expect(local.search(part, { limit: 10 }).every((h) => h.item.name.includes(part))).toBe(true);
    // A shop code entered by hand finds the item through the mapping table.
    local.mappings.putLocalCodes([{ localCode: 'SHOP-0001', nationalCode: row.code, source: 'manual' }]);
    expect(local.search('SHOP-0001')).toEqual([
      expect.objectContaining({ match: 'local-code', item: expect.objectContaining({ code: row.code }) }),
    ]);
    const [details] = local.details(row.code);
    expect(details?.localCodes.map((l) => l.source).sort()).toEqual(['1317', 'manual']);
    expect(details?.selfpayRatios[0]?.selfpayProp).toBe(current?.selfpayProp);
  });
});

describe('catalogue sync, hubei profile', () => {
  it('takes the 医保目录 from 1312a and never asks for 1301–1306 or 1312 (whole profile plan)', async () => {
    const app = await harness.openApp({ profile: 'hubei' }, 'hubei');
    const local = LocalCatalogue.open(app.db.name);
    try {
      const fromId = lastMessageId();
      const report = await syncCatalogue(local, centerPort(app, OPERATOR), app.client.profile);
      expect(report.steps.map((s) => s.infno)).not.toContain('1301');
      const asked = new Set(messagesSince(fromId).map((m) => m.infno));
      for (const c of ['1301', '1302', '1303', '1304', '1305', '1306', '1312']) expect(asked.has(c), c).toBe(false);
      expect(asked.has('1312a')).toBe(true);
      // Pages run oldest change first, so every row (re-published ones too) moves its item forward.
      expect(step(report, '1312a')).toMatchObject({ rows: hilistRows(), written: hilistRows(), unchanged: 0 });
      for (const c of HILIST) {
        expect(local.items.count(c), c).toBe(distinctCodes('catalogue = ?', c));
      }
      for (const c of ['1307', '1308', '1309']) expect(local.items.count(c), c).toBe(distinctCodes('catalogue = ?', c));
      const some = local.search('阿莫西林', { limit: 1 })[0];
      expect(some?.item.sourceInfno).toBe('1312a');
    } finally {
      local.close();
    }
  }, 240_000);
});

describe('catalogue sync, sichuan profile', () => {
  it('queries 1304 民族药品目录 directly (seed 003 l.212): no file, every 民族药 arrives, a national counter still gets the file', async () => {
    const app = await harness.openApp({ profile: 'sichuan' }, 'sichuan');
    const local = LocalCatalogue.open(app.db.name);
    try {
      const fromId = lastMessageId();
      const report = await syncCatalogue(local, centerPort(app, OPERATOR), app.client.profile, { only: ['1304'] });
      expect(step(report, '1304')).toMatchObject({ mode: 'paged', rows: store().catalogue.count('1304') });
      const sent = messagesSince(fromId);
      expect(sent.map((m) => m.infno)).not.toContain('9102');
      const asked = sent.filter((m) => m.infno === '1304');
      expect(asked.length).toBeGreaterThan(0);
      for (const m of asked) {
        expect(m.infcode).toBe(0);
        const data = (JSON.parse(m.requestJson) as { input: { data: Record<string, unknown> } }).input.data;
        expect(data).toHaveProperty('updt_time');
        expect(data).not.toHaveProperty('ver');
      }
      expect(local.items.count('1304')).toBe(distinctCodes('catalogue = ?', '1304'));
      const nationalFrom = lastMessageId();
      const national = await harness.openApp({ profile: 'national' }, 'national-1304');
      const nationalLocal = LocalCatalogue.open(national.db.name);
      try {
        const r = await syncCatalogue(nationalLocal, centerPort(national, OPERATOR), national.client.profile, { only: ['1304'] });
        expect(step(r, '1304').mode).toBe('file');
        expect(messagesSince(nationalFrom).map((m) => m.infno)).toContain('9102');
        expect(nationalLocal.items.count('1304')).toBe(distinctCodes('catalogue = ?', '1304'));
      } finally {
        nationalLocal.close();
      }
    } finally {
      local.close();
    }
  }, 240_000);
});
