/**
 * Every fault mode of the sandbox, seen from a real counter app: what the client classifies
 * it as, whether the center committed the transaction, and that the message log shows it.
 */
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personInfoInput, personsOf, pharmacySaleInput, typicalBasket } from '../helpers/sandbox-fixtures';
import { CenterCallError, RejectedError } from '../../src-main/protocol/call-errors';
import type { CounterApp } from '../../src-main/app/counter-app';
import type { PersonRow } from '../../src-main/sandbox/store';
import { idleSocketsDropped, waitFor } from '../helpers/wait-for';

let h: Harness;
let app: CounterApp;
let person: PersonRow;

beforeAll(async () => {
  h = await startHarness();
  app = await h.openApp({ center: { timeouts: { connectMs: 500, readMs: 700 } } });
  person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[0] as PersonRow;
  await app.callAs(OPERATOR, '1101', personInfoInput(person));
}, 120_000);
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.sandbox.center.clearFaults();
});

const center = () => h.sandbox.center;
const sale = () => pharmacySaleInput(center().store, person, typicalBasket(center().store));
const lastMessage = (infno: string) => center().messages({ infno, limit: 1, newest: true })[0];

/** Runs a 2102 under the current faults; returns the failure (or null) and the msgid the counter used. */
async function settle(): Promise<{ error: CenterCallError | null; msgid: string }> {
  try {
    const r = await app.callAs(OPERATOR, '2102', sale());
    return { error: null, msgid: r.msgid };
  } catch (e) {
    expect(e).toBeInstanceOf(CenterCallError);
    const err = e as CenterCallError;
    return { error: err, msgid: err.call.msgid };
  }
}

const committed = (msgid: string) => center().store.settlements.getByMsgid(msgid) !== undefined;

describe('fault modes', () => {
  it('delay:MS commits, then answers too late for the counter: unknown outcome', async () => {
    center().addFault('2102', 'delay:1500', 1);
    const { error, msgid } = await settle();
    expect(error?.kind).toBe('unknown');
    expect(error?.code).toBe('E_TIMEOUT_AFTER_SEND');
    expect(committed(msgid)).toBe(true);
    expect(lastMessage('2102')?.faultApplied).toBe('delay:1500');
  });

  it('commit-then-drop commits and closes the connection: unknown outcome', async () => {
    center().addFault('2102', 'commit-then-drop', 1);
    const { error, msgid } = await settle();
    expect(error?.kind).toBe('unknown');
    expect(committed(msgid)).toBe(true);
    expect(lastMessage('2102')?.faultApplied).toBe('commit-then-drop');
  });

  it('drop-before-commit closes without processing: unknown to the counter, nothing at the center', async () => {
    center().addFault('2102', 'drop-before-commit', 1);
    const { error, msgid } = await settle();
    expect(error?.kind).toBe('unknown');
    expect(committed(msgid)).toBe(false);
    const logged = lastMessage('2102');
    expect(logged?.msgid).toBe(msgid);
    expect(logged?.faultApplied).toBe('drop-before-commit');
    expect(logged?.accepted).toBe(false);
  });

  it('reject:CODE:MSG answers that code and message, applying nothing', async () => {
    center().addFault('2102', 'reject:-2:个人账户已冻结', 1);
    const { error, msgid } = await settle();
    expect(error).toBeInstanceOf(RejectedError);
    expect((error as RejectedError).infcode).toBe(-2);
    expect((error as RejectedError).errMsg).toBe('个人账户已冻结');
    expect(committed(msgid)).toBe(false);
  });

  it('http500 answers HTTP 500 without processing: unknown outcome', async () => {
    center().addFault('2102', 'http500', 1);
    const { error, msgid } = await settle();
    expect(error?.code).toBe('E_HTTP_5XX');
    expect(error?.kind).toBe('unknown');
    expect(committed(msgid)).toBe(false);
  });

  it('garbage commits and answers malformed JSON: unknown outcome', async () => {
    center().addFault('2102', 'garbage', 1);
    const { error, msgid } = await settle();
    expect(error?.code).toBe('E_RESPONSE_UNPARSEABLE');
    expect(committed(msgid)).toBe(true);
  });

  it('refuse stops accepting connections until cleared: not sent', async () => {
    center().addFault('*', 'refuse', null);
    await idleSocketsDropped(app);
    const { error, msgid } = await settle();
    expect(error?.kind).toBe('not-sent');
    expect(committed(msgid)).toBe(false);
    center().clearFaults();
    await waitFor('the center accepting again', () => h.sandbox.accepting());
    const after = await settle();
    expect(after.error).toBeNull();
  });

  it('refuse:MS reopens by itself', async () => {
    center().addFault('*', 'refuse:300', 1);
    await idleSocketsDropped(app);
    expect((await settle()).error?.kind).toBe('not-sent');
    await waitFor('the center reopening by itself', () => h.sandbox.accepting());
    expect((await settle()).error).toBeNull();
  });

  it('--times N applies a fault N times, only to the infno named (or * to all)', async () => {
    center().addFault('2102', 'reject:-1:忙', 2);
    center().addFault('*', 'reject:-1:全部', 1);
    expect(((await settle()).error as RejectedError).errMsg).toBe('忙');
    expect(((await settle()).error as RejectedError).errMsg).toBe('忙');
    expect(((await settle()).error as RejectedError).errMsg).toBe('全部');
    expect((await settle()).error).toBeNull();
    expect(center().listFaults()).toEqual([]);
  });

  it('refuses an unknown fault mode with the list of valid ones', () => {
    expect(() => center().addFault('2102', 'explode', 1)).toThrow(/delay:MS/);
  });
});

describe('admin endpoint', () => {
  it('adds, lists and clears faults and shows the message log over HTTP', async () => {
    const base = h.sandbox.adminUrl;
    const add = await fetch(`${base}/admin/faults`, {
      method: 'POST',
      body: JSON.stringify({ infno: '1101', mode: 'http500', times: 1 }),
    });
    expect(((await add.json()) as { ok: boolean }).ok).toBe(true);
    const list = (await (await fetch(`${base}/admin/faults`)).json()) as { value: { infno: string; mode: string }[] };
    expect(list.value).toEqual([expect.objectContaining({ infno: '1101', mode: 'http500' })]);
    await expect(app.callAs(OPERATOR, '1101', personInfoInput(person))).rejects.toMatchObject({ code: 'E_HTTP_5XX' });
    const log = (await (await fetch(`${base}/admin/messages?infno=1101&limit=1`)).json()) as { value: { fault: string }[] };
    expect(log.value[0]?.fault).toBe('http500');
    const bad = await fetch(`${base}/admin/faults`, { method: 'POST', body: JSON.stringify({ infno: '1101', mode: 'nope' }) });
    expect(bad.status).toBe(400);
  });

  it('refuses a caller without the admin token or with a foreign Host (a page of another origin cannot inject faults)', async () => {
    const { origin } = new URL(h.sandbox.adminUrl);
    // What a foreign page's text/plain POST looks like: it knows the port at best, not the token.
    const guessed = await fetch(`${origin}/admin/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'http://evil.example' },
      body: JSON.stringify({ infno: '*', mode: 'http500', times: null }),
    });
    expect(guessed.status).toBe(403);
    const rebound = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${h.sandbox.adminUrl}/admin/status`);
      const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, headers: { Host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(421);
    expect(center().listFaults()).toEqual([]);
  });
});
