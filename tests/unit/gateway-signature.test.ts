import { describe, expect, it } from 'vitest';
import { tifHeaders, tifSignature } from '../../src-main/protocol/gateway-signature';

describe('x-tif gateway signature', () => {
  it('is sha256(timestamp + token + nonce + timestamp) in lower-case hex', () => {
    // Vector computed independently: echo -n "1700000000secret-tokenabc1231700000000" | sha256sum
    expect(tifSignature('1700000000', 'secret-token', 'abc123')).toBe(
      '164146fa3623db3675d314c840659d054bd4e2e5ba2339e7f11bda1df9dd2481',
    );
  });

  it('sends paasid, timestamp in seconds, nonce and signature', () => {
    const h = tifHeaders({ paasid: 'PAAS01', secret: 'secret-token' }, new Date(1_700_000_000_500), 'abc123');
    expect(h).toEqual({
      'x-tif-paasid': 'PAAS01',
      'x-tif-timestamp': '1700000000',
      'x-tif-nonce': 'abc123',
      'x-tif-signature': '164146fa3623db3675d314c840659d054bd4e2e5ba2339e7f11bda1df9dd2481',
    });
  });

  it('uses a fresh nonce per call', () => {
    const a = tifHeaders({ paasid: 'P', secret: 's' });
    const b = tifHeaders({ paasid: 'P', secret: 's' });
    expect(a['x-tif-nonce']).not.toBe(b['x-tif-nonce']);
    // A GUID without its dashes ([OH] sends a GUID): header-safe, 32 lower-case hex characters.
    expect(a['x-tif-nonce']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sends x-tif-serviceId only when the credentials name a service', () => {
    const at = new Date(1_700_000_000_000);
    // The key itself must be absent: a key holding undefined is an invalid header value for node:http.
    expect(Object.keys(tifHeaders({ paasid: 'P', secret: 's' }, at, 'n'))).not.toContain('x-tif-serviceId');
    expect(Object.keys(tifHeaders({ paasid: 'P', secret: 's', serviceId: '' }, at, 'n'))).not.toContain('x-tif-serviceId');
    expect(tifHeaders({ paasid: 'P', secret: 's', serviceId: 'SVC01' }, at, 'n')['x-tif-serviceId']).toBe('SVC01');
  });
});
