/**
 * The resolver's end states, on an injected clock (nothing waits for a backoff): 30 failed 2601
 * attempts → needs-manual (and new settlements are no longer held by E_PENDING_REVERSAL), the
 * center answering 不允许冲正 / 已冲正 / sign-in expired, and the backoff 1 s, 2 s … capped at 60 s; the report
 * of a pass (counts and lines), and the lost calls that get no 2601 (a query code, no person number).
 * The center is a scripted HTTP server answering each 2601 as the test says; the journal is the
 * counter's real SQLite file.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CounterApp } from '../../src-main/app/counter-app';
import { formatDateTime, parseDateTime } from '../../src-main/core/time';
import { OutcomeResolver } from '../../src-main/journal/outcome-resolver';
import type { JournalEntry } from '../../src-main/journal/journal-store';
import type { RequestEnvelope } from '../../src-main/protocol/envelope';
import { journalRow } from '../../src-main/counter/journal-view';
import { getProfile } from '../../src-main/registry/profile';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';
import { OPERATOR } from '../helpers/sandbox-fixtures';
import { anyError, rejectionOf } from '../helpers/rejection';
import { requestEnvelope } from '../helpers/journal-entry';

/** The insured area a 1101 would have taught the counter. */
const AREA = { insuplcAdmdvs: '420100' };

let h: Harness;
let center: ScriptedServer;
let app: CounterApp;
/** What the center answers to 2601 (null: success); every other code succeeds. */
let reversalAnswer: string | null = null;
const received: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  center = await startScriptedServer({ kind: 'json', body: {} });
  center.setBehaviour({ kind: 'callback', reply });
  app = await h.openApp({ center: { url: center.url } }, 'scripted');
}, 120_000);
afterAll(async () => {
  await center.close();
  await h.close();
});
afterEach(() => {
  reversalAnswer = null;
  center.setBehaviour({ kind: 'callback', reply });
});

function reply(body: string): unknown {
  const { infno } = JSON.parse(body) as { infno: string };
  received.push(infno);
  if (infno === '9001')
    return { infcode: 0, output: { signinoutb: { sign_time: '2026-11-23 10:00:00', sign_no: `SN${received.length}` } } };
  if (infno === '2601' && reversalAnswer !== null) return { infcode: -1, err_msg: reversalAnswer };
  return { infcode: 0, output: {} };
}

/** An inpatient settlement (2304, reversible, no client schema) whose answer is lost; the app's own first 2601 fails too. */
async function lostSettlement(): Promise<JournalEntry> {
  await app.sessions.signIn(app.client, OPERATOR);
  center.setBehaviour({ kind: 'destroy-after-body' });
  const e = await rejectionOf(
    app.callAs(OPERATOR, '2304', { data: { psn_no: 'P420100000001', mdtrt_id: 'ZY1' } }, AREA),
    anyError,
  );
  if (!(e as { call?: unknown }).call) throw e;
  center.setBehaviour({ kind: 'callback', reply });
  const entry = app.journal.byMsgid((e as { call: { msgid: string } }).call.msgid);
  expect(entry).toMatchObject({ state: 'reversing', attempts: 1 });
  return entry as JournalEntry;
}

/** A resolver on a clock the test moves; starts an hour ahead so no real-time backoff is due on it. */
function resolverOnClock() {
  let now = Date.now() + 3_600_000;
  const resolver = new OutcomeResolver(app.journal, app.client, app.sessions, getProfile('national'), {
    clock: () => new Date(now),
  });
  return { resolver, advanceTo: (t: number) => (now = t), now: () => now };
}

