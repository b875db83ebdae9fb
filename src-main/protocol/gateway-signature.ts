/**
 * TIF PaaS gateway headers (protocol.md §1.4): x-tif-signature is the lower-case hex
 * SHA-256 of `timestamp + paasToken + nonce + timestamp`, timestamp in Unix seconds.
 */
import { createHash, randomUUID } from 'node:crypto';

export interface GatewayCredentials {
  readonly paasid: string;
  readonly secret: string;
  readonly serviceId?: string;
}

export function tifSignature(timestamp: string, secret: string, nonce: string): string {
  return createHash('sha256')
    .update(timestamp + secret + nonce + timestamp, 'utf8')
    .digest('hex');
}

export function tifHeaders(
  creds: GatewayCredentials,
  now: Date = new Date(),
  nonce: string = randomUUID().replace(/-/g, ''),
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const headers: Record<string, string> = {
    'x-tif-paasid': creds.paasid,
    'x-tif-timestamp': timestamp,
    'x-tif-nonce': nonce,
    'x-tif-signature': tifSignature(timestamp, creds.secret, nonce),
  };
  if (creds.serviceId) headers['x-tif-serviceId'] = creds.serviceId;
  return headers;
}
