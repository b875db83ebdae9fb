/**
 * What the packaged app is built with: the fuses electron-builder flips, and the renderer's meta CSP
 * (the same policy as the header, for a page that is loaded without it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_CSP, HEADER_CSP, cspMetaPlugin } from '../../src-main/host/csp';
import { IA32_HOST_DIR, defaultHostRuntimes } from '../../src-main/devices/dll/host-runtime';

describe('packaging', () => {
  it('sets the Electron fuses: no RunAsNode, NODE_OPTIONS or --inspect; asar only, with integrity', () => {
    const config = load(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses?: Record<string, boolean> };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('writes the header’s policy into index.html as a meta CSP (frame-ancestors only works in a header)', () => {
    const source = readFileSync('src-renderer/index.html', 'utf8');
    const html = cspMetaPlugin().transformIndexHtml(source);
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(DOCUMENT_CSP);
    expect(HEADER_CSP).toBe(`${DOCUMENT_CSP}; frame-ancestors 'none'`);
    expect(DOCUMENT_CSP).toMatch(/script-src 'self';/);
    expect(DOCUMENT_CSP).not.toMatch(/unsafe-eval/);
  });
});

describe('Windows packaging of the DLL hosts', () => {
  interface Config {
    asarUnpack: string[];
    extraResources: { from: string; to: string }[];
    npmRebuild: boolean;
    win: { target: { target: string; arch: string[] }[] };
  }
  const config = load(readFileSync('electron-builder.yml', 'utf8')) as Config;
  const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

  it('builds one NSIS installer for x64, rebuilding the native modules for Electron', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/koffi/**', 'node_modules/@koromix/**']),
    );
  });

  it('ships the host script with its wire module, and the 32-bit host where host-runtime.ts looks for it', () => {
    const to = (from: string) => config.extraResources.find((r) => r.from === from)?.to;
    expect(to('src-main/devices/dll/dll-host.mjs')).toBe('dll-host.mjs');
    expect(to('src-main/devices/dll/host-wire.mjs')).toBe('host-wire.mjs');
    expect(to('build/dll-host-ia32')).toBe(IA32_HOST_DIR);
    // dist:win lays the 32-bit host out before electron-builder copies it.
    expect(packageJson.scripts['dist:win']).toMatch(/^node scripts\/win-node\.mjs host-ia32 && .*electron-builder --win --x64$/);
  });

  it('on 64-bit Windows the counter offers the 32-bit host from its resources; elsewhere only its own kind', () => {
    const win = defaultHostRuntimes('win32', 'x64', 'C:\\Program Files\\医保收银台\\resources');
    expect(win.map((r) => r.arch)).toEqual([process.arch, 'ia32']);
    expect(win[1]?.koffiEntry).toBe(join('C:\\Program Files\\医保收银台\\resources', IA32_HOST_DIR, 'node_modules', 'koffi'));
    expect(defaultHostRuntimes('linux', 'x64', '/opt/yibao/resources')).toHaveLength(1);
    expect(defaultHostRuntimes('win32', 'ia32', 'C:\\yibao\\resources')).toHaveLength(1);
  });
});
