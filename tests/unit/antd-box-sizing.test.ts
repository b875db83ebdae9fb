/**
 * The build's rewrite of antd's static stylesheet: its per-component box-sizing resets (selectors on the class
 * attribute's value, tried on every element at each style recalculation) become one rule; nothing else changes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MERGED_RESET, mergeBoxSizingResets } from '../../scripts/vite/antd-box-sizing';

const antdCss = readFileSync(createRequire(import.meta.url).resolve('antd/dist/antd.css'), 'utf8');
/** Selectors on an antd class at the start of the class attribute's value, or after a space. */
const classValueSelectors = (css: string) => css.match(/\[class(?:\^="|\*=" )ant-/g)?.length ?? 0;

describe('mergeBoxSizingResets', () => {
  it('replaces the resets of antd.css as installed by one rule', () => {
    const { css, merged } = mergeBoxSizingResets(antdCss);
    expect(merged).toBeGreaterThan(100);
    expect(classValueSelectors(antdCss)).toBeGreaterThan(400);
    // What is left: the merged rule's six, and two of antd's form layout that set more than box-sizing.
    expect(classValueSelectors(css)).toBe(8);
    expect(css.startsWith(MERGED_RESET)).toBe(true);
    expect(css).not.toMatch(/-css-var \[class\^="ant-form"\]/);
    expect(css).toContain('.ant-form-item .ant-form-item-control:first-child:not([class^="\'ant-col-\'"])');
  });

  it('keeps rules that set more, or select otherwise, and consecutive resets all go', () => {
    const input = [
      '.ant-a{color:red}',
      '.ant-a-css-var [class^="ant-a"],.ant-a-css-var [class*=" ant-a"]{box-sizing:border-box;}',
      '.ant-b [class^="ant-b"]::before,.ant-b [class*=" ant-b"]::after{box-sizing:border-box;}',
      '.ant-c [class^="ant-c"]{box-sizing:border-box;color:blue}',
      '.mine{box-sizing:border-box;}',
      '@media (max-width: 575px){.ant-d [class^="ant-d"]{box-sizing:border-box;}}',
    ].join('');
    const { css, merged } = mergeBoxSizingResets(input);
    expect(merged).toBe(2);
    expect(css).toBe(
      `${MERGED_RESET}.ant-a{color:red}.ant-c [class^="ant-c"]{box-sizing:border-box;color:blue}.mine{box-sizing:border-box;}@media (max-width: 575px){.ant-d [class^="ant-d"]{box-sizing:border-box;}}`,
    );
  });

  it('leaves a stylesheet without such resets as it is', () => {
    expect(mergeBoxSizingResets('.x{box-sizing:border-box;}')).toEqual({ css: '.x{box-sizing:border-box;}', merged: 0 });
  });
});
