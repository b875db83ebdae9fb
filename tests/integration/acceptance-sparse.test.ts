/**
 * Issue 16: `yibao acceptance` passes 59/59 for pharmacy and clinic against a sandbox center
 * whose answers leave out every field protocol.md does not mark non-null and send numbers as
 * strings at random (`yibao sandbox --answers sparse`), as a center written from the document
 * alone may.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxCenter, type RunningSandbox } from '../../src-main/sandbox/server';
import { runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';
import { personsOf } from '../helpers/sandbox-fixtures';
import { seededRandom, sparseOutput } from '../../src-main/sandbox/center/answer-shape';

const temp = makeTempDir('yibao-acceptance-sparse-');
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandboxCenter({ dataDir: join(temp.dir, 'sandbox'), answers: 'sparse' });
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
  temp.cleanup();
});

describe('the sparse answer step', () => {
  it('leaves out what the spec does not mark non-null, keeps what it does, and a node without marks whole', () => {
    const line = {
      feedetl_sn: 'L1',
      cnt: 2,
      pric: 1.5,
      det_item_fee_sumamt: 3,
      chrgitm_lv: '01',
      med_chrgitm_type: '09',
      lmt_used_flag: '0',
    };
    const out = sparseOutput('2204', { result: [line] }, seededRandom(1)) as { result: Record<string, unknown>[] };
    expect(Object.keys(out.result[0] ?? {}).sort()).toEqual(['chrgitm_lv', 'lmt_used_flag', 'med_chrgitm_type']);
    expect(line.cnt).toBe(2); // the handler's value is not touched
    const reg = sparseOutput('2201', { data: { mdtrt_id: 'M1', psn_no: 'P1', ipt_otp_no: 'O1' } }, seededRandom(1));
    expect(reg).toEqual({ data: { mdtrt_id: 'M1', psn_no: 'P1', ipt_otp_no: 'O1' } });
    // Numbers the spec lists are sent as strings at random, the same way for the same seed.
    const amounts = { setlinfo: { medfee_sumamt: 1, fund_pay_sumamt: 2, acct_pay: 3, psn_cash_pay: 4, hifp_pay: 5, balc: 6 } };
    const a = JSON.stringify(sparseOutput('2207', amounts, seededRandom(7)));
    expect(JSON.stringify(sparseOutput('2207', amounts, seededRandom(7)))).toBe(a);
    expect(a).toMatch(/"\d"/);
    expect(a).toMatch(/:\d[,}]/);
  });
});

describe.each([
  ['pharmacy', 'P42010000001', '沙箱演示大药房'],
  ['clinic', 'H42010000002', '沙箱演示诊所'],
] as const)('yibao acceptance --type %s against `--answers sparse`', (type, code, name) => {
  it('passes 59/59', async () => {
    const person = personsOf(sandbox.center.store, 'emp-active', 50_000)[0];
    const dir = join(temp.dir, type);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ institution: { fixmedinsCode: code, fixmedinsName: name, mdtrtareaAdmvs: '420100', kind: type } }),
    );
    const r = await runCli(
      ['acceptance', '--type', type, '--center', sandbox.url, '--cert-no', person!.certno, '--name', person!.psnName],
      { YIBAO_CONFIG: join(dir, 'config.json') },
    );
    expect(r.stdout, r.stderr).toContain(`acceptance ${type}: 59/59 passed`);
    expect(r.code).toBe(0);
  }, 300_000);
});
