/**
 * Recovery in a real second process leaves a live owner's in-flight entry alone: while this
 * process waits for a delayed 2102, `yibao journal resolve` runs on the same data directory.
 * It must neither reverse the call (no 2601 reaches the center) nor change its journal state;
 * the 2102 then settles once.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow } from '../../src-main/sandbox/store';
import { runCli } from '../helpers/cli';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personInfoInput, personsOf, pharmacySaleInput, typicalBasket } from '../helpers/sandbox-fixtures';
import { waitFor } from '../helpers/wait-for';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  await h.close();
});

describe('yibao journal resolve in a second process', () => {
  it('leaves a 2102 whose owner is alive and still waiting alone; the call then settles once', async () => {
    const app = await h.openApp({}, 'shop');
    const store = h.sandbox.center.store;
    const person = personsOf(store, 'emp-active', 50_000)[4] as PersonRow;
    await app.callAs(OPERATOR, '1101', personInfoInput(person));
    // Long enough for the child process to start and resolve; the call's own read timeout is 30 s.
    h.sandbox.center.addFault('2102', 'delay:6000', 1);
    const received = () => store.messages.query({ limit: 100_000 });
    const reversalsBefore = received().filter((m) => m.infno === '2601').length;

    const pending = app.callAs(OPERATOR, '2102', pharmacySaleInput(store, person, typicalBasket(store)));
    await waitFor('the 2102 at the center', () => app.journal.list({ infnos: ['2102'] }).some((e) => e.state === 'sent'));
    const entry = app.journal.list({ infnos: ['2102'] }).find((e) => e.state === 'sent');

    const cli = await runCli(['journal', 'resolve', '--json', '--config', join(h.dir, 'shop', 'config.json')]);
    expect(app.journal.byMsgid(entry?.msgid ?? '')?.state).toBe('sent');
    expect(received().filter((m) => m.infno === '2601').length).toBe(reversalsBefore);
    expect(cli.code, cli.stderr).toBe(3); // something still waits (README: exit 3)

    const result = await pending;
    expect(result.msgid).toBe(entry?.msgid);
    expect(app.journal.byMsgid(result.msgid)?.state).toBe('ok');
    expect(store.settlements.getByMsgid(result.msgid)?.state).toBe('settled');
  }, 60_000);
});
