/**
 * Web mode's host: the renderer and the API on loopback, guarded by the per-start token
 * and the Host check; the API validates its arguments and reports errors in Chinese.
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebMode, type WebMode } from '../../src-main/host/web-mode';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { HEADER_CSP } from '../../src-main/host/csp';
import { API_BODY_LIMIT_BYTES, MAX_IMPORT_BYTES } from '../../src-main/api/limits';
import { startWebOnHarness } from '../helpers/web-on-harness';

let h: Harness;
let web: WebMode;

beforeAll(async () => {
  h = await startHarness();
  writeFileSync(join(h.dir, 'secret.txt'), 'not for the browser');
  ({ web } = await startWebOnHarness(h));
}, 120_000);
afterAll(async () => {
  await web.close();
  await h.close();
});

async function invoke(method: string, args: unknown, token = web.host.token) {
  const res = await fetch(new URL('/api/invoke', web.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Yibao-Token': token },
    body: JSON.stringify({ method, args }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } },
  };
}

/** A raw request with a chosen Host header (fetch does not allow setting it). */
function rawGet(path: string, host: string): Promise<number> {
  const url = new URL(web.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web host', () => {
  it('serves index.html with this start’s token and a strict CSP to the holder of the launch key', async () => {
    const res = await fetch(web.url);
    expect(res.headers.get('content-security-policy')).toBe(HEADER_CSP);
    expect(await res.text()).toContain(web.host.token);
    // The key travels on as a strict cookie, so a reload of / works without it in the address.
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    const again = await fetch(new URL('/', web.url), { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(await again.text()).toContain(web.host.token);
  });

  it('does not hand the token to a local process that lacks the launch key', async () => {
    const bare = await fetch(new URL('/', web.url));
    expect(bare.status).toBe(403);
    expect(await bare.text()).not.toContain(web.host.token);
    const wrongKey = await fetch(new URL('/index.html?k=guess', web.url));
    expect(wrongKey.status).toBe(403);
  });

  it('survives a malformed %-escape in the path, without a token (regression: URIError killed the process)', async () => {
    for (const path of ['/%', '/%E0%A4%A', '/api/%zz', '/%00']) {
      expect(await rawGet(path, new URL(web.url).host)).toBe(400);
    }
    expect((await invoke('app.status', {})).body.ok).toBe(true);
  });

  it('answers 400 to a body that is JSON but not an object (regression: null crashed the process)', async () => {
    for (const body of ['null', '[]', '"x"', '7', 'true']) {
      const res = await fetch(new URL('/api/invoke', web.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Yibao-Token': web.host.token },
        body,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('E_BAD_REQUEST');
    }
    expect((await invoke('app.status', {})).body.ok).toBe(true);
  });

  it('takes a body as large as the largest import file, and refuses a larger one with 413', async () => {
    // A 4 MB file was refused as 请求过大 while the import allows 10 MB.
    const file = Buffer.alloc(MAX_IMPORT_BYTES, 0x41).toString('base64');
    const fits = await invoke('inventory.preview', { kind: 'purchase', filename: 'big.csv', contentBase64: file });
    expect(fits.status).toBe(200);
    expect(fits.body.error?.code).not.toBe('E_TOO_LARGE');
    const tooBig = await fetch(new URL('/api/invoke', web.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Yibao-Token': web.host.token },
      body: JSON.stringify({ method: 'app.status', args: { pad: 'x'.repeat(API_BODY_LIMIT_BYTES) } }),
    });
    expect(tooBig.status).toBe(413);
  });

  it('refuses API calls without the token', async () => {
    const r = await invoke('app.status', {}, 'wrong');
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('E_TOKEN');
  });

  it('refuses a foreign Host header (DNS rebinding) and paths outside the renderer', async () => {
    expect(await rawGet('/', 'evil.example:80')).toBe(421);
    expect(await rawGet('/../secret.txt', new URL(web.url).host)).not.toBe(200);
    expect(await rawGet('/%2e%2e/secret.txt', new URL(web.url).host)).toBe(403);
    expect(await rawGet('/%2e%2e%2fsecret.txt', new URL(web.url).host)).toBe(403);
  });

  it('answers the API: status, sign-in, registry', async () => {
    const status = await invoke('app.status', {});
    expect(status.body.ok).toBe(true);
    expect(status.body.value).toMatchObject({
      sandbox: false,
      institution: { code: 'P42010000001' },
      profile: { id: 'national' },
    });
    const signIn = await invoke('session.signIn', { opter: 'OP09', opterName: '赵收费' });
    expect(signIn.body.value).toMatchObject({ opter: 'OP09', signNo: expect.stringMatching(/^SN/) });
    expect((await invoke('session.current', {})).body.value).toMatchObject({ opter: 'OP09' });
    const list = await invoke('registry.list', { mandatory: 'clinic' });
    expect((list.body.value as unknown[]).length).toBe(59);
  });

  it('validates arguments and names unknown methods, in Chinese', async () => {
    const bad = await invoke('session.signIn', { opter: '', opterName: '赵' });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.error?.message).toContain('请输入操作员编号');
    const unknown = await invoke('payments.steal', {});
    expect(unknown.body.error?.code).toBe('E_API_METHOD');
    const extra = await invoke('registry.list', { mandatory: 'shop' });
    expect(extra.body.error?.code).toBe('E_API_ARGS');
  });
});

describe('a second start', () => {
  it('says clearly that the port is taken', async () => {
    const port = Number(new URL(web.url).port);
    const configPath = join(h.dir, 'web-config.json');
    await expect(startWebMode({ configPath, env: {}, rendererDir: h.dir, port, version: 'test' })).rejects.toMatchObject({
      code: 'E_PORT_IN_USE',
      messageZh: expect.stringContaining(`端口 ${port} 已被占用`),
    });
  });
});
