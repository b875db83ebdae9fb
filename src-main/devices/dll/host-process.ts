/**
 * The counter's side of the DLL host (dll-host.mjs): one child process per configured library, calls
 * sent over IPC one at a time, each with a deadline. A call that misses its deadline or is cancelled
 * kills the host (the only way to stop a hung DLL call: koffi's async calls and worker threads keep a
 * hung call, and even process.exit waits for it); the next call starts a fresh host.
 *
 * Measured with the double on the 2-core dev machine: the first read (start, load, Init, ReadCardBas)
 * p50 151 ms; later calls p50 0.3 ms plus the DLL's own time.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeviceError, cancelled, closed, functionMissing, timedOut } from '../device-errors';
import type { HostChild } from './host-launcher';
import { sameProcessRuntime, type HostRuntime } from './host-runtime';

export type ParamKind = 'in' | 'out' | 'int';

export interface DllCall {
  readonly name: string;
  readonly convention: 'stdcall' | 'cdecl';
  /** `long` return code, or a returned `char *` (NationEcTrans). */
  readonly result: 'long' | 'string';
  readonly params: readonly ParamKind[];
  /** in: NUL-terminated bytes; out: buffer size in bytes; int: the value. */
  readonly args: readonly (Uint8Array | number)[];
}

export interface DllCallResult {
  readonly result: number | Uint8Array;
  /** The out buffers, in parameter order. */
  readonly outs: readonly Uint8Array[];
}

interface HostReply {
  id: number;
  error?: { kind: 'load' | 'symbol' | 'call' | 'protocol'; message: string };
  result?: number | Uint8Array;
  outs?: Uint8Array[];
}

interface Pending {
  /** The host the request went to: a killed host's late exit must fail only its own requests. */
  readonly child: HostChild;
  resolve(reply: HostReply): void;
  reject(error: Error): void;
}

/** Where dll-host.mjs is: next to this module (source), or in the checkout when running the bundled CLI. */
export function locateHostScript(env: NodeJS.ProcessEnv = process.env): string {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    env['YIBAO_DLL_HOST'],
    fileURLToPath(new URL('./dll-host.mjs', import.meta.url)),
    fileURLToPath(new URL('../../src-main/devices/dll/dll-host.mjs', import.meta.url)),
    resources ? join(resources, 'dll-host.mjs') : undefined,
  ];
  const found = candidates.find((c): c is string => typeof c === 'string' && c !== '' && existsSync(c));
  if (!found) {
    throw new DeviceError('E_DEVICE_DLL_LOAD', '读卡组件 (dll-host.mjs) 缺失, 收银台安装不完整, 请重新安装', {
      searched: candidates.filter(Boolean),
    });
  }
  return found;
}

export interface HostProcessOptions {
  readonly libraryPath: string;
  /** Environment of the host (default: this process's); the library's folder is added to the search path. */
  readonly env?: NodeJS.ProcessEnv;
  /** Which process hosts the library and how it is started (default: one like this process, host-runtime.ts). */
  readonly runtime?: HostRuntime;
}

export class DllHostProcess {
  private child: HostChild | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** How many hosts have been started (a new one after each kill or crash). */
  private started = 0;

  readonly runtime: HostRuntime;

