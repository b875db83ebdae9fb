/**
 * How the DLL host process is started. Under Node (CLI, web mode, tests) it is `child_process.fork`.
 * The packaged Electron app has its RunAsNode fuse off, so a fork of the Electron binary would start
 * another app instead of Node: there the Electron shell installs a launcher built on
 * `utilityProcess.fork` (src-main/electron/utility-launcher.ts). The host script speaks to either.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

export interface HostLaunch {
  readonly script: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A started host, whatever started it. */
export interface HostChild {
  readonly pid: number | undefined;
  send(message: object, onError: (error: Error) => void): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  onError(listener: (error: Error) => void): void;
  onStderr(listener: (chunk: Buffer) => void): void;
  /** Still running (not exited, not killed). */
  alive(): boolean;
  kill(): void;
  /** An idle host must not keep the counter (or a CLI run) alive; a busy one must. */
  hold(hold: boolean): void;
}

export type HostLauncher = (launch: HostLaunch) => HostChild;

export const nodeForkLauncher: HostLauncher = (launch) => {
  const child: ChildProcess = fork(launch.script, [...launch.args], {
    cwd: launch.cwd,
    // Harmless under Node; lets an unpackaged Electron (fuse on) run the host as Node.
    env: { ...launch.env, ELECTRON_RUN_AS_NODE: '1' },
    execArgv: [],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    windowsHide: true,
  });
  return {
    get pid() {
      return child.pid;
    },
    send: (message, onError) =>
      child.send(message, (error) => {
        if (error) onError(error);
      }),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code, signal) => listener(code, signal)),
    onError: (listener) => child.on('error', listener),
    onStderr: (listener) => child.stderr?.on('data', listener),
    alive: () => child.exitCode === null && child.signalCode === null && !child.killed,
    kill: () => child.kill('SIGKILL'),
    hold(hold) {
      const stderr = child.stderr as Socket | null;
      if (hold) {
        child.ref();
        child.channel?.ref();
        stderr?.ref();
      } else {
        child.unref();
        child.channel?.unref();
        stderr?.unref();
      }
    },
  };
};

let current: HostLauncher = nodeForkLauncher;

/** The Electron shell calls this once at start; everything else uses the current launcher. */
export function setHostLauncher(launcher: HostLauncher): void {
  current = launcher;
}

export function hostLauncher(): HostLauncher {
  return current;
}
