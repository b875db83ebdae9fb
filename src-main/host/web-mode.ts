/**
 * Starts the counter in web mode: the counter runtime (app, services, API, live events; with the
 * embedded sandbox center when no center is configured) plus the web host serving the renderer,
 * the API and the event stream.
 */
import { join } from 'node:path';
import type { OpenOptions } from '../app/counter-app';
import type { CounterApp } from '../app/counter-app';
import { startCounterRuntime, type CounterRuntime } from '../app/counter-runtime';
import { startWebHost, type RunningWebHost } from './web-host';

export interface WebMode {
  /** The app currently open (a change of settings reopens it). */
  readonly app: CounterApp;
  readonly runtime: CounterRuntime;
  readonly host: RunningWebHost;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startWebMode(
  options: OpenOptions & { rendererDir: string; port?: number; version: string },
): Promise<WebMode> {
  const runtime = await startCounterRuntime(options);
  const { config } = runtime.app.loaded;
  let host: RunningWebHost;
  try {
    host = await startWebHost({
      rendererDir: options.rendererDir,
      invoke: (method, args) => runtime.invoke(method, args),
      subscribe: (listener) => runtime.subscribe(listener),
      host: config.web.host,
      port: options.port ?? config.web.port,
    });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return {
    get app() {
      return runtime.app;
    },
    runtime,
    host,
    url: host.url,
    async close() {
      await host.close();
      await runtime.close();
    },
  };
}

export function defaultRendererDir(moduleDir: string): string {
  return join(moduleDir, '..', 'renderer');
}
