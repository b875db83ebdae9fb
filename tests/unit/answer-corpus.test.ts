/**
 * Issue 16: every answer sample in tests/fixtures/answers (sources in its README) is read by the
 * same code a live call uses (readJsonAnswer: envelope, then the transaction's output schema), and
 * what the counter books from it — the ledger record that is counted on the shift and reconciled
 * with 3201 (reconcile/local-ledger.ts), the fund shares of the receipt, the balances of 1101 — is
 * stated here by hand, to the fen, per sample. A sample with required money fields removed fails,
 * naming every one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonAnswer } from '../../src-main/protocol/center-client';
import { RejectedError, UnknownOutcomeError } from '../../src-main/protocol/call-errors';
import { fenOf, fundShares, settlementView } from '../../src-main/counter/settlement-view';
import { ledgerRecordOf } from '../../src-main/reconcile/local-ledger';
import type { JournalEntry } from '../../src-main/journal/journal-store';
import { answeredEntry } from '../helpers/journal-entry';

const DIR = join(__dirname, '..', 'fixtures', 'answers');
type Json = Record<string, unknown>;
interface Sample {
  readonly file: string;
  readonly infno: string;
  /** Set on samples written from protocol.md (or the schema) because no public answer was found. */
  readonly derivedFrom?: string;
  /** 'rejected': the center said no (infcode ≠ 0); the sample shows how that answer reads. */
  readonly expect?: 'rejected';
  readonly answer: Json;
}
const samples: Sample[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, ...(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Omit<Sample, 'file'>) }));
const sample = (file: string): Sample => {
  const s = samples.find((x) => x.file === file);
  if (!s) throw new Error(`no sample ${file}`);
  return s;
};

/** The sample as it came over the wire, read by the live path. */
const read = (s: Pick<Sample, 'infno' | 'answer'>) =>
  readJsonAnswer({ infno: s.infno, msgid: 'M-CORPUS' }, JSON.stringify(s.answer));

/** The journal entry a call with this answer leaves (only what the ledger reads is meaningful). */
function journalEntry(infno: string, output: unknown): JournalEntry {
  return answeredEntry({
    msgid: 'M-CORPUS',
    infno,
    requestJson: JSON.stringify({ infno, insuplc_admdvs: '000000', input: {} }),
    responseJson: JSON.stringify({ output }),
  });
}

/** Booked by the ledger (medfee, fund, account, cash), in fen, signed as the ledger counts them. */
const LEDGER: Record<string, readonly [number, number, number, number] | null> = {
  '2207-hebei-openhis.json': [452, 0, 452, 0],
  '2208-hebei-openhis.json': [-2510, 0, -2510, 0],
  '2102-protocol-md.json': [5860, 3000, 2000, 860],
  '2103-protocol-md.json': [-5860, -3000, -2000, -860],
  // Pre-settlements book nothing; what the cashier is shown is checked in SHOWN.
  '2206-hebei-openhis.json': null,
  '2101-protocol-md.json': null,
};
/** Shown to the cashier before the sale is made (medfee, fund, account, cash), in fen. */
const SHOWN: Record<string, readonly [number, number, number, number]> = {
  '2206-hebei-openhis.json': [452, 0, 452, 0],
  '2101-protocol-md.json': [5860, 3000, 2000, 860],
};
/** Fund shares printed on the receipt and the daily report: [fund_pay_type, fen]. */
const FUNDS: Record<string, ReadonlyArray<readonly [string, number]>> = {
  '2206-hebei-openhis.json': [['310200', 452]],
  '2207-hebei-openhis.json': [['310200', 452]],
  '2208-hebei-openhis.json': [['310200', -2510]],
  '2101-protocol-md.json': [['310100', 3000]],
  '2102-protocol-md.json': [['310100', 3000]],
  '2103-protocol-md.json': [['310100', -3000]],
};
/** 1101: the account balance of each insurance row, in fen. */
const BALANCES: Record<string, readonly number[]> = {
  '1101-hebei-openhis.json': [2693388, 0, 0, 0, 0, 0],
  '1101-shanghai-openhis.json': [4150900],
  '1101-sichuan-openhis.json': [0],
};
/** 2204: the amount of each fee line, in fen. */
const LINES: Record<string, readonly number[]> = { '2204-hebei-openhis.json': [452] };
/** Optional fields a sample sends in a form the counter cannot read: recorded as warnings, the call succeeds. */
const WARNINGS: Record<string, readonly string[]> = {
  // Sichuan sends brdy as "2019 - 04 - 08" (blanks around the dashes).
  '1101-sichuan-openhis.json': ['baseinfo.brdy'],
};

