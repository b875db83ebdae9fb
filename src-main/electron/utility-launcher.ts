/**
 * The DLL host under the packaged app: the RunAsNode fuse is off, so the host runs as an Electron
 * utility process (plain Node inside, messages through process.parentPort) instead of a fork of the
 * Electron binary. A utility process ends with the app; an idle one never holds the app open, so
 * hold() has nothing to do here.
 */
import { utilityProcess } from 'electron';
import type { HostLauncher } from '../devices/dll/host-launcher';

export const utilityProcessLauncher: HostLauncher = (launch) => {
  const child = utilityProcess.fork(launch.script, [...launch.args], {
    cwd: launch.cwd,
    env: launch.env as Record<string, string>,
    stdio: ['ignore', 'ignore', 'pipe'],
    serviceName: '读卡组件',
    // Vendor DLLs are rarely signed (macOS only; harmless elsewhere).
    allowLoadingUnsignedLibraries: true,
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  return {
    get pid() {
      return child.pid;
    },
    send(message, onError) {
      try {
        child.postMessage(message);
      } catch (error) {
        onError(error as Error);
      }
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code) => listener(code, null)),
    onError: (listener) => child.on('error', (type, location) => listener(new Error(`utility process ${type} ${location}`))),
    onStderr: (listener) => child.stderr?.on('data', listener),
    alive: () => !exited,
    kill: () => {
      child.kill();
    },
    hold: () => undefined,
  };
};
