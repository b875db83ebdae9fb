/**
 * Where a till step's time goes, from a Chrome performance trace (`TILL_TRACE=file npm run bench:till`, or
 * `tsx bench/till-trace.ts file` on a trace written before). bench/till.ts marks each timed step in the page
 * with a `performance.measure` (key received → the frame that shows the result); this sums, inside each of
 * those windows, the renderer main thread's own time by kind (script, style, layout, paint, GC) and the time it
 * was idle (waiting for the HTTP answer, a timer or the next frame), and the functions the sampling profiler
 * found most often on top of the stack (readable in a build without minification: `vite build --minify false`).
 */
import { readFileSync } from 'node:fs';

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time of a complete event, µs: what the task cost whatever else the machine ran meanwhile. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly id?: string;
  readonly id2?: { local?: string };
  readonly args?: {
    name?: string;
    data?: {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber?: number };
}

/** The kinds the main thread's own time is put in. */
const KIND: ReadonlyArray<readonly [string, RegExp]> = [
  ['gc', /GC|GCEvent|BlinkGC/],
  ['style', /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation)$/],
  ['layout', /^(Layout|UpdateLayerTree|IntersectionObserverController::computeIntersections|HitTest)$/],
  ['paint', /^(Paint|PrePaint|Layerize|Commit|PaintImage|Decode|Animation|UpdateLayer|CompositeLayers)$/],
  [
    'script',
    /^(FunctionCall|EvaluateScript|EventDispatch|TimerFire|FireAnimationFrame|RunMicrotasks|v8\.|V8\.|XHRReadyStateChange|ResourceReceivedData|ResourceFinish|ParseHTML)/,
  ],
];

export interface StepBreakdown {
  readonly step: string;
  readonly wallMs: number;
  /** The main thread's own (self) time by kind, and `other` for tasks of no kind above. */
  readonly kinds: Record<string, number>;
  /** Wall time with no task running on the main thread. */
  readonly idleMs: number;
  /**
   * The main thread's CPU time in the step (the thread time of its top-level tasks, a task cut by the step's edge
   * counted in proportion): unlike the wall times, hardly moved by other processes on a loaded machine.
   */
  readonly cpuMs: number;
  /** Sampled self time by function, most first. */
  readonly topFunctions: ReadonlyArray<readonly [string, number]>;
}

function kindOf(name: string): string {
  for (const [kind, pattern] of KIND) if (pattern.test(name)) return kind;
  return 'other';
}

/** Self time by kind of the complete (X) events on one thread, clipped to [from, to] (µs). */
function selfTimes(events: readonly TraceEvent[], from: number, to: number): { kinds: Record<string, number>; busy: number } {
  const kinds: Record<string, number> = {};
  let busy = 0;
  const stack: Array<{ end: number; kind: string; top: boolean }> = [];
  let cursor = from;
  const add = (until: number) => {
    const a = Math.max(cursor, from);
    const b = Math.min(until, to);
    const top = stack[stack.length - 1];
    if (top && b > a) {
      kinds[top.kind] = (kinds[top.kind] ?? 0) + (b - a);
      busy += b - a;
    }
    cursor = Math.max(cursor, until);
  };
  for (const e of events) {
    if (e.ts > to) break;
    while (stack.length > 0 && (stack[stack.length - 1]?.end ?? 0) <= e.ts) {
      add(stack[stack.length - 1]?.end ?? e.ts);
      stack.pop();
    }
    add(e.ts);
    const kind = kindOf(e.name);
    const parent = stack[stack.length - 1];
    // A RunTask / ThreadControllerImpl::RunTask of no kind lends its own time to `other`; a child of no kind keeps its parent's.
    stack.push({ end: e.ts + (e.dur ?? 0), kind: kind === 'other' && parent ? parent.kind : kind, top: !parent });
  }
  while (stack.length > 0) {
    add(stack[stack.length - 1]?.end ?? to);
    stack.pop();
  }
  return { kinds, busy };
}

/** The thread time of the top-level tasks (not nested in another) in [from, to] (µs); `tops` sorted by start. */
function cpuTime(tops: readonly TraceEvent[], from: number, to: number): number {
  let cpu = 0;
  for (const e of tops) {
    const dur = e.dur ?? 0;
    if (e.ts > to) break;
    if (e.ts + dur < from || e.tdur === undefined) continue;
    const inside = Math.min(e.ts + dur, to) - Math.max(e.ts, from);
    cpu += dur > 0 ? (e.tdur * inside) / dur : 0;
  }
  return cpu;
}

/** The events not nested in another, of events sorted by start (the longer first at a tie). */
function topLevel(events: readonly TraceEvent[]): TraceEvent[] {
  const tops: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of events) {
    if (e.ts < end) continue;
    tops.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  return tops;
}

