/**
 * What a catalogue sync downloads is decided by the region profile, not by the code: the
 * national baseline downloads every file catalogue and pages 1312 / 1316–1319; Hubei gets
 * 1301–1306 through 1312a instead.
 */
import { describe, expect, it } from 'vitest';
import { planSync } from '../../src-main/catalogue/sync';
import { getProfile } from '../../src-main/registry/profile';
import { YibaoError } from '../../src-main/core/errors';

const codes = (steps: { infno: string; mode: string }[]) => steps.map((s) => `${s.infno}:${s.mode}`);

describe('planSync', () => {
  it('national: every file catalogue, then 1312 and 1316–1319 paged, then 1901', () => {
    expect(codes(planSync(getProfile('national')))).toEqual([
      ...['1301', '1302', '1303', '1304', '1305', '1306', '1307', '1308', '1309', '1310', '1311', '1313', '1314', '1315'].map(
        (c) => `${c}:file`,
      ),
      ...['1306A', '1320', '1322', '1323', '1324', '1325', '1326', '1327'].map((c) => `${c}:file`),
      '1312:paged',
      '1316:paged',
      '1317:paged',
      '1318:paged',
      '1319:paged',
      '1901:dictionary',
    ]);
  });

  it('hubei: no 1301–1306 files and no 1312; the 医保目录 comes from 1312a', () => {
    const plan = codes(planSync(getProfile('hubei')));
    for (const c of ['1301', '1302', '1303', '1304', '1305', '1306']) expect(plan).not.toContain(`${c}:file`);
    expect(plan).not.toContain('1312:paged');
    expect(plan).toContain('1312a:paged');
    expect(plan).toContain('1307:file');
    expect(getProfile('hubei').flows.catalogueQuery).toBe('1312a');
  });

  it('sichuan: 1304 民族药品目录 is a direct query (seed 003 l.212), every other file catalogue stays a file', () => {
    const plan = codes(planSync(getProfile('sichuan')));
    expect(plan).toContain('1304:paged');
    expect(plan).not.toContain('1304:file');
    for (const c of ['1301', '1302', '1303', '1305', '1306', '1307']) expect(plan).toContain(`${c}:file`);
    expect(codes(planSync(getProfile('national')))).toContain('1304:file');
  });

  it('the newer national catalogues (1306A, 1320, 1322–1327) are files nationally and not used in Hubei or Sichuan', () => {
    const newer = ['1306A', '1320', '1322', '1323', '1324', '1325', '1326', '1327'];
    const national = codes(planSync(getProfile('national')));
    for (const c of newer) expect(national).toContain(`${c}:file`);
    for (const id of ['hubei', 'sichuan'] as const) {
      const plan = planSync(getProfile(id)).map((s) => s.infno);
      for (const c of newer) expect(plan).not.toContain(c);
    }
  });

  it('--only keeps the order and refuses what the profile does not download, saying what to use', () => {
    expect(codes(planSync(getProfile('national'), ['1901', '1312', '1301']))).toEqual([
      '1301:file',
      '1312:paged',
      '1901:dictionary',
    ]);
    const refusal = (profile: 'national' | 'hubei', only: string[]) => {
      try {
        planSync(getProfile(profile), only);
      } catch (e) {
        expect(e).toBeInstanceOf(YibaoError);
        return (e as YibaoError).messageZh;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal('hubei', ['1301'])).toMatch(/不单独下载 1301 西药中成药目录.*请同步 1312a/);
    expect(refusal('hubei', ['1312'])).toContain('不使用 1312');
    expect(refusal('national', ['1312a'])).toContain('1312a 不是可同步的目录交易');
    expect(refusal('national', ['2207'])).toContain('2207 不是可同步的目录交易');
  });
});
