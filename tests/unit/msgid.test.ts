import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MsgIdGenerator, SqliteMsgIdSequence, MSGID_RE } from '../../src-main/protocol/msgid';
import { openDatabase } from '../../src-main/storage/sqlite';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { makeTempDir } from '../helpers/temp-dir';

const CODE = 'P42010000001';
let cleanup: () => void = () => {};
afterEach(() => cleanup());

function generatorOn(file: string, clock: () => Date, slot = 0) {
  const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
  return { db, gen: new MsgIdGenerator(CODE, new SqliteMsgIdSequence(db), slot, clock) };
}

describe('msgid', () => {
  it('has the 30-character shape: code + CST timestamp + 4-digit sequence', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const { db, gen } = generatorOn(join(t.dir, 'a.sqlite'), () => new Date('2026-11-23T01:02:03Z'));
    const id = gen.next();
    db.close();
    expect(id).toHaveLength(30);
    expect(id).toMatch(MSGID_RE);
    expect(id).toBe(`${CODE}202611230902030001`);
  });

  it('gives 2,000 unique ids across simulated restarts with a frozen and a backward clock', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'seq.sqlite');
    const seen = new Set<string>();
    const frozen = new Date('2026-11-23T08:00:00Z');
    // 4 "process lifetimes" of 500 ids each; the clock is frozen, then jumps back an hour halfway. Terminal slot 0
    // holds 999 ids a second, so the frozen second overflows once. (Was 10,000 ids: the same paths, but 30 s
    // under Stryker's instrumentation, which kept msgid.ts out of the mutation score.)
    for (let run = 0; run < 4; run++) {
      const clock = run < 2 ? () => frozen : () => new Date(frozen.getTime() - 3600_000);
      const { db, gen } = generatorOn(file, clock);
      for (let i = 0; i < 500; i++) seen.add(gen.next());
      db.close();
    }
    expect(seen.size).toBe(2_000);
    // More than 999 in one frozen second: the generator moved on to the next second rather than wrap.
    const bySecond = new Map<string, number>();
    for (const id of seen) bySecond.set(id.slice(12, 26), (bySecond.get(id.slice(12, 26)) ?? 0) + 1);
    expect(bySecond.get('20261123160000')).toBe(999);
    expect(bySecond.get('20261123160001')).toBe(999);
    expect(bySecond.get('20261123160002')).toBe(2);
    // The backward clock never went below the last reserved second.
    expect([...bySecond.keys()].every((s) => s >= '20261123160000')).toBe(true);
  });

  it('stays unique for two processes generating concurrently on one database', async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'shared.sqlite');
    generatorOn(file, () => new Date()).db.close();
    const script = join(__dirname, '..', 'helpers', 'msgid-worker.ts');
    const run = () =>
      new Promise<string[]>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, file, '1500'], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`worker exit ${code}`))));
      });
    const [a, b] = await Promise.all([run(), run()]);
    const all = [...a, ...b];
    expect(all).toHaveLength(3000);
    expect(new Set(all).size).toBe(3000);
  });

  it('gives terminals of one institution disjoint sequence ranges', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const clock = () => new Date('2026-11-23T08:00:00Z');
    const a = generatorOn(join(t.dir, 'pc1.sqlite'), clock, 0);
    const b = generatorOn(join(t.dir, 'pc2.sqlite'), clock, 3);
    const idsA = Array.from({ length: 50 }, () => a.gen.next());
    const idsB = Array.from({ length: 50 }, () => b.gen.next());
    a.db.close();
    b.db.close();
    expect(new Set([...idsA, ...idsB]).size).toBe(100);
    expect(idsB[0]?.slice(26)).toBe('3000');
  });

  it("follows the clock forward: the next second starts its sequence again at the slot's first number", () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    let now = new Date('2026-11-23T08:00:00Z');
    const { db, gen } = generatorOn(join(t.dir, 'f.sqlite'), () => now, 2);
    const first = [gen.next(), gen.next()];
    now = new Date('2026-11-23T08:00:05Z');
    const later = gen.next();
    db.close();
    expect(first.map((id) => id.slice(12))).toEqual(['202611231600002000', '202611231600002001']);
    expect(later.slice(12)).toBe('202611231600052000');
  });

  it('refuses a terminal slot outside 0–9 (each slot owns a thousand sequence numbers)', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const db = openDatabase(join(t.dir, 's.sqlite'), { migrations: CLIENT_MIGRATIONS });
    const store = new SqliteMsgIdSequence(db);
    for (const slot of [-1, 10, 1.5]) {
      expect(() => new MsgIdGenerator(CODE, store, slot), String(slot)).toThrow(
        expect.objectContaining({
          code: 'E_CONFIG_INVALID',
          messageZh: `终端序号必须是 0–9 的整数, 当前为 ${slot}`,
          detail: { field: 'institution.terminalSlot' },
        }),
      );
    }
    expect(new MsgIdGenerator(CODE, store, 9).next().slice(26)).toBe('9000');
    db.close();
  });

  it('refuses an institution code that is not 12 characters', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const db = openDatabase(join(t.dir, 'x.sqlite'), { migrations: CLIENT_MIGRATIONS });
    for (const code of ['P420100', 'P420100000011', 'P4201000000-']) {
      expect(() => new MsgIdGenerator(code, new SqliteMsgIdSequence(db)), code).toThrow(
        expect.objectContaining({ code: 'E_CONFIG_INVALID', detail: { field: 'institution.fixmedinsCode' } }),
      );
    }
    expect(() => new MsgIdGenerator('P420100', new SqliteMsgIdSequence(db))).toThrow(/12 位/);
    db.close();
  });
});
