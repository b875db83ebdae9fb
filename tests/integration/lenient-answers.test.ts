/**
 * Issue 16 against the real sandbox center: its answers pass through an HTTP front that edits
 * them the way province centers differ, and the counter (real journal, real SQLite) must book
 * a sale whose answer leaves out fields it does not rely on, record a wrong optional field as
 * a warning (journal, 交易流水 detail, `yibao journal`), and still reverse a sale whose answer
 * lacks a required amount, naming every problem.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personInfoInput, personsOf, pharmacySaleInput, typicalBasket } from '../helpers/sandbox-fixtures';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';
import { runCli } from '../helpers/cli';
import { rejectionOf } from '../helpers/rejection';
import { isCenterCallError, UnknownOutcomeError } from '../../src-main/protocol/call-errors';
import { answerWarningsOf } from '../../src-main/journal/journal-store';
import { JournalView } from '../../src-main/counter/journal-view';
import type { CounterApp } from '../../src-main/app/counter-app';
import type { PersonRow } from '../../src-main/sandbox/store';

type Json = Record<string, unknown>;
let h: Harness;
let front: ScriptedServer;
let app: CounterApp;
let person: PersonRow;
/** How the front edits the next 2102 answer's output. */
let edit2102: (output: Json) => void = () => {};

beforeAll(async () => {
  h = await startHarness();
  front = await startScriptedServer({
    kind: 'callback',
    reply: (body) => {
      const decision = h.sandbox.center.receive(body);
      if (decision.kind !== 'answer') throw new Error('the sandbox dropped the call');
      const answer = JSON.parse(decision.body.toString('utf8')) as Json;
      if ((JSON.parse(body) as Json)['infno'] === '2102' && answer['output']) edit2102(answer['output'] as Json);
      return answer;
    },
  });
  app = await h.openApp({ center: { url: front.url } }, 'shop');
  person = personsOf(h.sandbox.center.store, 'emp-active', 80_000)[0] as PersonRow;
  await app.callAs(OPERATOR, '1101', personInfoInput(person));
}, 120_000);
afterAll(async () => {
  await front.close();
  await h.close();
});

const sale = () => pharmacySaleInput(h.sandbox.center.store, person, typicalBasket(h.sandbox.center.store));
const settlementAtCenter = (msgid: string) => h.sandbox.center.store.settlements.getByMsgid(msgid);
const rows = (output: Json, key: string) => output[key] as Json[];

describe('a 2102 answer that leaves out what the counter does not need', () => {
  it('without setlinfo.pool_prop_selfpay and setldetail[].inscp_scp_amt: booked, not reversed', async () => {
    edit2102 = (output) => {
      delete (output['setlinfo'] as Json)['pool_prop_selfpay'];
      for (const d of rows(output, 'setldetail')) delete d['inscp_scp_amt'];
    };
    const result = await app.callAs(OPERATOR, '2102', sale());
    const entry = app.journal.byMsgid(result.msgid);
    expect(entry?.state).toBe('ok');
    expect(answerWarningsOf(entry ?? { answerWarnings: null })).toEqual([]);
    expect(app.journal.reversalsOf(entry?.id ?? -1)).toHaveLength(0);
    expect(settlementAtCenter(result.msgid)?.state).toBe('settled');
  });

  it('a wrong optional field is a warning in the journal, the 交易流水 detail and `yibao journal`', async () => {
    edit2102 = (output) => {
      const s = output['setlinfo'] as Json;
      s['pool_prop_selfpay'] = '百分之三十';
      s['setl_time'] = String(s['setl_time']).slice(0, 16); // without seconds: accepted, no warning
      s['medfee_sumamt'] = String(s['medfee_sumamt']); // a number as a string: accepted
      s['clr_type'] = { code: '41' };
    };
    const result = await app.callAs(OPERATOR, '2102', sale());
    const entry = app.journal.byMsgid(result.msgid);
    expect(entry?.state).toBe('ok');
    expect(settlementAtCenter(result.msgid)?.state).toBe('settled');
    const expected = ['setlinfo.clr_type', 'setlinfo.pool_prop_selfpay'];
    expect(result.answerWarnings?.map((w) => w.path).sort()).toEqual(expected);
    const detail = new JournalView(app.journal).detail(entry?.id ?? -1);
    expect(detail.answerWarnings.map((w) => w.path).sort()).toEqual(expected);

    const config = join(h.dir, 'shop', 'config.json');
    const json = await runCli(['journal', '--infno', '2102', '--limit', '1', '--json'], { YIBAO_CONFIG: config });
    expect(json.code, json.stderr).toBe(0);
    const listed = JSON.parse(json.stdout) as { msgid: string; answerWarnings: { path: string }[] }[];
    expect(listed[0]?.msgid).toBe(result.msgid);
    expect(listed[0]?.answerWarnings.map((w) => w.path).sort()).toEqual(expected);
    const table = await runCli(['journal', '--infno', '2102', '--limit', '1'], { YIBAO_CONFIG: config });
    expect(table.stdout).toContain('答复警告 2 项');
    expect(table.stdout).toContain('setlinfo.pool_prop_selfpay');
  }, 120_000);
});

describe('a 2102 answer without an amount the counter books', () => {
  it('is unknown and reversed, and the error names every problem', async () => {
    edit2102 = (output) => {
      const s = output['setlinfo'] as Json;
      delete s['medfee_sumamt'];
      s['acct_pay'] = '';
      output['setldetail'] = [{ fund_pay_type: '310100', fund_pay_type_name: '统筹基金' }]; // a fund share without its amount
    };
    const e = await rejectionOf(app.callAs(OPERATOR, '2102', sale()), isCenterCallError);
    expect(e).toBeInstanceOf(UnknownOutcomeError);
    expect(e.code).toBe('E_OUTPUT_INVALID');
    for (const path of ['setlinfo.medfee_sumamt', 'setlinfo.acct_pay', 'setldetail[0].fund_payamt']) {
      expect(e.messageZh).toContain(path);
    }
    expect(app.journal.byMsgid(e.call.msgid)?.state).toBe('reversed');
    expect(settlementAtCenter(e.call.msgid)?.state).toBe('reversed');
  });
});