  constructor(private readonly options: HostProcessOptions) {
    this.runtime = options.runtime ?? sameProcessRuntime();
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get generation(): number {
    return this.started;
  }

  /** Loads the library into the (possibly new) host. */
  async load(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const reply = await this.request({ op: 'load', path: this.options.libraryPath }, 'load', timeoutMs, signal);
    if (reply.error) {
      throw new DeviceError(
        'E_DEVICE_DLL_LOAD',
        `读卡器动态库 ${this.options.libraryPath} 加载失败: ${reply.error.message}; 请确认厂商驱动完整安装 (DLL 依赖的其他文件也在同一目录)`,
        { path: this.options.libraryPath, loader: reply.error.message },
      );
    }
  }

  async call(call: DllCall, timeoutMs: number, signal?: AbortSignal): Promise<DllCallResult> {
    const reply = await this.request({ op: 'call', ...call }, call.name, timeoutMs, signal);
    if (reply.error?.kind === 'symbol') throw functionMissing(this.options.libraryPath, call.name);
    if (reply.error) {
      throw new DeviceError('E_DEVICE_HOST_CRASHED', `调用读卡器 DLL 函数 ${call.name} 出错: ${reply.error.message}`, {
        function: call.name,
        kind: reply.error.kind,
      });
    }
    return { result: reply.result ?? 0, outs: reply.outs ?? [] };
  }

  /** Stops the host at once; a call still in progress fails with `reason`. */
  kill(reason: Error = closed()): void {
    const child = this.child;
    this.child = null;
    if (!child) return;
    for (const [id, p] of this.pending) {
      if (p.child !== child) continue;
      this.pending.delete(id);
      p.reject(reason);
    }
    if (child.alive()) child.kill();
  }

  private spawn(): HostChild {
    const libDir = dirname(this.options.libraryPath);
    const base = this.options.env ?? process.env;
    // Vendor DLLs load their companions and config files from their own folder.
    const search = this.runtime.searchPath;
    const env: NodeJS.ProcessEnv = search
      ? { ...base, [search.name]: [libDir, base[search.name]].filter(Boolean).join(search.delimiter) }
      : { ...base };
    const launch = this.runtime.launcher();
    const child = launch({ script: locateHostScript(base), args: [this.runtime.koffiEntry], cwd: libDir, env });
    this.started++;
    // What the host printed before it died (a loader or Node error) goes into the crash report.
    let stderrTail = '';
    child.onStderr((d: Buffer) => {
      stderrTail = (stderrTail + d.toString('utf8')).slice(-2000);
    });
    child.onMessage((message) => {
      const reply = message as HostReply;
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      p.resolve(reply);
    });
    const gone = (error: Error) => {
      if (this.child === child) this.child = null;
      for (const [id, p] of this.pending) {
        if (p.child !== child) continue;
        this.pending.delete(id);
        p.reject(error);
      }
    };
    child.onError((e) =>
      gone(new DeviceError('E_DEVICE_HOST_CRASHED', `读卡组件无法启动: ${e.message}`, { cause: e.message }, { cause: e })),
    );
    child.onExit((code, signal) =>
      gone(
        new DeviceError(
          'E_DEVICE_HOST_CRASHED',
          `读卡器 DLL 异常退出 (${signal ?? `退出码 ${code}`}); 可能是 DLL 与读卡器不匹配或读卡器故障。下次读卡会自动重新加载, 请重试`,
          { signal, exitCode: code, stderr: stderrTail.slice(-500) },
        ),
      ),
    );
    this.child = child;
    return child;
  }

  private request(message: Record<string, unknown>, what: string, timeoutMs: number, signal?: AbortSignal): Promise<HostReply> {
    if (signal?.aborted) return Promise.reject(cancelled());
    const child = this.child ?? this.spawn();
    const id = this.nextId++;
    child.hold(true);
    return new Promise<HostReply>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (this.pending.size === 0 && this.child === child) child.hold(false);
      };
      const fail = (error: Error) => {
        this.pending.delete(id);
        finish();
        reject(error);
      };
      const timer = setTimeout(() => {
        fail(timedOut(what, timeoutMs));
        this.kill();
      }, timeoutMs);
      const onAbort = () => {
        fail(cancelled());
        this.kill();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        child,
        resolve: (reply) => {
          finish();
          resolve(reply);
        },
        reject: fail,
      });
      child.send({ id, ...message }, (error) =>
        fail(new DeviceError('E_DEVICE_HOST_CRASHED', `读卡组件通信失败: ${error.message}`, {}, { cause: error })),
      );
    });
  }
}
