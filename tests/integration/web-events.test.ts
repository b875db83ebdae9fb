/**
 * Web mode's live side and runtime: the event stream is token-checked and carries journal
 * activity; saving settings writes the config file (keeping what it does not change) and
 * reopens the counter behind the same address.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebMode } from '../../src-main/host/web-mode';
import { PHARMACY, startHarness, type Harness } from '../helpers/sandbox-harness';
import { startWebOnHarness } from '../helpers/web-on-harness';

let h: Harness;
let web: WebMode;
let configPath: string;

beforeAll(async () => {
  h = await startHarness();
  ({ web, configPath } = await startWebOnHarness(h, {
    configName: 'events-config.json',
    config: {
      center: { url: h.sandbox.url, timeouts: { readMs: 20000 } },
      institution: { ...PHARMACY, terminalSlot: 3 },
    },
  }));
}, 120_000);
afterAll(async () => {
  await web?.close();
  await h.close();
});

async function invoke(method: string, args: unknown) {
  const res = await fetch(new URL('/api/invoke', web.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Yibao-Token': web.host.token },
    body: JSON.stringify({ method, args }),
  });
  return (await res.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };
}

/** Opens the event stream; collects parsed `data:` events until closed. */
function openStream(token: string): Promise<{ status: number; events: unknown[]; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(`/api/events?token=${token}`, web.url), (res) => {
      const events: unknown[] = [];
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
        }
      });
      resolve({ status: res.statusCode ?? 0, events, close: () => req.destroy() });
    });
    req.on('error', (e) => (String(e).includes('socket hang up') ? undefined : reject(e)));
  });
}

describe('event stream', () => {
  it('refuses a wrong token', async () => {
    const s = await openStream('wrong');
    expect(s.status).toBe(403);
    s.close();
  });

  it('tells the screens when the journal moves', async () => {
    const s = await openStream(web.host.token);
    expect(s.status).toBe(200);
    const signIn = await invoke('session.signIn', { opter: 'OP07', opterName: '周收费' });
    expect(signIn.ok).toBe(true);
    await expect.poll(() => s.events.some((e) => (e as { type: string }).type === 'journal'), { timeout: 10_000 }).toBe(true);
    s.close();
  });
});

describe('settings', () => {
  it('saves institution and profile into the config file, keeps other fields, and reopens the counter', async () => {
    const s = await openStream(web.host.token);
    const saved = await invoke('settings.save', {
      centerUrl: h.sandbox.url,
      institution: {
        fixmedinsCode: 'H42010000002',
        fixmedinsName: '沙箱演示诊所',
        mdtrtareaAdmvs: '420100',
        kind: 'clinic',
        terminalSlot: 3,
      },
      profile: 'hubei',
    });
    expect(saved.ok).toBe(true);
    const file = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(file['institution']).toMatchObject({ fixmedinsCode: 'H42010000002', kind: 'clinic', terminalSlot: 3 });
    expect(file['center']).toMatchObject({ url: h.sandbox.url, timeouts: { readMs: 20000 } });
    expect(file['profile']).toBe('hubei');

    const status = await invoke('app.status', {});
    expect(status.value).toMatchObject({ institution: { code: 'H42010000002', kind: 'clinic' }, profile: { id: 'hubei' } });
    expect(web.app.loaded.config.institution.fixmedinsCode).toBe('H42010000002');
    await expect.poll(() => s.events.some((e) => (e as { type: string }).type === 'restarted'), { timeout: 10_000 }).toBe(true);
    // Sessions are per institution: the clinic has nobody signed in yet.
    expect((await invoke('session.current', {})).value ?? null).toBeNull();
    s.close();
  });

  it('refuses an invalid institution code in Chinese and leaves the file alone', async () => {
    const before = readFileSync(configPath, 'utf8');
    const bad = await invoke('settings.save', {
      centerUrl: '',
      institution: { fixmedinsCode: 'H4201', fixmedinsName: 'x', mdtrtareaAdmvs: '420100', kind: 'clinic', terminalSlot: 0 },
      profile: 'national',
    });
    expect(bad.ok).toBe(false);
    expect(bad.error?.message).toContain('机构编码应为 12 位');
    expect(readFileSync(configPath, 'utf8')).toBe(before);
  });
});
