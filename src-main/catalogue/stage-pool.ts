/**
 * The parse workers of a large catalogue import (stage-worker.ts): batches go to the least
 * busy worker and come back as staging files, in whatever order they finish (the importer
 * commits them in file order). When no worker can be started (the worker file missing from an
 * unusual packaging, a worker that fails to load), the batches are staged on this thread: the
 * import is slower, never different.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fromWire, stageBatch, type StageContext, type StageJob, type StagedBatch, type WireError } from './stage-file';

/**
 * Workers by default: one per core, at most 3. On the 2-core reference machine two workers
 * and the main thread (which copies the staged rows) measured best: the copy takes a third of
 * the time the parsing does.
 */
const MAX_DEFAULT_THREADS = 3;
/** A worker that has not loaded after this long is given up on (the batches run here). */
const START_TIMEOUT_MS = 30_000;

interface Pending {
  resolve(batch: StagedBatch): void;
  reject(error: Error): void;
}

type Reply = { ready: true } | { seq: number; staged: StagedBatch } | { seq: number; error: WireError };

class StageThread {
  readonly pending = new Map<number, Pending>();
  /** True once loaded, false when it failed to start or died. */
  readonly started: Promise<boolean>;
  private alive = false;

  constructor(readonly worker: Worker) {
    this.started = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), START_TIMEOUT_MS);
      timer.unref();
      worker.on('message', (reply: Reply) => {
        if ('ready' in reply) {
          clearTimeout(timer);
          this.alive = true;
          resolve(true);
          return;
        }
        const p = this.pending.get(reply.seq);
        this.pending.delete(reply.seq);
        if ('staged' in reply) p?.resolve(reply.staged);
        else p?.reject(fromWire(reply.error));
      });
      const die = (error: Error) => {
        clearTimeout(timer);
        this.alive = false;
        resolve(false);
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      };
      worker.on('error', die);
      worker.on('exit', (code) => die(new Error(`目录解析线程意外退出 (exit ${code})`)));
    });
  }

  get usable(): boolean {
    return this.alive;
  }

  run(job: StageJob): Promise<StagedBatch> {
    return new Promise<StagedBatch>((resolve, reject) => {
      this.pending.set(job.seq, { resolve, reject });
      // The bytes move to the worker instead of being copied.
      this.worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
    });
  }
}

export class StagePool {
  private readonly threads: StageThread[];
  /** Workers that staged batches (0: every batch was staged on this thread). */
  private used = 0;

  private constructor(
    private readonly ctx: StageContext,
    workers: readonly Worker[],
  ) {
    this.threads = workers.map((w) => new StageThread(w));
  }

  /** Starts `size` workers (default: one per core, at most 3; 0 stages every batch on this thread). */
  static open(ctx: StageContext, size?: number): StagePool {
    const n = size ?? Math.min(MAX_DEFAULT_THREADS, availableParallelism());
    const entry = n > 0 ? workerEntry() : null;
    const workers: Worker[] = [];
    for (let i = 0; entry && i < n; i++) {
      try {
        workers.push(entry(ctx));
      } catch {
        break; // e.g. a worker file the runtime cannot load from where it is packaged: stage here
      }
    }
    return new StagePool(ctx, workers);
  }

  /** Workers started (1 when every batch is staged on this thread). */
  get size(): number {
    return Math.max(1, this.threads.length);
  }

  /** Worker threads that staged the batches so far (0: all on this thread). */
  get threadsUsed(): number {
    return this.used;
  }

  /** Stages one batch; its bytes belong to the pool from here on. */
  async stage(job: StageJob): Promise<StagedBatch> {
    await Promise.all(this.threads.map((t) => t.started));
    const live = this.threads.filter((t) => t.usable);
    this.used = Math.max(this.used, live.length);
    if (live.length === 0) return stageBatch(job, this.ctx);
    const thread = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const bytes = job.bytes;
    // Only a buffer of its own can be transferred (entryBatches makes one; anything else is copied).
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return thread.run({ ...job, bytes: own });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

/** How to start a worker: the bundled stage-worker next to this bundle, or the TypeScript source through tsx. */
function workerEntry(): ((ctx: StageContext) => Worker) | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Running from source (tsx, vitest): the worker loads tsx's loader before the TypeScript module.
    let tsx: string;
    try {
      tsx = import.meta.resolve('tsx/esm/api');
    } catch {
      return null;
    }
    const source = new URL('./stage-worker.ts', here).href;
    const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); })`;
    return (ctx) => new Worker(boot, { eval: true, workerData: ctx });
  }
  for (const name of ['./catalogue-stage-worker.mjs', './catalogue-stage-worker.js']) {
    const url = new URL(name, here);
    if (existsSync(fileURLToPath(url))) return (ctx) => new Worker(url, { workerData: ctx });
  }
  return null;
}
