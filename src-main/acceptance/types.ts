/**
 * The acceptance self-test (验收自测): a scripted day at the counter that calls every interface the
 * national list marks mandatory for an institution type, with the evidence an auditor asks for.
 */
import type { CounterApp } from '../app/counter-app';
import type { CounterServices } from '../counter/counter-services';
import type { Operator } from '../protocol/center-client';
import type { JournalState } from '../journal/states';

export type AcceptanceType = 'pharmacy' | 'clinic';

/** Who and what the scenario sells to: seeded persons and catalogue items of the center under test. */
export interface AcceptanceSubjects {
  readonly person: { readonly certno: string; readonly name: string };
  /** 甲类 / 乙类 items without a price cap, with a price the center accepts. */
  readonly items: readonly { readonly code: string; readonly name: string; readonly pricText: string }[];
  readonly diagnosis: { readonly code: string; readonly name: string };
  /** Where the subjects came from, for the report. */
  readonly source: string;
}

/** What steps hand to later steps (ids the center gave out). */
export type ScenarioState = Map<string, unknown>;

export interface StepEnv {
  readonly type: AcceptanceType;
  readonly app: CounterApp;
  readonly services: CounterServices;
  readonly operator: Operator;
  readonly subjects: AcceptanceSubjects;
  readonly state: ScenarioState;
}

export interface AcceptanceStep {
  /** Short Chinese title for the report, e.g. "药店结算". */
  readonly title: string;
  /** The mandatory codes this step is meant to exercise (for the report; passing is judged from the journal). */
  readonly codes: readonly string[];
  run(env: StepEnv): Promise<string | void>;
}

/** One call the step made, as the journal recorded it. */
export interface CallEvidence {
  readonly msgid: string;
  readonly infno: string;
  readonly state: JournalState;
  readonly failure: string | null;
  readonly preparedAt: string;
  /** From handing the envelope to the transport until the answer was journaled (null if not seen). */
  readonly elapsedMs: number | null;
}

export interface StepResult {
  readonly title: string;
  readonly codes: readonly string[];
  readonly ok: boolean;
  /** The step's own summary line, or the error (code + Chinese message). */
  readonly detail: string;
  readonly elapsedMs: number;
  readonly calls: readonly CallEvidence[];
}

export interface CodeResult {
  readonly code: string;
  readonly name: string;
  readonly passed: boolean;
  /** The transaction actually sent (a region variant such as 2101A counts for 2101). */
  readonly via: string | null;
  readonly msgid: string | null;
  readonly step: string | null;
  readonly elapsedMs: number | null;
  readonly reason: string | null;
}

export interface AcceptanceReport {
  readonly type: AcceptanceType;
  readonly institution: { readonly code: string; readonly name: string };
  readonly centerUrl: string;
  readonly sandbox: boolean;
  readonly profile: string;
  readonly subjects: string;
  readonly startedAt: string;
  readonly elapsedMs: number;
  readonly steps: readonly StepResult[];
  readonly codes: readonly CodeResult[];
  readonly passed: number;
  readonly total: number;
  readonly ok: boolean;
}
