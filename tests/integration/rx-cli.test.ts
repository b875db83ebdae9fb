/**
 * `yibao rx / einvoice / info` as a cashier runs them, each a separate process against a real
 * sandbox: the prescription state survives between commands in the counter's database, names
 * and ID numbers are printed masked, and a step out of order is refused.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';
import { startSandboxCenter, type RunningSandbox } from '../../src-main/sandbox/server';
import { ensurePrescriptions } from '../../src-main/sandbox/seed/prescriptions';
import { PrescriptionRepo } from '../../src-main/sandbox/store/prescriptions';
import { formatDateTime } from '../../src-main/core/time';

let sandbox: RunningSandbox;
const temp = makeTempDir('yibao-rx-cli-');
let env: NodeJS.ProcessEnv;
const OP = ['--opter', 'OP01', '--name', '张收费'];

beforeAll(async () => {
  sandbox = await startSandboxCenter({ dataDir: join(temp.dir, 'sandbox'), writeStateFile: true });
  env = { YIBAO_DATA_DIR: join(temp.dir, 'counter'), YIBAO_CENTER_URL: sandbox.url };
  ensurePrescriptions(sandbox.center.store, new Date());
}, 120_000);
afterAll(async () => {
  await sandbox.close();
  temp.cleanup();
});

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('yibao rx, einvoice and info', () => {
  it('runs a prescription from authorisation to a settled sale, uploads its voucher and refunds it', async () => {
    const store = sandbox.center.store;
    const repo = new PrescriptionRepo(store.db);
    const now = formatDateTime(new Date());
    const rx = repo.all().find((r) => store.persons.getByPsnNo(r.psnNo)?.category === 'emp-active' && r.validEndTime > now);
    const person = rx && store.persons.getByPsnNo(rx.psnNo);
    if (!rx || !person) throw new Error('no open prescription of an emp-active person');
    const who = ['--id', person.certno, '--psn-name', person.psnName];

    const listed = await runCli(['sandbox', 'prescriptions', '--json', '--data', join(temp.dir, 'sandbox')], env);
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as { hi_rxno: string; state: string; certno: string }[];
    expect(rows.map((r) => r.hi_rxno)).toEqual(repo.all().map((r) => r.hiRxno));
    expect(rows.find((r) => r.hi_rxno === rx.hiRxno)).toMatchObject({ state: 'issued', certno: person.certno });

    const staff = await runCli(['info', 'practitioner', '--type', '3', '--show', '--json', ...OP], env);
    expect(staff.code, staff.stderr).toBe(0);
    const [pharmacist] = JSON.parse(staff.stdout) as { prac_psn_name: string; certno: string; prac_cert_no: string }[];
    const masked = await runCli(['info', 'practitioner', '--type', '3'], env);
    expect(masked.stdout).not.toContain(pharmacist!.certno);

    const early = await runCli(['rx', 'download', rx.hiRxno], env);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('E_RX_NOT_FOUND');

    const auth = await runCli(['rx', 'authorize', ...who, '--rx', rx.hiRxno, '--json'], env);
    expect(auth.code, auth.stderr).toBe(0);
    expect((JSON.parse(auth.stdout) as { state: string }[])[0]?.state).toBe('authorized');

    const download = await runCli(['rx', 'download', rx.hiRxno], env);
    expect(download.code, download.stderr).toBe(0);
    expect(download.stdout).toContain(rx.hiRxno);
    expect(download.stdout).not.toContain(person.psnName);
    expect(download.stdout).toContain(`${person.psnName.slice(0, 1)}*`);

    expect((await runCli(['rx', 'verify', rx.hiRxno], env)).code).toBe(0);
    const audit = await runCli(
      [
        'rx',
        'audit',
        rx.hiRxno,
        '--phar-name',
        pharmacist!.prac_psn_name,
        '--phar-certno',
        pharmacist!.certno,
        '--phar-cert',
        pharmacist!.prac_cert_no,
        '--json',
      ],
      env,
    );
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    expect(json(audit.stdout)['state']).toBe('audited');

    const sell = await runCli(['rx', 'sell', rx.hiRxno, ...who], env);
    expect(sell.code, sell.stderr).toBe(0);
    expect(sell.stdout).toMatch(/销售出库已上传 \(7207\) 出库单号 SL/);
    const shown = json((await runCli(['rx', 'show', rx.hiRxno, '--json'], env)).stdout);
    expect(shown['state']).toBe('sold');
    const setlId = shown['setlId'] as string;
    expect(repo.get(rx.hiRxno)?.setlId).toBe(setlId);

    const sign = await runCli(['rx', 'sign', rx.hiRxno, '--signer', '本人'], env);
    expect(sign.code).toBe(1);
    expect(sign.stderr).toContain('E_RX_STATE');

    const up = await runCli(
      ['einvoice', 'upload', setlId, '--code', '42010126', '--no', '0000000009', '--chkcode', 'a1b2c3', '--json'],
      env,
    );
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(json((await runCli(['einvoice', 'result', setlId, '--json'], env)).stdout)['upld_stas']).toBe('1');
    const again = await runCli(
      ['einvoice', 'upload', setlId, '--code', '42010126', '--no', '0000000009', '--chkcode', 'a1b2c3'],
      env,
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('4905');

    const revoke = await runCli(['rx', 'revoke', rx.hiRxno, '--reason', '顾客退药', '--json'], env);
    expect(revoke.code, revoke.stdout + revoke.stderr).toBe(0);
    expect(json(revoke.stdout)['state']).toBe('audited');
    expect(repo.get(rx.hiRxno)?.state).toBe('audited');
    expect(json((await runCli(['einvoice', 'status', setlId, '--json'], env)).stdout)['einv_stas']).toBe('3');
  }, 180_000);
});