/** Every flow transaction (issue 16) has at least one sample; pharmacy / clinic variants share a schema. */
const FLOW = [
  '9001',
  '1101',
  '2001',
  '2101',
  '2102',
  '2103',
  '2201',
  '2202',
  '2203A',
  '2204',
  '2205',
  '2206',
  '2207',
  '2208',
  '2601',
  '3201',
  '1312',
  '1301',
  '9101',
];

describe('answer corpus', () => {
  it('holds a sample of every flow transaction, real ones besides derived ones where provinces were found', () => {
    const have = new Set(samples.map((s) => s.infno));
    expect(FLOW.filter((infno) => !have.has(infno))).toEqual([]);
    // Province variants: 1101 from three provinces, 9001 / 2201 from two.
    expect(samples.filter((s) => s.infno === '1101' && !s.derivedFrom)).toHaveLength(3);
    expect(samples.filter((s) => s.infno === '9001' && !s.derivedFrom)).toHaveLength(2);
  });

  it('labels every sample that is not a published answer, in its name and in the file', () => {
    for (const s of samples) expect(/-(protocol-md|schema-derived)\.json$/.test(s.file), s.file).toBe(Boolean(s.derivedFrom));
  });

  it.each(samples.filter((s) => s.expect !== 'rejected').map((s) => [s.file, s] as const))(
    '%s reads through the live path, and books what is stated here',
    (file, s) => {
      const r = read(s);
      expect(r.warnings.map((w) => w.path)).toEqual(WARNINGS[file] ?? []);
      const output = r.parsed.output as Json | null;
      if (file in LEDGER) {
        const record = ledgerRecordOf(journalEntry(s.infno, output));
        const expected = LEDGER[file];
        expect(record && [record.medfee, record.fund, record.acct, record.cash]).toEqual(expected ? [...expected] : null);
        if (expected) expect(record?.setlId).toBeTruthy();
      }
      const shown = SHOWN[file];
      if (shown) {
        const v = settlementView({ infno: s.infno, msgid: 'M-CORPUS' }, r.output);
        expect([v.medfeeFen, v.fundPaySumFen, v.acctPayFen, v.psnCashPayFen]).toEqual([...shown]);
      }
      const funds = FUNDS[file];
      if (funds) {
        const shares = fundShares((output?.['setldetail'] ?? []) as Json[]);
        expect(shares.map((f) => [f.fundPayType.code, f.amountFen])).toEqual(funds.map((f) => [...f]));
      }
      const balances = BALANCES[file];
      if (balances) expect(((output?.['insuinfo'] ?? []) as Json[]).map((row) => fenOf(row['balc']))).toEqual([...balances]);
      const lines = LINES[file];
      if (lines)
        expect(((output?.['result'] ?? []) as Json[]).map((row) => fenOf(row['det_item_fee_sumamt']))).toEqual([...lines]);
    },
  );

  it('every settlement sample carries a stated booking (none is read without its amounts checked)', () => {
    const settlements = samples.filter((s) => /^(210[123]|220[678])A?$/.test(s.infno)).map((s) => s.file);
    expect(settlements.filter((f) => !(f in LEDGER))).toEqual([]);
  });

  it.each(samples.filter((s) => s.expect === 'rejected').map((s) => [s.file, s] as const))(
    '%s is a rejection with the center’s message, never an unknown outcome',
    (_file, s) => {
      let caught: unknown;
      try {
        read(s);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(RejectedError);
      expect((caught as RejectedError).messageZh).toContain(String(s.answer['err_msg']));
    },
  );

  it.each([
    ['2207-hebei-openhis.json', 'setlinfo'],
    ['2102-protocol-md.json', 'setlinfo'],
    ['2103-protocol-md.json', 'setlinfo'],
  ])('%s without its booked amounts fails, naming every one', (file, node) => {
    const s = sample(file);
    const answer = structuredClone(s.answer);
    const info = (answer['output'] as Json)[node] as Json;
    delete info['medfee_sumamt'];
    delete info['acct_pay'];
    info['psn_cash_pay'] = null;
    info['fund_pay_sumamt'] = '';
    let caught: unknown;
    try {
      read({ infno: s.infno, answer });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnknownOutcomeError);
    const error = caught as UnknownOutcomeError;
    expect(error.code).toBe('E_OUTPUT_INVALID');
    const problems = (error.detail as { problems: { path: string }[] }).problems.map((p) => p.path).sort();
    const expected = ['setlinfo.acct_pay', 'setlinfo.fund_pay_sumamt', 'setlinfo.medfee_sumamt', 'setlinfo.psn_cash_pay'];
    expect(problems).toEqual(expected);
    for (const path of expected) expect(error.messageZh).toContain(path);
  });
});
