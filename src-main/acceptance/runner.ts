/**
 * Runs the scenario step by step. A failed step does not stop the run (later steps may still
 * prove other codes); what each step called is read back from the journal, so the report shows
 * exactly what the center was sent and answered.
 */
import { isYibaoError } from '../core/errors';
import { formatDateTime } from '../core/time';
import { isCenterCallError } from '../protocol/call-errors';
import type { JournalStore } from '../journal/journal-store';
import type { CallTimings } from './call-timings';
import { judgeCodes } from './coverage';
import type { AcceptanceReport, AcceptanceStep, CallEvidence, StepEnv, StepResult } from './types';

export interface RunOptions {
  readonly env: StepEnv;
  readonly steps: readonly AcceptanceStep[];
  readonly timings: CallTimings;
  readonly onStep?: (result: StepResult, index: number, total: number) => void;
}

export async function runAcceptance(options: RunOptions): Promise<AcceptanceReport> {
  const { env, steps, timings } = options;
  const startedAt = formatDateTime(new Date());
  const t0 = performance.now();
  const results: StepResult[] = [];
  for (const [index, step] of steps.entries()) {
    const mark = env.app.journal.activity().maxId;
    const s0 = performance.now();
    let ok = true;
    let detail: string;
    try {
      detail = (await step.run(env)) ?? '完成';
    } catch (error) {
      ok = false;
      detail = describeFailure(error);
    }
    const result: StepResult = {
      title: step.title,
      codes: step.codes,
      ok,
      detail,
      elapsedMs: Math.round(performance.now() - s0),
      calls: callsSince(env.app.journal, mark, timings),
    };
    results.push(result);
    options.onStep?.(result, index, steps.length);
  }
  const { config } = env.app.loaded;
  const codes = judgeCodes(env.type, env.app.client.profile, results);
  const passed = codes.filter((c) => c.passed).length;
  return {
    type: env.type,
    institution: { code: config.institution.fixmedinsCode, name: config.institution.fixmedinsName },
    centerUrl: env.app.centerUrl,
    sandbox: env.app.sandbox !== null,
    profile: `${env.app.client.profile.id} (${env.app.client.profile.name})`,
    subjects: env.subjects.source,
    startedAt,
    elapsedMs: Math.round(performance.now() - t0),
    steps: results,
    codes,
    passed,
    total: codes.length,
    ok: passed === codes.length && results.every((r) => r.ok),
  };
}

function callsSince(journal: JournalStore, mark: number, timings: CallTimings): CallEvidence[] {
  const out: CallEvidence[] = [];
  const last = journal.activity().maxId;
  for (let id = mark + 1; id <= last; id++) {
    const e = journal.get(id);
    if (!e) continue;
    out.push({
      msgid: e.msgid,
      infno: e.infno,
      state: e.state,
      failure: e.failureMsg ? `${e.failureCode ?? ''} ${e.failureMsg}`.trim() : null,
      preparedAt: e.preparedAt,
      elapsedMs: roundMs(timings.of(e.msgid)),
    });
  }
  return out;
}

const roundMs = (ms: number | null) => (ms === null ? null : Math.round(ms * 10) / 10);

function describeFailure(error: unknown): string {
  if (isCenterCallError(error)) return `[${error.code}] ${error.messageZh}`;
  if (isYibaoError(error)) return `[${error.code}] ${error.messageZh}`;
  return `[E_INTERNAL] ${(error as Error)?.message ?? String(error)}`;
}
