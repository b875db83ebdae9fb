/**
 * `yibao inventory …` and `yibao mapping …` as child processes against a running sandbox:
 * import with a bad row (exit 2, row number), upload, the center's stock, the queue, and a
 * mapping uploaded, listed and revoked.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';
import { pharmacyItems } from '../helpers/sandbox-fixtures';
import { startSandboxCenter, type RunningSandbox } from '../../src-main/sandbox/server';

let sandbox: RunningSandbox;
let temp: ReturnType<typeof makeTempDir>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  temp = makeTempDir('yibao-inventory-cli-');
  sandbox = await startSandboxCenter({ dataDir: join(temp.dir, 'sandbox') });
  env = { YIBAO_DATA_DIR: join(temp.dir, 'counter'), YIBAO_CENTER_URL: sandbox.url };
  ensureCliBuilt();
  const signIn = await runCli(['signin', '--opter', 'K001', '--name', '库管一'], env);
  expect(signIn.code).toBe(0);
}, 180_000);
afterAll(async () => {
  await sandbox?.close();
  temp?.cleanup();
});

describe('yibao inventory', () => {
  it('imports (bad row listed, exit 2), uploads, and shows the center stock and the queue', async () => {
    const { a } = pharmacyItems(sandbox.center.store);
    const file = join(temp.dir, '采购.csv');
    const today = new Date().toISOString().slice(0, 10);
    writeFileSync(
      file,
      [
        '批次号,医保目录编码,本机构编码,本机构名称,供应商,生产批号,生产企业,批准文号,生产日期,有效期至,数量,入库时间,经办人',
        `P1,${a.code},LOC-1,本店甲药,供应商甲,L1,厂家,国药准字H1,2026-01-01,2028-01-01,24,${today} 08:00:00,库管一`,
        `P2,${a.code},LOC-1,本店甲药,供应商甲,L1,厂家,国药准字H1,2026-01-01,2028-01-01,多,${today} 08:00:00,库管一`,
      ].join('\n'),
    );
    const imported = await runCli(['inventory', 'import', file, '--kind', 'purchase'], env);
    expect(imported.code).toBe(2);
    expect(imported.stdout).toContain('入队 1 行');
    expect(imported.stdout).toMatch(/3\s+\[数量\]/);

    const upload = await runCli(['inventory', 'upload', '--json'], env);
    expect(upload.code).toBe(0);
    expect(JSON.parse(upload.stdout)).toMatchObject({ done: 1, rejected: 0, waiting: 0 });

    const stock = await runCli(['inventory', 'query', 'stock', '--item', 'LOC-1', '--json'], env);
    expect(stock.code).toBe(0);
    expect(JSON.parse(stock.stdout).rows).toEqual([expect.objectContaining({ fixmedinsBchno: 'P1', invCnt: 24 })]);

    const queue = await runCli(['inventory', 'queue', '--json'], env);
    expect(JSON.parse(queue.stdout).counts).toMatchObject({ done: 1, queued: 0 });

    const noKey = await runCli(['inventory', 'query', 'stock'], env);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('--item');
    const badKind = await runCli(['inventory', 'import', file, '--kind', 'gift'], env);
    expect(badKind.code).toBe(1);
  });
});

describe('yibao mapping', () => {
  it('uploads, lists and revokes a mapping', async () => {
    const { b } = pharmacyItems(sandbox.center.store);
    const up = await runCli(
      [
        'mapping',
        'upload',
        '--local',
        'SHOP-9',
        '--name',
        '本店乙药',
        '--code',
        b.code,
        '--list-type',
        '101',
        '--barcode',
        '6900000000017',
      ],
      env,
    );
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const list = await runCli(['mapping', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ localCode: 'SHOP-9', nationalCode: b.code, barcode: '6900000000017' }),
    ]);
    const revoke = await runCli(['mapping', 'revoke', 'SHOP-9'], env);
    expect(revoke.code).toBe(0);
    const after = await runCli(['mapping', 'list', '--all', '--json'], env);
    expect(JSON.parse(after.stdout)).toEqual([expect.objectContaining({ localCode: 'SHOP-9', state: 'revoked' })]);
  });
});
