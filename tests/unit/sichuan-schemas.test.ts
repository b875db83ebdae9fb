/**
 * 四川's S / Z codes (seed 003): typed on the client, read by the sandbox from its own table, and named
 * by the Sichuan profile. The two field lists are written apart (the sandbox may not import the
 * client's schemas), so this holds them to the same node and field names; the answers' required
 * fields are the ids the counter sends back and the amounts it prints.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readAnswer } from '../../src-main/protocol/answer-fields';
import { schemaFor } from '../../src-main/protocol/transactions';
import { schemaIn } from '../../src-main/protocol/region-schemas';
import { inputRules } from '../../src-main/sandbox/spec/input-rules';
import { buildProfile, REGION_CODE_USES } from '../../src-main/registry/profile';
import { findInterface } from '../../src-main/registry/registry';

const CODES = ['S3301', 'S3302', 'S3601', 'S3701', 'S3702', 'S5201', 'Z1101', 'Z1102', 'S3901', 'S5901'];

/** node → field names of a client input schema (objects and arrays of objects one level down). */
function clientNodes(schema: z.ZodType): Record<string, string[]> {
  const top = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.fromEntries(
    Object.entries(top).map(([node, s]) => {
      const inner = s instanceof z.ZodArray ? (s.element as z.ZodObject) : (s as z.ZodObject);
      return [node, Object.keys(inner.shape).sort()];
    }),
  );
}

describe('Sichuan S / Z codes', () => {
  it('every one is a Sichuan registry code, typed, and named by the Sichuan profile only', () => {
    const sichuan = buildProfile('sichuan');
    expect(Object.values(sichuan.regionCodes).sort()).toEqual([...CODES].sort());
    expect(Object.keys(sichuan.regionCodes).sort()).toEqual([...REGION_CODE_USES].sort());
    expect(buildProfile('national').regionCodes).toEqual({});
    expect(buildProfile('hubei').regionCodes).toEqual({});
    for (const code of CODES) {
      expect(findInterface(code)?.regions, code).toEqual(['sichuan']);
      expect(schemaIn(sichuan, code), code).toBe(schemaFor(code));
      expect(schemaFor(code)?.output, code).toBeTruthy();
    }
    // The inferred field lists are a stated departure from the document, not presented as the spec.
    const inferred = sichuan.departures.find((d) => d.codes.includes('Z1101'));
    expect([...(inferred?.codes ?? [])].sort()).toEqual([...CODES].sort());
    expect(inferred?.what).toContain('INFERRED');
  });

  it('the client sends the nodes and fields the sandbox center reads', () => {
    for (const code of CODES) {
      const rules = inputRules(code);
      expect(rules, code).toBeDefined();
      const center = Object.fromEntries((rules ?? []).map((n) => [n.node, n.fields.map((f) => f.field).sort()]));
      expect(clientNodes(schemaFor(code)!.input), code).toEqual(center);
    }
  });

  it('a 门慢门特 prescription needs its drugs; dates are checked', () => {
    const rx = schemaFor('S3701')!.input;
    const data = {
      mdtrt_id: 'MD1',
      psn_no: 'P1',
      rxno: 'RX1',
      rx_time: '2026-12-06 10:00:00',
      opsp_dise_code: 'M03900',
      opsp_dise_name: '高血压',
    };
    expect(rx.safeParse({ data, rxdetail: [{ med_list_codg: 'XC01', cnt: 2 }] }).success).toBe(true);
    expect(rx.safeParse({ data, rxdetail: [] }).success).toBe(false);
    expect(
      rx.safeParse({ data: { ...data, rx_time: '2026-12-06' }, rxdetail: [{ med_list_codg: 'XC01', cnt: 2 }] }).success,
    ).toBe(false);
    const filing = schemaFor('Z1101')!.input;
    const f = { psn_no: 'P1', opsp_dise_code: 'M03900', opsp_dise_name: '高血压', begndate: '2026-12-06' };
    expect(filing.safeParse({ data: f }).success).toBe(true);
    expect(filing.safeParse({ data: { ...f, begndate: '20261206' } }).success).toBe(false);
    expect(filing.safeParse({ data: { ...f, unknown_field: 'x' } }).success).toBe(false);
  });

  it('answers: the ids sent back and the amounts printed are required, the rest may be left out', () => {
    const required = (code: string, answer: unknown) => {
      const r = readAnswer(schemaFor(code)!.output as z.ZodType, answer);
      return r.ok ? [] : r.errors.map((e) => e.path);
    };
    expect(required('Z1101', { result: { trt_dcla_detl_sn: 'SN1' } })).toEqual([]);
    expect(required('Z1101', { result: {} })).toEqual(['result.trt_dcla_detl_sn']);
    expect(required('S3901', {})).toEqual(['appy_id']);
    expect(required('S3301', {})).toEqual([]);
    expect(required('S3302', {})).toEqual([]);
    expect(required('Z1102', {})).toEqual([]);
    expect(required('S5901', { appyinfo: [{}] })).toEqual(['appyinfo[0].appy_id']);
    const sheet = required('S3601', { setlinfo: { setl_id: 'S1', mdtrt_id: 'M1' } });
    expect(sheet).toContain('setlinfo.medfee_sumamt');
    expect(sheet).toContain('setlinfo.psn_cash_pay');
    expect(sheet.every((p) => p.startsWith('setlinfo.'))).toBe(true);
  });
});