/** The sampled stacks of the renderer: (time µs, function on top). */
function samples(events: readonly TraceEvent[], pid: number): Array<readonly [number, string]> {
  const nodes = new Map<number, string>();
  const out: Array<readonly [number, string]> = [];
  const chunks = events.filter((e) => e.pid === pid && (e.name === 'Profile' || e.name === 'ProfileChunk'));
  let time = (chunks.find((e) => e.name === 'Profile')?.args?.data as { startTime?: number } | undefined)?.startTime ?? 0;
  for (const e of chunks) {
    const data = e.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) {
      const f = n.callFrame;
      const where = f.url ? `${f.url.split('/').pop() ?? ''}:${f.lineNumber ?? 0}` : '';
      nodes.set(n.id, `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`);
    }
    const ids = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    for (const [i, id] of ids.entries()) {
      time += deltas[i] ?? 0;
      out.push([time, nodes.get(id) ?? String(id)]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

export function stepBreakdowns(traceJson: string): StepBreakdown[] {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('no renderer main thread in the trace');
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const sampled = samples(events, main.pid);
  const tops = topLevel(onMain);
  // The steps: user-timing measures (async begin / end pairs) named "till: <step>".
  const begins = new Map<string, TraceEvent>();
  const out: StepBreakdown[] = [];
  for (const e of events.filter((x) => x.cat.includes('blink.user_timing')).sort((a, b) => a.ts - b.ts)) {
    if (!e.name.startsWith('till: ')) continue;
    const key = `${e.name}#${e.id ?? e.id2?.local ?? ''}`;
    if (e.ph === 'b') begins.set(key, e);
    else if (e.ph === 'e') {
      const b = begins.get(key);
      if (!b) continue;
      begins.delete(key);
      const { kinds, busy } = selfTimes(onMain, b.ts, e.ts);
      const functions = new Map<string, number>();
      let last = b.ts;
      for (const [t, f] of sampled) {
        if (t < b.ts) continue;
        if (t > e.ts) break;
        functions.set(f, (functions.get(f) ?? 0) + (t - last));
        last = t;
      }
      const ms = (us: number) => us / 1000;
      out.push({
        step: e.name.slice('till: '.length),
        wallMs: ms(e.ts - b.ts),
        kinds: Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, ms(v)])),
        idleMs: ms(e.ts - b.ts - busy),
        cpuMs: ms(cpuTime(tops, b.ts, e.ts)),
        topFunctions: [...functions.entries()]
          .filter(([f]) => f !== '(idle)')
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([f, us]) => [f, ms(us)] as const),
      });
    }
  }
  return out;
}

export function printBreakdowns(breakdowns: readonly StepBreakdown[], write: (s: string) => void): void {
  // Milliseconds to one decimal (not money).
  const f = (x: number | undefined) => (Math.round((x ?? 0) * 10) / 10).toString().padStart(6);
  write(
    '\ntraced steps (ms; main thread self time by kind, idle = waiting for the answer / a timer / the frame; ' +
      'cpu = its CPU time, the figure to compare on a loaded machine):\n',
  );
  for (const b of breakdowns) {
    const k = b.kinds;
    write(
      `  ${b.step.padEnd(26)} wall ${f(b.wallMs)}  script ${f(k['script'])}  style ${f(k['style'])}  layout ${f(k['layout'])}  ` +
        `paint ${f(k['paint'])}  gc ${f(k['gc'])}  other ${f(k['other'])}  idle ${f(b.idleMs)}  cpu ${f(b.cpuMs)}\n`,
    );
    for (const [fn, t] of b.topFunctions) write(`      ${f(t)}  ${fn}\n`);
  }
}

/**
 * The main thread's CPU time per step over several traced rounds (each step's occurrences pooled, in the order
 * first seen): p50 and max. CPU time, not wall time, so that a before / after on a loaded machine compares work.
 */
export function printCpuSummary(flow: string, rounds: ReadonlyArray<readonly StepBreakdown[]>, write: (s: string) => void): void {
  const byStep = new Map<string, number[]>();
  for (const steps of rounds)
    for (const b of steps) {
      const list = byStep.get(b.step) ?? [];
      list.push(b.cpuMs);
      byStep.set(b.step, list);
    }
  const f = (x: number) => (Math.round(x * 10) / 10).toString().padStart(6);
  write(`\n${flow}: main-thread CPU time per step over ${rounds.length} traced rounds (ms, p50 / max):\n`);
  for (const [step, list] of byStep) {
    const sorted = [...list].sort((a, b) => a - b);
    const p50 = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
    write(
      `  ${step.padEnd(26)} n=${String(sorted.length).padStart(3)}  cpu p50 ${f(p50)}  max ${f(sorted[sorted.length - 1] ?? 0)}\n`,
    );
  }
}

// Run on its own: `tsx bench/till-trace.ts trace.json`.
if (process.argv[1]?.endsWith('till-trace.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: tsx bench/till-trace.ts <trace.json>');
  printBreakdowns(stepBreakdowns(readFileSync(file, 'utf8')), (s) => process.stdout.write(s));
}
