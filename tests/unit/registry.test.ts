import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findInterface, listInterfaces, mandatoryFor, requireInterface } from '../../src-main/registry/registry';
// @ts-expect-error plain ESM script without types
import { generate } from '../../scripts/gen-registry.mjs';

const ROOT = join(__dirname, '..', '..');
const TSV = join(ROOT, '..', 'shared', 'spec', 'interfaces.tsv');

describe('interface registry', () => {
  it('holds every one of the 293 codes (YH03 结算单据打印 added to interfaces.tsv)', () => {
    expect(listInterfaces()).toHaveLength(293);
  });

  it('counts mandatory interfaces as the acceptance lists do', () => {
    expect(mandatoryFor('pharmacy')).toHaveLength(59);
    expect(mandatoryFor('clinic')).toHaveLength(59);
    expect(mandatoryFor('hosp1')).toHaveLength(115);
    expect(mandatoryFor('hosp2')).toHaveLength(151);
  });

  it('keeps the spelling of codes', () => {
    expect(findInterface('1312a')?.name).toBe('医保目录信息查询');
    expect(findInterface('1312A')).toBeUndefined();
    expect(findInterface('4101a')).toBeDefined();
    expect(findInterface('4101A')).toBeDefined();
    expect(() => requireInterface('1312A')).toThrow(/未知的交易编号 1312A/);
  });

  it('records mode, category and regions', () => {
    const r = requireInterface('2101A');
    expect(requireInterface('2101').mode).toBe('realtime');
    expect(r.mode).toBe('unspecified'); // the Hubei/Sichuan lists give no mode for 2101A
    expect(r.regions).toEqual(expect.arrayContaining(['hubei', 'sichuan']));
    expect(r.regions).not.toContain('national');
    expect(requireInterface('4301').mode).toBe('scheduled');
    expect(requireInterface('4301').modeText).toBe('定时/每天');
    expect(requireInterface('1101').sichuanPriority).toBe(1);
  });

  it('is exactly what the generator makes from interfaces.tsv (regenerating changes nothing)', () => {
    const generated = generate(readFileSync(TSV, 'utf8'));
    const committed = readFileSync(join(ROOT, 'src-main', 'registry', 'interfaces.generated.ts'), 'utf8');
    expect(committed).toBe(generated);
  });

  it('refuses a malformed TSV with a message naming the line', () => {
    const header = readFileSync(TSV, 'utf8').split('\n')[0];
    expect(() => generate(`${header}\n9001\tonly-two-columns\n`)).toThrow(/line 2/);
  });
});
