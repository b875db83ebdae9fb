/** The 进销存 upload queue in SQLite: no record queued twice, due items, an attempt cut off by a crash. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src-main/storage/sqlite';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { CRASHED_ATTEMPT, InventoryQueue } from '../../src-main/inventory/queue-store';
import type { ImportedSheet } from '../../src-main/inventory/import-rows';
import { makeTempDir } from '../helpers/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let queue: InventoryQueue;

const sheet = (...batches: string[]): ImportedSheet => ({
  total: batches.length + 1,
  errors: [{ rowNo: batches.length + 2, message: '[数量] 不是数字' }],
  rows: batches.map((b, i) => ({
    rowNo: i + 2,
    row: { fixmedins_bchno: b, fixmedins_hilist_id: 'L1' },
    key: `L1|${b}`,
    insuplcAdmdvs: null,
  })),
});

beforeEach(() => {
  temp = makeTempDir('yibao-queue-');
  db = openDatabase(join(temp.dir, 'yibao.sqlite'), { migrations: CLIENT_MIGRATIONS });
  queue = new InventoryQueue(db);
});
afterEach(() => {
  db.close();
  temp.cleanup();
});

describe('inventory queue', () => {
  it('queues each record once and keeps the refused rows with their row numbers', () => {
    const first = queue.addImport('purchase', 'a.csv', sheet('B1', 'B2'));
    expect(first).toMatchObject({ rowsTotal: 3, rowsQueued: 2, rowsInvalid: 1 });
    const again = queue.addImport('purchase', 'a.csv', sheet('B2', 'B3'));
    expect(again.rowsQueued).toBe(1);
    expect(again.errors.map((e) => e.rowNo)).toEqual([2, 4]);
    expect(again.errors[0]?.message).toContain(`导入 #${first.id} 第 3 行`);
    expect(queue.rowErrors(again.id)).toHaveLength(2);
    // The same key under another kind is another record.
    expect(queue.addImport('sale', 's.csv', sheet('B1')).rowsQueued).toBe(1);
  });

  it('gives retries when their time has come (or when forced), and only retries to the background', () => {
    queue.addImport('purchase', 'a.csv', sheet('B1', 'B2'));
    const [one, two] = queue.items();
    if (!one || !two) throw new Error('not queued');
    queue.markSending([one.id, two.id]);
    queue.finish(one.id, 'unknown', { msgid: 'M1', uncertain: 'M1', nextAttemptAt: '2099-01-01 00:00:00' });
    queue.finish(two.id, 'rejected', { message: '库存不足' });
    expect(queue.due('2026-01-01 00:00:00', false)).toEqual([]);
    expect(queue.hasDueRetries('2026-01-01 00:00:00')).toBe(false);
    expect(queue.due('2026-01-01 00:00:00', true).map((i) => [i.id, i.uncertainMsgids])).toEqual([[one.id, ['M1']]]);
    expect(queue.hasDueRetries('2099-01-01 00:00:00')).toBe(true);

    expect(queue.requeueRejected()).toBe(1);
    expect(queue.due('2026-01-01 00:00:00', false).map((i) => i.id)).toEqual([two.id]);
    expect(queue.due('2026-01-01 00:00:00', false, true)).toEqual([]);
  });

  it('treats an item left "sending" (the process died mid-call) as an unknown outcome', () => {
    queue.addImport('purchase', 'a.csv', sheet('B1'));
    const [item] = queue.items();
    if (!item) throw new Error('not queued');
    queue.markSending([item.id]);
    const [due] = queue.due('2026-01-01 00:00:00', false);
    expect(due).toMatchObject({ id: item.id, state: 'unknown', attempts: 1, uncertainMsgids: [CRASHED_ATTEMPT] });
    expect(queue.counts()).toMatchObject({ unknown: 1, sending: 0 });
  });
});
