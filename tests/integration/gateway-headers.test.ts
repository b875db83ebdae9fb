/**
 * center.gateway puts the TIF headers of protocol.md §1.4 on the wire: a local HTTP server records
 * what arrives and the test recomputes the signature itself (SHA-256 hex of timestamp + secret +
 * nonce + timestamp), without the client's gateway-signature.ts.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR } from '../helpers/sandbox-fixtures';

const GATEWAY = { paasid: 'PAAS420100', secret: 'tif-secret-标准' };

let h: Harness;
let server: http.Server;
let url: string;
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  h = await startHarness();
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ infcode: 0, output: { signinoutb: { sign_time: '2026-11-23 10:00:00', sign_no: 'SNTIF' } } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fsi/api/rsfComIfsService/callService`;
}, 120_000);
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await h.close();
});

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('x-tif gateway headers', () => {
  it('each request carries paasid, a seconds timestamp, a fresh nonce and the signature over them', async () => {
    const app = await h.openApp({ center: { url, gateway: GATEWAY } }, 'gateway');
    const before = Math.floor(Date.now() / 1000);
    await app.sessions.signIn(app.client, OPERATOR);
    await app.sessions.signIn(app.client, OPERATOR);
    const after = Math.floor(Date.now() / 1000);
    expect(seen).toHaveLength(2);
    for (const headers of seen) {
      const timestamp = String(headers['x-tif-timestamp']);
      const nonce = String(headers['x-tif-nonce']);
      expect(headers['x-tif-paasid']).toBe(GATEWAY.paasid);
      expect(timestamp).toMatch(/^\d{10}$/);
      expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
      expect(Number(timestamp)).toBeLessThanOrEqual(after);
      expect(nonce.length).toBeGreaterThanOrEqual(16);
      expect(headers['x-tif-signature']).toBe(sha256Hex(timestamp + GATEWAY.secret + nonce + timestamp));
      expect(headers['content-type']).toMatch(/^application\/json/);
    }
    expect(seen[0]?.['x-tif-nonce']).not.toBe(seen[1]?.['x-tif-nonce']);
  });

  it('without center.gateway no x-tif header leaves', async () => {
    seen.length = 0;
    const app = await h.openApp({ center: { url } }, 'plain');
    await app.sessions.signIn(app.client, OPERATOR);
    expect(Object.keys(seen[0] ?? {}).filter((k) => k.startsWith('x-tif'))).toEqual([]);
  });
});
