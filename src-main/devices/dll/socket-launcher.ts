/**
 * Starts the DLL host as a separate Node program that connects back over loopback TCP (host-wire.mjs)
 * instead of through Node's IPC channel: the 32-bit node.exe that loads a 32-bit vendor DLL for the
 * 64-bit counter (host-runtime.ts), and node.exe under Wine in CI. The host presents a random token
 * first; the listener takes that one connection and closes. The messages are the IPC ones.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DeviceError } from '../device-errors';
import type { HostChild, HostLauncher } from './host-launcher';
import { SOCKET_ENV, decodeLine, encodeLine } from './host-wire.mjs';

export interface SocketHostCommand {
  /** The program, and the arguments before the host script: node.exe, or wine64 and node.exe. */
  readonly file: string;
  readonly args: readonly string[];
  /** Added to the host's environment (WINEPREFIX …). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * A folder for the host's stdout and stderr, one file per start, instead of a pipe: Node under Wine
   * dies with EBADF writing to a pipe. The file's tail goes into the crash report like a piped stderr.
   */
  readonly outputDir?: string;
  /** Checked at each start, so a missing program is a clear error rather than a spawn ENOENT. */
  readonly check?: () => void;
}

const OUTPUT_TAIL = 2000;

export function socketHostLauncher(command: SocketHostCommand): HostLauncher {
  return (launch) => {
    command.check?.();
    const token = randomBytes(16).toString('hex');
    const outputFile = command.outputDir ? join(command.outputDir, `dll-host-${token.slice(0, 12)}.log`) : null;
    const events = new EventEmitter();
    const server: Server = createServer();
    let child: ChildProcess | null = null;
    let socket: Socket | null = null;
    let ended = false;
    let held = true;
    const queue: string[] = [];

    const applyHold = () => {
      for (const handle of [child, socket, server]) {
        if (held) handle?.ref();
        else handle?.unref();
      }
    };
    const end = (code: number | null, signal: string | null) => {
      if (ended) return;
      ended = true;
      server.close();
      socket?.destroy();
      if (outputFile) {
        try {
          events.emit('stderr', Buffer.from(readFileSync(outputFile, 'utf8').slice(-OUTPUT_TAIL)));
          rmSync(outputFile, { force: true });
        } catch {
          // No output file: nothing was printed.
        }
      }
      events.emit('exit', code, signal);
    };

    server.on('connection', (s) => {
      if (socket) {
        s.destroy();
        return;
      }
      const lines = createInterface({ input: s, crlfDelay: Infinity });
      let authenticated = false;
      lines.on('line', (line) => {
        if (!authenticated) {
          // Anything else on the machine could connect to the port: only the host knows the token.
          if (line !== token) {
            s.destroy();
            return;
          }
          authenticated = true;
          socket = s;
          server.close();
          applyHold();
          for (const queued of queue.splice(0)) s.write(queued);
          return;
        }
        events.emit('message', decodeLine(line));
      });
      s.on('error', () => undefined);
    });
    server.on('error', (error) => events.emit('error', error));
    server.listen(0, '127.0.0.1', () => {
      if (ended) return;
      const { port } = server.address() as { port: number };
      const output = outputFile ? openSync(outputFile, 'w') : null;
      try {
        child = spawn(command.file, [...command.args, launch.script, ...launch.args], {
          cwd: launch.cwd,
          env: { ...launch.env, ...command.env, [SOCKET_ENV.port]: String(port), [SOCKET_ENV.token]: token },
          stdio: output === null ? ['ignore', 'ignore', 'pipe'] : ['ignore', output, output],
          windowsHide: true,
        });
      } finally {
        if (output !== null) closeSync(output);
      }
      child.stderr?.on('data', (d: Buffer) => events.emit('stderr', d));
      child.on('error', (error) => events.emit('error', error));
      child.on('exit', (code, signal) => end(code, signal));
      applyHold();
    });

    const host: HostChild = {
      get pid() {
        return child?.pid;
      },
      send(message, onError) {
        const line = encodeLine(message);
        if (ended) onError(new Error('host exited'));
        else if (socket) socket.write(line, (error) => error && onError(error));
        else queue.push(line);
      },
      onMessage: (listener) => events.on('message', listener),
      onExit: (listener) => events.on('exit', listener),
      onError: (listener) => events.on('error', listener),
      onStderr: (listener) => events.on('stderr', listener),
      alive: () => !ended && !(child?.killed ?? false),
      kill() {
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        else if (!child) end(null, 'SIGKILL');
        server.close();
      },
      hold(hold) {
        held = hold;
        applyHold();
      },
    };
    return host;
  };
}

/** The error for a host program that is not where the installation put it. */
export function hostProgramMissing(what: string, path: string): DeviceError {
  return new DeviceError('E_DEVICE_DLL_LOAD', `${what} (${path}) 缺失, 收银台安装不完整, 请重新安装`, { path });
}
