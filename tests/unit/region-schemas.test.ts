/**
 * The schema a 电子处方 code is typed by in a region (region-schemas.ts): Hubei numbers the steps its own way and
 * folds 核验 into its 审核 call (seed 002); a national code that means something else there stays untyped.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { rxVerifyAuditSchema, schemaIn } from '../../src-main/protocol/region-schemas';
import { schemaFor } from '../../src-main/protocol/transactions';
import { getProfile } from '../../src-main/registry/profile';

/** The field names of a schema's `data` node. */
const dataFields = (schema: z.ZodType | undefined): string[] =>
  Object.keys(((schema as z.ZodObject).shape.data as z.ZodObject).shape);

describe('schemaIn: the schema of a code in a region', () => {
  const national = getProfile('national');
  const hubei = getProfile('hubei');

  it('nationally each 电子处方 code has its own schema, 审核 without 核验', () => {
    for (const code of ['7201', '7204', '7205', '7206', '7209']) {
      expect(schemaFor(code), code).toBeDefined();
      expect(schemaIn(national, code), code).toBe(schemaFor(code));
    }
    expect(schemaIn(national, '7206')).not.toBe(rxVerifyAuditSchema);
  });

  it('in Hubei a code takes the schema of the national step it stands for', () => {
    expect(schemaIn(hubei, '7202')).toBe(schemaFor('7201')); // 授权
    expect(schemaIn(hubei, '7203')).toBe(schemaFor('7204')); // 下载
    expect(schemaIn(hubei, '7205')).toBe(schemaFor('7209')); // 发药
  });

  it("Hubei's 审核 (7204) carries the fields of 核验 and 审方 together", () => {
    const schema = schemaIn(hubei, '7204');
    expect(schema).toBe(rxVerifyAuditSchema);
    const verify = dataFields(schemaFor('7205')?.input);
    const audit = dataFields(schemaFor('7206')?.input);
    expect(verify.length && audit.length).toBeGreaterThan(0);
    expect(new Set(dataFields(rxVerifyAuditSchema.input))).toEqual(new Set([...verify, ...audit]));
  });

  it('a national 电子处方 code that means something else in Hubei (7201) is left untyped', () => {
    expect(schemaIn(hubei, '7201')).toBeUndefined();
  });

  it('codes outside 电子处方 keep their national schema in every region', () => {
    expect(schemaIn(hubei, '2207')).toBe(schemaFor('2207'));
    expect(schemaIn(national, '1101')).toBe(schemaFor('1101'));
  });
});
