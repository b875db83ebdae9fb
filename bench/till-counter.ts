/**
 * The counter of `npm run bench:till` in a process of its own, as at a counter: web mode (the runtime and
 * the web host) on a config file, without the bench's browser driver, sandbox center and relay sharing its
 * event loop (they would delay every call the page makes and count as the counter's time).
 *
 * `tsx bench/till-counter.ts <config.json> <renderer dir>`: prints `{"url": …}` on one line once serving,
 * closes when its stdin ends (the bench gone, however it ended).
 */
import { startWebMode } from '../src-main/host/web-mode';

async function main(): Promise<void> {
  const [configPath, rendererDir] = process.argv.slice(2);
  if (!configPath || !rendererDir) throw new Error('usage: till-counter.ts <config.json> <renderer dir>');
  const web = await startWebMode({ configPath, env: {}, rendererDir, port: 0, version: 'bench' });
  process.stdout.write(`${JSON.stringify({ url: web.url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void web.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
