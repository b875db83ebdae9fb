/**
 * Issue 16: every answer sample published by public HIS clients (tests/fixtures/answers, sources
 * in its README) is read by the real parser, and the amounts the counter books come out to the fen.
 * A sample with required money fields removed fails, naming every one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResponseJson } from '../../src-main/protocol/response';
import { readAnswer } from '../../src-main/protocol/answer-fields';
import { schemaFor } from '../../src-main/protocol/transactions';
import { fenOf } from '../../src-main/counter/settlement-view';

const DIR = join(__dirname, '..', 'fixtures', 'answers');
type Json = Record<string, unknown>;
const samples = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { infno: string; answer: Json }) }));

/** What the counter books from a settlement answer, in fen (medfee, fund, account, cash). */
const BOOKED: Record<string, readonly [number, number, number, number]> = {
  '2206-hebei-openhis.json': [452, 0, 452, 0],
  '2207-hebei-openhis.json': [452, 0, 452, 0],
  '2208-hebei-openhis.json': [-2510, 0, -2510, 0],
};

function read(infno: string, answer: Json) {
  const parsed = parseResponseJson(answer, { infno, msgid: 'M' });
  const schema = schemaFor(infno)?.output;
  if (!schema) throw new Error(`no schema for ${infno}`);
  return readAnswer(schema, parsed.output);
}

describe('answer corpus', () => {
  it('has samples', () => expect(samples.length).toBeGreaterThanOrEqual(7));

  it.each(samples.map((s) => [s.file, s] as const))('%s reads clean through the real parser', (_file, s) => {
    const r = read(s.infno, s.answer);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const booked = BOOKED[s.file];
    if (booked && r.ok) {
      const info = (r.data as { setlinfo: Json }).setlinfo;
      const got = ['medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'psn_cash_pay'].map((k) => fenOf(info[k]));
      expect(got).toEqual([...booked]);
    }
  });

  it('a settlement sample without its booked amounts fails, naming every one', () => {
    const s = samples.find((x) => x.file === '2207-hebei-openhis.json')!;
    const answer = structuredClone(s.answer);
    const info = (answer['output'] as { setlinfo: Json }).setlinfo;
    delete info['medfee_sumamt'];
    delete info['acct_pay'];
    info['psn_cash_pay'] = null;
    const r = read('2207', answer);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.path).sort()).toEqual([
        'setlinfo.acct_pay',
        'setlinfo.medfee_sumamt',
        'setlinfo.psn_cash_pay',
      ]);
    }
  });
});
