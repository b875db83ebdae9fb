/**
 * bench/settlement: what the counter itself adds to a settlement, excluding the network and
 * the center. The sandbox center runs in its own process (`yibao sandbox`); the counter's HTTP
 * transport is timed at the socket (request written → answer read). In one run:
 *   - pharmacy sale: 1101 → 2001 → 2101 → 2102 through the counter services
 *   - clinic visit:  1101 → 2001 → 2201 → 2203 → 2204 → 2206 → 2207
 * each transaction's client-side time = its share of the flow's wall time minus HTTP time,
 * and the ratio of the whole flow to the same payloads' bare HTTP time.
 *   npm run bench:settlement  [-- --rounds N]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCounterApp, type CounterApp } from '../src-main/app/counter-app';
import { HttpTransport, type Transport } from '../src-main/protocol/transport';
import { CounterEvents } from '../src-main/counter/events';
import { createCounterServices, type CounterServices } from '../src-main/counter/counter-services';
import { catalogueItems } from '../src-main/acceptance/subjects';
import { ms, summarize } from './stats';
import { OUTPATIENT_VISIT } from '../tests/helpers/clinic-fixtures';

const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 40;
const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'yibao-bench-settle-'));
const operator = { opter: 'BENCH1', opterName: '压测收费员' };

/** Sums the time spent inside HTTP requests, for the flow being measured. */
class TimedTransport implements Transport {
  private readonly inner = new HttpTransport();
  httpMs = 0;
  calls = 0;
  async post(request: Parameters<Transport['post']>[0]) {
    const t = performance.now();
    try {
      return await this.inner.post(request);
    } finally {
      this.httpMs += performance.now() - t;
      this.calls++;
    }
  }
  close() {
    this.inner.close();
  }
}

async function startSandboxProcess(): Promise<{ url: string; adminUrl: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [join(root, 'scripts', 'yibao.mjs'), 'sandbox', '--port', '0', '--data', join(dir, 'sandbox')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/管理地址: \S+/.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
  });
  const url = /协议地址: (\S+)/.exec(out)?.[1] as string;
  const adminUrl = /管理地址: (\S+)/.exec(out)?.[1] as string;
  return { url, adminUrl, stop: () => child.kill('SIGTERM') };
}

async function openCounter(name: string, url: string, institution: Record<string, string>) {
  const transport = new TimedTransport();
  const configPath = join(dir, name, 'config.json');
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(configPath, JSON.stringify({ institution, center: { url } }));
  const app: CounterApp = await openCounterApp({ configPath, env: {}, transport });
  const services: CounterServices = createCounterServices(app, new CounterEvents());
  await app.sessions.signIn(app.client, operator);
  return { app, services, transport };
}

interface FlowSample {
  readonly totalMs: number;
  readonly httpMs: number;
  readonly calls: number;
}

async function timed(transport: TimedTransport, flow: () => Promise<void>): Promise<FlowSample> {
  transport.httpMs = 0;
  transport.calls = 0;
  const t = performance.now();
  await flow();
  return { totalMs: performance.now() - t, httpMs: transport.httpMs, calls: transport.calls };
}

const sandbox = await startSandboxProcess();
const persons = ((await (await fetch(`${sandbox.adminUrl}/admin/persons`)).json()) as { value: Record<string, unknown>[] }).value
  .filter((p) => p['category'] === 'emp-active' && p['psn_insu_stas'] === '1')
  .map((p) => ({ certno: String(p['certno']), name: String(p['psn_name']) }));
const pharmacy = await openCounter('pharmacy', sandbox.url, {
  fixmedinsCode: 'P42010000001',
  fixmedinsName: '沙箱演示大药房',
  mdtrtareaAdmvs: '420100',
  kind: 'pharmacy',
});
const clinic = await openCounter('clinic', sandbox.url, {
  fixmedinsCode: 'H42010000002',
  fixmedinsName: '沙箱演示诊所',
  mdtrtareaAdmvs: '420100',
  kind: 'clinic',
});
const items = await catalogueItems(pharmacy.app, operator);
const lines = (cnt: string) => items.map((i) => ({ code: i.code, name: i.name, cntText: cnt, pricText: i.pricText }));
let serial = 0;

