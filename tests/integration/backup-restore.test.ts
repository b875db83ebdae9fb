/**
 * Backup and restore against the real sandbox center and real SQLite files: a backup taken while
 * a settlement is in flight, more sales and a refund after it, the backup restored. At the next
 * start the counter reverses (2601) the settlement the restored journal holds open, writes back
 * from the center (3202 + 5203) the sale and the refund it lost, and the center's ledger and the
 * journal then agree (3201 平); the damaged-or-replaced file is kept, msgids never repeat, and
 * settling works again.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openCounterApp, type CounterApp } from '../../src-main/app/counter-app';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices, type CounterServices } from '../../src-main/counter/counter-services';
import { HttpTransport, type Transport } from '../../src-main/protocol/transport';
import { writeBackup } from '../../src-main/backup/backup-writer';
import { listBackups } from '../../src-main/backup/backup-files';
import { restoreBackup, RESTORE_MARKER } from '../../src-main/backup/restore';
import { reconcileDay } from '../../src-main/reconcile/daily-reconcile';
import { formatDate } from '../../src-main/core/time';
import type { PersonRow } from '../../src-main/sandbox/store';
import { startHarness, PHARMACY, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personsOf, typicalBasket } from '../helpers/sandbox-fixtures';

const KEEP = { daily: 7, weekly: 4, monthly: 12 };
let serial = 0;

interface Counter {
  app: CounterApp;
  services: CounterServices;
}

describe('restore an older backup, then recover with the center', () => {
  let h: Harness;
  let dataDir: string;
  let configPath: string;
  let backups: string;
  let person: PersonRow;
  /** Runs before a 2102 leaves (after the journal committed it), once. */
  let beforeSettle: (() => Promise<void>) | null = null;

  const transport = (): Transport => {
    const http = new HttpTransport();
    return {
      async post(request) {
        const hook = request.call.infno === '2102' ? beforeSettle : null;
        if (hook) {
          beforeSettle = null;
          await hook();
        }
        return http.post(request);
      },
      close: () => http.close?.(),
    };
  };

  async function open(): Promise<Counter> {
    const app = await openCounterApp({ configPath, env: {}, transport: transport() });
    return { app, services: createCounterServices(app, new CounterEvents()) };
  }

  async function sell(c: Counter): Promise<string> {
    const ctx = await c.services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const lines = typicalBasket(h.sandbox.center.store).map((l) => ({
      code: l.item.code,
      name: l.item.name,
      cntText: l.cnt,
      pricText: l.pric,
    }));
    const req = { basketId: `BR${Date.now().toString(36)}${serial++}`, personKey: ctx.key, acctUsed: true, lines };
    await c.services.pharmacy.preSettle(req);
    return (await c.services.pharmacy.settle(req)).settlement.msgid;
  }

  beforeAll(async () => {
    h = await startHarness();
    dataDir = join(h.dir, 'shop');
    configPath = join(dataDir, 'config.json');
    backups = join(h.dir, 'usb-stick');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      configPath,
      JSON.stringify({ institution: PHARMACY, center: { url: h.sandbox.url }, backup: { folder: backups } }),
    );
    person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[0] as PersonRow;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('recovers: the open sale is reversed, the lost sale and refund are written back, the day balances', async () => {
    const store = h.sandbox.center.store;
    let c = await open();
    await c.app.sessions.signIn(c.app.client, OPERATOR);
    const before = await sell(c);
    // The backup is taken while this sale's 2102 is on its way: the backup holds it open.
    beforeSettle = async () => {
      await writeBackup(c.app.db, backups, { keep: KEEP });
    };
    const inFlight = await sell(c);
    expect(listBackups(backups)).toHaveLength(1);
    const after = await sell(c);
    await c.services.pharmacy.refund(before);
    const sequenceBefore = c.app.lightDb.prepare('SELECT last_second, last_seq FROM msgid_sequence').all();
    await c.services.stop();
    await c.app.close();

    const backup = listBackups(backups)[0]?.file as string;
    const restored = restoreBackup(dataDir, backup);
    expect(restored.replaced && existsSync(restored.replaced)).toBeTruthy();
    expect(existsSync(join(dataDir, RESTORE_MARKER))).toBe(true);
    const raw = new Database(join(dataDir, 'yibao.sqlite'), { readonly: true });
    const openInBackup = raw.prepare('SELECT state FROM journal WHERE msgid = ?').get(inFlight) as { state: string };
    expect(['prepared', 'sent']).toContain(openInBackup.state);
    expect(raw.prepare('SELECT count(*) AS n FROM journal WHERE msgid = ?').get(after)).toEqual({ n: 0 });
    // The msgid high-water mark of the replaced file came along.
    expect(raw.prepare('SELECT last_second, last_seq FROM msgid_sequence').all()).toEqual(sequenceBefore);
    raw.close();

    c = await open();
    expect(c.app.recovery?.reversed).toBe(1);
    expect(c.app.journal.byMsgid(inFlight)?.state).toBe('reversed');
    expect(store.settlements.getByMsgid(inFlight)?.state).toBe('reversed');
    expect(c.app.restoreCheck).toMatchObject({ done: true, recovered: 2 });
    const lost = c.app.journal.byMsgid(after);
    expect(lost?.state).toBe('ok');
    expect(lost?.resolution).toMatch(/恢复备份后由中心补录/);
    expect(store.settlements.getByMsgid(after)?.state).toBe('settled');
    expect(existsSync(join(dataDir, RESTORE_MARKER))).toBe(false);

    const check = await reconcileDay(c.app, { date: formatDate(new Date()) });
    expect(check.run.result).toBe('balanced');
    // Settling works again, with a msgid the center has not seen.
    const next = await sell(c);
    expect(store.settlements.getByMsgid(next)?.state).toBe('settled');
    await c.services.stop();
    await c.app.close();
  }, 240_000);
});
