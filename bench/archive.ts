/**
 * bench/archive: one archive run on a realistic size (issue 19). A journal with one old year of
 * ENTRIES settlements (each a 2102 with its fee lines and answer, written through JournalStore
 * with a clock in that year, one transaction per day as bench/years-gen.ts does) and a month of the
 * current year; then archiveOldYears moves the old year. Prints the time, the files' sizes and the
 * counts. `npm run bench:archive` (ENTRIES=100000 by default; ARCHIVE_BENCH_DIR to keep the files).
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { archiveOldYears } from '../src-main/journal/archive/archive-run';
import { archiveFileOf } from '../src-main/journal/archive/archive-files';
import { JournalStore } from '../src-main/journal/journal-store';
import { CLIENT_MIGRATIONS } from '../src-main/storage/client/migrations';
import { openDatabase } from '../src-main/storage/sqlite';
import type { RequestEnvelope } from '../src-main/protocol/envelope';
import { fixed } from './stats';

const ENTRIES = Number(process.env['ENTRIES'] ?? 100_000);
const FIX = 'P42010000001';
const dir = process.env['ARCHIVE_BENCH_DIR'] ?? join(tmpdir(), `yibao-bench-archive-${process.pid}`);
mkdirSync(dir, { recursive: true });
const file = join(dir, 'yibao.sqlite');
const folder = join(dir, 'archive');
const mib = (f: string) => fixed(statSync(f).size / 1048576, 1);

let now = new Date('2023-01-01T08:00:00+08:00');
const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
const journal = new JournalStore(db, file, 'http://127.0.0.1:9/fsi/api', null, { clock: () => now });

function sale(n: number, at: Date): void {
  now = at;
  const stamp = at.toISOString().replace(/\D/g, '').slice(0, 14);
  const msgid = `${FIX}${stamp}${String(n % 10_000).padStart(4, '0')}`;
  const psn = `4201${String(100_000 + (n % 50_000)).padStart(16, '0')}`;
  const druginfo = Array.from({ length: 4 }, (_, i) => ({
    med_list_codg: `XA01AB${String((n + i) % 9000).padStart(4, '0')}A001010104445`,
    medins_list_codg: `L${(n + i) % 9000}`,
    fixmedins_hilist_name: '阿莫西林胶囊 0.25g*24粒',
    cnt: '2',
    pric: '12.50',
    det_item_fee_sumamt: '25.00',
    feedetl_sn: `${msgid}${i}`,
    rxno: '',
  }));
  const envelope = {
    infno: '2102',
    msgid,
    opter: 'OP001',
    opter_name: '张收费',
    sign_no: 'SN1',
    fixmedins_code: FIX,
    input: {
      data: { psn_no: psn, mdtrt_cert_type: '02', mdtrt_cert_no: psn, insutype: '310', medfee_sumamt: '100.00' },
      druginfo,
    },
  } as unknown as RequestEnvelope;
  journal.prepare(envelope);
  const setlinfo = {
    setl_id: `S${msgid}`,
    mdtrt_id: `M${msgid}`,
    psn_no: psn,
    psn_name: '张三',
    setl_time: at.toISOString().slice(0, 19).replace('T', ' '),
    insutype: '310',
    medfee_sumamt: '100.00',
    fund_pay_sumamt: '60.00',
    hifp_pay: '60.00',
    acct_pay: '30.00',
    psn_cash_pay: '10.00',
    balc: '1200.00',
  };
  journal.finish(msgid, 'ok', {
    response: {
      infcode: 0,
      inf_refmsgid: msgid,
      output: { setlinfo, setldetail: [{ fund_pay_type: '310100', fund_payamt: '60.00' }] },
    },
  });
}

/** `count` sales spread over the days of a year (from `first`), one transaction per day. */
function writeYear(first: Date, count: number, days: number): void {
  const perDay = Math.ceil(count / days);
  for (let d = 0, n = 0; n < count; d++) {
    db.transaction(() => {
      for (let i = 0; i < perDay && n < count; i++, n++) {
        sale(n, new Date(first.getTime() + d * 86_400_000 + i * 30_000));
      }
    })();
  }
}

const t0 = Date.now();
writeYear(new Date('2023-01-01T08:00:00+08:00'), ENTRIES, 360);
writeYear(new Date('2026-11-01T08:00:00+08:00'), Math.round(ENTRIES / 12), 30);
db.pragma('wal_checkpoint(TRUNCATE)');
const before = { entries: (db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n, mib: mib(file) };
console.log(`written ${before.entries} entries in ${fixed((Date.now() - t0) / 1000, 1)} s; live file ${before.mib} MiB`);

// The longest time the run holds the thread (what a cashier could notice): the event loop's
// longest delay while the run goes on, whatever holds it (a step, or a statement between pauses).
const yieldBetween = () => new Promise<void>((resolve) => setImmediate(resolve));
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const result = await archiveOldYears({ db, folder, afterYears: 2, now: new Date('2026-12-06T12:00:00+08:00'), yieldBetween });
loopDelay.disable();
const longest = Math.round(loopDelay.max / 1e6);
db.pragma('wal_checkpoint(TRUNCATE)');
const after = (db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;
const free = db.pragma('freelist_count', { simple: true }) as number;
const pageSize = db.pragma('page_size', { simple: true }) as number;
console.log(
  `archive run: ${result.ms} ms, moved ${result.moved} entries (${result.years.map((y) => `${y.year}: ${y.moved} entries, ${y.keys} key rows, steps ${JSON.stringify(y.stepsMs)}`).join('; ')})` +
    `${result.error ? `, ERROR ${result.error}` : ''}; longest hold of the thread (event-loop delay) ${longest} ms`,
);
console.log(
  `archive file ${mib(archiveFileOf(folder, 2023))} MiB; live file ${mib(file)} MiB with ${after} entries left, ` +
    `${fixed((free * pageSize) / 1048576, 1)} MiB of it free pages (reused by new entries; the file is not shrunk)`,
);
journal.close();
db.close();
if (!process.env['ARCHIVE_BENCH_DIR']) rmSync(dir, { recursive: true, force: true });
