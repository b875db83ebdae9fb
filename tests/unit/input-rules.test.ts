/**
 * The rules of the transaction input schemas that tie two fields together (the field types themselves are checked
 * against protocol.md by sandbox-oracle.test.ts): refused before anything is sent, with the field named.
 */
import { describe, expect, it } from 'vitest';
import { personInfoInput } from '../../src-main/protocol/transactions/person';
import { ledgerQueryInput } from '../../src-main/protocol/transactions/inventory';

const person = { mdtrt_cert_no: '420101199001011234', psn_cert_type: '01', certno: '420101199001011234', psn_name: '张三' };

describe('input rules between fields', () => {
  it('1101 with a social security card (03) needs its card_sn; an ID number (02) does not', () => {
    const withoutSn = personInfoInput.safeParse({ data: { ...person, mdtrt_cert_type: '03' } });
    expect(withoutSn.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['data.card_sn', '社保卡 (03) 必须提供卡识别码 card_sn'],
    ]);
    expect(personInfoInput.safeParse({ data: { ...person, mdtrt_cert_type: '03', card_sn: '' } }).success).toBe(false);
    expect(personInfoInput.safeParse({ data: { ...person, mdtrt_cert_type: '03', card_sn: 'X0001' } }).success).toBe(true);
    expect(personInfoInput.safeParse({ data: { ...person, mdtrt_cert_type: '02' } }).success).toBe(true);
  });

  it('a stock ledger query names the item or the batch (either is enough)', () => {
    const range = { begndate: '2026-11-01', enddate: '2026-11-30' };
    const neither = ledgerQueryInput.safeParse({ data: range });
    expect(neither.error?.issues.map((i) => i.path.join('.'))).toEqual(['data.medins_list_codg']);
    expect(ledgerQueryInput.safeParse({ data: { ...range, medins_list_codg: 'L1' } }).success).toBe(true);
    expect(ledgerQueryInput.safeParse({ data: { ...range, fixmedins_bchno: 'B1' } }).success).toBe(true);
  });
});
