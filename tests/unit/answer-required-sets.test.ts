/**
 * Issue 16, the transactions outside the sale flow: an answer that carries only what the counter
 * stores and sends back, books or reconciles is read without a problem, and each of those fields
 * left out fails, named. Everything the counter only shows may be left out.
 */
import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../src-main/protocol/answer-fields';
import { schemaFor } from '../../src-main/protocol/transactions';

type Json = Record<string, unknown>;

/** Per transaction: the smallest answer the counter can use, and the fields it must not lack. */
const CASES: Record<string, { readonly answer: Json; readonly required: readonly string[] }> = {
  // 7201: the ids 7204 sends back.
  '7201': {
    answer: { rxlist: [{ hi_rxno: 'RX1', auth_rxno: 'AU1' }] },
    required: ['rxlist', 'rxlist[0].hi_rxno', 'rxlist[0].auth_rxno'],
  },
  // 7204: the ids sent back by 7205–7210, the person it must belong to, and the basket's lines.
  '7204': {
    answer: {
      rxinfo: { hi_rxno: 'RX1', rx_trace_code: 'TR1' },
      mdtrtinfo: { psn_no: 'P1' },
      rxdetlinfo: [{ rx_detl_no: 'D1', med_list_codg: 'XJ01', drug_cnt: 2, drug_pric: 1.5, drug_sumamt: 3 }],
    },
    required: [
      'rxinfo',
      'rxinfo.hi_rxno',
      'rxinfo.rx_trace_code',
      'mdtrtinfo',
      'mdtrtinfo.psn_no',
      'rxdetlinfo',
      'rxdetlinfo[0].rx_detl_no',
      'rxdetlinfo[0].med_list_codg',
      'rxdetlinfo[0].drug_cnt',
      'rxdetlinfo[0].drug_pric',
      'rxdetlinfo[0].drug_sumamt',
    ],
  },
  '7205': { answer: {}, required: [] },
  '7206': { answer: {}, required: [] },
  // 7207: sel_no is what 7208 sends back.
  '7207': { answer: { sel_no: 'S1' }, required: ['sel_no'] },
  '7208': { answer: {}, required: [] },
  '7209': { answer: {}, required: [] },
  '7210': { answer: {}, required: [] },
  '7211': { answer: {}, required: [] },
  // 3101: jr_id is sent back by 3103; a missing list is not "no warnings".
  '3101': { answer: { result: [{ jr_id: 'J1' }] }, required: ['result', 'result[0].jr_id'] },
  '3103': { answer: {}, required: [] },
  '4901': { answer: {}, required: [] },
  '4902': { answer: {}, required: [] },
  '5501': { answer: {}, required: [] },
  '1201': { answer: {}, required: [] },
  // 5102: what 7206 sends back for the pharmacist, and the code the counter picks them by.
  '5102': {
    answer: { data: [{ psn_cert_type: '01', certno: '420101199001010011', prac_psn_code: 'D1', prac_psn_name: '测试' }] },
    required: ['data', 'data[0].psn_cert_type', 'data[0].certno', 'data[0].prac_psn_code', 'data[0].prac_psn_name'],
  },
  '100001': { answer: {}, required: [] },
  '5204': { answer: {}, required: [] },
  '3501': { answer: { result: {} }, required: [] },
  // 3501A: a refused row is told apart by its retRslt.
  '3501A': { answer: { invinfoErrDetail: [{ retRslt: '0' }] }, required: ['invinfoErrDetail[0].retRslt'] },
  // 3508–3511: the counts the counter reconciles its stock against.
  '3508': { answer: { data: [{ invCnt: 5 }] }, required: ['data', 'data[0].invCnt'] },
  '3509': { answer: { data: [{ cnt: 5 }] }, required: ['data', 'data[0].cnt'] },
  '3510': { answer: { data: [{ purcRetnCnt: 5 }] }, required: ['data', 'data[0].purcRetnCnt'] },
  '3511': { answer: { data: [{ selRetnCnt: 5 }] }, required: ['data', 'data[0].selRetnCnt'] },
};

function read(infno: string, answer: unknown) {
  const schema = schemaFor(infno)?.output;
  if (!schema) throw new Error(`no output schema for ${infno}`);
  return readAnswer(schema, answer);
}

/** A copy of `answer` without the field at `path` (a.b[0].c). */
function without(answer: Json, path: string): Json {
  const copy = structuredClone(answer);
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
  let node: unknown = copy;
  for (const key of keys.slice(0, -1)) node = (node as Record<string, unknown>)[key];
  const last = keys[keys.length - 1] as string;
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete (node as Record<string, unknown>)[last];
  return copy;
}

describe('required answer fields of the transactions outside the sale flow', () => {
  it.each(Object.entries(CASES))('%s: only what the counter uses is required', (infno, { answer, required }) => {
    const r = read(infno, answer);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.warnings).toEqual([]);
    for (const path of required) {
      const gone = read(infno, without(answer, path));
      expect(gone.ok, `${infno} without ${path}`).toBe(false);
      if (!gone.ok) expect(gone.errors.map((e) => e.path)).toContain(path);
    }
  });
});
