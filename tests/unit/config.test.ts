import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, saveConfig } from '../../src-main/config/load';
import type { YibaoError } from '../../src-main/core/errors';
import { makeTempDir } from '../helpers/temp-dir';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function tempConfig(content: string | null) {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const path = join(t.dir, 'config.json');
  if (content !== null) writeFileSync(path, content);
  return path;
}

function errorOf(fn: () => unknown): YibaoError {
  try {
    fn();
  } catch (e) {
    return e as YibaoError;
  }
  throw new Error('expected an error');
}

describe('config', () => {
  it('defaults to the embedded sandbox with no file at all', () => {
    const path = tempConfig(null);
    const { config, fileExists, dataDir } = loadConfig({ path, env: {} });
    expect(fileExists).toBe(false);
    expect(config.center.url).toBeNull();
    expect(config.institution.fixmedinsCode).toBe('P42010000001');
    expect(config.profile).toBe('national');
    expect(dataDir).toBe(join(path, '..'));
  });

  it('names the bad field in Chinese with a code', () => {
    const path = tempConfig(
      JSON.stringify({ institution: { fixmedinsCode: 'X1', fixmedinsName: 'a', mdtrtareaAdmvs: '4201', kind: 'shop' } }),
    );
    const err = errorOf(() => loadConfig({ path, env: {} }));
    expect(err.code).toBe('E_CONFIG_INVALID');
    expect(err.messageZh).toContain('institution.fixmedinsCode');
    expect(err.messageZh).toContain('12 位');
    expect(err.messageZh).toContain('institution.mdtrtareaAdmvs');
    expect(err.messageZh).toContain('institution.kind');
  });

  it('reports JSON syntax errors and unknown fields', () => {
    expect(errorOf(() => loadConfig({ path: tempConfig('{ "profile": '), env: {} })).code).toBe('E_CONFIG_SYNTAX');
    const err = errorOf(() => loadConfig({ path: tempConfig('{"profil": "hubei"}'), env: {} }));
    expect(err.code).toBe('E_CONFIG_INVALID');
    expect(err.messageZh).toContain('profil');
    expect(errorOf(() => loadConfig({ path: tempConfig('{"profile": "beijing"}'), env: {} })).messageZh).toContain('profile');
  });

  it('lets YIBAO_CENTER_URL override the center, and validates it', () => {
    const path = tempConfig(JSON.stringify({ profile: 'hubei' }));
    expect(
      loadConfig({ path, env: { YIBAO_CENTER_URL: 'http://10.1.2.3:8080/fsi/api/rsfComIfsService/callService' } }).config.center
        .url,
    ).toBe('http://10.1.2.3:8080/fsi/api/rsfComIfsService/callService');
    expect(loadConfig({ path, env: { YIBAO_CENTER_URL: 'sandbox' } }).config.center.url).toBeNull();
    expect(errorOf(() => loadConfig({ path, env: { YIBAO_CENTER_URL: 'ftp://x' } })).messageZh).toContain('center.url');
  });

  it('honours YIBAO_CONFIG and saves atomically after validating', () => {
    const path = tempConfig(null);
    expect(loadConfig({ env: { YIBAO_CONFIG: path } }).path).toBe(path);
    saveConfig(path, { profile: 'sichuan' });
    expect(loadConfig({ path, env: {} }).config.profile).toBe('sichuan');
    expect(() => saveConfig(path, { profile: 'nowhere' as 'hubei' })).toThrow(/profile/);
    expect(loadConfig({ path, env: {} }).config.profile).toBe('sichuan');
  });
});
