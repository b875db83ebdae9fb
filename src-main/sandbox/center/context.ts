/** What a transaction handler gets: the validated request, the store, the clock, id minting. */
import type { SandboxEnvelope } from '../spec/envelope-read';
import type { SandboxStore } from '../store';
import type { IdMint } from './ids';
import type { SandboxInstitution } from './institutions';

export interface HandlerContext<I = unknown> {
  readonly envelope: SandboxEnvelope;
  /** The input, validated by the transaction's schema. */
  readonly input: I;
  readonly store: SandboxStore;
  readonly institution: SandboxInstitution;
  readonly ids: IdMint;
  readonly now: Date;
  /** now as yyyy-MM-dd HH:mm:ss (CST). */
  readonly nowText: string;
}

/** JSON output of the answer, or raw bytes (9102 file download). */
export type HandlerResult = { readonly output: unknown } | { readonly bytes: Buffer; readonly filename: string };

/** Runs inside the message's transaction: a throw rolls back everything it did. */
export type Handler = (ctx: HandlerContext<never>) => HandlerResult;

export type HandlerTable = Readonly<Record<string, Handler>>;
