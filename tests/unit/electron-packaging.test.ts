/**
 * What the packaged app is built with: the fuses electron-builder flips, and the renderer's meta CSP
 * (the same policy as the header, for a page that is loaded without it).
 */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_CSP, HEADER_CSP, cspMetaPlugin } from '../../src-main/host/csp';

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
