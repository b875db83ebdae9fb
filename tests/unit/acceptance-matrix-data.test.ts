/**
 * The matrix's own bookkeeping, checked without the sandbox: every row's stated total is the sum of
 * its lines, its stated split adds up, it names a defined person, and the outpatient / pharmacy rows
 * of seed 004 are all there. (Whether the center agrees is the integration test's job.)
 */
import { describe, expect, it } from 'vitest';
import { addFen, lineAmount, parsePrice, parseQty, parseYuan, sumFen } from '../../src-main/core/money';
import { MATRIX_NOT_APPLICABLE, MATRIX_PERSONS, MATRIX_ROWS } from '../../src-main/acceptance/matrix/rows';

const personOf = (key: string) => MATRIX_PERSONS.find((p) => p.key === key);

describe('seed 004 acceptance matrix data', () => {
  it('has unique row ids and person keys, and every row names a defined person', () => {
    expect(new Set(MATRIX_ROWS.map((r) => r.id)).size).toBe(MATRIX_ROWS.length);
    expect(new Set(MATRIX_PERSONS.map((p) => p.key)).size).toBe(MATRIX_PERSONS.length);
    for (const r of MATRIX_ROWS) expect(personOf(r.person), r.id).toBeDefined();
  });

  it.each(MATRIX_ROWS.map((r) => [r.id, r] as const))('%s: total = Σ lines and fund + account + cash = total', (_id, r) => {
    const total = sumFen(r.lines.map((l) => lineAmount(parseQty(l.cnt), parsePrice(l.pric))));
    expect(total).toBe(parseYuan(r.expected.medfee));
    const e = r.expected;
    expect(addFen(parseYuan(e.fund), parseYuan(e.acct), parseYuan(e.cash))).toBe(parseYuan(e.medfee));
    expect(r.derivation.length).toBeGreaterThan(10);
  });

  it('uses med_type 41 exactly at the pharmacy, 14 only for persons with a 门慢门特 filing, and an account only for 职工', () => {
    for (const r of MATRIX_ROWS) {
      const p = personOf(r.person);
      expect(r.medType === '41', r.id).toBe(r.site === 'pharmacy');
      if (r.medType === '14') expect(p?.chronic, r.id).toBeDefined();
      if (p?.insutype !== '310') expect(r.expected.acct, r.id).toBe('0.00');
    }
  });

  it('keeps each person at one institution (the runner opens one counter per level, rows in order)', () => {
    for (const p of MATRIX_PERSONS) {
      const sites = new Set(MATRIX_ROWS.filter((r) => r.person === p.key).map((r) => r.site));
      expect(sites.size, p.key).toBeLessThanOrEqual(1);
    }
  });

  it('covers every outpatient and pharmacy row of seed 004 ①–④ and names the rest as not applicable', () => {
    const ids = MATRIX_ROWS.map((r) => r.id.split(' ')[0]);
    const outpatient = ['①-1', '①-2', '①-3', '①-4', '①-5', '①-6', '①-7'];
    const resident = ['②-1', '②-2', '②-3', '②-4', '②-5', '②-6', '②-7', '②-8', '②-9', '②-10', '②-12', '②-14', '②-15'];
    const cadre = ['③-1', '③-2', '③-3'];
    const assistance = ['④-6', '④-7', '④-8', '④-9', '④-10'];
    for (const id of [...outpatient, ...resident, ...cadre, ...assistance]) expect(ids, id).toContain(id);
    expect(MATRIX_ROWS.some((r) => r.site === 'pharmacy')).toBe(true);
    expect(MATRIX_NOT_APPLICABLE.map((n) => n.id).join(' ')).toMatch(/②-11.*②-13/);
    expect(MATRIX_NOT_APPLICABLE.map((n) => n.title).join(' ')).toContain('住院');
  });
});
