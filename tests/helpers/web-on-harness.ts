/**
 * Web mode on a sandbox harness, as the web host's tests start it: a stand-in renderer (an index.html with
 * the token placeholder) and a config file naming the harness's center, plus whatever the test adds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebMode, type WebMode } from '../../src-main/host/web-mode';
import type { Harness } from './sandbox-harness';

export async function startWebOnHarness(
  h: Harness,
  options: { configName?: string; config?: Record<string, unknown> } = {},
): Promise<{ web: WebMode; configPath: string }> {
  const rendererDir = join(h.dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<meta name="yibao-token" content="__YIBAO_TOKEN__"><div id="root"></div>');
  const configPath = join(h.dir, options.configName ?? 'web-config.json');
  writeFileSync(configPath, JSON.stringify({ center: { url: h.sandbox.url }, ...options.config }));
  const web = await startWebMode({ configPath, env: {}, rendererDir, port: 0, version: 'test' });
  return { web, configPath };
}