async function pharmacySale(i: number): Promise<void> {
  const p = persons[i % persons.length] as { certno: string; name: string };
  const ctx = await pharmacy.services.persons.read({ kind: 'id', idNumber: p.certno, name: p.name });
  const req = { basketId: `BENCH${process.pid}${serial++}`.slice(0, 24), personKey: ctx.key, acctUsed: true, lines: lines('1') };
  await pharmacy.services.pharmacy.preSettle(req);
  await pharmacy.services.pharmacy.settle(req);
}

async function clinicVisit(i: number): Promise<void> {
  const p = persons[(i + 7) % persons.length] as { certno: string; name: string };
  const ctx = await clinic.services.persons.read({ kind: 'id', idNumber: p.certno, name: p.name });
  const visit = await clinic.services.clinic.register({
    personKey: ctx.key,
    ...OUTPATIENT_VISIT,
    doctorName: '压测医生',
  });
  const mdtrtId = visit.mdtrtId;
  await clinic.services.clinic.visitInfo({ mdtrtId, medType: '11', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }] });
  const { chrgBchno } = await clinic.services.clinic.uploadBill({ mdtrtId, lines: lines('1') });
  await clinic.services.clinic.preSettle({ mdtrtId, chrgBchno, acctUsed: true });
  await clinic.services.clinic.settle({ mdtrtId, chrgBchno, acctUsed: true });
}

// Warm-up (JIT, sockets, the center's caches), then interleaved rounds.
for (let i = 0; i < 5; i++) {
  await pharmacySale(i);
  await clinicVisit(i);
}
const pharmacySamples: FlowSample[] = [];
const clinicSamples: FlowSample[] = [];
for (let i = 0; i < rounds; i++) {
  pharmacySamples.push(await timed(pharmacy.transport, () => pharmacySale(100 + i)));
  clinicSamples.push(await timed(clinic.transport, () => clinicVisit(100 + i)));
}

function report(label: string, samples: readonly FlowSample[]): { overheadP99: number; ratio: number } {
  const perCall = samples.map((s) => (s.totalMs - s.httpMs) / s.calls);
  const flow = summarize(samples.map((s) => s.totalMs));
  const http = summarize(samples.map((s) => s.httpMs));
  const o = summarize(perCall);
  const ratio = samples.reduce((n, s) => n + s.totalMs, 0) / samples.reduce((n, s) => n + s.httpMs, 0);
  const calls = samples[0]?.calls ?? 0;
  console.log(`  ${label} (${calls} transactions per flow, ${samples.length} flows):`);
  console.log(`    flow wall time mean ${ms(flow.mean)}, p99 ${ms(flow.p99)}; HTTP (network + center) mean ${ms(http.mean)}`);
  console.log(`    client-side time per transaction: mean ${ms(o.mean)}, p50 ${ms(o.p50)}, p99 ${ms(o.p99)} (target < 5 ms)`);
  console.log(`    whole flow / bare HTTP of the same payloads: ${(Math.round(ratio * 100) / 100).toString()}× (target < 1.5×)`);
  return { overheadP99: o.p99, ratio };
}

console.log(`bench/settlement: sandbox center in its own process, journal FULL sync, ${rounds} rounds`);
const a = report('pharmacy sale 1101 → 2102', pharmacySamples);
const b = report('clinic visit 1101 → 2207', clinicSamples);
const met = a.overheadP99 < 5 && b.overheadP99 < 5 && a.ratio < 1.5 && b.ratio < 1.5;
console.log(`  targets ${met ? 'met' : 'NOT met'}`);

for (const c of [pharmacy, clinic]) {
  await c.services.stop();
  await c.app.close();
}
sandbox.stop();
rmSync(dir, { recursive: true, force: true });
