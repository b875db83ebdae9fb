/** The sandbox's clearing-code table (sandbox/spec/clearing-codes.ts) against seed 002's own text. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEARING_CODES } from '../../src-main/sandbox/spec/clearing-codes';

const SEED = readFileSync(join(__dirname, '..', '..', '..', 'shared', 'seeds', '002_34f1fd90c5ba49b4.txt'), 'utf8').split('\n');

/** The name and description lines that follow a code's own line in the seed's table. */
function entry(code: string): string {
  const at = SEED.findIndex((l) => l.trim() === code);
  expect(at, `${code} in seed 002`).toBeGreaterThan(0);
  return SEED.slice(at + 1, at + 7).join('\n');
}

describe('clearing codes as seed 002 describes them', () => {
  for (const [code, c] of Object.entries(CLEARING_CODES)) {
    it(`${code} ${c.name}`, () => {
      const text = entry(code);
      expect(text).toContain(c.name);
      if (c.persons === 'local') expect(text).toMatch(/本地参保人员/);
      if (c.persons === 'remote') expect(text).toMatch(/异地/);
      if (c.act === 'apply' && c.form === 'detail') expect(text).toMatch(/明细/);
      if (c.act === 'apply' && c.persons === 'local' && c.form === 'summary') expect(text).toMatch(/汇总/);
      if (c.act === 'cancel') expect(text).toMatch(/撤销/);
      if (c.act === 'query') expect(text).toMatch(/HIS、MIS对账/);
    });
  }
});
