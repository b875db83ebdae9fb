/**
 * Shared by the flow drivers: write the counter's database of a closed app as one compact file
 * (VACUUM INTO: no -wal, user_version kept) and the flows it ran as JSON next to it.
 * Runs inside a temporary worktree of a historical commit, so it imports nothing of that commit.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FlowSettlement {
  readonly infno: string;
  readonly setlId: string;
  readonly medfeeFen: number;
  /** The refund that cancelled it (2103 / 2208), or null while it stands. */
  readonly refundedBy: string | null;
}

export interface FlowRecord {
  readonly flows: string[];
  readonly settlements: FlowSettlement[];
}

export function writeFixture(dataDir: string, out: string, record: FlowRecord): void {
  const src = join(dataDir, 'yibao.sqlite');
  if (!existsSync(src)) throw new Error(`no database at ${src}`);
  rmSync(out, { force: true });
  const db = new Database(src, { readonly: true });
  db.prepare('VACUUM INTO ?').run(out);
  db.close();
  writeFileSync(`${out}.flows.json`, JSON.stringify(record, null, 2));
}

/** Yuan as the center wrote it (number or text, at most 2 decimals) to integer fen, without float arithmetic. */
export function yuanToFen(value: unknown): number {
  const text = String(value);
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new Error(`not an amount in yuan: ${text}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
