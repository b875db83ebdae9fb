/**
 * The gateway secret at rest: sealed by the desktop app's safeStorage (a stand-in sealer here: the real
 * one needs Electron), opened per counter, refused clearly where it cannot be opened.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gatewayCredentials, sealGatewaySecretInFile, type SecretSealer } from '../../src-main/config/gateway-secret';
import { loadConfig } from '../../src-main/config/load';
import { makeTempDir } from '../helpers/temp-dir';

/** Reversible and visibly not the plain text, like DPAPI output. */
const sealer: SecretSealer = {
  available: () => true,
  seal: (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ 0x5a)),
  unseal: (sealed) => Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString('utf8'),
};

const temp = makeTempDir('yibao-secret-');
afterAll(() => temp.cleanup());

describe('gateway secret', () => {
  it('is sealed in the file at the desktop app’s start and opened for the center client', () => {
    const path = join(temp.dir, 'config.json');
    writeFileSync(
      path,
      JSON.stringify({ center: { gateway: { paasid: 'hb_fixmedins', secret: 'S3cret-token', serviceId: 'x' } } }),
    );
    expect(sealGatewaySecretInFile(path, sealer)).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('S3cret-token');
    expect(text).toMatch(/"secretProtected": "safeStorage:[A-Za-z0-9+/=]+"/);
    const { config } = loadConfig({ path, env: {} });
    expect(gatewayCredentials(config.center.gateway, sealer)).toEqual({
      paasid: 'hb_fixmedins',
      secret: 'S3cret-token',
      serviceId: 'x',
    });
    // Sealed once: a second start leaves the file alone.
    expect(sealGatewaySecretInFile(path, sealer)).toBe(false);
  });

  it('leaves the file alone without a sealer that works (web mode keeps a 0600 plain secret)', () => {
    const path = join(temp.dir, 'plain.json');
    writeFileSync(path, JSON.stringify({ center: { gateway: { paasid: 'p', secret: 's' } } }));
    expect(sealGatewaySecretInFile(path, { ...sealer, available: () => false })).toBe(false);
    expect(gatewayCredentials(loadConfig({ path, env: {} }).config.center.gateway, null)).toEqual({ paasid: 'p', secret: 's' });
  });

  it('says plainly why a sealed secret cannot be used from the CLI or from another Windows user', () => {
    const gateway = { paasid: 'p', secretProtected: 'safeStorage:AAAA' };
    expect(() => gatewayCredentials(gateway, null)).toThrow(expect.objectContaining({ code: 'E_GATEWAY_SECRET_SEALED' }));
    const broken: SecretSealer = {
      ...sealer,
      unseal: () => {
        throw new Error('DPAPI: bad data');
      },
    };
    expect(() => gatewayCredentials(gateway, broken)).toThrow(expect.objectContaining({ code: 'E_GATEWAY_SECRET_UNSEAL' }));
  });

  it('takes exactly one of secret and secretProtected, in Chinese', () => {
    const path = join(temp.dir, 'both.json');
    writeFileSync(
      path,
      JSON.stringify({ center: { gateway: { paasid: 'p', secret: 's', secretProtected: 'safeStorage:AAAA' } } }),
    );
    expect(() => loadConfig({ path, env: {} })).toThrow(/secret 或 secretProtected 之一/);
  });
});
