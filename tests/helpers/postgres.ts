/**
 * A real PostgreSQL server for the shop-store tests: Debian's `postgresql` package (installed by
 * scripts/test-all.mjs), a fresh cluster in a temporary directory, on a free loopback port, with
 * trust authentication for one user. initdb and the server refuse to run as root: as root they run
 * as the `postgres` system user the package created (the data directory is handed to it).
 * stop() / start() cut and restore the "shop LAN" on the same port; close() removes everything.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { makeTempDir } from './temp-dir';

export interface TestPostgres {
  /** postgres://yibao@127.0.0.1:<port>/<db> */
  readonly url: string;
  readonly port: number;
  stop(): void;
  start(): void;
  close(): void;
}

/** The newest server binaries of the Debian package, or null when it is not installed. */
export function postgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** uid / gid to run the server as: the `postgres` user when we are root, else ourselves. */
function serverUser(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const fields = line?.split(':');
  if (!fields) throw new Error('running as root, but there is no postgres system user to run PostgreSQL as');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

export async function startTestPostgres(database = 'shop'): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql; scripts/test-all.mjs does it as root)');
  const temp = makeTempDir('yibao-pg-');
  const user = serverUser();
  if (user) chownSync(temp.dir, user.uid, user.gid);
  const data = join(temp.dir, 'data');
  const port = await freePort();
  const options: SpawnSyncOptions = { encoding: 'utf8', env: { PATH: process.env['PATH'], LANG: 'C.UTF-8' }, ...(user ?? {}) };
  const run = (tool: string, args: string[]) => {
    const r = spawnSync(join(bin, tool), args, options);
    if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${String(r.stderr)}${String(r.stdout)}`);
  };
  run('initdb', ['-D', data, '-U', 'yibao', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const serverOptions = `-p ${port} -k ${temp.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = () =>
    run('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', join(temp.dir, 'server.log'), '-o', serverOptions]);
  const stop = () => run('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', data]);
  start();
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'yibao', database]);
  let running = true;
  return {
    url: `postgres://yibao@127.0.0.1:${port}/${database}`,
    port,
    stop() {
      stop();
      running = false;
    },
    start() {
      start();
      running = true;
    },
    close() {
      if (running) stop();
      running = false;
      temp.cleanup();
    },
  };
}
