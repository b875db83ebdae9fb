import { describe, expect, it } from 'vitest';
import { buildEnvelope, envelopeSessionKey, inputNamesPerson, requestEnvelopeSchema } from '../../src-main/protocol/envelope';
import { formatDateTime } from '../../src-main/core/time';

const ctx = {
  fixmedinsCode: 'P42010000001',
  fixmedinsName: '沙箱演示大药房',
  mdtrtareaAdmvs: '420100',
  recerSysCode: 'YBXT',
  infver: 'V1.0',
  opterType: '1' as const,
  opter: 'OP001',
  opterName: '张收费',
  devNo: '',
  signtype: '',
};

describe('envelope', () => {
  it('fills every header field of protocol.md §1.1', () => {
    const env = buildEnvelope(ctx, {
      infno: '1101',
      msgid: 'P42010000001202611230902030001',
      input: { data: { psn_no: '' } },
      signNo: 'S123',
      insuplcAdmdvs: '420100',
      devSafeInfo: 'SAFE',
      cainfo: 'CA',
      now: new Date('2026-11-23T01:02:03Z'),
    });
    expect(Object.keys(env).sort()).toEqual(
      [
        'infno',
        'msgid',
        'mdtrtarea_admvs',
        'insuplc_admdvs',
        'recer_sys_code',
        'dev_no',
        'dev_safe_info',
        'cainfo',
        'signtype',
        'infver',
        'opter_type',
        'opter',
        'opter_name',
        'inf_time',
        'fixmedins_code',
        'fixmedins_name',
        'sign_no',
        'input',
      ].sort(),
    );
    expect(env.inf_time).toBe('2026-11-23 09:02:03'); // China Standard Time
    expect(env.sign_no).toBe('S123');
    expect(env.dev_safe_info).toBe('SAFE');
    expect(requestEnvelopeSchema.safeParse(env).success).toBe(true);
  });

  it('formats times in CST whatever the machine zone', () => {
    expect(formatDateTime(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01 00:30:00');
  });

  it('rejects a malformed msgid or area code with a named field', () => {
    const env = buildEnvelope(ctx, { infno: '9001', msgid: 'short', input: {}, signNo: '', now: new Date() });
    const r = requestEnvelopeSchema.safeParse({ ...env, mdtrtarea_admvs: '42' });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['msgid', 'mdtrtarea_admvs']));
  });

  it('knows when an input names a person', () => {
    expect(inputNamesPerson({ data: { psn_no: 'P1' } })).toBe(true);
    expect(inputNamesPerson({ feedetail: [{ psn_no: 'P1' }] })).toBe(true);
    expect(inputNamesPerson({ signIn: { opter_no: '1' } })).toBe(false);
    // An empty psn_no names nobody (9001, queries); a null block or row is read past, not into.
    expect(inputNamesPerson({ data: { psn_no: '' } })).toBe(false);
    expect(inputNamesPerson({ data: null, feedetail: [null, { psn_no: 'P1' }] })).toBe(true);
  });

  it('leaves dev_safe_info and cainfo empty when the call has none (the spec sends empties as "")', () => {
    const env = buildEnvelope(ctx, {
      infno: '1101',
      msgid: 'P42010000001202611230902030001',
      input: {},
      signNo: 'S1',
      now: new Date(),
    });
    expect([env.dev_safe_info, env.cainfo, env.insuplc_admdvs]).toEqual(['', '', '']);
  });

  it('keys the checked config-and-operator part: another operator is checked again, another call is not', () => {
    const call = { infno: '1101', msgid: 'P42010000001202611230902030001', input: {}, signNo: 'S1', now: new Date() };
    const key = envelopeSessionKey(buildEnvelope(ctx, call));
    expect(envelopeSessionKey(buildEnvelope(ctx, { ...call, infno: '2101', msgid: 'P42010000001202611230902030002' }))).toBe(key);
    expect(envelopeSessionKey(buildEnvelope({ ...ctx, opter: 'OP002' }, call))).not.toBe(key);
    // Fields are kept apart: "OP0" + "01张收费" is not "OP001" + "张收费".
    expect(envelopeSessionKey(buildEnvelope({ ...ctx, opter: 'OP0', opterName: '01张收费' }, call))).not.toBe(key);
  });
});
