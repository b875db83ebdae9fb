#!/usr/bin/env node
// The `yibao` command. Runs the bundled CLI (built by `npm run build:cli`, which `npm start` and
// `npm test` do first); from a source checkout without a build it says how to build.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'cli', 'yibao.mjs');
if (!existsSync(bundle)) {
  process.stderr.write('错误 [E_NOT_BUILT]: 命令行尚未构建, 请先运行 npm run build:cli\n');
  process.exit(1);
}
// `yibao … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { runCli } = await import(pathToFileURL(bundle).href);
process.exitCode = await runCli(process.argv.slice(2));
