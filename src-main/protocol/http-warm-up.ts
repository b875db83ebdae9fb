/**
 * Runs the HTTP client once at start, on loopback, so the first customer after the counter starts does not wait
 * for it. Node loads and compiles its HTTP client (and axios its adapter) at the first request of a process:
 * 25–35 ms on a 2-core counter PC, paid by the first 1101 after a start (issue 17: the first read after the
 * counter starts took 50 ms in the main process against 8–10 for the next ones, 30 with this warm-up).
 *
 * One POST through the counter's own transport (the same axios instance, agent and deadlines) to a listener of
 * its own on 127.0.0.1, closed right after: nothing reaches the center, nothing is journaled. A warm-up that
 * fails changes nothing but the time of that first call; it is logged and otherwise ignored.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { logError } from '../core/log';
import type { Transport } from './transport';

const WARM_UP_TIMEOUTS = { connectMs: 2000, readMs: 2000 } as const;

/** Resolves (never rejects) once the request was answered or failed, and the listener closed. */
export async function warmUpHttpClient(transport: Transport): Promise<void> {
  const listener = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"infcode":0}');
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = listener.address() as AddressInfo;
    await transport.post({
      url: `http://127.0.0.1:${port}/warm-up`,
      body: '{}',
      headers: {},
      timeouts: WARM_UP_TIMEOUTS,
      call: { infno: 'warm-up', msgid: 'warm-up' },
    });
  } catch (error) {
    logError('E_HTTP_WARM_UP', error, 'HTTP 预热失败 (不影响交易)');
  } finally {
    // The transport's kept-alive socket to this listener is closed with it.
    listener.closeAllConnections();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  }
}
