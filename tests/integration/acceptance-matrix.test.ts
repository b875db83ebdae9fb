/**
 * `yibao acceptance --matrix`: seed 004's outpatient and pharmacy rows settled through the counter
 * against the embedded sandbox, each compared with its hand-computed split to the fen; the journal
 * shows the protocol path each row took. A wrong expectation is reported with expected vs got.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATRIX_ROWS } from '../../src-main/acceptance/matrix/rows';
import { describeRow, runMatrix } from '../../src-main/acceptance/matrix/run-matrix';
import type { MatrixReport } from '../../src-main/acceptance/matrix/types';
import { runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';

const temp = makeTempDir('yibao-matrix-');
afterAll(() => temp.cleanup());

describe('yibao acceptance --matrix on the embedded sandbox', () => {
  const config = join(temp.dir, 'config.json');
  let result: Awaited<ReturnType<typeof runCli>>;
  let report: MatrixReport;

  beforeAll(async () => {
    result = await runCli(['acceptance', '--matrix', '--report', join(temp.dir, 'matrix.html')], { YIBAO_CONFIG: config });
    report = JSON.parse(readFileSync(join(temp.dir, 'matrix.json'), 'utf8')) as MatrixReport;
  }, 300_000);

  it('passes every row and prints passed / total', () => {
    const failing = report.rows.filter((r) => !r.ok).map(describeRow);
    expect(failing).toEqual([]);
    expect(result.stdout).toContain(`acceptance matrix: ${MATRIX_ROWS.length}/${MATRIX_ROWS.length} passed`);
    expect(result.stdout).toContain('不适用');
    expect(result.code).toBe(0);
    expect(report.rows.map((r) => r.id)).toEqual(MATRIX_ROWS.map((r) => r.id));
  });

  it('settles each row over the protocol: 1101 → 2201 → 2203 → 2204 → 2206 → 2207 at a clinic, 2101 → 2102 at a pharmacy', () => {
    for (const row of MATRIX_ROWS) {
      const got = report.rows.find((r) => r.id === row.id);
      const path = row.site === 'pharmacy' ? ['1101', '2101', '2102'] : ['1101', '2201', '2203', '2204', '2206', '2207'];
      expect(
        got?.infnos.filter((i) => path.includes(i)),
        row.id,
      ).toEqual(path);
    }
  });

  it('reimburses a 大学生 only at the 首诊医疗机构, and settles 门特 (med_type 14) visits with their deductible once a year', () => {
    const got = (id: string) => report.rows.find((r) => r.id === id)?.got;
    expect(got('②-2 大学生')?.fund).toBe('0.00');
    expect(got('②-6')?.fund).toBe('114.00');
    expect(got('①-6 50岁以下')?.fund).toBe('232.00');
    expect(got('①-6 50岁以下 第二次')?.fund).toBe('160.00');
    expect(MATRIX_ROWS.filter((r) => r.medType === '14').length).toBeGreaterThanOrEqual(10);
  });

  it('reports a row whose expectation the center does not meet, with expected and got', async () => {
    const row = MATRIX_ROWS.find((r) => r.id === '①-1');
    if (!row) throw new Error('row ①-1 missing');
    const wrong = { ...row, id: '①-1 (错误预期)', expected: { ...row.expected, fund: '48.01', cash: '0.00', acct: '281.99' } };
    const r = await runMatrix({ configPath: config, operator: { opter: 'YS001', opterName: '验收操作员' }, rows: [wrong] });
    expect(r.ok).toBe(false);
    expect(r.passed).toBe(0);
    expect(r.rows[0]?.got).toEqual({ medfee: '330.00', fund: '48.00', acct: '282.00', cash: '0.00' });
    expect(describeRow(r.rows[0] as (typeof r.rows)[number])).toMatch(/✗ ①-1 \(错误预期\).*应为.*基金 48\.01.*实得.*基金 48\.00/);
  }, 120_000);
});
