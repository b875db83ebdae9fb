/**
 * A counter whose clock is off from the center's (a flat CMOS battery): the sandbox center's clock
 * is moved instead of the PC's, so that its respond_time is minutes or hours away from the local
 * time the journal records for the answer. The header (app.status.clockWarning) and
 * `yibao info clock` warn beyond CLOCK_WARN_AFTER_SECONDS and stay quiet within it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../src-main/api/handlers';
import type { AppStatus } from '../../src-main/api/contract';
import type { CounterApp } from '../../src-main/app/counter-app';
import { createCounterServices, type CounterServices } from '../../src-main/counter/counter-services';
import { CounterEvents } from '../../src-main/counter/events';
import { CLOCK_WARN_AFTER_SECONDS, clockCheckOf } from '../../src-main/journal/clock-skew';
import type { PersonRow } from '../../src-main/sandbox/store';
import { runCli } from '../helpers/cli';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personInfoInput, personsOf } from '../helpers/sandbox-fixtures';

let h: Harness;
let app: CounterApp;
let services: CounterServices;
let person: PersonRow;
/** How far the center's clock is ahead of the real time (negative: behind). */
let centerAheadMs = 0;

beforeAll(async () => {
  h = await startHarness({ clock: () => new Date(Date.now() + centerAheadMs) });
  app = await h.openApp({}, 'counter');
  services = createCounterServices(app, new CounterEvents());
  person = personsOf(h.sandbox.center.store, 'emp-active')[0] as PersonRow;
}, 120_000);
afterAll(async () => {
  await services?.stop();
  await h?.close();
});

/** One answered call (1101) while the center's clock is `aheadSeconds` off; then what the header and the CLI say. */
async function afterAnswerAt(aheadSeconds: number) {
  centerAheadMs = aheadSeconds * 1000;
  await app.callAs(OPERATOR, '1101', personInfoInput(person));
  const invoke = createApiHandlers({
    app,
    services,
    version: 'test',
    applySettings: () => Promise.reject(new Error('not in this test')),
  });
  const status = await invoke('app.status', {});
  if (!status.ok) throw new Error(status.error.message);
  const cli = await runCli(['info', 'clock'], { YIBAO_CONFIG: app.loaded.path });
  return { header: (status.value as AppStatus).clockWarning, cli, skewSeconds: clockCheckOf(app.journal)?.skewSeconds ?? NaN };
}

describe('clock of the counter against the center', () => {
  it('no warning when the clocks agree', async () => {
    const seen = await afterAnswerAt(0);
    expect(Math.abs(seen.skewSeconds)).toBeLessThanOrEqual(2);
    expect(seen.header).toBeNull();
    expect(seen.cli).toMatchObject({ code: 0 });
    expect(seen.cli.stdout).toMatch(/^医保中心 \d{14}/);
    expect(seen.cli.stdout).not.toMatch(/警告/);
  }, 120_000);

  it('no warning within the threshold (90 s behind)', async () => {
    expect(90).toBeLessThan(CLOCK_WARN_AFTER_SECONDS);
    const seen = await afterAnswerAt(90);
    expect(seen.skewSeconds).toBeGreaterThanOrEqual(88);
    expect(seen.skewSeconds).toBeLessThanOrEqual(92);
    expect(seen.header).toBeNull();
    expect(seen.cli.code).toBe(0);
    expect(seen.cli.stdout).toMatch(/本机时钟比医保中心慢 2 分钟/);
    expect(seen.cli.stdout).not.toMatch(/警告/);
  }, 120_000);

  it('warns when the counter is 10 minutes behind the center', async () => {
    const seen = await afterAnswerAt(600);
    expect(seen.header).toMatch(/^本机时钟比医保中心慢 10 分钟 \(报文 P42010000001\d+\): 请校准电脑时间/);
    expect(seen.cli.code).toBe(2);
    expect(seen.cli.stdout).toMatch(/警告: 本机时钟比医保中心慢 10 分钟/);
  }, 120_000);

  it('warns when the counter is 3 hours ahead of the center, and stops once the clocks agree again', async () => {
    const ahead = await afterAnswerAt(-3 * 3600);
    expect(ahead.header).toMatch(/^本机时钟比医保中心快 3 小时 0 分/);
    expect(ahead.cli.code).toBe(2);
    expect(ahead.cli.stdout).toMatch(/警告: 本机时钟比医保中心快 3 小时 0 分/);

    const fixed = await afterAnswerAt(0);
    expect(fixed.header).toBeNull();
    expect(fixed.cli.code).toBe(0);
  }, 120_000);
});
