/** MAC and IP reported in 9001 sign-in: the first external IPv4 interface of this PC. */
import { networkInterfaces } from 'node:os';

export function localNetworkIdentity(): { mac: string; ip: string } {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === 'IPv4' && !a.internal) return { mac: a.mac.toUpperCase().replace(/:/g, '-'), ip: a.address };
    }
  }
  return { mac: '00-00-00-00-00-00', ip: '127.0.0.1' };
}
