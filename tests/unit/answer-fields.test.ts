/**
 * Issue 16: answers are read strictly only where the counter relies on a field; everything
 * else is typed when present and accepted when absent, null or "", and a wrong optional
 * value is a warning. Lenient on form throughout.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { must, outObject, readAnswer } from '../../src-main/protocol/answer-fields';
import { schemaFor } from '../../src-main/protocol/transactions';

const outputSchema = (infno: string) => {
  const s = schemaFor(infno)?.output;
  if (!s) throw new Error(`no output schema for ${infno}`);
  return s;
};

const setlinfo = {
  setl_id: 'S1',
  mdtrt_id: 'M1',
  psn_no: 'P1',
  medfee_sumamt: 100.5,
  fulamt_ownpay_amt: 0,
  overlmt_selfpay: 0,
  preselfpay_amt: 0,
  inscp_scp_amt: 100.5,
  hifp_pay: 60,
  pool_prop_selfpay: 0.3,
  cvlserv_pay: 0,
  hifes_pay: 0,
  hifmi_pay: 0,
  hifob_pay: 0,
  maf_pay: 0,
  oth_pay: 0,
  fund_pay_sumamt: 60,
  psn_part_amt: 40.5,
  acct_pay: 40.5,
  psn_cash_pay: 0,
  balc: 959.5,
  acct_mulaid_pay: 0,
  setl_time: '2026-11-23 09:00:00',
};
const settled = (info: Record<string, unknown> = setlinfo, detail: Record<string, unknown>[] = []) => ({
  setlinfo: info,
  setldetail: detail.length
    ? detail
    : [{ fund_pay_type: '310100', inscp_scp_amt: 100.5, crt_payb_lmt_amt: 0, fund_payamt: 60, fund_pay_type_name: '统筹' }],
});
const without = (o: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

describe('readAnswer: required = what the counter relies on', () => {
  it('2102 without setlinfo.pool_prop_selfpay and setldetail[].inscp_scp_amt reads clean (issue 16, point 2)', () => {
    const answer = settled(without(setlinfo, 'pool_prop_selfpay'), [
      { fund_pay_type: '310100', fund_payamt: 60, crt_payb_lmt_amt: 0 },
    ]);
    const read = readAnswer(outputSchema('2102'), answer);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.warnings).toEqual([]);
    const data = read.data as { setlinfo: Record<string, unknown>; setldetail: Record<string, unknown>[] };
    expect(data.setlinfo['setl_id']).toBe('S1');
    expect(data.setlinfo['pool_prop_selfpay']).toBeNull();
    expect(data.setldetail[0]?.['inscp_scp_amt']).toBeNull();
  });

  it('2204 result rows with only chrgitm_lv, med_chrgitm_type, lmt_used_flag read clean (issue 16, point 1)', () => {
    const read = readAnswer(outputSchema('2204'), {
      result: [{ chrgitm_lv: '01', med_chrgitm_type: '09', lmt_used_flag: '0' }],
    });
    expect(read).toMatchObject({ ok: true, warnings: [] });
  });

  it('null, "" and absent are all accepted for optional fields; extra fields pass untouched', () => {
    const info = { ...setlinfo, psn_name: null, certno: '', insutype: undefined, exp_content: { a: 1 }, region_x: 'y' };
    const read = readAnswer(outputSchema('2207'), settled(info));
    expect(read.ok).toBe(true);
    if (read.ok) expect((read.data as { setlinfo: Record<string, unknown> }).setlinfo['region_x']).toBe('y');
  });

  it('lenient on form: numbers as strings and strings as numbers, integer amounts, times without seconds', () => {
    const info = {
      ...setlinfo,
      setl_id: 20261123001,
      medfee_sumamt: '100.50',
      hifp_pay: '60',
      acct_pay: ' 40.5 ',
      balc: 959.5,
      setl_time: '2026-11-23 09:00',
      insutype: 310,
    };
    const read = readAnswer(outputSchema('2102'), settled(info));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const s = (read.data as { setlinfo: Record<string, unknown> }).setlinfo;
    expect(s).toMatchObject({
      setl_id: '20261123001',
      medfee_sumamt: 100.5,
      hifp_pay: 60,
      acct_pay: 40.5,
      setl_time: '2026-11-23 09:00:00',
      insutype: '310',
    });
    expect(read.warnings).toEqual([]);
  });

  it('an optional field of the wrong type is a warning with its path, and the answer is read', () => {
    const info = { ...setlinfo, setl_time: '昨天', pool_prop_selfpay: 'abc' };
    const read = readAnswer(
      outputSchema('2102'),
      settled(info, [{ fund_pay_type: '310100', fund_payamt: 60, crt_payb_lmt_amt: [] }]),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.warnings.map((w) => w.path).sort()).toEqual([
      'setldetail[0].crt_payb_lmt_amt',
      'setlinfo.pool_prop_selfpay',
      'setlinfo.setl_time',
    ]);
    // The warning says what was wrong, never the value (it may be personal data).
    expect(JSON.stringify(read.warnings)).not.toContain('昨天');
  });

  it('required problems fail, and every one of them is named (not only the first)', () => {
    const info = { ...without(setlinfo, 'medfee_sumamt', 'setl_id'), acct_pay: '四十', psn_cash_pay: 1.234 };
    const read = readAnswer(outputSchema('2102'), settled(info, [{ fund_pay_type: '310100' }]));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.map((e) => e.path).sort()).toEqual([
      'setldetail[0].fund_payamt',
      'setlinfo.acct_pay',
      'setlinfo.medfee_sumamt',
      'setlinfo.psn_cash_pay',
      'setlinfo.setl_id',
    ]);
    expect(read.errors.find((e) => e.path === 'setlinfo.medfee_sumamt')?.problem).toBe('缺少');
  });

  it('an empty string in a required id is missing, not an id', () => {
    const read = readAnswer(outputSchema('2201'), { data: { mdtrt_id: '  ', psn_no: 'P1' } });
    expect(read).toMatchObject({ ok: false, errors: [{ path: 'data.mdtrt_id', problem: '缺少' }] });
  });

  it('1101 needs the person identity and the insured area, not the demographics', () => {
    const read = readAnswer(outputSchema('1101'), {
      baseinfo: { psn_no: 'P1', psn_cert_type: '01', certno: '420101199001011234', psn_name: '张三', age: '35.0' },
      insuinfo: [{ balc: '100', insutype: '310', psn_type: '11', insuplc_admdvs: 420100 }],
    });
    expect(read).toMatchObject({ ok: true, warnings: [] });
    const missing = readAnswer(outputSchema('1101'), { baseinfo: { psn_no: 'P1' }, insuinfo: [{ balc: 1 }] });
    expect(missing.ok).toBe(false);
    // psn_cert_type is not among them: a Sichuan center sends it as "" and the counter falls back to the request's.
    if (!missing.ok)
      expect(missing.errors.map((e) => e.path).sort()).toEqual([
        'baseinfo.certno',
        'baseinfo.psn_name',
        'insuinfo[0].insuplc_admdvs',
        'insuinfo[0].insutype',
        'insuinfo[0].psn_type',
      ]);
  });
});

describe('readAnswer on plain zod types: each other form of a value, each problem text', () => {
  const schema = outObject({
    amount: must(z.number()),
    id: must(z.string()),
    kind: must(z.enum(['A', 'B'])),
    day: must(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
    note: z.enum(['X', 'Y']),
  });
  const good = { amount: 1, id: 'I1', kind: 'A', day: '2026-11-23', note: 'X' };

  it('reads a number sent as (blank-padded) text, an id sent as a number, a padded code, a date-time where a date is due', () => {
    const read = readAnswer(schema, { amount: ' 12.5 ', id: 20261123, kind: ' B ', day: '2026-11-23 10:00:00', note: '   ' });
    expect(read).toEqual({
      ok: true,
      data: { amount: 12.5, id: '20261123', kind: 'B', day: '2026-11-23', note: null },
      warnings: [],
    });
  });

  it('names what is wrong: missing, the wrong type, a value outside the code list — for required and optional fields alike', () => {
    const read = readAnswer(schema, { ...good, amount: '十二', id: null, kind: 'C', note: 'Z' });
    expect(read).toEqual({
      ok: false,
      errors: [
        { path: 'amount', problem: '类型不正确 (应为 number)' },
        { path: 'id', problem: '缺少' },
        { path: 'kind', problem: '取值不在允许范围内' },
      ],
      warnings: [{ path: 'note', problem: '取值不在允许范围内' }],
    });
    // Inside a list: the problem is judged on the value the path points to.
    const rows = outObject({ rows: must(z.array(z.object({ n: z.number() }))) });
    expect(readAnswer(rows, { rows: [{ n: '十二' }, {}, { n: null }] })).toMatchObject({
      ok: false,
      errors: [
        { path: 'rows[0].n', problem: '类型不正确 (应为 number)' },
        { path: 'rows[1].n', problem: '缺少' },
        { path: 'rows[2].n', problem: '缺少' },
      ],
    });
    expect(readAnswer(schema, { ...good, note: 'Z' })).toEqual({
      ok: true,
      data: { ...good, note: null },
      warnings: [{ path: 'note', problem: '取值不在允许范围内' }],
    });
  });
});
