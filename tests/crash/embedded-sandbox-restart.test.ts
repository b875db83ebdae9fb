/**
 * A counter with no center configured runs the embedded sandbox, which listens on a new port at
 * every start. What the counter keeps per center (sign-ins, the journal's open calls, 对账 runs)
 * must still be found by the next process: here a sale is killed before its answer reaches the
 * journal, and a later process, with the sandbox on another port, settles it against the ledger.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCounterApp, type CounterApp } from '../../src-main/app/counter-app';
import { OPEN_STATES } from '../../src-main/journal/journal-store';
import { reachOf } from '../../src-main/counter/counter-services';
import { runCli } from '../helpers/cli';
import { OPERATOR, personInfoInput, personsOf, pharmacySaleInput, typicalBasket } from '../helpers/sandbox-fixtures';
import { makeTempDir } from '../helpers/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let configPath: string;
const env = () => ({ YIBAO_CONFIG: configPath });
const open = () => openCounterApp({ configPath, env: {} });

beforeAll(() => {
  temp = makeTempDir('yibao-embedded-');
  configPath = join(temp.dir, 'config.json');
  // The defaults, as after `npm start` on a new machine: no center URL, sandbox on any free port.
  writeFileSync(configPath, '{}');
});

afterAll(() => temp?.cleanup());

async function withApp<T>(use: (app: CounterApp) => Promise<T> | T): Promise<T> {
  const app = await open();
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}

describe('embedded sandbox across restarts', () => {
  it('keeps the sign-in and settles a sale killed before its answer was journaled, from another process', async () => {
    const before = await withApp(async (app) => {
      expect(app.sandbox).not.toBeNull();
      const store = app.sandbox!.center.store;
      const person = personsOf(store, 'emp-active', 300_000)[0]!;
      const session = await app.sessions.signIn(app.client, OPERATOR);
      await app.callAs(OPERATOR, '1101', personInfoInput(person));
      const input = pharmacySaleInput(store, person, typicalBasket(store));
      const insutype = store.persons.insurance(person.psnNo)[0]?.insutype ?? '310';
      return { url: app.centerUrl, session, input, person, insutype, balance: store.ledger.balance(person.psnNo, insutype) };
    });

    // A new process: another sandbox port, the same operator still signed in.
    const signNo = await withApp((app) => {
      expect(app.centerUrl).not.toBe(before.url);
      return app.sessions.current()?.signNo;
    });
    expect(signNo).toBe(before.session.signNo);

    const inputFile = join(temp.dir, 'sale.json');
    writeFileSync(inputFile, JSON.stringify(before.input));
    const killed = await runCli(['call', '2102', '--input', `@${inputFile}`], {
      ...env(),
      YIBAO_TEST_CRASH_AT: 'before-result-commit',
      YIBAO_TEST_CRASH_INFNO: '2102',
    });
    expect(killed.code).not.toBe(0);
    const sale = await withApp((app) => app.journal.list({ infno: '2102', limit: 1 })[0]);
    expect(sale?.opter).toBe(OPERATOR.opter);

    const resolved = await runCli(['journal', 'resolve', '--json'], env());
    expect(resolved.stderr).toBe('');
    expect(resolved.code).toBe(0);

    await withApp((app) => {
      const entry = app.journal.byMsgid(sale!.msgid)!;
      expect(OPEN_STATES as readonly string[]).not.toContain(entry.state);
      expect(app.journal.open()).toEqual([]);
      const store = app.sandbox!.center.store;
      const record = store.settlements.getByMsgid(entry.msgid);
      expect(record).toBeDefined(); // the center had committed the sale before the kill
      const balance = store.ledger.balance(before.person.psnNo, before.insutype);
      if (entry.state === 'reversed') {
        expect(record!.state).toBe('reversed');
        expect(balance).toBe(before.balance);
      } else {
        expect(entry.state).toBe('ok');
        expect(record!.state).not.toBe('reversed');
        expect(balance).toBeLessThan(before.balance);
      }
    });

    // And the shift ends from yet another process without naming the operator.
    const signOut = await runCli(['signout'], env());
    expect(signOut.stderr).toBe('');
    expect(signOut.stdout).toContain(OPERATOR.opter);
  }, 120_000);

  it('judges the header’s center badge by the embedded sandbox’s own calls, on this start and the next', async () => {
    // The journal names the embedded center `sandbox:<dir>`, not its URL of the day (regression: the badge looked
    // the calls up by the URL, found none, and said 尚未调用 after every sign-in).
    await withApp(async (app) => {
      await app.sessions.signIn(app.client, OPERATOR);
      expect(reachOf(app)).toMatchObject({ state: 'up', failed: 0 });
      expect(reachOf(app).looked).toBeGreaterThan(0);
    });
    await withApp((app) => expect(reachOf(app).state).toBe('up'));
  }, 60_000);
});
