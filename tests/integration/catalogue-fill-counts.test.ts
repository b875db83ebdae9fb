/**
 * The first fill shows how many items the counter holds, counted once per step of the sync (a count
 * of the whole local table per progress report, hundreds per file, would slow the import down).
 * Against the real sandbox, with a region whose downloads are the services file (1305) only, so the
 * sync is 1305 and the 1901 dictionaries.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CatalogueFill, type CatalogueFillView } from '../../src-main/catalogue/catalogue-fill';
import { centerPort } from '../../src-main/catalogue/center-port';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { planSync } from '../../src-main/catalogue/sync';
import { FEE_ITEM_CATALOGUES } from '../../src-main/counter/local-item-search';
import { startHarness, type Harness } from '../helpers/sandbox-harness';

const OPERATOR = { opter: 'C003', opterName: '目录员三' };

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('catalogue fill progress', () => {
  it('counts the local items at the start, once per step and at the end, not per progress report', async () => {
    const app = await harness.openApp({}, 'fill-counts');
    const local = LocalCatalogue.open(app.db.name);
    try {
      const profile = { ...app.client.profile, catalogueDownloads: { '1305': 'file' as const } };
      const steps = planSync(profile).length;
      expect(steps).toBe(2);
      const counted = vi.spyOn(local.items, 'count');
      const views: CatalogueFillView[] = [];
      const fill = new CatalogueFill(local, profile, FEE_ITEM_CATALOGUES, (v) => views.push(v));
      fill.start(centerPort(app, OPERATOR));
      await fill.settled();

      const last = views.at(-1);
      expect(last?.state).toBe('filled');
      expect(last?.items).toBeGreaterThan(0);
      expect(last?.text).toContain(`共 ${last?.items} 条`);
      // Many more progress reports than counts: the file's batches and 1901's types.
      expect(views.length).toBeGreaterThan(steps + 10);
      // Whole-table counts: the constructor, the start, one per step, the end.
      expect(counted.mock.calls.filter((args) => args.length === 0 || args[0] === undefined)).toHaveLength(steps + 3);
    } finally {
      local.close();
      await app.close();
    }
  }, 300_000);
});
