/**
 * The `yibao` CLI as an IT person uses it: registry listing, calls against a running
 * sandbox with the promised exit codes, sign-in/out, and the sandbox's own commands.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';
import { startSandboxCenter, type RunningSandbox } from '../../src-main/sandbox/server';
import { personsOf, pharmacySaleInput, typicalBasket } from '../helpers/sandbox-fixtures';

let sandbox: RunningSandbox;
let temp: ReturnType<typeof makeTempDir>;
let env: NodeJS.ProcessEnv;
const sandboxDir = () => join(temp.dir, 'sandbox');

beforeAll(async () => {
  temp = makeTempDir('yibao-cli-');
  sandbox = await startSandboxCenter({ dataDir: sandboxDir(), writeStateFile: true });
  env = { YIBAO_DATA_DIR: join(temp.dir, 'counter'), YIBAO_CENTER_URL: sandbox.url };
}, 120_000);
afterAll(async () => {
  await sandbox.close();
  temp.cleanup();
});

describe('yibao interfaces', () => {
  it('lists the 59 mandatory pharmacy interfaces as JSON', async () => {
    const r = await runCli(['interfaces', '--mandatory', 'pharmacy', '--json'], env);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { code: string; mandatory: { pharmacy: boolean } }[];
    expect(rows).toHaveLength(59);
    expect(rows.every((x) => x.mandatory.pharmacy)).toBe(true);
    expect(rows.map((x) => x.code)).toEqual(expect.arrayContaining(['1101', '2101', '2102', '2103', '2601', '9001']));
  });

  it('prints a table and refuses an unknown institution type with exit 1', async () => {
    const table = await runCli(['interfaces', '--mandatory', 'clinic'], env);
    expect(table.stdout).toContain('共 59 个接口');
    const bad = await runCli(['interfaces', '--mandatory', 'shop'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--mandatory 只能是');
  });
});

describe('yibao call / signin / signout against the sandbox', () => {
  it('9001 returns a sign_no (exit 0)', async () => {
    const r = await runCli(['call', '9001', '--opter', 'OP01', '--name', '张收费', '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { msgid: string; output: { signinoutb: { sign_no: string } } };
    expect(out.output.signinoutb.sign_no).toMatch(/^SN/);
    expect(out.msgid).toHaveLength(30);
  });

  it('a call the center refuses exits 2 with its err_msg', async () => {
    const input = {
      data: {
        mdtrt_cert_type: '02',
        mdtrt_cert_no: '110101199001011237',
        psn_cert_type: '01',
        certno: '110101199001011237',
        psn_name: '查无此人',
      },
    };
    const r = await runCli(['call', '1101', '--input', JSON.stringify(input)], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未查询到参保人');
  });

  it('an unknown outcome exits 3', async () => {
    const person = personsOf(sandbox.center.store, 'emp-active')[0];
    if (!person) throw new Error('no person');
    const fault = await runCli(['sandbox', 'fault', '1101', 'commit-then-drop', '--data', sandboxDir()], env);
    expect(fault.code).toBe(0);
    const input = {
      data: {
        mdtrt_cert_type: '02',
        mdtrt_cert_no: person.certno,
        psn_cert_type: '01',
        certno: person.certno,
        psn_name: person.psnName,
      },
    };
    const r = await runCli(['call', '1101', '--input', JSON.stringify(input), '--json'], env);
    expect(r.code).toBe(3);
    expect((JSON.parse(r.stdout) as { error: { kind: string } }).error.kind).toBe('unknown');
  });

  it('usage and input errors exit 1 with a clear message', async () => {
    const badJson = await runCli(['call', '1101', '--input', '{oops'], env);
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toContain('不是有效的 JSON');
    const wrongCase = await runCli(['call', '1312A'], env);
    expect(wrongCase.code).toBe(1);
    expect(wrongCase.stderr).toContain('1312A');
    const badInput = await runCli(['call', '1101', '--input', '{"data":{"mdtrt_cert_type":"09"}}'], env);
    expect(badInput.code).toBe(1);
    expect(badInput.stderr).toContain('E_INPUT_INVALID');
  });

  it('a bad config file exits 1 naming the field', async () => {
    const { writeFileSync } = await import('node:fs');
    const path = join(temp.dir, 'bad-config.json');
    writeFileSync(
      path,
      JSON.stringify({ institution: { fixmedinsCode: 'SHORT', fixmedinsName: 'x', mdtrtareaAdmvs: '420100', kind: 'pharmacy' } }),
    );
    const r = await runCli(['--config', path, 'call', '9001', '--opter', 'A', '--name', 'B'], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('institution.fixmedinsCode');
  });

  it('signin then signout; afterwards calls are refused locally until the next sign-in', async () => {
    const signin = await runCli(['signin', '--opter', 'OP02', '--name', '王收费'], env);
    expect(signin.code).toBe(0);
    expect(signin.stdout).toContain('签到成功');
    const signout = await runCli(['signout', '--opter', 'OP02'], env);
    expect(signout.code).toBe(0);
    const again = await runCli(['signout', '--opter', 'OP02'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('尚未签到');
  });
});

describe('yibao sandbox', () => {
  it('lists at least 200 seeded persons with credentials', async () => {
    const r = await runCli(['sandbox', 'persons', '--json', '--data', sandboxDir()], env);
    expect(r.code).toBe(0);
    const persons = JSON.parse(r.stdout) as { certno: string; card_no: string; ec_token: string }[];
    expect(persons.length).toBeGreaterThanOrEqual(200);
    expect(persons.every((p) => p.certno.length === 18)).toBe(true);
  });

  it('shows the message log with faults applied', async () => {
    const r = await runCli(['sandbox', 'log', '--data', sandboxDir(), '--json', '--infno', '1101'], env);
    const rows = JSON.parse(r.stdout) as { fault: string | null; infno: string }[];
    expect(rows.some((x) => x.fault === 'commit-then-drop')).toBe(true);
  });

  it('says clearly when no sandbox is running', async () => {
    const r = await runCli(['sandbox', 'faults', '--data', join(temp.dir, 'nowhere')], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('沙箱中心未运行');
  });
});

describe('yibao journal', () => {
  it('lists entries with personal data masked, and refuses an unknown state', async () => {
    const r = await runCli(['journal', '--json', '--infno', '1101'], env);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { state: string; request: { input: { data: { certno: string; psn_name: string } } } }[];
    expect(rows.length).toBeGreaterThan(0);
    const sent = rows.map((x) => x.request.input.data.certno);
    expect(sent.every((c) => /^\d{6}\*+\w{4}$/.test(c))).toBe(true);
    expect(r.stdout).not.toContain('查无此人');
    const bad = await runCli(['journal', '--state', 'maybe'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--state 只能是');
  });

  it('journal resolve finishes a reversal the call itself could not complete', async () => {
    const store = sandbox.center.store;
    const person = personsOf(store, 'emp-active', 50_000)[1];
    if (!person) throw new Error('no person');
    const read = {
      data: {
        mdtrt_cert_type: '02',
        mdtrt_cert_no: person.certno,
        psn_cert_type: '01',
        certno: person.certno,
        psn_name: person.psnName,
      },
    };
    expect((await runCli(['call', '1101', '--input', JSON.stringify(read)], env)).code).toBe(0);
    const before = store.ledger.balance(person.psnNo, '310');
    sandbox.center.addFault('2102', 'commit-then-drop', 1);
    sandbox.center.addFault('2601', 'http500', 1);
    const sale = await runCli(
      ['call', '2102', '--input', JSON.stringify(pharmacySaleInput(store, person, typicalBasket(store)))],
      env,
    );
    expect(sale.code).toBe(3);
    expect(sale.stderr).toContain('流水状态: reversing');
    expect(store.ledger.balance(person.psnNo, '310')).toBeLessThan(before);
    const open = await runCli(['journal', '--state', 'reversing', '--json'], env);
    expect(JSON.parse(open.stdout)).toHaveLength(1);
    const resolve = await runCli(['journal', 'resolve'], env);
    expect(resolve.code).toBe(0);
    expect(resolve.stdout).toContain('已冲正 1');
    expect(store.ledger.balance(person.psnNo, '310')).toBe(before);
  });
});
