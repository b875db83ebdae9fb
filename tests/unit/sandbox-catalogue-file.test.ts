/** The sandbox's catalogue-file table against protocol.md (§1.3, §2.16) — not against the counter's reader. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the generator is plain JavaScript (no declaration file)
import { catalogueFile } from '../../scripts/gen-spec-fields.mjs';
import { CATALOGUE_FILE_COLUMNS, FILE_CATALOGUE_INFNOS, NULL_TEXT } from '../../src-main/sandbox/spec/catalogue-file';
import { SPEC_CATALOGUE_FILE } from '../../src-main/spec/spec-fields.generated';

const md = readFileSync(join(__dirname, '..', '..', '..', 'shared', 'spec', 'protocol.md'), 'utf8');

describe("the sandbox's catalogue file follows the document", () => {
  it('the generated table is what the document says now', () => {
    expect(catalogueFile(md)).toEqual(SPEC_CATALOGUE_FILE);
  });

  it('opens with code, trade name, generic name; keeps the version pair together; empties as null', () => {
    expect(CATALOGUE_FILE_COLUMNS.slice(0, 3)).toEqual(['code', 'name', 'gennm']);
    const ver = CATALOGUE_FILE_COLUMNS.indexOf('ver');
    expect(CATALOGUE_FILE_COLUMNS[ver + 1]).toBe('ver_name');
    expect(new Set(CATALOGUE_FILE_COLUMNS).size).toBe(CATALOGUE_FILE_COLUMNS.length);
    expect(NULL_TEXT).toBe('null');
    for (const code of ['1301', '1311', '1313', '1315']) expect(FILE_CATALOGUE_INFNOS).toContain(code);
    expect(FILE_CATALOGUE_INFNOS).not.toContain('1312'); // a paged JSON query, not a file
  });

  it('an edited document changes the table or stops the generator', () => {
    expect(
      catalogueFile(md.replace('catalogue code, trade name, generic name', 'catalogue code, generic name, trade name'))
        .leadingColumns,
    ).toEqual(['code', 'gennm', 'name']);
    expect(() => catalogueFile(md.replace('trade name, generic name', 'trade name, pinyin code'))).toThrow(
      /unknown column phrase/,
    );
  });
});
