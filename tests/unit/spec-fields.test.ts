import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPEC_REQUEST_ENVELOPE, specField, specNode, specTransaction } from '../../src-main/spec/field-rules';
// @ts-expect-error plain ESM script without types
import { generate } from '../../scripts/gen-spec-fields.mjs';

const ROOT = join(__dirname, '..', '..');
const SPEC = join(ROOT, '..', 'shared', 'spec', 'protocol.md');
const md = readFileSync(SPEC, 'utf8');

function field(infno: string, dir: 'input' | 'output', node: string, name: string) {
  const n = specNode(infno, dir, node);
  if (!n) throw new Error(`no node ${infno} ${dir} ${node}`);
  return specField(n, name);
}

describe('spec field rules generated from protocol.md', () => {
  it('the checked-in table is what the document generates', () => {
    const checkedIn = readFileSync(join(ROOT, 'src-main', 'spec', 'spec-fields.generated.ts'), 'utf8');
    expect(generate(md)).toBe(checkedIn);
  });

  it('reads tables: type, length, scale, coded, required', () => {
    expect(field('2601', 'input', 'data', 'omsgid')).toEqual({
      field: 'omsgid',
      type: 'C',
      length: 30,
      scale: null,
      coded: false,
      required: 'Y',
    });
    expect(field('2204', 'input', 'feedetail', 'pric')).toMatchObject({ type: 'N', length: 16, scale: 6, required: 'Y' });
    expect(field('1101', 'input', 'data', 'card_sn')).toMatchObject({ required: 'cond' });
    expect(field('2204', 'input', 'feedetail', 'bilg_dept_name')).toMatchObject({ type: 'C', length: 100, required: 'Y' });
  });

  it('reads inline lists: "(N 4,1, Y)", "(C6,coded,Y)", "(Y)"', () => {
    expect(field('1101', 'output', 'baseinfo', 'age')).toMatchObject({ type: 'N', length: 4, scale: 1, required: 'Y' });
    expect(field('1101', 'output', 'baseinfo', 'gend')).toMatchObject({ type: 'C', length: 6, coded: true, required: 'Y' });
    expect(field('2208', 'input', 'data', 'setl_id')).toMatchObject({ type: null, required: 'Y' });
    expect(field('9001', 'output', 'signinoutb', 'sign_no')).toMatchObject({ type: 'C', length: 30, required: 'Y' });
  });

  it('follows the notes: "2207 only", "2102 only", 2206 without setl_id, A variants', () => {
    expect(field('2207', 'input', 'data', 'invono')).toBeDefined();
    expect(field('2206', 'input', 'data', 'invono')).toBeUndefined();
    expect(field('2206', 'input', 'data', 'inscp_scp_amt')).toBeUndefined();
    expect(field('2102', 'input', 'druginfo', 'invono')).toBeDefined();
    expect(field('2101', 'input', 'druginfo', 'invono')).toBeUndefined();
    expect(field('2206', 'output', 'setlinfo', 'setl_id')).toBeUndefined();
    expect(field('2101', 'output', 'setlinfo', 'setl_id')).toBeUndefined();
    expect(field('2102', 'output', 'setlinfo', 'setl_id')).toMatchObject({ required: 'Y' });
    expect(specTransaction('2207A')?.input).toEqual(specTransaction('2207')?.input);
    expect(specTransaction('2102A')).toBeUndefined(); // the document does not describe it
  });

  it('a row "Y (psn_type, cvlserv_flag)" makes only those non-null', () => {
    expect(field('2207', 'output', 'setlinfo', 'insutype')).toMatchObject({ required: 'N', coded: true });
    expect(field('2207', 'output', 'setlinfo', 'psn_type')).toMatchObject({ required: 'Y' });
    expect(field('2207', 'output', 'setlinfo', 'brdy')).toMatchObject({ coded: false });
  });

  it('envelope lengths take the longer value where editions differ', () => {
    const get = (name: string) => SPEC_REQUEST_ENVELOPE.find((f) => f.field === name);
    expect(get('infno')).toMatchObject({ length: 6, required: 'Y' });
    expect(get('fixmedins_code')).toMatchObject({ length: 30 });
    expect(get('sign_no')).toMatchObject({ required: 'cond' });
  });

  it('an edited document changes the table or stops the generator', () => {
    expect(generate(md.replace('| `omsgid` |', '| `omsg_id` |'))).toContain('"field":"omsg_id"');
    expect(() => generate(md.replace('same for 2206 (no `setl_id`', 'same for 2206 (without `setl_id`'))).toThrow(/quote/);
    expect(() => generate(md.replace('Input node `druginfo` (single)', 'Input node `drug_info` (single)'))).toThrow(/anchor/);
  });
});
