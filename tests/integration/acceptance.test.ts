/**
 * `yibao acceptance`: every mandatory interface of the type, end to end against the sandbox, with
 * the HTML and JSON report; and a failing interface makes the run fail and names it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mandatoryFor } from '../../src-main/registry/registry';
import type { AcceptanceReport } from '../../src-main/acceptance/types';
import { startSandboxCenter, type RunningSandbox } from '../../src-main/sandbox/server';
import { runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';
import { personsOf } from '../helpers/sandbox-fixtures';

const temp = makeTempDir('yibao-acceptance-');
afterAll(() => temp.cleanup());

function readReport(htmlPath: string): { html: string; report: AcceptanceReport } {
  const html = readFileSync(htmlPath, 'utf8');
  const report = JSON.parse(readFileSync(htmlPath.replace(/\.html$/, '.json'), 'utf8')) as AcceptanceReport;
  return { html, report };
}

describe.each(['pharmacy', 'clinic'] as const)('yibao acceptance --type %s on the embedded sandbox', (type) => {
  const dir = join(temp.dir, type);
  const env = { YIBAO_CONFIG: join(dir, 'config.json') };
  let result: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    result = await runCli(['acceptance', '--type', type, '--report', join(dir, 'report.html')], env);
  }, 240_000);

  it('passes every mandatory interface and exits 0', () => {
    const expected = mandatoryFor(type).length;
    expect(expected).toBe(59);
    expect(result.stdout).toContain(`acceptance ${type}: ${expected}/${expected} passed`);
    expect(result.code).toBe(0);
  });

  it('writes an HTML and a JSON report whose evidence is in the journal', () => {
    const { html, report } = readReport(join(dir, 'report.html'));
    expect(report.ok).toBe(true);
    expect(report.codes.map((c) => c.code).sort()).toEqual(
      mandatoryFor(type)
        .map((r) => r.code)
        .sort(),
    );
    const db = new Database(join(dir, 'yibao.sqlite'), { readonly: true });
    try {
      const byMsgid = db.prepare<[string], { infno: string; state: string }>('SELECT infno, state FROM journal WHERE msgid = ?');
      for (const c of report.codes) {
        expect(c.passed, `${c.code}: ${c.reason}`).toBe(true);
        const row = byMsgid.get(c.msgid as string);
        expect(row?.infno, c.code).toBe(c.via);
        expect(['ok', 'reversed'], c.code).toContain(row?.state);
        expect(c.elapsedMs, c.code).toBeGreaterThan(0);
        expect(html).toContain(c.msgid as string);
      }
    } finally {
      db.close();
    }
    expect(html).toContain(`通过: 59 / 59 个必测接口通过`);
  });
});

describe('yibao acceptance against another center', () => {
  let sandbox: RunningSandbox;
  const dir = join(temp.dir, 'external');

  beforeAll(async () => {
    sandbox = await startSandboxCenter({ dataDir: join(dir, 'sandbox') });
  }, 120_000);
  afterAll(async () => {
    await sandbox?.close();
  });

  it('needs a test person from the command line', async () => {
    const r = await runCli(['acceptance', '--type', 'pharmacy', '--center', sandbox.url], {
      YIBAO_CONFIG: join(dir, 'c1', 'config.json'),
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('E_ACCEPTANCE_PERSON');
  });

  it('fails, exit 1, and names the interface the center refused', async () => {
    const person = personsOf(sandbox.center.store, 'emp-active', 50_000)[0];
    sandbox.center.addFault('1101', 'reject:-1:测试注入: 人员信息获取失败', null);
    const report = join(dir, 'c2', 'report.html');
    const r = await runCli(
      [
        'acceptance',
        '--type',
        'pharmacy',
        '--center',
        sandbox.url,
        '--cert-no',
        person!.certno,
        '--name',
        person!.psnName,
        '--report',
        report,
      ],
      { YIBAO_CONFIG: join(dir, 'c2', 'config.json') },
    );
    sandbox.center.clearFaults();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/未通过 1101 人员基本信息获取: rejected/);
    expect(existsSync(report)).toBe(true);
    const { report: json } = readReport(report);
    expect(json.ok).toBe(false);
    expect(json.codes.find((c) => c.code === '1101')?.passed).toBe(false);
    expect(json.codes.find((c) => c.code === '9001')?.passed).toBe(true);
  }, 120_000);
});
