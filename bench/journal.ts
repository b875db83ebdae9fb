/**
 * bench/journal: what the durable journal costs per call. In one run, against the same
 * local HTTP server, the same payloads go through a CenterClient without a journal and with
 * the journal (FULL sync commits before send and before return). Prints per-call overhead
 * and the ratio, plus raw journal commits per second.
 *   npm run bench:journal  [-- --calls N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src-main/storage/sqlite';
import { CLIENT_MIGRATIONS } from '../src-main/storage/client/migrations';
import { MsgIdGenerator, SqliteMsgIdSequence } from '../src-main/protocol/msgid';
import { HttpTransport } from '../src-main/protocol/transport';
import { CenterClient } from '../src-main/protocol/center-client';
import { getProfile } from '../src-main/registry/profile';
import { JournalStore } from '../src-main/journal/journal-store';
import { JournalObserver } from '../src-main/journal/journal-observer';
import { startScriptedServer } from '../tests/helpers/scripted-server';
import { ms, summarize } from './stats';

const callsArg = process.argv.indexOf('--calls');
const calls = callsArg > 0 ? Number(process.argv[callsArg + 1]) : 400;
const dir = mkdtempSync(join(tmpdir(), 'yibao-bench-journal-'));
const file = join(dir, 'yibao.sqlite');
const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
const answer = {
  infcode: 0,
  output: {
    baseinfo: {
      psn_no: '42010033522957000001',
      psn_cert_type: '01',
      certno: '420102198510167293',
      psn_name: '曹勇航',
      gend: '1',
      age: 41,
    },
    insuinfo: [{ balc: 1497.69, insutype: '310', psn_type: '11', cvlserv_flag: '0', insuplc_admdvs: '420100' }],
    idetinfo: [],
  },
};
const server = await startScriptedServer({ kind: 'json', body: answer });
const transport = new HttpTransport();
const operator = { opter: 'OP001', opterName: '张收费' };
const input = {
  data: {
    mdtrt_cert_type: '02',
    mdtrt_cert_no: '420102198510167293',
    psn_cert_type: '01',
    certno: '420102198510167293',
    psn_name: '曹勇航',
  },
};

function client(observer?: JournalObserver): CenterClient {
  return new CenterClient({
    url: server.url,
    envelope: {
      fixmedinsCode: 'P42010000001',
      fixmedinsName: '沙箱演示大药房',
      mdtrtareaAdmvs: '420100',
      recerSysCode: 'YBXT',
      infver: 'V1.0',
      opterType: '1',
      devNo: '',
      signtype: '',
    },
    profile: getProfile('national'),
    transport,
    msgids: new MsgIdGenerator('P42010000001', new SqliteMsgIdSequence(db)),
    observer,
  });
}

async function measure(c: CenterClient): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await c.call('1101', input as never, { operator, signNo: 'SN1' });
    samples.push(performance.now() - t);
  }
  return samples;
}

const journal = new JournalStore(db, file, server.url);
const bare = client();
const journaled = client(new JournalObserver(journal));
await measure(bare); // warm-up: sockets, JIT
await measure(journaled);
// Interleave the two kinds in rounds so drift on the machine hits both equally.
const bareSamples: number[] = [];
const journalSamples: number[] = [];
for (let round = 0; round < 4; round++) {
  bareSamples.push(...(await measure(bare)));
  journalSamples.push(...(await measure(journaled)));
}
const b = summarize(bareSamples);
const j = summarize(journalSamples);

// Raw commit rate: prepare + finish (two FULL-sync commits) per journaled call, no network.
const template = (await client().call('1101', input as never, { operator, signNo: 'SN1' })).envelope;
const ids = new MsgIdGenerator('P42010000001', new SqliteMsgIdSequence(db), 9);
const pairs = 300;
const t0 = performance.now();
for (let i = 0; i < pairs; i++) {
  const envelope = { ...template, msgid: ids.next() };
  journal.prepare(envelope);
  journal.finish(envelope.msgid, 'ok', { response: answer });
}
const commitSeconds = (performance.now() - t0) / 1000;

console.log(`bench/journal: ${bareSamples.length} calls each way, same local HTTP server, synchronous=FULL`);
console.log(`  without journal: mean ${ms(b.mean)}, p50 ${ms(b.p50)}, p99 ${ms(b.p99)}`);
console.log(`  with journal:    mean ${ms(j.mean)}, p50 ${ms(j.p50)}, p99 ${ms(j.p99)}`);
console.log(
  `  journal overhead per call: mean ${ms(j.mean - b.mean)}, p99 ${ms(j.p99 - b.p99)}; ratio with/without ${(Math.round((j.mean / b.mean) * 100) / 100).toString()}×`,
);
console.log(`  journal commits: ${Math.round((pairs * 2) / commitSeconds)} commits/s (${pairs} prepare+finish pairs, FULL sync)`);

transport.close();
journal.close();
db.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
