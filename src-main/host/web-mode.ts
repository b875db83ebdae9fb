/**
 * Starts the counter in web mode: the counter app (with the embedded sandbox when no
 * center is configured) plus the web host serving the renderer and the API.
 */
import { join } from 'node:path';
import { openCounterApp, type CounterApp, type OpenOptions } from '../app/counter-app';
import { createApiHandlers } from '../api/handlers';
import { startWebHost, type RunningWebHost } from './web-host';

export interface WebMode {
  readonly app: CounterApp;
  readonly host: RunningWebHost;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startWebMode(
  options: OpenOptions & { rendererDir: string; port?: number; version: string },
): Promise<WebMode> {
  const app = await openCounterApp(options);
  const invoke = createApiHandlers(app, options.version);
  const { config } = app.loaded;
  let host: RunningWebHost;
  try {
    host = await startWebHost({
      rendererDir: options.rendererDir,
      invoke,
      host: config.web.host,
      port: options.port ?? config.web.port,
    });
  } catch (error) {
    await app.close();
    throw error;
  }
  return {
    app,
    host,
    url: host.url,
    async close() {
      await host.close();
      await app.close();
    },
  };
}

export function defaultRendererDir(moduleDir: string): string {
  return join(moduleDir, '..', 'renderer');
}
