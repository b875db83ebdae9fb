#!/usr/bin/env node
// Bundles the plain-Node side (CLI, web host, sandbox) into out/cli/*.mjs with esbuild.
// node_modules stay external: native modules (better-sqlite3, koffi, serialport, node-hid) load as installed.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
await build({
  entryPoints: {
    yibao: join(root, 'src-main', 'cli', 'main.ts'),
    // The parse worker of large catalogue imports, loaded next to the bundle (catalogue/stage-pool.ts).
    'catalogue-stage-worker': join(root, 'src-main', 'catalogue', 'stage-worker.ts'),
  },
  outdir: join(root, 'out', 'cli'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`build:cli done in ${Date.now() - started} ms`);
