/**
 * How the Electron shell starts, without Electron (main.ts gives the ports, the tests give
 * stand-ins): the counter runtime behind the window, or, when the local database cannot be opened
 * (damaged, unreadable, from a newer version), the same window whose every API call answers with
 * that problem, so the renderer shows what happened, the last good backup and how to restore,
 * exactly as `yibao serve` does. The database file is not touched; any other start error still stops.
 */
import type { CounterRuntime } from '../app/counter-runtime';
import type { YibaoError } from '../core/errors';
import type { CounterListener } from '../counter/events';
import { isDatabaseProblem, problemInvoke } from '../host/problem-mode';

export type ShellInvoke = (method: unknown, args: unknown) => Promise<unknown>;
export type ShellSubscribe = (listener: CounterListener) => () => void;

export interface ShellPorts {
  startRuntime(): Promise<CounterRuntime>;
  /** Installs the answer to the renderer's calls (the IPC invoke channel). */
  answerCalls(invoke: ShellInvoke): void;
  /** Opens the main window; `subscribe` forwards live events, null when there is nothing to forward. */
  openWindow(subscribe: ShellSubscribe | null): Promise<void>;
  logProblem(problem: YibaoError): void;
}

export type ShellStarted =
  { readonly kind: 'counter'; readonly runtime: CounterRuntime } | { readonly kind: 'problem'; readonly problem: YibaoError };

export async function startShell(ports: ShellPorts): Promise<ShellStarted> {
  let runtime: CounterRuntime;
  try {
    runtime = await ports.startRuntime();
  } catch (error) {
    if (!isDatabaseProblem(error)) throw error;
    ports.logProblem(error);
    ports.answerCalls(problemInvoke(error));
    await ports.openWindow(null);
    return { kind: 'problem', problem: error };
  }
  ports.answerCalls((method, args) => runtime.invoke(method, args));
  await ports.openWindow((listener) => runtime.subscribe(listener));
  return { kind: 'counter', runtime };
}
