/**
 * Issue 16, smaller faults around 2601, against the real sandbox (HTTP, SQLite) and the real
 * journal:
 *  - a 2601 answered "原交易不存在" means the original never took effect: its own outcome
 *    (no-effect), counted apart from reversals in the shift, the day report and the journal;
 *  - a lost 2601 attempt is settled by the running app's background driver, not left unknown;
 *  - `yibao journal resolve --json` prints JSON and counts the attempts it settled.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personInfoInput, personsOf, pharmacySaleInput, typicalBasket } from '../helpers/sandbox-fixtures';
import { rejectionOf } from '../helpers/rejection';
import { runCli } from '../helpers/cli';
import { isCenterCallError } from '../../src-main/protocol/call-errors';
import { ReversalDriver } from '../../src-main/counter/live';
import { shiftSummary } from '../../src-main/counter/shift';
import { journalRow } from '../../src-main/counter/journal-view';
import { dailyReport, reportSourceOf } from '../../src-main/reports/daily-report';
import { formatDateTime } from '../../src-main/core/time';
import type { CounterApp } from '../../src-main/app/counter-app';
import type { PersonRow } from '../../src-main/sandbox/store';

let h: Harness;
let person: PersonRow;

beforeAll(async () => {
  h = await startHarness();
  person = personsOf(h.sandbox.center.store, 'emp-active', 80_000)[0] as PersonRow;
}, 120_000);
afterAll(async () => {
  await h.close();
});

const center = () => h.sandbox.center;
const sale = () => pharmacySaleInput(center().store, person, typicalBasket(center().store));
const balance = () => center().store.ledger.balance(person.psnNo, '310');

async function counter(name: string): Promise<CounterApp> {
  const app = await h.openApp({}, name);
  await app.callAs(OPERATOR, '1101', personInfoInput(person));
  return app;
}

/** A 2102 whose answer is lost, with the first 2601 attempt failing as `mode2601`. */
async function lostSale(app: CounterApp, mode2102: string, mode2601?: string) {
  center().addFault('2102', mode2102, 1);
  if (mode2601) center().addFault('2601', mode2601, 1);
  const e = await rejectionOf(app.callAs(OPERATOR, '2102', sale()), isCenterCallError);
  center().clearFaults();
  return e.call.msgid;
}

describe('a 2601 answered "原交易不存在"', () => {
  it('ends the original as no-effect (not reversed), counted apart in the shift, the report and the journal', async () => {
    const app = await counter('no-effect');
    const before = balance();
    const msgid = await lostSale(app, 'drop-before-commit');
    const entry = app.journal.byMsgid(msgid);
    expect(entry?.state).toBe('no-effect');
    expect(entry?.resolution).toContain('原交易未生效');
    expect(entry?.attempts).toBe(1);
    expect(balance()).toBe(before);

    const shift = shiftSummary(app.journal, app.sessions.require(OPERATOR.opter), 'P42010000001');
    expect(shift).toMatchObject({ reversed: 0, notApplied: 1 });
    const report = dailyReport(reportSourceOf(app), { date: formatDateTime(new Date()).slice(0, 10) });
    expect(report.reversals).toMatchObject({ reversed: 0, notApplied: 1 });
    expect(report.reversals.rows.map((r) => r.msgid)).toContain(msgid);
    expect(journalRow(entry!).stateLabel).toBe('原交易未生效');
    await app.close();
  });
});

describe('a lost 2601 attempt', () => {
  it('is settled by the background driver of the running app once the original is reversed', async () => {
    const app = await counter('driver');
    const msgid = await lostSale(app, 'commit-then-drop', 'drop-before-commit');
    const original = app.journal.byMsgid(msgid);
    expect(original?.state).toBe('reversing');
    const [lost] = app.journal.reversalsOf(original?.id ?? -1);
    expect(lost?.state).toBe('unknown');

    const driver = new ReversalDriver(app.journal, app.resolver, null, 60_000);
    // Stays: the driver runs the app's resolver on the real clock and the first retry is due after 1 s
    // (whole seconds); the backoff itself is tested on an injected clock in resolver-end-states.test.ts.
    await new Promise((r) => setTimeout(r, 1100));
    await driver.tick();
    expect(app.journal.byMsgid(msgid)?.state).toBe('reversed');
    expect(app.journal.get(lost?.id ?? -1)?.state).toBe('no-effect');
    expect(app.journal.open()).toEqual([]);
    await app.close();
  });

  it('`yibao journal resolve --json` prints JSON and counts the attempt it settled', async () => {
    const app = await counter('cli');
    const msgid = await lostSale(app, 'commit-then-drop', 'drop-before-commit');
    const original = app.journal.byMsgid(msgid);
    await app.resolver.resolveEntry(original!, true); // the original is reversed; its lost attempt stays open
    const [lost] = app.journal.reversalsOf(original?.id ?? -1);
    expect(lost?.state).toBe('unknown');
    await app.close();

    const r = await runCli(['journal', 'resolve', '--json'], { YIBAO_CONFIG: join(h.dir, 'cli', 'config.json') });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { examined: number; attemptsSettled: number; lines: string[] };
    expect(report.attemptsSettled).toBe(1);
    expect(report.lines.join('\n')).toContain(lost?.msgid);

    const reopened = await h.openApp({}, 'cli');
    expect(reopened.journal.get(lost?.id ?? -1)?.state).toBe('no-effect');
    await reopened.close();
  }, 120_000);
});
