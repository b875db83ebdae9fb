/** The sandbox playing a region's 电子处方 numbering (sandbox/center/numbering.ts). */
import { describe, expect, it } from 'vitest';
import { numberingOf } from '../../src-main/sandbox/center/numbering';
import { SANDBOX_HANDLERS } from '../../src-main/sandbox/center/handlers';
import { rxVerifyAndAudit } from '../../src-main/sandbox/center/handlers/prescription';
import { checkInput } from '../../src-main/sandbox/spec/input-check';

const audit = {
  data: {
    hi_rxno: 'RX1',
    rx_trace_code: 'T1',
    psn_no: 'P1',
    mdtrt_cert_type: '02',
    mdtrt_cert_no: '420100199001011237',
    phar_cert_type: '01',
    phar_certno: '420100199001011237',
    phar_name: '王药师',
    phar_prac_cert_no: 'YS1',
    rx_chk_rslt: '1',
    rx_chk_opnn: '',
    chk_time: '2026-12-05 10:00:00',
  },
};

const verdicts = (infno: string, input: unknown) =>
  numberingOf('hubei')
    .inputChecks(infno, input)
    .map((c) => checkInput(c.infno, c.input));

describe('center numbering', () => {
  it('national: every code is its own handler and its own field rules', () => {
    const n = numberingOf('national');
    expect(n.handlerFor('7204')).toBe(SANDBOX_HANDLERS['7204']);
    expect(n.inputChecks('7204', { data: {} })).toEqual([{ infno: '7204', input: { data: {} } }]);
  });

  it('Hubei: 7202 / 7203 / 7205 reach the national steps, 7204 审核 does 核验 and 审方, 7201 / 7207 are not served', () => {
    const n = numberingOf('hubei');
    expect(n.handlerFor('7202')).toBe(SANDBOX_HANDLERS['7201']);
    expect(n.handlerFor('7203')).toBe(SANDBOX_HANDLERS['7204']);
    expect(n.handlerFor('7204')).toBe(rxVerifyAndAudit);
    expect(n.handlerFor('7201')).toBeUndefined();
    expect(n.handlerFor('7207')).toBeUndefined();
    expect(n.handlerFor('2102A')).toBe(SANDBOX_HANDLERS['2102A']);
  });

  it('Hubei 7204 is checked by the rules of both national steps: complete passes, an unknown or missing field does not', () => {
    expect(verdicts('7204', audit).every((v) => v === undefined || v.ok)).toBe(true);
    const extra = verdicts('7204', { data: { ...audit.data, foo: '1' } });
    expect(extra.some((v) => v && !v.ok)).toBe(true);
    const { phar_name: _drop, ...missing } = audit.data;
    expect(verdicts('7204', { data: missing }).some((v) => v && !v.ok && /phar_name/.test(v.path))).toBe(true);
  });
});
