/**
 * The multi-counter test bed of issue 20: a real PostgreSQL shop store, one real sandbox center, and
 * pharmacy counters of one institution, each with its own data folder and config. A counter is driven
 * by separate `yibao` processes; the test keeps an in-process view of the same SQLite file for set-up
 * and checks, whose pusher is stopped (pushing is the processes' job).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openCounterApp, type CounterApp } from '../../src-main/app/counter-app';
import { startSandboxCenter, type RunningSandbox } from '../../src-main/sandbox/server';
import type { PersonRow } from '../../src-main/sandbox/store';
import { ensureCliBuilt } from './cli';
import { startTestPostgres, type TestPostgres } from './postgres';
import { OPERATOR, personInfoInput, personsOf, pharmacySaleInput, typicalBasket } from './sandbox-fixtures';
import { PHARMACY } from './sandbox-harness';
import { makeTempDir } from './temp-dir';

export interface ShopCounter {
  readonly name: string;
  readonly dir: string;
  readonly configPath: string;
  /** In-process view of the same SQLite file, for set-up and checks; it pushes only when a test asks it to. */
  readonly app: CounterApp;
}

export class ShopBed {
  /** The test's own view of the shop store (a pool: connections die each time PostgreSQL is stopped). */
  readonly shopDb: pg.Pool;
  private readonly persons: PersonRow[];
  private nextPerson = 0;

  private constructor(
    readonly temp: ReturnType<typeof makeTempDir>,
    readonly postgres: TestPostgres,
    readonly sandbox: RunningSandbox,
  ) {
    this.persons = personsOf(sandbox.center.store, 'emp-active', 300_000);
    this.shopDb = new pg.Pool({ connectionString: postgres.url, max: 2 });
    this.shopDb.on('error', () => undefined);
  }

  static async start(prefix: string): Promise<ShopBed> {
    ensureCliBuilt();
    const temp = makeTempDir(prefix);
    const postgres = await startTestPostgres();
    const sandbox = await startSandboxCenter({ dataDir: join(temp.dir, 'sandbox') });
    return new ShopBed(temp, postgres, sandbox);
  }

  /** A counter's data folder and config.json (the shop store's URL and the counter's name). */
  writeConfig(name: string, extra: { terminalSlot?: number } = {}): { dir: string; configPath: string } {
    const dir = join(this.temp.dir, name);
    mkdirSync(dir, { recursive: true });
    const configPath = join(dir, 'config.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        institution: { ...PHARMACY, ...extra },
        center: { url: this.sandbox.url },
        shop: { postgresUrl: this.postgres.url, counterName: name },
      }),
    );
    return { dir, configPath };
  }

  async openCounter(name: string): Promise<ShopCounter> {
    const { dir, configPath } = this.writeConfig(name);
    const app = await openCounterApp({ configPath, env: {} });
    await app.shop?.pusher.stop();
    await app.sessions.signIn(app.client, OPERATOR);
    return { name, dir, configPath, app };
  }

  /**
   * Takes the shop-wide lock `name` (the advisory lock ShopStore.exclusive uses) on a connection of the
   * test's own; `untilWaiting(n)` resolves once n other sessions are queued on it (read from pg_locks).
   */
  async holdShopLock(name: string): Promise<{ untilWaiting(n: number): Promise<void>; release(): Promise<void> }> {
    const client = new pg.Client({ connectionString: this.postgres.url });
    await client.connect();
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const key = (await client.query<{ k: number }>('SELECT hashtext($1) AS k', [name])).rows[0]?.k;
    return {
      async untilWaiting(n) {
        for (;;) {
          const r = await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = ($1::int)::oid`,
            [key],
          );
          if (Number(r.rows[0]?.n) >= n) return;
          // Polls a state, not a guess at time: PostgreSQL has no notification for a session starting to wait on a lock.
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      async release() {
        await client.end();
      },
    };
  }

  /** The next test person, in turn. */
  person(): PersonRow {
    return this.persons[this.nextPerson++ % this.persons.length] as PersonRow;
  }

  /** A sale's 2102 input for the next person (read with 1101 at `c` first), written to a file in `c`'s folder. */
  async saleFile(c: ShopCounter): Promise<string> {
    const person = this.person();
    await c.app.callAs(OPERATOR, '1101', personInfoInput(person));
    const store = this.sandbox.center.store;
    const file = join(c.dir, `sale-${this.nextPerson}.json`);
    writeFileSync(file, JSON.stringify(pharmacySaleInput(store, person, typicalBasket(store))));
    return file;
  }

  async close(counters: readonly (ShopCounter | undefined)[]): Promise<void> {
    await this.shopDb.end();
    for (const c of counters) await c?.app.close();
    await this.sandbox.close();
    this.postgres.close();
    this.temp.cleanup();
  }
}
