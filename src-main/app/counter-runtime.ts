/**
 * A running counter as the web host and the Electron shell hold it: the CounterApp, its services,
 * the API (invoke) and the live event stream. Saving settings reopens the app with the new config
 * file behind the same invoke / subscribe, so an open window keeps working; a reopen that fails
 * puts the previous file back and reopens that.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { YibaoError } from '../core/errors';
import { formatDateTime } from '../core/time';
import { createApiHandlers, type ApiInvoke } from '../api/handlers';
import type { ApiMethod, ApiResponse } from '../api/contract';
import { CounterEvents, type CounterListener } from '../counter/events';
import { createCounterServices, type CounterServices } from '../counter/counter-services';
import { saveSettings, settingsView, type SettingsPatch } from '../counter/settings';
import type { SettingsView } from '../counter/views';
import { counterSide, switchNote, type SwitchNote } from '../counter/switch-note';
import type { HtmlPrinter } from '../receipts/html-printer';
import { HttpTransport } from '../protocol/transport';
import { warmUpHttpClient } from '../protocol/http-warm-up';
import { openCounterApp, type CounterApp, type OpenOptions } from './counter-app';

export interface CounterRuntime {
  /** The app currently open (changes after settings were applied). */
  readonly app: CounterApp;
  readonly services: CounterServices;
  readonly events: CounterEvents;
  invoke(method: unknown, args: unknown): Promise<ApiResponse<ApiMethod>>;
  subscribe(listener: CounterListener): () => void;
  close(): Promise<void>;
}

interface Current {
  app: CounterApp;
  services: CounterServices;
  invoke: ApiInvoke;
}

export async function startCounterRuntime(
  options: OpenOptions & { version: string; printer?: HtmlPrinter },
): Promise<CounterRuntime> {
  const events = new CounterEvents();
  let current: Current;
  let reopening: Promise<unknown> | null = null;

  async function open(configPath: string | undefined): Promise<Current> {
    const app = await openCounterApp({ ...options, configPath });
    const services = createCounterServices(app, events);
    const invoke = createApiHandlers({ app, services, version: options.version, applySettings, printer: options.printer });
    services.start();
    return { app, services, invoke };
  }

  async function shut(c: Current): Promise<void> {
    await c.services.stop();
    await c.app.close();
  }

  async function applySettings(patch: SettingsPatch): Promise<{ settings: SettingsView; switched: SwitchNote }> {
    if (current.services.busy()) {
      throw new YibaoError('E_SETTINGS_BUSY', '有结算或退费正在进行, 现在不能切换设置');
    }
    const path = current.app.loaded.path;
    const before = counterSide(current.app);
    const { previous } = saveSettings(path, patch);
    const work = (async () => {
      await shut(current);
      try {
        current = await open(path);
      } catch (error) {
        if (previous === null) rmSync(path, { force: true });
        else writeFileSync(path, previous, 'utf8');
        current = await open(path);
        throw new YibaoError(
          'E_SETTINGS_APPLY',
          `新设置无法启用, 已恢复原设置: ${(error as YibaoError).messageZh ?? (error as Error).message}`,
          {},
          { cause: error },
        );
      }
      events.emit({ type: 'restarted', at: formatDateTime(new Date()) });
      return {
        settings: settingsView(current.app.loaded, current.app.centerUrl),
        switched: switchNote(before, counterSide(current.app)),
      };
    })();
    reopening = work.catch(() => undefined);
    try {
      return await work;
    } finally {
      reopening = null;
    }
  }

  current = await open(options.configPath);
  // Node's HTTP client runs once now rather than at the first customer's read (a transport given by a test or a
  // benchmark is left alone: it may count what it is sent).
  const warmUp = current.app.transport instanceof HttpTransport ? warmUpHttpClient(current.app.transport) : null;
  return {
    get app() {
      return current.app;
    },
    get services() {
      return current.services;
    },
    events,
    async invoke(method, args) {
      // A call arriving during a reopen waits for the new app rather than reaching the closed one.
      if (reopening && method !== 'settings.save') await reopening;
      return current.invoke(method, args);
    },
    subscribe: (listener) => events.subscribe(listener),
    async close() {
      if (reopening) await reopening;
      await warmUp;
      await shut(current);
    },
  };
}
