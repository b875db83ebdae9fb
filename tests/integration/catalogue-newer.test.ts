/**
 * The newer national catalogues (1306A 27位医用耗材, 1320 中药配方颗粒, 1322–1327 体外诊断试剂) in
 * the ordinary catalogue sync: downloaded by version with 9102 like 1301, imported into the local
 * catalogue, searchable, and a second sync downloads nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centerPort } from '../../src-main/catalogue/center-port';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { syncCatalogue } from '../../src-main/catalogue/sync';
import type { CatalogueInfno, PersonRow } from '../../src-main/sandbox/store';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { personsOf } from '../helpers/sandbox-fixtures';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices } from '../../src-main/counter/counter-services';

const NEWER = ['1306A', '1320', '1322', '1323', '1324', '1325', '1326', '1327'] as const;
const OPERATOR = { opter: 'C001', opterName: '目录员' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  await h.close();
});

describe('newer catalogues in the catalogue sync', () => {
  it('downloads every version of each into the local catalogue, then nothing on a second sync', async () => {
    const app = await h.openApp();
    const local = LocalCatalogue.open(app.db.name);
    try {
      const store = h.sandbox.center.store;
      const report = await syncCatalogue(local, centerPort(app, OPERATOR), app.client.profile, { only: [...NEWER] });
      for (const infno of NEWER) {
        const versions = store.catalogue.versions(infno as CatalogueInfno);
        expect(versions.length, infno).toBe(5);
        const step = report.steps.find((s) => s.infno === infno);
        expect(step, infno).toMatchObject({ mode: 'file', versions: 5, rows: store.catalogue.count(infno as CatalogueInfno) });
        const codes = store.db
          .prepare('SELECT count(DISTINCT code) AS n FROM catalogue_item WHERE catalogue = ?')
          .pluck()
          .get(infno);
        expect(local.items.count(infno), infno).toBe(codes);
        expect(local.state.get(infno)?.localVer).toBe(versions.at(-1)?.ver);
      }

      const consumable = store.catalogue.rowsAfter('1306A', '00000000000000', 1)[0];
      expect(consumable?.code).toMatch(/^C\d{26}$/);
      const byCode = local.search(consumable?.code ?? '', { catalogues: ['1306A'] });
      expect(byCode[0]?.item.name).toBe(consumable?.name);
      const granules = local.search('配方颗粒', { catalogues: ['1320'], limit: 5 });
      expect(granules.length).toBe(5);
      expect(granules.every((g) => g.item.name.endsWith('配方颗粒'))).toBe(true);
      expect(local.search('乙型肝炎', { catalogues: ['1322'] })[0]?.item.name).toContain('乙型肝炎病毒表面抗原');

      // At the counter a granule is found in the local catalogue and sold like any drug (2101 pre-settlement).
      const services = createCounterServices(app, new CounterEvents());
      await app.sessions.signIn(app.client, OPERATOR);
      const found = await services.items.search('配方颗粒', 5);
      expect(found.source).toBe('本地目录');
      const granule = found.hits[0];
      expect(granule?.code).toMatch(/^TKL/);
      const buyer = personsOf(store, 'emp-active', 0)[0] as PersonRow;
      const ctx = await services.persons.read({ kind: 'id', idNumber: buyer.certno, name: buyer.psnName });
      const pre = await services.pharmacy.preSettle({
        basketId: 'GRANULE0001',
        personKey: ctx.key,
        acctUsed: false,
        lines: [{ code: granule?.code ?? '', name: granule?.name ?? '', cntText: '10', pricText: '0.8' }],
      });
      expect(pre.medfeeFen).toBe(800);

      const again = await syncCatalogue(local, centerPort(app, OPERATOR), app.client.profile, { only: [...NEWER] });
      for (const s of again.steps) expect(s, s.infno).toMatchObject({ rows: 0, versions: 0, written: 0 });
    } finally {
      local.close();
    }
  }, 120_000);
});