describe('the resolver, on an injected clock', () => {
  it('backs off 2, 4 … 60 s (capped), gives up after 30 attempts as needs-manual, and settlements are free again', async () => {
    const entry = await lostSettlement();
    reversalAnswer = '中心系统繁忙';
    const { resolver, advanceTo, now } = resolverOnClock();
    // Held while the reversal is open.
    const held = await rejectionOf(app.callAs(OPERATOR, '2304', { data: { psn_no: 'P420100000001' } }, AREA), anyError);
    expect(held).toMatchObject({ code: 'E_PENDING_REVERSAL' });

    const delays: number[] = [];
    const signIns = received.filter((i) => i === '9001').length;
    // The app's first attempt was timed on the real clock; this clock is past it: attempt 2 now.
    await resolver.resolveAll();
    let current = app.journal.get(entry.id) as JournalEntry;
    expect(current.attempts).toBe(2);
    while (current.state === 'reversing') {
      const due = parseDateTime(current.nextAttemptAt ?? '')?.getTime();
      if (due !== undefined) {
        // Not due yet: a pass one second before the next time does nothing.
        advanceTo(due - 1000);
        await resolver.resolveAll();
        expect(app.journal.get(entry.id)?.attempts).toBe(current.attempts);
        advanceTo(due);
      }
      const before = now();
      await resolver.resolveAll();
      current = app.journal.get(entry.id) as JournalEntry;
      if (current.nextAttemptAt) delays.push(((parseDateTime(current.nextAttemptAt)?.getTime() ?? 0) - before) / 1000);
    }
    expect(current).toMatchObject({ state: 'needs-manual', attempts: 30 });
    // A busy center is no reason to sign in again; the cashier reads the center's own words.
    expect(received.filter((i) => i === '9001').length).toBe(signIns);
    expect(current.resolution).toBe('冲正 30 次未成功 (医保中心拒绝了交易 2601: 中心系统繁忙); 请人工核实');
    // Attempts 3 … 29 were followed by 4, 8, 16, 32 s and then the 60 s cap (seconds resolution of the journal).
    expect(delays.slice(0, 5)).toEqual([4, 8, 16, 32, 60]);
    expect(new Set(delays.slice(4))).toEqual(new Set([60]));
    expect(app.journal.reversalsOf(entry.id)).toHaveLength(30);

    reversalAnswer = null;
    const free = await app.callAs(OPERATOR, '2304', { data: { psn_no: 'P420100000001', mdtrt_id: 'ZY2' } }, AREA);
    expect(app.journal.byMsgid(free.msgid)?.state).toBe('ok');
  });

  // The journal view's label: only the no-effect original whose 2601 was tried reads 原交易未生效 (isNotApplied);
  // a reversed one with the same attempts, and any other state, keeps its own label.
  it.each([
    ['不允许冲正: 原交易已结算清算', 'needs-manual', '中心不允许冲正', '需人工核实'],
    ['该交易已冲正', 'reversed', '已冲正', '已冲正'],
    ['原交易不存在', 'no-effect', '原交易未生效', '原交易未生效'],
  ])('the center answering "%s" ends %s', async (answer, state, resolution, label) => {
    const entry = await lostSettlement();
    reversalAnswer = answer;
    const { resolver } = resolverOnClock();
    const [lostAttempt, ...others] = app.journal.reversalsOf(entry.id).filter((r) => r.state === 'unknown');
    expect(others).toEqual([]);
    const report = await resolver.resolveAll({ ignoreBackoff: true });
    const after = app.journal.get(entry.id) as JournalEntry;
    expect(after).toMatchObject({ state, attempts: 2 });
    expect(after.resolution).toContain(resolution);
    expect(journalRow(after).stateLabel).toBe(label);
    // The pass's report (what `yibao journal resolve` prints): one original examined and counted under its end
    // state, and the app's own first 2601, whose answer was lost too, closed as no-effect (its original carries on).
    expect(report).toEqual({
      examined: 1,
      reversed: state === 'reversed' ? 1 : 0,
      noEffect: state === 'no-effect' ? 1 : 0,
      needsManual: state === 'needs-manual' ? 1 : 0,
      pending: 0,
      attemptsSettled: 1,
      lines: [
        `2304 ${entry.msgid}: reversing → ${state} (${after.resolution})`,
        `2601 ${lostAttempt?.msgid}: unknown → no-effect (冲正报文结果未知, 原交易另行处理)`,
      ],
    });
    expect(app.journal.get(lostAttempt?.id ?? -1)).toMatchObject({
      state: 'no-effect',
      resolution: '冲正报文结果未知; 由原交易的冲正继续处理',
    });
  });

  it('a pass with nothing due reports the reversal as pending', async () => {
    const entry = await lostSettlement();
    reversalAnswer = '中心系统繁忙';
    const { resolver } = resolverOnClock();
    await resolver.resolveAll({ ignoreBackoff: true });
    const before = app.journal.get(entry.id) as JournalEntry;
    const report = await resolver.resolveAll({ ignoreBackoff: true });
    expect(report).toMatchObject({ examined: 1, reversed: 0, noEffect: 0, needsManual: 0, pending: 1, attemptsSettled: 0 });
    expect(report.lines).toEqual([`2304 ${entry.msgid}: reversing → reversing (${app.journal.get(entry.id)?.resolution})`]);
    expect(app.journal.get(entry.id)?.attempts).toBe(before.attempts + 1);
    // Attempt 3 failed: the next one in 1 s × 2² (what the journal view shows the cashier).
    expect(app.journal.get(entry.id)?.resolution).toBe('冲正第 3 次未成功 (医保中心拒绝了交易 2601: 中心系统繁忙), 4 秒后重试');
    // Ends it for the next test: the center now answers that the reversal is done.
    reversalAnswer = '该交易已冲正';
    await resolver.resolveAll({ ignoreBackoff: true });
    expect(app.journal.get(entry.id)?.state).toBe('reversed');
  });

  it('on the default clock (the app’s own resolver): the next attempt is timed from now, and not made before it is due', async () => {
    const entry = await lostSettlement();
    reversalAnswer = '中心系统繁忙';
    // Built here, not in beforeAll: the mutation run counts only code a test itself runs (scripts/mutation.mjs).
    const resolver = new OutcomeResolver(app.journal, app.client, app.sessions, getProfile('national'));
    const before = Date.now();
    await resolver.resolveAll({ ignoreBackoff: true });
    const after = Date.now();
    const failed = app.journal.get(entry.id) as JournalEntry;
    expect(failed).toMatchObject({ state: 'reversing', attempts: 2 });
    expect(failed.resolution).toBe('冲正第 2 次未成功 (医保中心拒绝了交易 2601: 中心系统繁忙), 2 秒后重试');
    // 2 s after the attempt, on the journal's whole seconds.
    const due = parseDateTime(failed.nextAttemptAt ?? '')?.getTime() ?? 0;
    expect(due).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 2000);
    expect(due).toBeLessThanOrEqual(after + 2000);
    // Due in an hour: a pass that honours the backoff leaves it; due a minute ago: it makes attempt 3.
    app.journal.resolve(entry.id, 'reversing', failed.resolution ?? '', {
      attempts: 2,
      nextAttemptAt: formatDateTime(new Date(Date.now() + 3_600_000)),
    });
    expect(await resolver.resolveAll()).toMatchObject({ examined: 1, pending: 1 });
    expect(app.journal.get(entry.id)?.attempts).toBe(2);
    app.journal.resolve(entry.id, 'reversing', failed.resolution ?? '', {
      attempts: 2,
      nextAttemptAt: formatDateTime(new Date(Date.now() - 60_000)),
    });
    reversalAnswer = '该交易已冲正';
    await resolver.resolveAll();
    expect(app.journal.get(entry.id)).toMatchObject({ state: 'reversed', attempts: 3 });
  });

  it('a call another live process prepared or sent is left alone; once that process is gone it is reversed (2601)', async () => {
    await app.sessions.signIn(app.client, OPERATOR);
    const resolver = new OutcomeResolver(app.journal, app.client, app.sessions, getProfile('national'));
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000)'], { stdio: 'ignore' });
    await once(child, 'spawn');
    const ids: number[] = [];
    for (const sent of [false, true]) {
      const msgid = `H4201000000220261206230${sent ? 1 : 0}${String(Date.now() % 1_000_000).padStart(6, '0')}`;
      const envelope = { ...requestEnvelope(msgid, '2304', { data: { psn_no: 'P420100000001' } }), insuplc_admdvs: '420100' };
      const id = app.journal.prepare(envelope as RequestEnvelope);
      if (sent) app.journal.markSent(msgid);
      // As that process's journal would have left it (the counter beside a CLI, or a counter that then crashed).
      app.db.prepare('UPDATE journal SET owner_pid = ? WHERE id = ?').run(child.pid, id);
      ids.push(id);
    }
    // Prepared a moment ago by a live process: its answer may still come (connect + read timeout + 5 s).
    for (const [i, id] of ids.entries()) {
      const entry = app.journal.get(id) as JournalEntry;
      expect(await resolver.resolveEntry(entry, true)).toEqual(entry);
      expect(entry.state).toBe(i === 0 ? 'prepared' : 'sent');
    }
    const exited = once(child, 'exit');
    child.kill();
    await exited;
    for (const id of ids) {
      expect(await resolver.resolveEntry(app.journal.get(id) as JournalEntry, true)).toMatchObject({
        state: 'reversed',
        attempts: 1,
      });
      expect(app.journal.reversalsOf(id).map((r) => r.state)).toEqual(['ok']);
    }
  });

  it('a lost call whose outcome a query can tell ends needs-manual naming the query (3302 → 1317); no 2601 is sent', async () => {
    await app.sessions.signIn(app.client, OPERATOR);
    center.setBehaviour({ kind: 'destroy-after-body' });
    const data = { fixmedins_code: 'H42010000001', fixmedins_hilist_id: 'X1', list_type: '101', med_list_codg: 'XA01' };
    const e = await rejectionOf(app.callAs(OPERATOR, '3302', { data }), anyError);
    center.setBehaviour({ kind: 'callback', reply });
    const entry = app.journal.byMsgid((e as { call: { msgid: string } }).call.msgid);
    expect(entry).toMatchObject({
      state: 'needs-manual',
      attempts: 0,
      resolution: '结果未知且不能自动冲正, 请人工核实; 可用 1317 查询中心是否已处理',
    });
    expect(app.journal.reversalsOf(entry?.id ?? -1)).toEqual([]);
  });

  it('leaves a call still waiting for its answer in this process alone, and a closed entry too', async () => {
    const id = app.journal.prepare(requestEnvelope(`H42010000002202612060400${Date.now() % 1_000_000}`, '2304'));
    const waiting = app.journal.get(id) as JournalEntry;
    const resolver = new OutcomeResolver(app.journal, app.client, app.sessions, getProfile('national'));
    expect(await resolver.resolveEntry(waiting, true)).toEqual(waiting);
    expect(app.journal.get(id)).toEqual(waiting);
    app.journal.resolve(id, 'no-effect', 'closed by the test');
    // An entry that is no longer open is not moved either (resolveEntry is public: the app calls it after a failure).
    const closed = app.journal.get(id) as JournalEntry;
    expect(await resolver.resolveEntry(closed, true)).toEqual(closed);
    expect(app.journal.get(id)).toEqual(closed);
  });

  it('a lost reversible call without a person number cannot be reversed: needs-manual, no 2601 is sent', async () => {
    await app.sessions.signIn(app.client, OPERATOR);
    center.setBehaviour({ kind: 'destroy-after-body' });
    const e = await rejectionOf(app.callAs(OPERATOR, '2304', { data: { mdtrt_id: 'ZY9' } }, AREA), anyError);
    center.setBehaviour({ kind: 'callback', reply });
    const entry = app.journal.byMsgid((e as { call: { msgid: string } }).call.msgid);
    expect(entry).toMatchObject({ state: 'needs-manual', attempts: 0, resolution: '原交易没有人员编号, 无法冲正, 请人工核实' });
    expect(app.journal.reversalsOf(entry?.id ?? -1)).toEqual([]);
  });

  it('a sign-in the center calls expired is renewed (9001) and the next attempt reverses', async () => {
    const entry = await lostSettlement();
    reversalAnswer = '签到编号无效或已签退, 请重新签到';
    const { resolver, advanceTo, now } = resolverOnClock();
    const first = await resolver.resolveEntry(app.journal.get(entry.id) as JournalEntry, true);
    expect(first).toMatchObject({ state: 'reversing', attempts: 2 });
    reversalAnswer = null;
    const signIns = received.filter((i) => i === '9001').length;
    // Not due yet (2 s backoff, clock not moved): resolveEntry without ignoreBackoff leaves it as it is.
    expect(await resolver.resolveEntry(app.journal.get(entry.id) as JournalEntry)).toMatchObject({ attempts: 2 });
    advanceTo(now() + 60_000);
    const after = await resolver.resolveEntry(app.journal.get(entry.id) as JournalEntry);
    expect(after).toMatchObject({ state: 'reversed', attempts: 3 });
    expect(received.filter((i) => i === '9001').length).toBe(signIns + 1);
    // The journal names the 2601 that did it (an auditor follows it to the center's record).
    const done = app.journal.reversalsOf(entry.id).filter((r) => r.state === 'ok');
    expect(done).toHaveLength(1);
    expect(after.resolution).toBe(`已冲正 (2601 报文 ${done[0]?.msgid})`);
  });
});
