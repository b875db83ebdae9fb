/**
 * Integration-test harness: a real sandbox center (HTTP, SQLite in a temp dir) and a real
 * counter app pointed at it through a real config file. Seeding happens once per data dir.
 */
import type { ProfileId } from '../../src-main/registry/profile';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandboxCenter, type RunningSandbox } from '../../src-main/sandbox/server';
import { openCounterApp, type CounterApp } from '../../src-main/app/counter-app';
import type { ConfigFile } from '../../src-main/config/schema';
import { makeTempDir } from './temp-dir';

export interface Harness {
  readonly dir: string;
  readonly sandbox: RunningSandbox;
  /**
   * Opens a counter app against the sandbox; close it yourself or via close(). The same `name`
   * reuses the same data directory (a restart of that counter).
   */
  openApp(config?: Partial<ConfigFile>, name?: string): Promise<CounterApp>;
  close(): Promise<void>;
}

export const PHARMACY = {
  fixmedinsCode: 'P42010000001',
  fixmedinsName: '沙箱演示大药房',
  mdtrtareaAdmvs: '420100',
  kind: 'pharmacy',
} as const;
export const CLINIC = {
  fixmedinsCode: 'H42010000002',
  fixmedinsName: '沙箱演示诊所',
  mdtrtareaAdmvs: '420100',
  kind: 'clinic',
} as const;

export async function startHarness(
  options: {
    seed?: number;
    /** The center's clock. */
    clock?: () => Date;
    /** The counters' clock (journal times, msgids, a pre-settlement's age); default the real one. */
    counterClock?: () => Date;
    numbering?: ProfileId;
  } = {},
): Promise<Harness> {
  const temp = makeTempDir('yibao-it-');
  const sandbox = await startSandboxCenter({
    dataDir: join(temp.dir, 'sandbox'),
    seed: options.seed ?? 20261123,
    clock: options.clock,
    numbering: options.numbering,
  });
  const apps: CounterApp[] = [];
  let n = 0;
  const slots = new Map<string, number>();
  return {
    dir: temp.dir,
    sandbox,
    async openApp(config = {}, name = `counter-${n++}`) {
      const dir = join(temp.dir, name);
      const path = join(dir, 'config.json');
      // Each counter PC of one institution has its own msgid sequence range (terminalSlot), as in a real shop.
      if (!slots.has(name)) slots.set(name, slots.size % 10);
      const institution = { ...PHARMACY, terminalSlot: slots.get(name), ...config.institution };
      const file: ConfigFile = { ...config, institution, center: { url: sandbox.url, ...config.center } };
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, JSON.stringify(file));
      const app = await openCounterApp({ configPath: path, env: {}, clock: options.counterClock });
      apps.push(app);
      return app;
    },
    async close() {
      for (const app of apps) await app.close().catch(() => {});
      await sandbox.close();
      temp.cleanup();
    },
  };
}
